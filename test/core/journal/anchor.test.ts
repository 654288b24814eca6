/**
 * src/core/journal/anchor.ts: anchors as written on paper (hash or 6 words, with or without the
 * entry number), checked while a journal streams by; a missing anchor says "the head changed"
 * (or, knowing its entry number, tells a cut from a rewrite); judging a journal against another
 * copy of it.
 */
import { describe, expect, it } from 'vitest';
import { InputError, VerificationError } from '../../../src/core/errors.js';
import { AnchorCheck, anchorMatches, judgeAgainstCopy, parseAnchor } from '../../../src/core/journal/anchor.js';
import { GENESIS, headWords } from '../../../src/core/journal/entry.js';
import { sha256Hex } from '../../../src/core/journal/native.js';

/** Hashes of a pretend journal: entry i has hashes[i - 1]. */
const hashes = Array.from({ length: 5 }, (_, i) => sha256Hex(`entry ${i + 1}`));

/** Run the check over the first `n` entries; the found seqs or the error message. */
function check(anchor: string, n = hashes.length): number[] | string {
  const c = new AnchorCheck([parseAnchor(anchor, '--anchor')]);
  hashes.slice(0, n).forEach((h, i) => c.observe(i + 1, h));
  try {
    return c.finish(n);
  } catch (e) {
    expect(e).toBeInstanceOf(VerificationError);
    return (e as Error).message;
  }
}

describe('parseAnchor', () => {
  it('a hash, its words, and either after "#SEQ" or "SEQ:" — any case and spacing', () => {
    const h = hashes[2]!;
    const w = headWords(h);
    expect(parseAnchor(h.toUpperCase(), 'f')).toMatchObject({ hash: h, seq: undefined });
    expect(parseAnchor(`3:${h}`, 'f')).toMatchObject({ hash: h, seq: 3, label: `#3 ${h.slice(0, 16)}…` });
    expect(parseAnchor(`  #3\n${w.toUpperCase().replace(/ /g, '\n ')} `, 'f')).toMatchObject({ seq: 3, label: `#3 "${w}"` });
    expect(parseAnchor(w, 'f').words).toBeDefined();
  });
  it('the QR digest line as printed (`journal #N words`, `signer journal #N words`)', () => {
    const h = hashes[2]!;
    const w = headWords(h);
    expect(parseAnchor(`journal #3 ${w}`, 'f')).toMatchObject({ seq: 3, label: `#3 "${w}"` });
    expect(parseAnchor(`signer journal #3 ${w}`, 'f')).toMatchObject({ seq: 3, label: `#3 "${w}"` });
    expect(() => parseAnchor(`journal ${w}`, 'f')).toThrow(/expected a head hash/);
  });
  it.each(['', 'zoo', 'abandon abandon abandon abandon abandon', 'abandon abandon abandon abandon abandon notaword', 'abcd', '#x abandon'])('refuses %j naming the field', (bad) => {
    expect(() => parseAnchor(bad, '--anchor')).toThrow(InputError);
    expect(() => parseAnchor(bad, '--anchor')).toThrow(/^--anchor: expected a head hash \(64 hex digits\) or its 6 words/);
  });
  it('words carry 66 bits: a hash agreeing on them matches, one differing in bit 65 does not', () => {
    const h = hashes[0]!;
    const a = parseAnchor(headWords(h), 'f');
    expect(anchorMatches(a, h)).toBe(true);
    expect(anchorMatches(a, h.slice(0, 17) + (h[17] === '0' ? '1' : '0') + h.slice(18))).toBe(true); // bit 68+ differs
    const nibble = parseInt(h[16]!, 16);
    expect(anchorMatches(a, h.slice(0, 16) + (nibble ^ 0b0100).toString(16) + h.slice(17))).toBe(false); // bit 65 differs
    expect(anchorMatches(a, h.slice(0, 16) + (nibble ^ 0b0001).toString(16) + h.slice(17))).toBe(true); // bit 67 is not carried
  });
});

describe('AnchorCheck', () => {
  it('finds the head, an older entry, and the empty journal (genesis)', () => {
    expect(check(hashes[4]!)).toEqual([5]);
    expect(check(headWords(hashes[1]!))).toEqual([2]);
    expect(check(`#2 ${headWords(hashes[1]!)}`)).toEqual([2]);
    expect(check(GENESIS)).toEqual([0]);
    expect(check(`#0 ${headWords(GENESIS)}`)).toEqual([0]);
  });
  it('not found without an entry number: "the head changed", never "lines were deleted"', () => {
    for (const a of [sha256Hex('another'), headWords(sha256Hex('another'))]) {
      const m = check(a) as string;
      expect(m).toMatch(/^anchor .*: the head changed since the anchor was taken — no entry of this journal has that hash \(an entry was edited and its hash recomputed, entries were cut from the end, or this is another journal\)$/);
      expect(m).not.toMatch(/deleted/);
    }
  });
  it('with its entry number: a cut journal and a rewritten one are told apart', () => {
    expect(check(`#5 ${headWords(hashes[4]!)}`, 3)).toBe(`anchor #5 "${headWords(hashes[4]!)}": this journal ends at entry 3, before the anchored entry — entries were cut from the end since the anchor was taken (or this is another journal)`);
    expect(check(`4:${sha256Hex('rewritten')}`)).toMatch(/^anchor #4 [0-9a-f]{16}…: the head changed since the anchor was taken — entry 4 has another hash, so an entry up to 4 was edited and its hash recomputed \(or this is another journal\)$/);
    // The right hash at the wrong entry number is not a match.
    expect(check(`3:${hashes[4]}`)).toMatch(/^anchor #3 .*entry 3 has another hash/);
  });
});

describe('judgeAgainstCopy', () => {
  const name = '--against b.jsonl';
  it('agrees: the copy is this journal or an earlier state of it', () => {
    expect(judgeAgainstCopy({ ours: 5, theirs: 5 }, name)).toEqual({ agreedUpTo: 5 });
    expect(judgeAgainstCopy({ ours: 5, theirs: 3 }, name)).toEqual({ agreedUpTo: 3 });
    expect(judgeAgainstCopy({ ours: 0, theirs: 0 }, name)).toEqual({ agreedUpTo: 0 });
  });
  it('the copy has more entries: cut from the end of this journal', () => {
    expect(() => judgeAgainstCopy({ ours: 3, theirs: 5 }, name)).toThrow(`${name}: it has entries 4…5 that this journal lacks — they were cut from the end of this journal`);
  });
  it('they differ: from entry 1 (another journal) or later (an edit rehashed, or a fork)', () => {
    expect(() => judgeAgainstCopy({ ours: 5, theirs: 5, firstDifferent: 1 }, name)).toThrow(`${name}: the journals differ from entry 1 — it is another journal, or this one was rewritten from its first entry`);
    expect(() => judgeAgainstCopy({ ours: 5, theirs: 4, firstDifferent: 3 }, name)).toThrow(`${name}: the journals agree up to entry 2 and differ from entry 3 — an entry from 3 on was edited and its hash recomputed in one of them, or they were continued separately`);
  });
});
