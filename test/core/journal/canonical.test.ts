/**
 * src/core/journal/canonical.ts, the fast canonical-form check, against the rule it shortcuts:
 * a line is canonical when JSON.stringify(JSON.parse(line)) gives it back, with the entry's keys
 * in order and fields of the right types (the oracle below, as chain.ts's readEntry applies it).
 * It must never accept a line the oracle refuses (soundness, over thousands of seeded random
 * entries and mutations of them), and it must accept the lines coldkit writes.
 */
import { describe, expect, it } from 'vitest';
import { scanCanonicalEntry, type LineFields } from '../../../src/core/journal/canonical.js';
import { entryLine, GENESIS } from '../../../src/core/journal/entry.js';
import { sha256Hex } from '../../../src/core/journal/native.js';

const enc = new TextEncoder();
const KEYS1 = ['v', 'seq', 'ts', 'op', 'operator', 'host', 'tool', 'data', 'prev'];
const KEYS2 = [...KEYS1, 'hash'];

/** The rule: parses, is an entry with the right keys and types, and is exactly JSON.stringify of what it parses to. */
function oracle(text: string): boolean {
  let e: Record<string, unknown>;
  try {
    e = JSON.parse(text);
  } catch {
    return false;
  }
  if (typeof e !== 'object' || e === null || Array.isArray(e) || (e.v !== 1 && e.v !== 2)) return false;
  const keys = Object.keys(e);
  const want = e.v === 1 ? KEYS1 : KEYS2;
  if (keys.length !== want.length || keys.some((k, i) => k !== want[i])) return false;
  if (!Number.isSafeInteger(e.seq) || (e.seq as number) < 1) return false;
  if (['ts', 'op', 'operator', 'host', 'tool', 'prev'].some((k) => typeof e[k] !== 'string')) return false;
  if (e.v === 2 && typeof e.hash !== 'string') return false;
  if (typeof e.data !== 'object' || e.data === null || Array.isArray(e.data)) return false;
  try {
    return JSON.stringify(e) === text;
  } catch {
    return false;
  }
}

/** The scanner on a string (valid UTF-8 by construction). */
const scan = (text: string) => scanCanonicalEntry(enc.encode(text));
const slice = (text: string, from: number, to: number) => new TextDecoder().decode(enc.encode(text).subarray(from, to));

/** Seeded PRNG (mulberry32). */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  return { next, int, pick };
}
type R = ReturnType<typeof prng>;

const CHARS = ['a', 'Z', '0', ' ', '"', '\\', '/', '\n', '\t', '\b', '\f', '\r', '\u0000', '\u001b', '\u001f', '\u007f', 'é', '✓', '\u2028', '\u2029', '\ufffd', '𝄞', '\ud800', '\udfff', '\udbff', '\udc00', '}', ',', ':', '[', 'e'];
function randString(r: R): string {
  let s = '';
  const n = r.int(8);
  for (let i = 0; i < n; i++) s += r.pick(CHARS);
  return s;
}
const NUMBERS = [0, -0, 1, -1, 7, 42, 1.5, -0.25, 0.1, 1e21, 1e-7, 123456789012, 2 ** 53, 3.14159, 1e300, 5e-324, 4294967295];
function randValue(r: R, depth: number): unknown {
  const k = r.int(depth > 3 ? 4 : 7);
  if (k === 0) return randString(r);
  if (k === 1) return r.pick(NUMBERS);
  if (k === 2) return r.pick([true, false, null]);
  if (k === 3) return r.pick(['73c5da0a', 'xpub6CatWdiZiodm', '']);
  if (k === 4) return Array.from({ length: r.int(4) }, () => randValue(r, depth + 1));
  return randObject(r, depth + 1);
}
function randObject(r: R, depth: number): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  const n = r.int(5);
  for (let i = 0; i < n; i++) o[r.int(10) === 0 ? String(r.int(3)) : randString(r) || `k${i}`] = randValue(r, depth);
  return o;
}
function randEntryLine(r: R): string {
  const v = r.int(2) === 0 ? 1 : 2;
  const base = { seq: 1 + r.int(200_000), ts: '2026-11-26T08:00:00.000Z', op: r.pick(['seed.check', 'psbt.sign', '']), operator: randString(r), host: randString(r), tool: 'coldkit/0.2.0', data: randObject(r, 0), prev: r.int(4) ? sha256Hex(String(r.int(1e9))) : GENESIS };
  return v === 1 ? entryLine({ v: 1, ...base }) : entryLine({ v: 2, ...base, hash: sha256Hex(String(r.int(1e9))) });
}

