/**
 * The terminal ceremony, in process with an injected terminal: shares shown one holder at a time
 * with the screen cleared between holders, --confirm re-entry (a wrong word is caught, then the
 * right share accepted), and word-by-word entry with 4-letter prefixes for combine.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Io, Prompter } from '../../../src/cli/command.js';
import { overrides } from '../../../src/cli/execute.js';
import { buildProgram } from '../../../src/cli/main.js';
import { CLEAR_SCREEN } from '../../../src/cli/shares/prompt-entry.js';
import { SLIP39_WORDS } from '../../../src/core/shares/slip39-wordlist.js';
import { tmpDir } from '../../helpers/cli.js';
import { expectNoWords } from '../../helpers/leaks.js';

const MNEMONIC = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';

function terminal(answer: (message: string, screen: string) => string) {
  const out: string[] = [];
  const err: string[] = [];
  const prompts: string[] = [];
  const io: Io = {
    stdout: { write: (s) => out.push(String(s)) },
    stderr: { write: (s) => err.push(String(s)), isTTY: true },
    readStdin: async () => new Uint8Array(),
    stdinIsTTY: true,
  };
  const prompter: Prompter = {
    interactive: true,
    confirm: async () => {},
    secret: async () => {
      throw new Error('no secret prompt expected');
    },
    input: async (message) => {
      prompts.push(message);
      // A prompt that keeps asking after the script ran out would loop forever: fail with what it asked.
      if (prompts.length > 1000) throw new Error(`prompted more than 1000 times; last: ${prompts.slice(-3).join(' | ')}`);
      return answer(message, err.join(''));
    },
  };
  overrides.io = io;
  overrides.prompter = () => prompter;
  return { out, err, prompts };
}

async function run(args: string[]): Promise<number> {
  process.exitCode = 0;
  await (await buildProgram()).parseAsync(['node', 'coldkit', ...args]);
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return code;
}

/** The share words last drawn on the screen (the numbered grid after the last clear). */
function lastGrid(screen: string): string[] {
  const page = screen.slice(screen.lastIndexOf(CLEAR_SCREEN));
  const words: string[] = [];
  for (const [, n, w] of page.matchAll(/(\d+)\. ([a-z]+)/g)) words[Number(n) - 1] = w!;
  return words;
}

afterEach(() => {
  delete overrides.io;
  delete overrides.prompter;
});

describe('split on a terminal', () => {
  it('shows one holder per cleared screen, --confirm catches a wrong word, then accepts the share', async () => {
    const dir = tmpDir('coldkit-shares-tty-');
    fs.writeFileSync(path.join(dir, 'm.txt'), MNEMONIC + '\n');
    const journal = path.join(dir, 'j.jsonl');
    const shown = new Map<number, string[]>();
    let tries = 0;
    const t = terminal((message, screen) => {
      const show = /Press Enter to show share (\d+)/.exec(message);
      if (message.startsWith('Write every word')) shown.set(shown.size + 1, lastGrid(screen));
      const entry = /^share (\d+), word 1:/.exec(message);
      if (entry) {
        const k = Number(entry[1]);
        let words = [...shown.get(k)!];
        // Share 1: first another holder's (valid) share, then a typo in word 5, then right.
        if (k === 1 && tries === 0) words = [...shown.get(2)!];
        if (k === 1 && tries === 1) words[4] = SLIP39_WORDS[(SLIP39_WORDS.indexOf(words[4]!) + 1) % 1024]!;
        if (k === 1) tries++;
        return words.map((w) => w.slice(0, 4)).join(' ');
      }
      void show;
      return '';
    });
    const code = await run(['--journal', journal, '--network', 'testnet', 'shares', 'split', '--threshold', '2', '--shares', '3', '--mnemonic-file', path.join(dir, 'm.txt'), '--labels', 'alice,bob,carol', '--confirm']);
    expect(code, t.err.join('')).toBe(0);
    expect(shown.size).toBe(3);
    const screens = t.err.join('').split(CLEAR_SCREEN);
    // Each share's words are on a screen of their own.
    for (const [k, words] of shown) {
      const with_ = screens.filter((s) => words.slice(3).every((w) => new RegExp(`\\b${w}\\b`).test(s)));
      expect(with_, `share ${k}`).toHaveLength(1);
      for (const [k2, other] of shown) if (k2 !== k) expectNoWords(with_[0]!, other.join(' '), 3, `share ${k2} on share ${k}'s screen`);
    }
    expect(t.prompts.filter((p) => p.startsWith('Only alice should see the screen'))).toHaveLength(1);
    expect(t.err.join('')).toContain('share 1 does not match: word 4 differs from the share shown');
    // The position is on the screen the next try is typed on (not wiped by its clear).
    const retry = screens.find((s) => s.includes('share 1 of 3 from your card (attempt 2 of 3)'))!;
    expect(retry).toContain('the last try: share 1 does not match: word 4 differs from the share shown');
    const third = screens.find((s) => s.includes('share 1 of 3 from your card (attempt 3 of 3)'))!;
    expect(third).toMatch(/the last try: share 1: checksum mismatch: word 5 is most likely wrong/);
    expect(t.err.join('')).toContain('share 1: checksum mismatch: word 5 is most likely wrong');
    expect(tries).toBe(3);
    expect(t.err.join('')).toContain('share 3 confirmed');
    // The last screen and stdout hold no share word.
    const stdout = t.out.join('');
    expect(stdout).toContain('Every holder re-entered their share correctly.');
    for (const words of shown.values()) {
      expectNoWords(screens[screens.length - 1]!, words.join(' '), 3, 'final screen');
      expectNoWords(stdout, words.join(' '), 3, 'stdout');
    }
    const entry = JSON.parse(fs.readFileSync(journal, 'utf8').trim());
    expect(entry.data).toMatchObject({ confirmed: true, shownOn: ['terminal'], holders: ['alice', 'bob', 'carol'] });
  });

  it('three wrong re-entries stop the ceremony with exit 3', async () => {
    const dir = tmpDir('coldkit-shares-tty-');
    fs.writeFileSync(path.join(dir, 'm.txt'), MNEMONIC + '\n');
    const shown: string[][] = [];
    const t = terminal((message, screen) => {
      if (message.startsWith('Write every word')) shown.push(lastGrid(screen));
      if (/^share 1, word 1:/.test(message)) return [...shown[0]!.slice(0, 23), shown[0]![0]!].join(' ');
      return '';
    });
    const code = await run(['--journal', path.join(dir, 'j.jsonl'), 'shares', 'split', '--threshold', '2', '--shares', '2', '--mnemonic-file', path.join(dir, 'm.txt'), '--confirm']);
    expect(code).toBe(3);
    expect(t.err.join('')).toContain('share 1 (the holder of share 1) was not re-entered correctly in 3 tries');
    expect(fs.existsSync(path.join(dir, 'j.jsonl'))).toBe(false);
  });
});

