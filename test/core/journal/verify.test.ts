/**
 * The ceremony journal chain (src/core/journal, src/cli/journal-file.ts): canonical lines, the
 * SHA-256 prev chain, every tamper kind (edit, deletion, insertion, reordering, truncation)
 * detected at the first bad line, paper anchors, and appends that refuse a tampered file.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sha256 } from '@noble/hashes/sha2.js';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { VerificationError } from '../../../src/core/errors.js';
import { entryBody, entryLine, GENESIS, headWords, lineHash, nextEntry, type JournalEntry } from '../../../src/core/journal/entry.js';
import { verifyJournal, type JournalState } from '../../../src/core/journal/verify.js';
import { AnchorCheck, parseAnchor } from '../../../src/core/journal/anchor.js';
import { digestWords, hashWords } from '../../../src/core/digest-words.js';
import { appendEntries } from '../../../src/cli/journal-file.js';
import { toHex } from '../../../src/core/text.js';

/** A journal of n entries as text. */
function journal(n: number): string {
  let head = { seq: 0, hash: GENESIS };
  let text = '';
  for (let i = 0; i < n; i++) {
    const e = nextEntry(head, { ts: `2026-11-26T08:00:0${i}.000Z`, op: i % 2 ? 'seed.check' : 'account.export', operator: 'alice', host: 'ceremony-1', tool: 'coldkit/0.1.0', data: { n: i, fingerprint: '73c5da0a' } });
    const line = entryLine(e);
    text += line + '\n';
    head = { seq: e.seq, hash: e.hash };
  }
  return text;
}
const lines = (t: string) => t.slice(0, -1).split('\n');
/** The entry with its version-2 hash recomputed (a forger who rehashes). */
const rehash = (e: JournalEntry): JournalEntry => (e.v === 2 ? { ...e, hash: lineHash(entryBody(e)) } : e);
/** Where an anchor (hash or words) is found in a verified journal; throws when it is not. */
function checkAnchor(s: JournalState, anchor: string): { seq: number } {
  const check = new AnchorCheck([parseAnchor(anchor, '--anchor')]);
  for (const e of s.entries) check.observe(e.seq, e.v === 2 ? e.hash : lineHash(entryLine(e)));
  return { seq: check.finish(s.seq)[0]! };
}
const readJournal = (f: string) => verifyJournal(fs.readFileSync(f, 'utf8'));
const join = (ls: string[]) => ls.join('\n') + '\n';

function failure(text: string): string {
  try {
    verifyJournal(text);
  } catch (e) {
    expect(e).toBeInstanceOf(VerificationError);
    expect((e as VerificationError).exitCode).toBe(3);
    return (e as Error).message;
  }
  throw new Error('verifyJournal accepted a tampered journal');
}

describe('an intact journal', () => {
  it('verifies: entries, seq and head', () => {
    const t = journal(5);
    const s = verifyJournal(t);
    expect(s.seq).toBe(5);
    expect(s.entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    // Oracle (@noble/hashes): a version-2 hash is SHA-256 of the line without its hash member.
    const body = (l: string) => toHex(sha256(new TextEncoder().encode(l.replace(/,"hash":"[0-9a-f]{64}"\}$/, '}'))));
    expect(s.hash).toBe(body(lines(t)[4]!));
    expect(s.hash).toBe(JSON.parse(lines(t)[4]!).hash);
    expect(s.entries[0]!.prev).toBe(GENESIS);
    expect(s.entries[3]!.prev).toBe(body(lines(t)[2]!));
  });
  it('empty file: no entries, genesis head', () => {
    expect(verifyJournal('')).toEqual({ entries: [], seq: 0, hash: GENESIS });
  });
  it('lines have the documented key order', () => {
    expect(Object.keys(JSON.parse(lines(journal(1))[0]!))).toEqual(['v', 'seq', 'ts', 'op', 'operator', 'host', 'tool', 'data', 'prev', 'hash']);
  });
});

