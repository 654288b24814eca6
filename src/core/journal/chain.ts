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
import { decodeUtf8, sha256Hex } from './native.js';

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
  if (!sameKeys(Object.keys(e), KEYS[e.v]) || JSON.stringify(e) !== text) {
    throw new VerificationError(`${where}: not in canonical form (fields added, removed, reordered or reformatted)`);
  }
  if (e.v === 1) return { entry: e, hash: sha256Hex(line) };
  // Canonical form ends the line with `,"hash":"<64 hex>"}` (ASCII): the body is the bytes before it, then "}".
  const bodyLength = line.length - HASH_MEMBER_BYTES + 1;
  if (scratch.length < bodyLength) scratch = new Uint8Array(bodyLength * 2);
  scratch.set(line.subarray(0, bodyLength - 1));
  scratch[bodyLength - 1] = 0x7d;
  if (sha256Hex(scratch.subarray(0, bodyLength)) !== e.hash) {
    throw new VerificationError(`${where}: its hash does not match its content — line ${n} was edited`);
  }
  return { entry: e, hash: e.hash };
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
    const n = this.#head.seq + 1;
    const where = `journal line ${n}`;
    const got = readEntry(line, n);
    const e = got.entry;
    if (e.v === 1 && this.#head.v === 2) {
      throw new VerificationError(`${where}: a version-1 entry after version-2 entries — coldkit writes version 2 only, so this line was written or rewritten by hand`);
    }
    if (e.seq !== n) throw new VerificationError(`${where}: seq is ${e.seq}, expected ${n} — a line was inserted, deleted or moved`);
    if (e.prev !== this.#head.hash) {
      if (n === 1) throw new VerificationError(`${where}: prev is not 64 zeros, as the first line's must be — the line was edited, or lines before it were removed`);
      const of = this.#head.v === 1 ? 'the SHA-256' : 'the hash';
      throw new VerificationError(`${where}: prev does not match ${of} of line ${n - 1} — line ${n - 1} was edited, or lines were removed or reordered`);
    }
    this.#head = { seq: n, hash: got.hash, v: e.v };
    return got;
  }

  /** The input ended inside a line (no final newline): always an error. */
  unterminated(): never {
    throw new VerificationError(`journal line ${this.#head.seq + 1}: the file does not end with a newline — the last line is truncated or was appended to by hand`);
  }
}