describe('combine at the prompt', () => {
  it('word by word with 4-letter prefixes; an unknown word is re-asked with a suggestion; the screen is cleared after each share', async () => {
    const dir = tmpDir('coldkit-shares-tty-');
    const vectors = JSON.parse(fs.readFileSync(new URL('../../../fixtures/shares-v1/vectors.json', import.meta.url), 'utf8'));
    const v = vectors.valid[0];
    const first = (v.shares[0] as string).split(' ').map((w) => w.slice(0, 4));
    const answers = [...first.slice(0, 5), 'zzzz', ...first.slice(5), v.shares[2]];
    const t = terminal(() => answers.shift() ?? '');
    const code = await run(['--journal', path.join(dir, 'j.jsonl'), '--json', 'shares', 'combine']);
    expect(code, t.err.join('')).toBe(0);
    expect(JSON.parse(t.out.join(''))).toMatchObject({ fingerprint: '73c5da0a', shares: ['1', '3'] });
    const err = t.err.join('');
    expect(err).toContain('word 6 is not in the SLIP-39 word list; closest:');
    expect(err).toContain(`set "${v.setWords}": any 2 of 3 shares (format v1)`);
    expect(err.split(CLEAR_SCREEN).length).toBeGreaterThanOrEqual(3);
    expect(t.prompts.filter((p) => p.startsWith('share 1, word'))).toHaveLength(25);
  });
  it('a full-length share with a typo ends at its last word with the likely position, and is asked again', async () => {
    const dir = tmpDir('coldkit-shares-tty-');
    const v = JSON.parse(fs.readFileSync(new URL('../../../fixtures/shares-v1/vectors.json', import.meta.url), 'utf8')).valid[0];
    const words = (v.shares[1] as string).split(' ');
    const typo = [...words];
    typo[6] = SLIP39_WORDS[(SLIP39_WORDS.indexOf(words[6]!) + 3) % 1024]!;
    const answers = [...typo, ...words, v.shares[0]];
    const t = terminal(() => answers.shift() ?? '');
    const code = await run(['--journal', path.join(dir, 'j.jsonl'), '--json', 'shares', 'combine']);
    expect(code, t.err.join('')).toBe(0);
    expect(t.err.join('')).toContain('share 1: checksum mismatch: word 7 is most likely wrong');
    expect(t.err.join('')).toContain('type share 1 again (attempt 2 of 3)');
    expect(JSON.parse(t.out.join(''))).toMatchObject({ fingerprint: '73c5da0a', shares: ['1', '2'] });
    expect(answers).toHaveLength(0);
  });
});
