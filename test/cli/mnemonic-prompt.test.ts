/**
 * Typing a seed at the terminal (src/cli/mnemonic-prompt.ts), in process with scripted answers:
 * every command that reads a seed asks the word count, then one word at a time; an unknown word,
 * "-", a number to correct one word and a checksum mismatch fixed by re-typing one word — and the
 * words never appear in a notice, an error, stdout or the journal. The screen is cleared when
 * entry ends, even when it fails.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLEAR_SCREEN } from '../../src/cli/shares/prompt-entry.js';
import { runInProcess } from '../helpers/in-process.js';
import { expectNoWords } from '../helpers/leaks.js';
import { ABOUT, LEGAL } from '../helpers/harness.js';
import { tmpDir } from '../helpers/cli.js';

const L12 = 'legal winner thank year wave sausage worth useful legal winner thank yellow';
const words = L12.split(' ');

function journalIn(): string {
  return path.join(tmpDir('coldkit-entry-'), 'journal.jsonl');
}

/** Everything written to stderr outside prompts (notices, errors). */
const notes = (log: string[]) => log.filter((l) => l.startsWith('err:')).join('');

describe('word-by-word seed entry', () => {
  it('seed check: count, prefixes, an unknown word re-asked, "-", and a number to correct one word', async () => {
    const journal = journalIn();
    const answers = ['12', ...words.slice(0, 4).map((w) => w.slice(0, 4)), 'wavq', 'wave', 'zoo', '-', 'sausage', 'worth', '2', 'winner', ...words.slice(7)];
    const r = await runInProcess(['--journal', journal, 'seed', 'check'], { answers });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Master fingerprint:');
    expect(r.prompts[0]).toBe('How many words? (12, 15, 18, 21, 24)');
    expect(r.prompts).toContain('Word 5 of 12 (again; closest list words offered):');
    expect(r.prompts).toContain('Word 2 of 12 (correcting):');
    expect(r.stderr).toContain('word 5 is not in the BIP39 English word list — type it again');
    expect(r.stderr).toContain('word 6 taken back');
    expect(r.stderr).toContain('type word 2 again');
    expect(r.stderr).toContain(CLEAR_SCREEN);
    expectNoWords(notes(r.log), L12, 0, 'stderr');
    expectNoWords(r.stdout, L12, 0, 'stdout');
    expectNoWords(fs.readFileSync(journal, 'utf8'), L12, 0, 'journal');
  });

  it('a checksum mismatch asks which word is wrong; re-typing that one word completes the seed', async () => {
    const typo = [...words];
    typo[8] = 'lemon';
    const answers = ['12', ...typo, '20', '9', 'legal'];
    const r = await runInProcess(['--journal', journalIn(), '--json', 'seed', 'check'], { answers });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('checksum mismatch: every word is in the list, but one is wrong or two are swapped');
    expect(r.stderr).toContain('give a word number from 1 to 12');
    expect(r.prompts.filter((p) => p.startsWith('Which word is wrong?'))).toHaveLength(2);
    expect(r.prompts.at(-1)).toBe('Word 9 of 12 (correcting):');
    const out = JSON.parse(r.stdout);
    expect(out.fingerprint).toMatch(/^[0-9a-f]{8}$/);
  });

  it('every seed reader asks the same way: derive, with a 24-word seed', async () => {
    const answers = ['24', ...LEGAL.split(' ')];
    const r = await runInProcess(['--journal', journalIn(), '--json', 'derive', '--path', "m/84'/0'/0'/0/0"], { answers });
    expect(r.code, r.stderr).toBe(0);
    expect(r.prompts.filter((p) => /^Word \d+ of 24:$/.test(p))).toHaveLength(24);
    expect(JSON.parse(r.stdout).address).toMatch(/^bc1q/);
  });

  it('seed check --expect-fingerprint agrees with the file form', async () => {
    const r = await runInProcess(['--journal', journalIn(), 'seed', 'check', '--expect-fingerprint', '73c5da0a'], { answers: ['12', ...ABOUT.split(' ')] });
    expect(r.code, r.stderr).toBe(0);
  });

  it('entry that fails still clears the screen, and the error names no word', async () => {
    const r = await runInProcess(['--journal', journalIn(), 'seed', 'check'], { answers: ['12', ...words.slice(0, 5)] });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('no scripted answer left');
    expect(r.stderr.lastIndexOf(CLEAR_SCREEN)).toBeGreaterThan(0);
    expectNoWords(notes(r.log), L12, 0, 'stderr');
  });

  it('a word count that is not a BIP39 count is asked again, three times at most', async () => {
    const r = await runInProcess(['--journal', journalIn(), 'seed', 'check'], { answers: ['13', 'twelve', '11'] });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('mnemonic: the word count must be one of 12, 15, 18, 21, 24');
  });

  it('seed finish: 11 hand-chosen words typed the same way, no checksum asked', async () => {
    const r = await runInProcess(['--journal', journalIn(), '--json', 'seed', 'finish'], { answers: ['11', ...ABOUT.split(' ').slice(0, 11)] });
    expect(r.code, r.stderr).toBe(0);
    expect(r.prompts[0]).toBe('How many words? (11, 14, 17, 20, 23)');
    expect(JSON.parse(r.stdout).candidates).toContain('about');
  });
});