/** Byte-level and JSON-aware mutations that may or may not keep a line canonical. */
const MUTATIONS: ((s: string, r: R) => string)[] = [
  (s, r) => { const i = r.int(s.length); return s.slice(0, i) + ' ' + s.slice(i); },
  (s, r) => { const i = r.int(s.length); return s.slice(0, i) + s.slice(i + 1); },
  (s, r) => { const i = r.int(s.length); return s.slice(0, i) + r.pick(['"', '\\', ',', '{', '}', '[', ']', ':', '0', '-', '.', 'e', 'E', '+', 'u']) + s.slice(i + 1); },
  (s, r) => { const i = r.int(s.length); return s.slice(0, i) + r.pick(['\u0001', '\t', '\u001f']) + s.slice(i); },
  (s) => s.replace('"data":{', '"data":{"k":1,"k":2,'),
  (s) => s.replace('"data":{', '"data":{"2":0,"1":0,'),
  (s) => s.replace('"data":{', '"data":{"a":1.0,'),
  (s) => s.replace('"data":{', '"data":{"a":1e5,'),
  (s) => s.replace('"data":{', '"data":{"a":-0,'),
  (s) => s.replace('"data":{', '"data":{"a":1E+21,'),
  (s) => s.replace('"data":{', '"data":{"a":"\\/",'),
  (s) => s.replace('"data":{', '"data":{"a":"\\u0041",'),
  (s) => s.replace('"data":{', '"data":{"a":"\\u001B",'),
  (s) => s.replace('"data":{', '"data":{"a":"\\u000a",'),
  (s) => s.replace('"data":{', '"data":{"a":"\\ud83d\\ude00",'),
  (s) => s.replace('"data":{', '"data":{"a":"\\ud83d\\ud83d",'),
  (s) => s.replace('"data":{', '"data":{"a":"\\udc00\\ud800",'),
  (s) => s.replace('"data":{', '"data":{"a":[1,],'),
  (s) => s.replace('"data":{', '"data":{"a":tru,'),
  (s) => s.replace('"data":{', '"data":{"a":01,'),
  (s) => s.replace('"data":{', '"data":{"a":123456789012345678901234,'),
  (s) => s.replace('"data":{', '"data":{"__proto__":1,'),
  (s) => s.replace('"v":1,', '"v":1.0,').replace('"v":2,', '"v":2.0,'),
  (s) => s.replace(/"seq":(\d+)/, '"seq":0$1'),
  (s) => s.replace(/"seq":(\d+)/, '"seq":"$1"'),
  (s) => s.replace('"ts":', '"ts" :'),
  (s) => s.replace(/,"op":"[^"]*"/, ''),
  (s) => s.replace(/"prev":"/, '"prev":"\\u0030'),
  (s) => s.replace(/"data":\{/, '"data":[').replace(/\},"prev"/, '],"prev"'),
  (s) => s + ' ',
  (s) => s.replace(/\}$/, ',"x":1}'),
];

