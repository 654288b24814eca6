/**
 * Incremental verification of a journal's hash chain (docs/formats/journal.md): lines are handed
 * over one at a time as bytes, so a caller can stream a file of any length in constant memory and
 * hash each line exactly once. Each line must be valid UTF-8 and JSON, in canonical form, with
 * fields of the right types; seq counts 1, 2, 3…; prev is the previous entry's hash (64 zeros for
 * the first); a version-2 entry's hash member is the SHA-256 of its line without that member; and
 * no version-1 entry follows a version-2 one (turning an edited entry back into version 1 would
 * otherwise drop the hash that exposes the edit).
 */
import { VerificationError } from '../errors.js';
import { GENESIS, HASH_MEMBER_BYTES, type JournalEntry } from './entry.js';
import { asciiEquals, scanCanonicalEntry } from './canonical.js';
import { decodeUtf8, isValidUtf8, sha256Hex } from './native.js';

/** The longest line coldkit reads or writes (16 MiB): a longer one is refused, so memory stays bounded. */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

/** Where a verified chain ends: the last entry's seq and hash, and its version (0 when empty). */
export interface ChainHead {
  seq: number;
  hash: string;
  v: 0 | 1 | 2;
}

/** The head of an empty journal. */
export const EMPTY_HEAD: ChainHead = Object.freeze({ seq: 0, hash: GENESIS, v: 0 });

/** An entry that passed verification, with its hash (the next entry's prev). */
export interface VerifiedEntry {
  entry: JournalEntry;
  hash: string;
}

/** The canonical key order of each version (docs/formats/journal.md). */
const KEYS = { 1: ['v', 'seq', 'ts', 'op', 'operator', 'host', 'tool', 'data', 'prev'], 2: ['v', 'seq', 'ts', 'op', 'operator', 'host', 'tool', 'data', 'prev', 'hash'] } as const;
/** Reused for hashing a version-2 line's body. */
let scratch = new Uint8Array(1024);

/**
 * Check one line on its own — encoding, JSON, field types, canonical form, and a version-2
 * entry's own hash — and return the entry with its hash. `n` is the line number for messages.
 * The chain (seq, prev, version order) is checked by ChainVerifier.
 */
export function readEntry(line: Uint8Array, n: number): VerifiedEntry {
  const where = `journal line ${n}`;
  if (line.length > MAX_LINE_BYTES) throw new VerificationError(`${where}: longer than ${MAX_LINE_BYTES} bytes — not a coldkit entry`);
  const text = decodeUtf8(line);
  if (text === undefined) throw new VerificationError(`${where}: not valid UTF-8 — edited or damaged`);
  let e: JournalEntry;
  try {
    e = JSON.parse(text) as JournalEntry;
  } catch {
    throw new VerificationError(`${where}: not valid JSON — edited or truncated`);
  }
  if (typeof e !== 'object' || e === null || (e.v !== 1 && e.v !== 2)) throw new VerificationError(`${where}: not a journal entry of version 1 or 2`);
  const bad = wrongField(e);
  if (bad) throw new VerificationError(`${where}: field "${bad}" is missing or of the wrong type`);
  // Canonical: the keys in the version's order, and the text exactly as JSON.stringify writes the
  // parsed value (no spaces, shortest numbers, standard escapes, no duplicate keys) — the same as
  // entryLine(e), without building a copy of the entry.
  let canonical: boolean;
  try {
    canonical = sameKeys(Object.keys(e), KEYS[e.v]) && JSON.stringify(e) === text;
  } catch {
    canonical = false; // nesting too deep to serialise
  }
  if (!canonical) throw new VerificationError(`${where}: not in canonical form (fields added, removed, reordered or reformatted)`);
  return { entry: e, hash: ownHash(line, e.v, e.v === 2 ? e.hash : '', n) };
}

/**
 * A canonical line's hash: version 1, SHA-256 of the line; version 2, SHA-256 of the line without
 * its hash member, which must equal `member`.
 */
function ownHash(line: Uint8Array, v: 1 | 2, member: string, n: number): string {
  if (v === 1) return sha256Hex(line);
  if (bodyHash(line, n) !== member) throw new VerificationError(`journal line ${n}: its hash does not match its content — line ${n} was edited`);
  return member;
}

/** SHA-256 of a canonical version-2 line without its hash member: the bytes before `,"hash":"<64 hex>"}` (ASCII), then "}". */
function bodyHash(line: Uint8Array, n: number): string {
  const bodyLength = line.length - HASH_MEMBER_BYTES + 1;
  if (bodyLength < 2) throw new VerificationError(`journal line ${n}: its hash does not match its content — line ${n} was edited`);
  if (scratch.length < bodyLength) scratch = new Uint8Array(bodyLength * 2);
  scratch.set(line.subarray(0, bodyLength - 1));
  scratch[bodyLength - 1] = 0x7d;
  return sha256Hex(scratch.subarray(0, bodyLength));
}

