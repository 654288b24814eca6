/**
 * src/core/journal/chain.ts and entry.ts: the version-2 entry (its own hash, computed over the
 * line without the hash member — checked against @noble/hashes), an edited last line caught by the
 * line itself, a rehashed edit caught only by an outside head, version-1 entries extended by
 * version 2 (never the reverse), field types, encoding, and verification continued from a head.
 */
import { describe, expect, it } from 'vitest';
import { sha256 } from '@noble/hashes/sha2.js';
import { VerificationError } from '../../../src/core/errors.js';
import { ChainVerifier, EMPTY_HEAD, MAX_LINE_BYTES, readEntry, type ChainHead } from '../../../src/core/journal/chain.js';
import { entryBody, entryLine, GENESIS, lineHash, nextEntry, type JournalEntry, type JournalEntryV2 } from '../../../src/core/journal/entry.js';
import { AnchorCheck, parseAnchor } from '../../../src/core/journal/anchor.js';
import { toHex } from '../../../src/core/text.js';

const enc = new TextEncoder();
const fields = (i: number) => ({ ts: `2026-11-26T08:00:${String(i).padStart(2, '0')}.000Z`, op: 'seed.check', operator: 'alice', host: 'h', tool: 'coldkit/0.2.0', data: { n: i, note: 'Zoë "q" \\ ✓' } });

/** A version-1 line as coldkit 0.1.0 wrote it. */
function v1(seq: number, prev: string): string {
  return entryLine({ v: 1, seq, ...fields(seq), prev });
}

/** Lines: `ones` version-1 entries, then `twos` version-2 entries appended by today's code. */
function chain(ones: number, twos: number): string[] {
  const out: string[] = [];
  let head = { seq: 0, hash: GENESIS };
  for (let i = 1; i <= ones; i++) {
    out.push(v1(i, head.hash));
    head = { seq: i, hash: lineHash(out[out.length - 1]!) };
  }
  for (let i = 0; i < twos; i++) {
    const e = nextEntry(head, fields(head.seq + 1));
    out.push(entryLine(e));
    head = { seq: e.seq, hash: e.hash };
  }
  return out;
}

/** Verify lines in order; the head, or the message of the first failure. */
function run(lines: string[], start: ChainHead = EMPTY_HEAD): ChainHead | string {
  const c = new ChainVerifier(start);
  try {
    for (const l of lines) c.push(enc.encode(l));
    return c.head;
  } catch (e) {
    expect(e).toBeInstanceOf(VerificationError);
    return (e as Error).message;
  }
}

/** The same entry with its version-2 hash recomputed, as a forger with write access would. */
const rehash = (e: JournalEntryV2): JournalEntryV2 => ({ ...e, hash: toHex(sha256(enc.encode(entryBody(e)))) });

