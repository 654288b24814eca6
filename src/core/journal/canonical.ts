/**
 * A fast check that a journal line is canonical, read straight from its bytes: the line must be
 * exactly what `JSON.stringify(JSON.parse(line))` gives back, with the entry's keys in order
 * (docs/formats/journal.md). Parsing every line into objects and serialising it again costs most
 * of a large journal's verification time; this one pass over the bytes, allocating almost
 * nothing, does the same check for the lines coldkit writes.
 *
 * It is a fast path, not the rule: it answers only "canonical, with these chain fields", or
 * "cannot tell" (undefined) — then the caller runs the reference check (parse, type checks,
 * JSON.stringify) in chain.ts, which also words the error. It must never accept a line the
 * reference refuses; a differential test holds it to that (test/core/journal/canonical.test.ts).
 * Where the rule is subtle (integer-like keys, which JSON.parse reorders; deep nesting; long
 * numbers) it says "cannot tell".
 */

/** The chain fields of a canonical line: prev and hash as byte ranges of the line (no strings are made). */
export interface LineFields {
  v: 1 | 2;
  seq: number;
  /** The contents of prev's string: [prevAt, prevEnd). */
  prevAt: number;
  prevEnd: number;
  /** The contents of hash's string (version 2; -1 for version 1). */
  hashAt: number;
  hashEnd: number;
}

const enc = new TextEncoder();
const EMPTY = new Uint8Array(0);
const KEY = (k: string) => enc.encode(k);
const HEAD = KEY('{"v":');
const AFTER_V = KEY(',"seq":');
const STRING_KEYS = [',"ts":', ',"op":', ',"operator":', ',"host":', ',"tool":'].map(KEY);
const DATA = KEY(',"data":');
const PREV = KEY(',"prev":');
const HASH = KEY(',"hash":');
const TRUE = KEY('true');
const FALSE = KEY('false');
const NULL = KEY('null');
/** Deeper nesting is left to the reference check. */
const MAX_DEPTH = 64;
/** Short escapes JSON.stringify writes: \" \\ \b \f \n \r \t. */
const SHORT = new Set([0x22, 0x5c, 0x62, 0x66, 0x6e, 0x72, 0x74]);
/** Control characters that have a short escape (so \u00XX for them is not canonical). */
const HAS_SHORT = new Set([0x08, 0x09, 0x0a, 0x0c, 0x0d]);

/** The line being scanned (module state: one scan at a time, nothing allocated per line). */
let b: Uint8Array = new Uint8Array(0);
/** Key offsets of the objects being scanned, per nesting level, for duplicate detection. */
const keyAt: Int32Array[] = [];
const keyEnd: Int32Array[] = [];
/** Objects with more keys than this are left to the reference check (duplicates are found pairwise). */
const MAX_KEYS = 64;
/** The result of the last scan (reused: valid until the next scan). */
const fields: LineFields = { v: 1, seq: 0, prevAt: 0, prevEnd: 0, hashAt: -1, hashEnd: -1 };

function lit(p: number, bytes: Uint8Array): number {
  if (p < 0 || p + bytes.length > b.length) return -1;
  for (let i = 0; i < bytes.length; i++) if (b[p + i] !== bytes[i]) return -1;
  return p + bytes.length;
}

/** A string in JSON.stringify's form: raw characters but `"`, `\` and controls; escapes as it writes them. */
function str(p: number): number {
  const bb = b;
  const n = bb.length;
  if (p < 0 || bb[p] !== 0x22) return -1;
  let afterHigh = -1; // where a high-surrogate escape ended: a low one right there makes a pair, written raw
  for (let i = p + 1; i < n; ) {
    const c = bb[i]!;
    if (c > 0x22 && c !== 0x5c) {
      i++;
      continue;
    }
    if (c === 0x22) return i + 1;
    if (c < 0x20) return -1;
    if (c !== 0x5c) {
      i++;
      continue;
    }
    const e = bb[i + 1];
    if (e === undefined) return -1;
    if (SHORT.has(e)) {
      i += 2;
      continue;
    }
    if (e !== 0x75) return -1;
    const u = hex4(i + 2);
    if (u < 0) return -1;
    if (u >= 0xd800 && u <= 0xdbff) {
      afterHigh = i + 6;
    } else if (u >= 0xdc00 && u <= 0xdfff) {
      if (afterHigh === i) return -1;
    } else if (u >= 0x20 || HAS_SHORT.has(u)) {
      return -1;
    }
    i += 6;
  }
  return -1;
}

/** Four lowercase hex digits as a number, or -1. */
function hex4(p: number): number {
  let v = 0;
  for (let i = p; i < p + 4; i++) {
    const c = b[i];
    if (c === undefined) return -1;
    if (c >= 0x30 && c <= 0x39) v = v * 16 + (c - 0x30);
    else if (c >= 0x61 && c <= 0x66) v = v * 16 + (c - 0x57);
    else return -1;
  }
  return v;
}

/** A number exactly as JavaScript prints it (no "1.0", "1e5", "-0", "+1"); long ones are left to the reference. */
function num(p: number): number {
  let i = p;
  while (i < b.length && isNumberByte(b[i]!)) i++;
  if (i === p || i - p > 21) return -1;
  const s = ascii(p, i);
  const n = Number(s);
  return Number.isFinite(n) && String(n) === s ? i : -1;
}

