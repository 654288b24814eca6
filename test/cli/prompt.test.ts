/**
 * The prompter: the confirmation contract (confirm() resolves only on an explicit yes or --yes; a
 * "no", or any answer that is not exactly yes, refuses with exit 3 — no caller can forget to check
 * it), and black-box on a real pseudo-terminal (util-linux `script`): the mnemonic typed word by
 * word with completion (the screen cleared after), the hidden passphrase (asked twice) and the
 * hidden dice rolls with their live count. Hidden input is never echoed; the run then behaves as
 * with files. The terminal part is skipped where `script` is missing.
 */
import { describe, expect, it } from 'vitest';
import { InputError, RefusedError } from '../../src/core/errors.js';
import { NETWORKS } from '../../src/core/network.js';
import { prompter, scriptedPrompter, terminalPrompter, type Answers } from '../../src/cli/prompt.js';
import { masterKey, seedFromMnemonic } from '../../src/core/hd/keys.js';
import { hasScript, runTty } from '../helpers/tty.js';
import { CLEAR_SCREEN } from '../../src/cli/shares/prompt-entry.js';
import { ABOUT } from '../helpers/harness.js';

const fp = (phrase: string, pass: string) => masterKey(seedFromMnemonic(phrase, pass), NETWORKS.mainnet).fingerprint.toString(16).padStart(8, '0');

/** Answers typing `phrase` word by word (4 letters each) after the word-count question. */
function typeWords(phrase: string): [string, string][] {
  const words = phrase.split(' ');
  return [['How many words?', String(words.length)], ...words.map((w, i): [string, string] => [`Word ${i + 1} of ${words.length}:`, w.slice(0, 4)])];
}

describe.skipIf(!hasScript)('prompts on a terminal', () => {
  it('seed check: words typed one by one with completion (a typo asked again); the screen is cleared after entry', async () => {
    const answers = typeWords(ABOUT);
    answers.splice(5, 1, ['Word 5 of 12:', 'abandn'], ['Word 5 of 12 (again', 'aban']);
    const r = await runTty(['seed', 'check'], answers);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('word 5 is not in the BIP39 English word list — type it again');
    expect(r.out).toContain('Master fingerprint: 73c5da0a');
    // The words were on the screen while typed; after entry the screen and scrollback are cleared.
    const after = r.out.slice(r.out.lastIndexOf(CLEAR_SCREEN));
    expect(after).toContain('Master fingerprint');
    expect(after).not.toMatch(/aban/);
    expect(r.journal).toContain('"op":"seed.check"');
    expect(r.journal).not.toMatch(/aban/);
  });
  it('seed check --passphrase: asked twice, hidden, used', async () => {
    const pass = 'tty passphrase 9';
    const r = await runTty(['seed', 'check', '--passphrase'], [...typeWords(ABOUT), ['BIP39 passphrase', pass], ['Repeat the passphrase', pass]]);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain(`Master fingerprint: ${fp(ABOUT, pass)}`);
    expect(r.out).toContain('without passphrase   73c5da0a');
    expect(r.out).not.toContain(pass);
    expect(r.journal).not.toContain(pass);
  });
  it('seed check --passphrase: two different entries → exit 2, nothing journaled', async () => {
    const r = await runTty(['seed', 'check', '--passphrase'], [...typeWords(ABOUT), ['BIP39 passphrase', 'first one'], ['Repeat the passphrase', 'second one']]);
    expect(r.code, r.out).toBe(2);
    expect(r.out).toContain('coldkit: --passphrase: the two passphrase entries differ; nothing was done');
    expect(r.journal).toBe('');
  });
  it('seed new --dice: rolls typed hidden with a live count, a bad line refused, then mixed with the CSPRNG', async () => {
    const rolls = '3614251636425163245126354216534621536412563412653421';
    const r = await runTty(['seed', 'new', '--words', '12', '--dice'], [
      ['Die rolls — 0 rolls', rolls.slice(0, 30)],
      ['Die rolls — 30 rolls, 77.5 of 128 bits', '12x'],
      ['type it again from roll 31', rolls.slice(30)],
      ['Die rolls — 52 rolls, 134.4 of 128 bits: enough', ''],
    ]);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('roll 33 would be "x", not a die face 1-6');
    expect(r.out).toContain('Entropy: csprng+dice; bits credited: CSPRNG 128, dice 128');
    expect(r.out).not.toContain(rolls.slice(0, 10));
    expect(r.journal).toMatch(/"diceRolls":52/);
    expect(r.journal).not.toContain(rolls.slice(0, 10));
  });
});

function answering(answer: unknown): Answers & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    interactive: true,
    yesNo: async (m) => {
      asked.push(m);
      return answer as boolean;
    },
    secret: async () => '',
    input: async () => '',
  };
}

describe('confirm approves or throws', () => {
  it('an explicit yes resolves', async () => {
    await expect(prompter(answering(true), false).confirm('Sign?')).resolves.toBeUndefined();
  });

  it.each([false, undefined, 'yes', 1, null])('the answer %j refuses with exit 3', async (answer) => {
    const e = await prompter(answering(answer), false).confirm('Sign?').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(RefusedError);
    expect((e as RefusedError).exitCode).toBe(3);
    expect((e as Error).message).toBe('declined at the confirmation prompt; nothing was done');
  });

  it('--yes approves without asking', async () => {
    const a = answering(false);
    await prompter(a, true).confirm('Sign?');
    expect(a.asked).toEqual([]);
  });

  it('an answer source that fails is not an approval', async () => {
    const a: Answers = { ...answering(true), yesNo: async () => Promise.reject(new Error('terminal gone')) };
    await expect(prompter(a, false).confirm('Sign?')).rejects.toThrow('terminal gone');
  });

  it('scripted answers: true approves, false refuses, none left fails', async () => {
    const p = scriptedPrompter([true, false]);
    await p.confirm('one');
    await expect(p.confirm('two')).rejects.toBeInstanceOf(RefusedError);
    await expect(p.confirm('three')).rejects.toThrow(/no scripted answer left/);
    await expect(scriptedPrompter([], true).confirm('with --yes')).resolves.toBeUndefined();
  });

  it('without a terminal a confirmation is exit 2 unless --yes', async () => {
    await expect(terminalPrompter({ yes: false, stdinIsTTY: false }).confirm('Sign?')).rejects.toBeInstanceOf(InputError);
    await expect(terminalPrompter({ yes: true, stdinIsTTY: false }).confirm('Sign?')).resolves.toBeUndefined();
  });
});
