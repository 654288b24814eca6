/**
 * Typing die rolls at the terminal (src/cli/dice-prompt.ts) for `seed new --dice`, in process with
 * scripted hidden answers: the prompt shows the count and the bits so far, a stray character costs
 * one line (not the ceremony), "-" takes a roll back, Enter before enough rolls is refused, and
 * `--dice-only` gives the same seed as the SeedSigner vector the rolls come from. The rolls never
 * reach a notice, stdout or the journal.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/in-process.js';
import { tmpDir } from '../helpers/cli.js';

// fixtures/dice/vectors.json "50 rolls #1" (SeedSigner's test suite).
const ROLLS = '12345612345612345612345612345612345612345612345612';
const MNEMONIC = 'unveil nice picture region tragic fault cream strike tourist control recipe tourist';

describe('seed new --dice at the prompt', () => {
  it('a stray character and "-" cost a line; Enter early is refused; the dice-only seed matches the vector', async () => {
    const journal = path.join(tmpDir('coldkit-dice-'), 'journal.jsonl');
    const answers = [
      ROLLS.slice(0, 20),
      '3 4 7 5', // refused whole: roll 23 would be "7"
      '4-', // one roll, then taken back
      ROLLS.slice(20, 48),
      '', // 48 rolls: 2 short
      ROLLS.slice(48),
      '',
    ];
    const r = await runInProcess(['--journal', journal, '--json', 'seed', 'new', '--words', '12', '--dice', '--dice-only', '--reveal'], { answers });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ entropySource: 'dice-only', words: MNEMONIC.split(' '), dice: { rolls: 50 } });
    expect(r.prompts[0]).toBe('Die rolls — 0 rolls, 0.0 of 128 bits; roll 1 of 50 next (hidden):');
    expect(r.prompts[1]).toBe('Die rolls — 20 rolls, 51.7 of 128 bits; roll 21 of 50 next (hidden):');
    expect(r.prompts.at(-1)).toBe('Die rolls — 50 rolls, 129.2 of 128 bits: enough; more rolls, or Enter to finish (hidden):');
    expect(r.stderr).toContain('roll 23 would be "7", not a die face 1-6: nothing from that line was taken — type it again from roll 21');
    expect(r.stderr).toContain('1 roll taken back');
    expect(r.stderr).toContain('2 more rolls needed before finishing');
    expect(r.stderr).toContain('50 rolls: enough for the seed');
    const stderrNotes = r.log.filter((l) => l.startsWith('err:')).join('');
    expect(stderrNotes).not.toContain(ROLLS.slice(0, 12));
    expect(fs.readFileSync(journal, 'utf8')).not.toContain(ROLLS.slice(0, 12));
  });

  it('mixed with the CSPRNG: bits credited from the rolls typed', async () => {
    const r = await runInProcess(['--journal', path.join(tmpDir('coldkit-dice-'), 'j.jsonl'), 'seed', 'new', '--words', '12', '--dice'], { answers: [ROLLS, ''] });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Entropy: csprng+dice; bits credited: CSPRNG 128, dice 128');
  });

  it('without a terminal --dice says to use --dice-rolls', async () => {
    const r = await runInProcess(['--journal', path.join(tmpDir('coldkit-dice-'), 'j.jsonl'), 'seed', 'new', '--words', '12', '--dice']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--dice: typing die rolls needs a terminal; give them in a file with --dice-rolls FILE');
  });
});