describe('soundness: never accepts what the rule refuses', () => {
  it('20,000 seeded random entries and as many mutations', () => {
    const r = prng(20261126);
    let accepted = 0;
    let canonicalLines = 0;
    for (let i = 0; i < 20_000; i++) {
      const line = randEntryLine(r);
      const m = r.int(3) === 0 ? line : r.pick(MUTATIONS)(line, r);
      for (const text of [line, m]) {
        // Only well-formed Unicode reaches the scanner (the chain checks UTF-8 first).
        if (text.isWellFormed && !text.isWellFormed()) continue;
        const got = scan(text);
        const ok = oracle(text);
        if (got) expect(ok, text).toBe(true);
        // Completeness is measured on lines without integer-like keys (left to the reference by design).
        if (ok && !/"(0|[1-9]\d*)":/.test(text)) {
          canonicalLines++;
          if (got) accepted++;
        }
      }
    }
    // And it is a useful fast path: it accepts every canonical line without integer-like keys.
    expect(canonicalLines).toBeGreaterThan(10_000);
    expect(accepted).toBe(canonicalLines);
  });
});

describe('the fields it returns', () => {
  it('v, seq, and the byte ranges of prev and hash, as in the entry', () => {
    const r = prng(7);
    for (let i = 0; i < 2000; i++) {
      const line = randEntryLine(r);
      const f = scan(line) as LineFields | undefined;
      if (!f) continue;
      const e = JSON.parse(line);
      expect([f.v, f.seq]).toEqual([e.v, e.seq]);
      expect(slice(line, f.prevAt, f.prevEnd)).toBe(e.prev);
      if (e.v === 2) expect(slice(line, f.hashAt, f.hashEnd)).toBe(e.hash);
      else expect(f.hashAt).toBe(-1);
    }
  });
});

describe('cases the rule decides one way or the other', () => {
  const base = entryLine({ v: 2, seq: 3, ts: 't', op: 'o', operator: 'u', host: 'h', tool: 't', data: {}, prev: GENESIS, hash: GENESIS });
  const withData = (data: string) => base.replace('"data":{}', `"data":${data}`);
  it.each([
    ['a lone high surrogate, escaped', '{"a":"\\ud800x"}'],
    ['a lone low surrogate, escaped', '{"a":"\\udc00"}'],
    ['two high surrogates', '{"a":"\\ud800\\ud800"}'],
    ['control characters as JSON.stringify writes them', '{"a":"\\u0000\\u001b\\u001f\\n\\t\\b\\f\\r\\"\\\\"}'],
    ['DEL, U+2028, astral characters, raw', '{"a":"\u007f\u2028𝄞"}'],
    ['numbers in shortest form', '{"a":[0,-1,1.5,0.1,1e+21,1e-7,5e-324]}'],
    ['empty and nested containers', '{"a":{},"b":[],"c":[[{"d":[null,true,false]}]]}'],
    ['a key that is not an array index', '{"01":1,"-1":2,"1.5":3}'],
  ])('canonical: %s', (_name, data) => {
    const text = withData(data);
    expect(oracle(text)).toBe(true);
    expect(scan(text)).toBeDefined();
  });
  it.each([
    ['an escaped surrogate pair (JSON.stringify writes it raw)', '{"a":"\\ud83d\\ude00"}'],
    ['an escaped printable character', '{"a":"\\u0041"}'],
    ['upper-case hex in an escape', '{"a":"\\u001B"}'],
    ['\\u000a instead of \\n', '{"a":"\\u000a"}'],
    ['an escaped slash', '{"a":"\\/"}'],
    ['1.0, 1e5, -0, 1E+21', '{"a":[1.0,1e5,-0,1E+21]}'],
    ['a duplicate key', '{"a":1,"a":1}'],
    ['a space', '{"a": 1}'],
  ])('not canonical: %s', (_name, data) => {
    const text = withData(data);
    expect(oracle(text)).toBe(false);
    expect(scan(text)).toBeUndefined();
  });
  it('integer-like keys and deep nesting are left to the reference check', () => {
    expect(scan(withData('{"1":0,"b":0}'))).toBeUndefined();
    expect(oracle(withData('{"1":0,"b":0}'))).toBe(true);
    const deep = '['.repeat(100) + ']'.repeat(100);
    expect(scan(withData(`{"a":${deep}}`))).toBeUndefined();
    expect(oracle(withData(`{"a":${deep}}`))).toBe(true);
  });
});