describe('version-2 entries', () => {
  it('hash = SHA-256 of the line without its hash member (oracle: @noble/hashes), the last key', () => {
    const [line] = chain(0, 1);
    const e = JSON.parse(line!) as JournalEntryV2;
    expect(Object.keys(e)).toEqual(['v', 'seq', 'ts', 'op', 'operator', 'host', 'tool', 'data', 'prev', 'hash']);
    const body = line!.replace(/,"hash":"[0-9a-f]{64}"\}$/, '}');
    expect(e.hash).toBe(toHex(sha256(enc.encode(body))));
    expect(entryBody(e)).toBe(body);
    expect(readEntry(enc.encode(line!), 1)).toEqual({ entry: e, hash: e.hash });
  });
  it('the next entry chains to the hash member; the head is the last hash', () => {
    const ls = chain(0, 3);
    const es = ls.map((l) => JSON.parse(l) as JournalEntryV2);
    expect(es[0]!.prev).toBe(GENESIS);
    expect(es[2]!.prev).toBe(es[1]!.hash);
    expect(run(ls)).toEqual({ seq: 3, hash: es[2]!.hash, v: 2 });
  });
  it('an edit of the LAST line is caught by the line itself', () => {
    const ls = chain(0, 4);
    ls[3] = ls[3]!.replace('"n":4', '"n":5');
    expect(run(ls)).toBe('journal line 4: its hash does not match its content — line 4 was edited');
  });
  it('an edit of a middle line is caught at that line; with its hash recomputed, at the next line', () => {
    const ls = chain(0, 4);
    expect(run([ls[0]!, ls[1]!.replace('alice', 'mallory'), ls[2]!, ls[3]!])).toBe('journal line 2: its hash does not match its content — line 2 was edited');
    const forged = entryLine(rehash({ ...(JSON.parse(ls[1]!) as JournalEntryV2), operator: 'mallory' }));
    expect(run([ls[0]!, forged, ls[2]!, ls[3]!])).toBe('journal line 3: prev does not match the hash of line 2 — line 2 was edited, or lines were removed or reordered');
  });
  it('edit and rehash of everything after it: the chain verifies, only an outside head sees it', () => {
    const ls = chain(0, 4);
    const honest = run(ls) as ChainHead;
    let head = { seq: 1, hash: (JSON.parse(ls[0]!) as JournalEntryV2).hash };
    const forged = [ls[0]!];
    for (const l of ls.slice(1)) {
      const e = rehash({ ...(JSON.parse(l) as JournalEntryV2), prev: head.hash, operator: 'mallory' });
      forged.push(entryLine(e));
      head = { seq: e.seq, hash: e.hash };
    }
    const got = run(forged) as ChainHead;
    expect(got.seq).toBe(4);
    expect(got.hash).not.toBe(honest.hash);
    const check = new AnchorCheck([parseAnchor(honest.hash, '--anchor')]);
    forged.forEach((l, i) => check.observe(i + 1, (JSON.parse(l) as JournalEntryV2).hash));
    expect(() => check.finish(4)).toThrow(/the head changed since the anchor was taken/);
  });
  it('a changed or malformed hash member', () => {
    const ls = chain(0, 2);
    expect(run([ls[0]!, ls[1]!.replace(/"hash":"[0-9a-f]/, '"hash":"F')])).toBe('journal line 2: its hash does not match its content — line 2 was edited');
    expect(run([ls[0]!, ls[1]!.replace(/,"hash":"[0-9a-f]{64}"/, ',"hash":"abc"')])).toBe('journal line 2: its hash does not match its content — line 2 was edited');
    expect(run([ls[0]!, ls[1]!.replace(/,"hash":"[0-9a-f]{64}"/, '')])).toBe('journal line 2: field "hash" is missing or of the wrong type');
  });
});

describe('version 1, then version 2', () => {
  it('a version-1 chain verifies; its head is the SHA-256 of its last line', () => {
    const ls = chain(3, 0);
    expect(run(ls)).toEqual({ seq: 3, hash: toHex(sha256(enc.encode(ls[2]!))), v: 1 });
  });
  it('version-2 entries continue a version-1 chain: the first one\'s prev is the SHA-256 of the last version-1 line', () => {
    const ls = chain(3, 2);
    expect((JSON.parse(ls[3]!) as JournalEntry).prev).toBe(toHex(sha256(enc.encode(ls[2]!))));
    expect(run(ls)).toMatchObject({ seq: 5, v: 2 });
  });
  it('an edit of a version-1 line is caught by the next line, the last version-1 line included once version 2 follows', () => {
    const ls = chain(3, 2);
    for (const i of [0, 1, 2]) {
      const e = [...ls];
      e[i] = e[i]!.replace('"alice"', '"mallory"');
      expect(run(e)).toBe(`journal line ${i + 2}: prev does not match the SHA-256 of line ${i + 1} — line ${i + 1} was edited, or lines were removed or reordered`);
    }
  });
  it('the last line of a journal that is all version 1 is protected by nothing but an anchor (as in coldkit 0.1.0)', () => {
    const ls = chain(3, 0);
    const edited = [...ls.slice(0, 2), ls[2]!.replace('"alice"', '"mallory"')];
    expect(run(edited)).toMatchObject({ seq: 3, v: 1 });
  });
  it('a version-1 entry after version-2 entries is refused (an edited entry turned back into version 1 to drop its hash)', () => {
    const ls = chain(2, 2);
    const last = JSON.parse(ls[3]!) as JournalEntryV2;
    const downgraded = entryLine({ v: 1, seq: last.seq, ts: last.ts, op: last.op, operator: 'mallory', host: last.host, tool: last.tool, data: last.data, prev: last.prev });
    expect(run([...ls.slice(0, 3), downgraded])).toBe('journal line 4: a version-1 entry after version-2 entries — coldkit writes version 2 only, so this line was written or rewritten by hand');
  });
  it('an unknown version is refused', () => {
    expect(run([chain(0, 1)[0]!.replace('"v":2', '"v":3')])).toBe('journal line 1: not a journal entry of version 1 or 2');
  });
});

describe('one line on its own', () => {
  const [line] = chain(0, 1);
  const e = JSON.parse(line!) as Record<string, unknown>;
  const fail = (text: string | Uint8Array) => {
    try {
      readEntry(typeof text === 'string' ? enc.encode(text) : text, 7);
    } catch (err) {
      expect(err).toBeInstanceOf(VerificationError);
      return (err as Error).message;
    }
    throw new Error('accepted');
  };
  it.each([
    ['seq as a string', { ...e, seq: '1' }, 'seq'],
    ['seq zero', { ...e, seq: 0 }, 'seq'],
    ['seq fractional', { ...e, seq: 1.5 }, 'seq'],
    ['ts missing', { ...e, ts: undefined }, 'ts'],
    ['operator a number', { ...e, operator: 7 }, 'operator'],
    ['data an array', { ...e, data: [] }, 'data'],
    ['data null', { ...e, data: null }, 'data'],
    ['prev a number', { ...e, prev: 0 }, 'prev'],
  ])('%s: names the field', (_name, obj, field) => {
    expect(fail(JSON.stringify(obj))).toBe(`journal line 7: field "${field}" is missing or of the wrong type`);
  });
  it('not UTF-8, not JSON, not an object, too long', () => {
    const bad = enc.encode(line!);
    bad[40] = 0xff;
    expect(fail(bad)).toBe('journal line 7: not valid UTF-8 — edited or damaged');
    expect(fail('{"v":2,')).toBe('journal line 7: not valid JSON — edited or truncated');
    expect(fail('[2]')).toBe('journal line 7: not a journal entry of version 1 or 2');
    expect(fail('null')).toBe('journal line 7: not a journal entry of version 1 or 2');
    expect(fail(new Uint8Array(MAX_LINE_BYTES + 1).fill(0x20))).toBe(`journal line 7: longer than ${MAX_LINE_BYTES} bytes — not a coldkit entry`);
  });
  it('non-canonical forms: spaces, escapes, number forms, duplicate keys, key order', () => {
    const canon = 'journal line 7: not in canonical form (fields added, removed, reordered or reformatted)';
    expect(fail(line!.replace('"seq":1', '"seq": 1'))).toBe(canon);
    expect(fail(line!.replace('"seq":1', '"seq":1.0'))).toBe(canon);
    expect(fail(line!.replace('"alice"', '"\\u0061lice"'))).toBe(canon);
    expect(fail(line!.replace('"data":{', '"data":{"n":0,'))).toBe(canon);
    expect(fail(line!.replace('"v":2,"seq":1,', '"seq":1,"v":2,'))).toBe(canon);
  });
});

describe('continuing from a head verified earlier (the checkpoint path)', () => {
  it('verifies only the later lines and ends at the same head', () => {
    const ls = chain(2, 4);
    const full = run(ls) as ChainHead;
    const mid = run(ls.slice(0, 3)) as ChainHead;
    expect(run(ls.slice(3), mid)).toEqual(full);
  });
  it('a wrong starting head is refused at the first line', () => {
    const ls = chain(0, 4);
    const mid = run(ls.slice(0, 2)) as ChainHead;
    expect(run(ls.slice(2), { ...mid, hash: 'a'.repeat(64) })).toMatch(/^journal line 3: prev does not match the hash of line 2/);
    expect(run(ls.slice(2), { ...mid, seq: 1 })).toMatch(/^journal line 2: seq is 3, expected 2/);
  });
  it('unterminated() names the line after the head', () => {
    const c = new ChainVerifier();
    c.push(enc.encode(chain(0, 1)[0]!));
    expect(() => c.unterminated()).toThrow('journal line 2: the file does not end with a newline — the last line is truncated or was appended to by hand');
  });
});