describe('tampering is caught at the first bad line', () => {
  const t = journal(6);
  const ls = lines(t);
  it('edit of a value in line 3: its own hash reports line 3 edited', () => {
    const e = [...ls];
    e[2] = e[2]!.replace('"n":2', '"n":7');
    expect(failure(join(e))).toBe('journal line 3: its hash does not match its content — line 3 was edited');
  });
  it('edit of a value in line 3 with its hash recomputed: line 4 reports line 3 edited', () => {
    const e = [...ls];
    e[2] = entryLine(rehash({ ...(JSON.parse(e[2]!) as JournalEntry), data: { n: 7 } }));
    expect(failure(join(e))).toBe('journal line 4: prev does not match the hash of line 3 — line 3 was edited, or lines were removed or reordered');
  });
  it('edit of the first line (operator renamed)', () => {
    const e = [...ls];
    e[0] = e[0]!.replace('"alice"', '"mallory"');
    expect(failure(join(e))).toMatch(/^journal line 1: its hash does not match its content — line 1 was edited/);
  });
  it("edit of a line's prev field", () => {
    const e = [...ls];
    e[3] = e[3]!.replace(/"prev":"[0-9a-f]{64}"/, `"prev":"${'1'.repeat(64)}"`);
    expect(failure(join(e))).toMatch(/^journal line 4: its hash does not match its content/);
  });
  it('edit that breaks the JSON', () => {
    const e = [...ls];
    e[1] = e[1]!.slice(0, 40);
    expect(failure(join(e))).toBe('journal line 2: not valid JSON — edited or truncated');
  });
  it('re-formatted line (same data, other spacing)', () => {
    const e = [...ls];
    e[4] = JSON.stringify(JSON.parse(e[4]!), null, 1).replace(/\n/g, '');
    expect(failure(join(e))).toBe('journal line 5: not in canonical form (fields added, removed, reordered or reformatted)');
  });
  it('an added field', () => {
    const e = [...ls];
    e[2] = e[2]!.replace('"v":2,', '"v":2,"x":0,');
    expect(failure(join(e))).toMatch(/^journal line 3: not in canonical form/);
  });
  it('deletion of line 3', () => {
    expect(failure(join(ls.filter((_, i) => i !== 2)))).toBe('journal line 3: seq is 4, expected 3 — a line was inserted, deleted or moved');
  });
  it('deletion of the first line', () => {
    expect(failure(join(ls.slice(1)))).toMatch(/^journal line 1: seq is 2, expected 1/);
  });
  it('insertion of a copied line after line 2', () => {
    const e = [...ls.slice(0, 2), ls[0]!, ...ls.slice(2)];
    expect(failure(join(e))).toMatch(/^journal line 3: seq is 1, expected 3/);
  });
  it('insertion of a forged line with the right seq and prev after line 2', () => {
    const s = verifyJournal(join(ls.slice(0, 2)));
    const forged = entryLine(nextEntry({ seq: s.seq, hash: s.hash }, { ts: '2026-11-26T08:00:09.000Z', op: 'seed.new', operator: 'mallory', host: 'x', tool: 'coldkit/0.1.0', data: {} }));
    const e = [...ls.slice(0, 2), forged, ...ls.slice(2)];
    expect(failure(join(e))).toMatch(/^journal line 4: seq is 3, expected 4/);
  });
  it('a blank line inserted', () => {
    const e = [...ls.slice(0, 3), '', ...ls.slice(3)];
    expect(failure(join(e))).toBe('journal line 4: not valid JSON — edited or truncated');
  });
  it('reordering: lines 4 and 5 swapped', () => {
    const e = [...ls];
    [e[3], e[4]] = [e[4]!, e[3]!];
    expect(failure(join(e))).toMatch(/^journal line 4: seq is 5, expected 4/);
  });
  it('reordering with renumbered seq (prev still breaks)', () => {
    const e = [...ls];
    const a = JSON.parse(e[4]!) as JournalEntry;
    const b = JSON.parse(e[3]!) as JournalEntry;
    e[3] = entryLine(rehash({ ...a, seq: 4 }));
    e[4] = entryLine(rehash({ ...b, seq: 5 }));
    expect(failure(join(e))).toMatch(/^journal line 4: prev does not match the hash of line 3/);
  });
  it('truncation inside the last line (no final newline)', () => {
    expect(failure(t.slice(0, -20))).toBe('journal line 6: the file does not end with a newline — the last line is truncated or was appended to by hand');
  });
  it('truncation of just the final newline', () => {
    expect(failure(t.slice(0, -1))).toMatch(/^journal line 6: the file does not end with a newline/);
  });
  it('truncation of whole lines at the end is invisible to the chain alone (the anchor catches it)', () => {
    const cut = join(ls.slice(0, 4));
    expect(verifyJournal(cut).seq).toBe(4);
    const anchor = verifyJournal(t).hash;
    expect(() => checkAnchor(verifyJournal(cut), anchor)).toThrow(VerificationError);
  });
});