function sameKeys(a: string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The first field whose type is wrong, if any. */
function wrongField(e: JournalEntry): string | undefined {
  if (!Number.isSafeInteger(e.seq) || e.seq < 1) return 'seq';
  for (const k of ['ts', 'op', 'operator', 'host', 'tool'] as const) if (typeof e[k] !== 'string') return k;
  if (typeof e.data !== 'object' || e.data === null || Array.isArray(e.data)) return 'data';
  // prev must equal the previous hash and hash the computed one, so their form needs no test here.
  if (typeof e.prev !== 'string') return 'prev';
  if (e.v === 2 && typeof e.hash !== 'string') return 'hash';
  return undefined;
}

/** What the chain needs of a line: version, seq, hash, and prev (as a string, or as a byte range of the line). */
interface Link {
  v: 1 | 2;
  seq: number;
  hash: string;
  prev: string | undefined;
  prevAt: number;
  prevEnd: number;
  entry: JournalEntry | undefined;
}

/**
 * Check one line on its own, the fast way when it can: a canonical line is recognised from its
 * bytes (canonical.ts) and its entry parsed only when wanted; anything else goes through
 * readEntry, which is the rule and words the error.
 */
function readLink(line: Uint8Array, n: number, wantEntry: boolean): Link {
  const f = line.length <= MAX_LINE_BYTES && isValidUtf8(line) ? scanCanonicalEntry(line) : undefined;
  if (!f) {
    const { entry, hash } = readEntry(line, n);
    return { v: entry.v, seq: entry.seq, hash, prev: entry.prev, prevAt: 0, prevEnd: 0, entry };
  }
  let hash: string;
  if (f.v === 1) hash = sha256Hex(line);
  else {
    hash = bodyHash(line, n);
    if (!asciiEquals(line, f.hashAt, f.hashEnd, hash)) throw new VerificationError(`journal line ${n}: its hash does not match its content — line ${n} was edited`);
  }
  // One object reused for every line read the fast way (the caller uses it at once).
  fast.v = f.v;
  fast.seq = f.seq;
  fast.hash = hash;
  fast.prevAt = f.prevAt;
  fast.prevEnd = f.prevEnd;
  fast.entry = wantEntry ? (JSON.parse(decodeUtf8(line)!) as JournalEntry) : undefined;
  return fast;
}
const fast: Link = { v: 1, seq: 0, hash: '', prev: undefined, prevAt: 0, prevEnd: 0, entry: undefined };

/** Verifies a journal line by line, from its start or from a head verified earlier. */
export class ChainVerifier {
  #head: ChainHead;

  /** Continue after `start` (the head of lines verified before; the empty head for a new file). */
  constructor(start: ChainHead = EMPTY_HEAD) {
    this.#head = { ...start };
  }

  /** The head after the lines verified so far. */
  get head(): ChainHead {
    return { ...this.#head };
  }

  /**
   * Verify the next line (its bytes without the newline) and return its entry and hash; throws
   * VerificationError naming the first bad line. `line` is not kept.
   */
  push(line: Uint8Array): VerifiedEntry {
    const l = this.#next(line, true);
    return { entry: l.entry!, hash: l.hash };
  }

  /**
   * Verify the next line like push(), without building its entry (the fastest way to verify).
   * Returns the new head: read-only, and valid until the next line (copy it to keep it).
   */
  link(line: Uint8Array): Readonly<ChainHead> {
    this.#next(line, false);
    return this.#head;
  }

  #next(line: Uint8Array, wantEntry: boolean): Link {
    const n = this.#head.seq + 1;
    const l = readLink(line, n, wantEntry);
    if (l.v === 1 && this.#head.v === 2) {
      throw new VerificationError(`journal line ${n}: a version-1 entry after version-2 entries — coldkit writes version 2 only, so this line was written or rewritten by hand`);
    }
    if (l.seq !== n) throw new VerificationError(`journal line ${n}: seq is ${l.seq}, expected ${n} — a line was inserted, deleted or moved`);
    if (l.prev !== undefined ? l.prev !== this.#head.hash : !asciiEquals(line, l.prevAt, l.prevEnd, this.#head.hash)) {
      if (n === 1) throw new VerificationError(`journal line ${n}: prev is not 64 zeros, as the first line's must be — the line was edited, or lines before it were removed`);
      const of = this.#head.v === 1 ? 'the SHA-256' : 'the hash';
      throw new VerificationError(`journal line ${n}: prev does not match ${of} of line ${n - 1} — line ${n - 1} was edited, or lines were removed or reordered`);
    }
    this.#head.seq = n;
    this.#head.hash = l.hash;
    this.#head.v = l.v;
    return l;
  }

  /** The input ended inside a line (no final newline): always an error. */
  unterminated(): never {
    throw new VerificationError(`journal line ${this.#head.seq + 1}: the file does not end with a newline — the last line is truncated or was appended to by hand`);
  }
}