function value(p: number, depth: number): number {
  const c = b[p];
  if (c === 0x22) return str(p);
  if (c === 0x7b) return obj(p, depth + 1);
  if (c === 0x5b) return arr(p, depth + 1);
  if (c === 0x74) return lit(p, TRUE);
  if (c === 0x66) return lit(p, FALSE);
  if (c === 0x6e) return lit(p, NULL);
  return num(p);
}

function obj(p: number, depth: number): number {
  if (p < 0 || depth > MAX_DEPTH || b[p] !== 0x7b) return -1;
  if (b[p + 1] === 0x7d) return p + 2;
  const at = (keyAt[depth] ??= new Int32Array(MAX_KEYS));
  const end = (keyEnd[depth] ??= new Int32Array(MAX_KEYS));
  let keys = 0;
  for (let i = p + 1; ; ) {
    const ke = str(i);
    if (ke < 0 || b[ke] !== 0x3a) return -1;
    // JSON.parse lists integer-like keys first, in numeric order: left to the reference check.
    if (keys === MAX_KEYS || indexLike(i + 1, ke - 1)) return -1;
    // A duplicate key is not canonical; keys compare as their canonical bytes (a string has one canonical form).
    for (let k = 0; k < keys; k++) if (sameBytes(at[k]!, end[k]!, i, ke)) return -1;
    at[keys] = i;
    end[keys++] = ke;
    const ve = value(ke + 1, depth);
    if (ve < 0) return -1;
    if (b[ve] === 0x7d) return ve + 1;
    if (b[ve] !== 0x2c) return -1;
    i = ve + 1;
  }
}

function arr(p: number, depth: number): number {
  if (depth > MAX_DEPTH || b[p] !== 0x5b) return -1;
  if (b[p + 1] === 0x5d) return p + 2;
  for (let i = p + 1; ; ) {
    const ve = value(i, depth);
    if (ve < 0) return -1;
    if (b[ve] === 0x5d) return ve + 1;
    if (b[ve] !== 0x2c) return -1;
    i = ve + 1;
  }
}

/** Whether the key bytes [from, to) may be an array index ("0", or digits without a leading zero). */
function indexLike(from: number, to: number): boolean {
  if (from >= to || (b[from] === 0x30 && to - from > 1)) return false;
  for (let k = from; k < to; k++) if (b[k]! < 0x30 || b[k]! > 0x39) return false;
  return true;
}

function sameBytes(a0: number, a1: number, c0: number, c1: number): boolean {
  if (a1 - a0 !== c1 - c0) return false;
  for (let k = 0; k < a1 - a0; k++) if (b[a0 + k] !== b[c0 + k]) return false;
  return true;
}

/** The bytes [from, to) as a string of char codes (number tokens, which are ASCII). */
function ascii(from: number, to: number): string {
  let s = '';
  for (let k = from; k < to; k++) s += String.fromCharCode(b[k]!);
  return s;
}

/** Whether bytes [from, to) of `line` are exactly the ASCII string `s`. */
export function asciiEquals(line: Uint8Array, from: number, to: number, s: string): boolean {
  if (to - from !== s.length) return false;
  for (let k = 0; k < s.length; k++) if (line[from + k] !== s.charCodeAt(k)) return false;
  return true;
}

function isNumberByte(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2b || c === 0x2e || c === 0x65 || c === 0x45;
}

/**
 * The chain fields of a line already known to be valid UTF-8, when the line is a canonical entry
 * of version 1 or 2 with fields of the right types; undefined when this fast check cannot tell
 * (the caller then runs the reference check). prev and hash are returned as byte ranges; the
 * chain compares them with hashes it computed (asciiEquals). The object returned is reused by the
 * next call.
 */
export function scanCanonicalEntry(line: Uint8Array): LineFields | undefined {
  b = line;
  try {
    let p = lit(0, HEAD);
    const vByte = line[p];
    if (p < 0 || (vByte !== 0x31 && vByte !== 0x32)) return undefined;
    const v = vByte === 0x31 ? 1 : 2;
    p = lit(p + 1, AFTER_V);
    if (p < 0) return undefined;
    const seqStart = p;
    while (line[p]! >= 0x30 && line[p]! <= 0x39) p++;
    if (p === seqStart || p - seqStart > 15 || line[seqStart] === 0x30) return undefined;
    let seq = 0;
    for (let k = seqStart; k < p; k++) seq = seq * 10 + (line[k]! - 0x30);
    for (const k of STRING_KEYS) p = str(lit(p, k));
    p = obj(lit(p, DATA), 1);
    const prevKeyEnd = lit(p, PREV);
    p = str(prevKeyEnd);
    if (p < 0) return undefined;
    const prevEnd = p - 1;
    let hashAt = -1;
    let hashEnd = -1;
    if (v === 2) {
      const hashKeyEnd = lit(p, HASH);
      p = str(hashKeyEnd);
      if (p < 0) return undefined;
      hashAt = hashKeyEnd + 1;
      hashEnd = p - 1;
    }
    if (line[p] !== 0x7d || p + 1 !== line.length) return undefined;
    fields.v = v;
    fields.seq = seq;
    fields.prevAt = prevKeyEnd + 1;
    fields.prevEnd = prevEnd;
    fields.hashAt = hashAt;
    fields.hashEnd = hashEnd;
    return fields;
  } finally {
    b = EMPTY;
  }
}