describe('anchors', () => {
  const t = journal(4);
  const s = verifyJournal(t);
  it('the head hash and its 6 words are found at their entry', () => {
    expect(checkAnchor(s, s.hash)).toEqual({ seq: 4 });
    expect(checkAnchor(s, headWords(s.hash))).toEqual({ seq: 4 });
    expect(checkAnchor(s, `  ${headWords(s.hash).toUpperCase().replace(/ /g, '\n ')} `)).toEqual({ seq: 4 });
  });
  it('an older anchor is still found after more entries', () => {
    const older = verifyJournal(join(lines(t).slice(0, 2))).hash;
    expect(checkAnchor(s, older)).toEqual({ seq: 2 });
    expect(checkAnchor(s, GENESIS)).toEqual({ seq: 0 });
  });
  it('an anchor of another journal, or after the last line was edited, is refused', () => {
    expect(() => checkAnchor(s, 'f'.repeat(64))).toThrow(/^anchor ffffffffffffffff…: the head changed since the anchor was taken/);
    expect(() => checkAnchor(s, 'zoo zoo zoo zoo zoo zoo')).toThrow(/^anchor "zoo zoo zoo zoo zoo zoo": the head changed/);
    const e = lines(t);
    e[3] = e[3]!.replace('"n":3', '"n":9');
    expect(() => checkAnchor(verifyJournal(join(e)), s.hash)).toThrow(VerificationError);
  });
  it('headWords takes the first 66 bits of the hash as BIP39 words', () => {
    expect(headWords(GENESIS)).toBe('abandon abandon abandon abandon abandon abandon');
    expect(headWords('f'.repeat(64))).toBe('zoo zoo zoo zoo zoo zoo');
    // Oracle: 11-bit groups read with BigInt.
    const h = s.hash;
    const big = BigInt('0x' + h);
    const want = Array.from({ length: 6 }, (_, i) => wordlist[Number((big >> BigInt(256 - 11 * (i + 1))) & 0x7ffn)]!);
    expect(headWords(h)).toBe(want.join(' '));
  });
  it('digestWords is 4 words of SHA-256', () => {
    const bytes = new TextEncoder().encode('psbt bytes');
    expect(digestWords(bytes)).toBe(hashWords(sha256(bytes), 4).join(' '));
    expect(digestWords(new Uint8Array())).toBe(hashWords(sha256(new Uint8Array()), 4).join(' '));
    expect(digestWords(bytes).split(' ')).toHaveLength(4);
  });
});

describe('appending to the journal file', () => {
  const fields = { ts: '2026-11-26T08:00:00.000Z', operator: 'alice', host: 'h', tool: 'coldkit/0.1.0' };
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  const tmp = () => {
    dirs.push(fs.mkdtempSync(path.join(os.tmpdir(), 'coldkit-jf-')));
    return path.join(dirs[dirs.length - 1]!, 'sub', 'journal.jsonl');
  };
  it('creates the file, chains appends, and writes several acts at once', () => {
    const f = tmp();
    appendEntries(f, [{ op: 'a', data: {} }], fields);
    appendEntries(f, [{ op: 'b', data: { x: 1 } }, { op: 'c', data: {} }], fields);
    const s = readJournal(f);
    expect(s.entries.map((e) => `${e.seq}:${e.op}`)).toEqual(['1:a', '2:b', '3:c']);
    expect(fs.statSync(f).mode & 0o777).toBe(0o600);
    expect(fs.existsSync(f + '.lock')).toBe(false);
  });
  it('refuses to extend a tampered journal and leaves it byte for byte unchanged', () => {
    const f = tmp();
    appendEntries(f, [{ op: 'a', data: {} }, { op: 'b', data: {} }], fields);
    const tampered = fs.readFileSync(f, 'utf8').replace('"op":"a"', '"op":"z"');
    fs.writeFileSync(f, tampered);
    expect(() => appendEntries(f, [{ op: 'c', data: {} }], fields)).toThrow(VerificationError);
    expect(fs.readFileSync(f, 'utf8')).toBe(tampered);
  });
  it('a stale lock (its process gone) is taken over', () => {
    const f = tmp();
    appendEntries(f, [{ op: 'a', data: {} }], fields);
    fs.writeFileSync(f + '.lock', '999999999');
    appendEntries(f, [{ op: 'b', data: {} }], fields);
    expect(readJournal(f).seq).toBe(2);
  });
});

describe('the first line', () => {
  it('a first line whose prev is not the genesis value is named as such', () => {
    const ls = lines(journal(2));
    const e = JSON.parse(ls[0]!) as JournalEntry;
    const forged = entryLine(rehash({ ...e, prev: 'a'.repeat(64) }));
    expect(failure(join([forged, ...ls.slice(1)]))).toBe(
      "journal line 1: prev is not 64 zeros, as the first line's must be — the line was edited, or lines before it were removed",
    );
  });
});
