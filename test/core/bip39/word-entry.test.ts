/**
 * Word-by-word mnemonic entry (src/core/bip39/word-entry.ts): 4-letter prefixes, each word checked
 * as it is typed, "-" takes a word back, a number corrects one word alone, the checksum checked at
 * the end and a mismatch fixed by re-typing one word; notices carry positions, never words.
 */
import { describe, expect, it } from 'vitest';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { WordEntry, closestWords, type WordEntryNotice } from '../../../src/core/bip39/word-entry.js';

const ABOUT = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about'.split(' ');
const LEGAL = 'legal winner thank year wave sausage worth useful legal winner thank yellow'.split(' ');

/** Feed answers; return every notice. */
function feed(entry: WordEntry, answers: string[]): WordEntryNotice[] {
  return answers.flatMap((a) => entry.answer(a));
}

describe('word-by-word entry', () => {
  it('12 words by 4-letter prefixes, any case, end with the checksum checked', () => {
    const e = new WordEntry(12, { checksum: true });
    expect(e.step).toEqual({ kind: 'word', position: 1, count: 12, correcting: false, retry: false });
    expect(feed(e, LEGAL.map((w) => w.slice(0, 4).toUpperCase()))).toEqual([]);
    expect(e.step.kind).toBe('done');
    expect(e.words).toEqual(LEGAL);
  });

  it('an unknown word is refused on the spot and asked again; the words before it stay', () => {
    const e = new WordEntry(12, { checksum: true });
    feed(e, LEGAL.slice(0, 4));
    expect(e.answer('wavx')).toEqual([{ kind: 'unknown-word', position: 5 }]);
    expect(e.step).toMatchObject({ kind: 'word', position: 5, retry: true });
    // The retry prompt offers the closest list words to what was refused, and nothing says it.
    expect(e.complete('')).toContain('wave');
    feed(e, LEGAL.slice(4));
    expect(e.words).toEqual(LEGAL);
  });

  it('fewer than 4 letters that are not a whole word: asked for more letters', () => {
    const e = new WordEntry(12, { checksum: true });
    expect(e.answer('ab')).toEqual([{ kind: 'short-prefix', position: 1 }]);
    expect(e.answer('act')).toEqual([]); // "act" is a word of its own
    expect(e.step).toMatchObject({ position: 2 });
  });

  it('a pasted line is taken word by word; the rest of a line after an unknown word is not taken', () => {
    const e = new WordEntry(12, { checksum: true });
    expect(e.answer(`${LEGAL.slice(0, 3).join(' ')} zzzz ${LEGAL[4]}`)).toEqual([{ kind: 'unknown-word', position: 4 }]);
    expect(e.step).toMatchObject({ position: 4 });
    expect(e.answer(LEGAL.slice(3).join(' '))).toEqual([]);
    expect(e.words).toEqual(LEGAL);
  });

  it('a line with more words than are left is not taken at all (another text, not this mnemonic)', () => {
    const e = new WordEntry(12, { checksum: true });
    feed(e, LEGAL.slice(0, 10));
    expect(e.answer(LEGAL.slice(0, 3).join(' '))).toEqual([{ kind: 'too-many-words', given: 3, left: 2 }]);
    expect(e.step).toMatchObject({ position: 11 });
  });

  it('"-" takes back the last word', () => {
    const e = new WordEntry(12, { checksum: true });
    expect(e.answer('-')).toEqual([{ kind: 'nothing-to-undo' }]);
    feed(e, [LEGAL[0]!, 'winner', 'zoo']);
    expect(e.answer('-')).toEqual([{ kind: 'undone', position: 3 }]);
    feed(e, LEGAL.slice(2));
    expect(e.words).toEqual(LEGAL);
  });

  it('a number goes back to that word alone, then entry continues where it was', () => {
    const e = new WordEntry(12, { checksum: true });
    feed(e, [LEGAL[0]!, 'zoo', ...LEGAL.slice(2, 7)]);
    expect(e.answer('2')).toEqual([{ kind: 'correct-word', position: 2 }]);
    expect(e.step).toEqual({ kind: 'word', position: 2, count: 12, correcting: true, retry: false });
    expect(e.answer('winn')).toEqual([]);
    expect(e.step).toMatchObject({ position: 8, correcting: false });
    expect(e.answer('9')).toEqual([{ kind: 'not-a-position', count: 7 }]);
    feed(e, LEGAL.slice(7));
    expect(e.words).toEqual(LEGAL);
  });

  it('a checksum mismatch asks which word is wrong; only that word is typed again', () => {
    const e = new WordEntry(12, { checksum: true });
    const typo = [...LEGAL];
    typo[5] = 'sauce';
    expect(feed(e, typo)).toEqual([{ kind: 'checksum-mismatch' }]);
    expect(e.step).toEqual({ kind: 'which-word', count: 12 });
    expect(e.answer('13')).toEqual([{ kind: 'not-a-position', count: 12 }]);
    expect(e.answer('sausage')).toEqual([{ kind: 'not-a-position', count: 12 }]);
    expect(e.answer('6')).toEqual([{ kind: 'correct-word', position: 6 }]);
    expect(e.step).toMatchObject({ kind: 'word', position: 6, correcting: true });
    // Wrong again: asked again which word.
    expect(e.answer('salad')).toEqual([{ kind: 'checksum-mismatch' }]);
    feed(e, ['6', 'sausage']);
    expect(e.words).toEqual(LEGAL);
  });

  it('without the checksum (hand-chosen words before the last) any list words finish', () => {
    const e = new WordEntry(11, { checksum: false });
    feed(e, ABOUT.slice(0, 11));
    expect(e.words).toEqual(ABOUT.slice(0, 11));
  });

  it('24 words, every valid count', () => {
    for (const n of [12, 15, 18, 21, 24]) {
      const words = Array.from({ length: n }, (_, i) => (i === n - 1 ? '' : 'abandon'));
      const e = new WordEntry(n, { checksum: true });
      feed(e, words.slice(0, -1));
      const last = wordlist.find((w) => {
        const t = new WordEntry(n, { checksum: true });
        feed(t, [...words.slice(0, -1), w]);
        return t.step.kind === 'done';
      })!;
      expect(e.answer(last)).toEqual([]);
      expect(e.words).toHaveLength(n);
    }
  });

  it('completion: list words with the prefix, at most 8', () => {
    const e = new WordEntry(12, { checksum: true });
    expect(e.complete('aban')).toEqual(['abandon']);
    expect(e.complete('ab')).toHaveLength(8);
    expect(e.complete('')).toEqual([]);
    expect(closestWords('recieve', 1)).toEqual(['receive']);
  });

  it('no notice ever carries a word', () => {
    const e = new WordEntry(12, { checksum: true });
    const notices = feed(e, ['legal', 'zzzq', 'wi', 'winner', '-', '1', 'legl', 'legal', ...LEGAL.slice(1, 11), 'zoo', '12', 'yellow']);
    for (const n of notices) for (const v of Object.values(n)) expect(typeof v === 'string' ? v : '').not.toMatch(/^(?!unknown|short|undone|nothing|too|checksum|not|correct)[a-z]+$/);
    expect(JSON.stringify(notices)).not.toMatch(/legal|winner|zzzq|zoo|yellow/);
  });

  it('wipe forgets the words', () => {
    const e = new WordEntry(12, { checksum: true });
    feed(e, LEGAL);
    e.wipe();
    expect(() => e.words).toThrow();
  });
});
