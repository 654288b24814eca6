/**
 * The prompter: the confirmation contract (confirm() resolves only on an explicit yes or --yes; a
 * "no", or any answer that is not exactly yes, refuses with exit 3 — no caller can forget to check
 * it), and black-box on a real pseudo-terminal (util-linux `script`): the hidden prompts for the
 * mnemonic, the passphrase (asked twice) and dice rolls. What is typed is never echoed; the run
 * then behaves as with files. The terminal part is skipped where `script` is missing.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, RefusedError } from '../../src/core/errors.js';
import { NETWORKS } from '../../src/core/network.js';
import { prompter, scriptedPrompter, terminalPrompter, type Answers } from '../../src/cli/prompt.js';
import { masterKey, seedFromMnemonic } from '../../src/core/hd/keys.js';
import { BIN, tmpDir } from '../helpers/cli.js';
import { ABOUT } from '../helpers/harness.js';

const hasScript = spawnSync('sh', ['-c', 'command -v script']).status === 0;

/** Run coldkit under a pty; each answer is typed (with Enter) once its prompt text has appeared. */
function runTty(args: string[], answers: [prompt: string, text: string][]): Promise<{ code: number; out: string; journal: string }> {
  const dir = tmpDir('coldkit-tty-');
  const journal = path.join(dir, 'journal.jsonl');
  const cmd = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const env: NodeJS.ProcessEnv = { ...process.env, COLDKIT_JOURNAL: journal, TERM: 'dumb' };
  delete env.NODE_OPTIONS;
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', cmd, '/dev/null'], { cwd: dir, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let next = 0;
    let seen = 0; // how far the output has been searched for the next prompt
    const timer = setTimeout(() => child.kill('SIGKILL'), 40_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      while (next < answers.length) {
        const at = out.indexOf(answers[next]![0], seen);
        if (at < 0) break;
        seen = at + answers[next]![0].length;
        const text = answers[next]![1];
        next++;
        setTimeout(() => child.stdin.write(text + '\r'), 150);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      let j = '';
      try {
        j = fs.readFileSync(journal, 'utf8');
      } catch {
        /* no journal */
      }
      fs.rmSync(dir, { recursive: true, force: true });
      resolve({ code: code ?? -1, out, journal: j });
    });
  });
}

const fp = (phrase: string, pass: string) => masterKey(seedFromMnemonic(phrase, pass), NETWORKS.mainnet).fingerprint.toString(16).padStart(8, '0');

describe.skipIf(!hasScript)('hidden prompts on a terminal', () => {
  it('seed check: the mnemonic typed at the prompt is not echoed', async () => {
    const r = await runTty(['seed', 'check'], [['Mnemonic words', ABOUT]]);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('[input is masked]');
    expect(r.out).toContain('Master fingerprint: 73c5da0a');
    expect(r.out).not.toMatch(/abandon/);
    expect(r.journal).toContain('"op":"seed.check"');
  });
  it('seed check --passphrase: asked twice, hidden, used', async () => {
    const pass = 'tty passphrase 9';
    const r = await runTty(['seed', 'check', '--passphrase'], [['Mnemonic words', ABOUT], ['BIP39 passphrase', pass], ['Repeat the passphrase', pass]]);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain(`Master fingerprint: ${fp(ABOUT, pass)}`);
    expect(r.out).toContain('without passphrase   73c5da0a');
    expect(r.out).not.toContain(pass);
    expect(r.journal).not.toContain(pass);
  });
  it('seed check --passphrase: two different entries → exit 2, nothing journaled', async () => {
    const r = await runTty(['seed', 'check', '--passphrase'], [['Mnemonic words', ABOUT], ['BIP39 passphrase', 'first one'], ['Repeat the passphrase', 'second one']]);
    expect(r.code, r.out).toBe(2);
    expect(r.out).toContain('coldkit: --passphrase: the two passphrase entries differ; nothing was done');
    expect(r.journal).toBe('');
  });
  it('seed new --dice: rolls typed hidden are mixed with the CSPRNG', async () => {
    const rolls = '3614251636425163245126354216534621536412563412653421';
    const r = await runTty(['seed', 'new', '--words', '12', '--dice'], [['Die rolls', rolls]]);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('Entropy: csprng+dice; bits credited: CSPRNG 128, dice 128');
    expect(r.out).not.toContain(rolls);
    expect(r.journal).toMatch(/"diceRolls":52/);
    expect(r.journal).not.toContain(rolls);
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
