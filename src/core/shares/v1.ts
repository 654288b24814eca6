/**
 * coldkit share format v1 (docs/formats/shares-v1.md): one share of `entropy ‖ tag` packed
 * big-endian into 10-bit SLIP-0039 words with an RS1024 checksum under "coldkit-shares-v1".
 *
 *   version 4 | set id 16 | t−1 4 | n−1 4 | reserved 2 | k−1 4 | x 8 | padding | payload 8·(L+4) | checksum 30
 *
 * The first 30 bits (3 words) are identical on every share of a set: the "set words".
 */
import { ShareInputError } from './errors.js';
import { RS1024_CHECK_WORDS, rs1024Create, rs1024InsertFixes, rs1024SingleFixes, rs1024Verify } from './rs1024.js';
import { indicesToWords, wordsToIndices } from './words.js';

/** RS1024 customisation string of v1 (differs from SLIP-39's "shamir"/"shamir_extendable"). */
export const V1_CUSTOMISATION = 'coldkit-shares-v1';
/** Format version carried in the first 4 bits. */
export const V1_VERSION = 1;
/** BIP39 entropy lengths (bytes) v1 accepts, and the share word count each gives. */
export const V1_WORDS_FOR_ENTROPY: ReadonlyMap<number, number> = new Map([
  [16, 24],
  [20, 27],
  [24, 30],
  [28, 33],
  [32, 36],
]);
const ENTROPY_FOR_WORDS = new Map([...V1_WORDS_FOR_ENTROPY].map(([l, w]) => [w, l] as const));
/** Bytes of the integrity tag appended to the entropy before splitting. */
export const TAG_BYTES = 4;
/** Most shares (and the largest threshold) a v1 set can have. */
export const MAX_SHARES = 16;
const HEADER_BITS = 30 + 12; // set words + k−1 + x

/** One decoded v1 share. `payload ‖ x` is the shamir-secret-sharing share of `entropy ‖ tag`. */
export interface ShareV1 {
  version: number;
  /** 16-bit random set id, new on every split. */
  setId: number;
  threshold: number;
  count: number;
  /** "share k of n" (1-based). */
  ordinal: number;
  /** The library's x coordinate (1..255). */
  x: number;
  /** The library's y bytes, L + 4 of them. */
  payload: Uint8Array;
}

/** Padding bits between x and the payload so the share fills whole words. */
function paddingBits(payloadBytes: number): number {
  return (10 - ((HEADER_BITS + 8 * payloadBytes) % 10)) % 10;
}

class BitWriter {
  private readonly bits: number[] = [];
  push(value: number, width: number): void {
    for (let i = width - 1; i >= 0; i--) this.bits.push((value >>> i) & 1);
  }
  words(): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.bits.length; i += 10) {
      let v = 0;
      for (let j = 0; j < 10; j++) v = (v << 1) | this.bits[i + j]!;
      out.push(v);
    }
    return out;
  }
}

class BitReader {
  private pos = 0;
  private readonly bits: number[] = [];
  constructor(words: readonly number[]) {
    for (const w of words) for (let i = 9; i >= 0; i--) this.bits.push((w >>> i) & 1);
  }
  read(width: number): number {
    let v = 0;
    for (let i = 0; i < width; i++) v = v * 2 + this.bits[this.pos++]!;
    return v;
  }
}

/** Pack a share into words (data words + 3 checksum words). Throws on out-of-range fields. */
export function encodeShareIndices(s: ShareV1): number[] {
  const L = s.payload.length - TAG_BYTES;
  if (!V1_WORDS_FOR_ENTROPY.has(L)) throw new RangeError(`v1 payload must be 20..36 bytes in steps of 4, got ${s.payload.length}`);
  if (s.version !== V1_VERSION || s.setId < 0 || s.setId > 0xffff) throw new RangeError('bad version or set id');
  if (s.threshold < 2 || s.count < s.threshold || s.count > MAX_SHARES) throw new RangeError('bad threshold or count');
  if (s.ordinal < 1 || s.ordinal > s.count || s.x < 1 || s.x > 255) throw new RangeError('bad ordinal or x');
  const w = setHeader(s);
  w.push(s.ordinal - 1, 4);
  w.push(s.x, 8);
  w.push(0, paddingBits(s.payload.length));
  for (const b of s.payload) w.push(b, 8);
  const data = w.words();
  return [...data, ...rs1024Create(data, V1_CUSTOMISATION)];
}

/** A share as lower-case words. The QR form is the same text upper-cased. */
export function encodeShare(s: ShareV1): string {
  return indicesToWords(encodeShareIndices(s));
}

/** The three set words of a share (public: version, set id, t, n). */
export function setWords(s: Pick<ShareV1, 'version' | 'setId' | 'threshold' | 'count'>): string {
  return indicesToWords(setHeader(s).words());
}

/** The first 30 bits of every share (3 words): version 4, set id 16, T−1 4, N−1 4, reserved 2. */
function setHeader(s: Pick<ShareV1, 'version' | 'setId' | 'threshold' | 'count'>): BitWriter {
  const w = new BitWriter();
  w.push(s.version, 4);
  w.push(s.setId, 16);
  w.push(s.threshold - 1, 4);
  w.push(s.count - 1, 4);
  w.push(0, 2);
  return w;
}

function validWordCounts(): string {
  return [...ENTROPY_FOR_WORDS.keys()].join('/');
}

/** Where one wrong word would explain a checksum failure: a unique position, or undefined. */
export function locateSingleWordError(words: readonly number[]): number | undefined {
  const fixes = rs1024SingleFixes(words, V1_CUSTOMISATION);
  return fixes.length === 1 ? fixes[0]!.position : undefined;
}

/** If swapping two adjacent words makes the checksum valid, the 1-based position of the first. */
export function locateSwap(words: readonly number[]): number | undefined {
  const trial = [...words];
  for (let i = 0; i + 1 < words.length; i++) {
    if (words[i] === words[i + 1]) continue;
    trial[i] = words[i + 1]!;
    trial[i + 1] = words[i]!;
    const ok = rs1024Verify(trial, V1_CUSTOMISATION);
    trial[i] = words[i]!;
    trial[i + 1] = words[i + 1]!;
    if (ok) return i + 1;
  }
  return undefined;
}

/** For a share one word short: the unique position where inserting some word makes it valid. */
function locateMissing(words: readonly number[]): number | undefined {
  const at = rs1024InsertFixes(words, V1_CUSTOMISATION);
  // Equal neighbours give adjacent equivalent positions; report the first.
  return at.length === 1 || (at.length === 2 && at[1] === at[0]! + 1) ? at[0] : undefined;
}

/** For a share one word long: the position of a word whose removal makes it valid (unique only). */
function locateExtra(words: readonly number[]): number | undefined {
  const hits: number[] = [];
  for (let i = 0; i < words.length; i++) {
    if (rs1024Verify([...words.slice(0, i), ...words.slice(i + 1)], V1_CUSTOMISATION)) hits.push(i + 1);
  }
  // A doubled word gives two equivalent hits next to each other.
  return hits.length === 1 || (hits.length === 2 && hits[1] === hits[0]! + 1 && words[hits[0]! - 1] === words[hits[1]! - 1]) ? hits[0] : undefined;
}

const SLIP39_NOTE = 'this is a SLIP-39 (Trezor) share, not a coldkit v1 share; recover it with a SLIP-39 wallet';

/** True when the words carry a valid SLIP-0039 checksum ("shamir" or "shamir_extendable"). */
function isSlip39(words: readonly number[]): boolean {
  return words.length >= 20 && (rs1024Verify(words, 'shamir') || rs1024Verify(words, 'shamir_extendable'));
}

function lengthError(words: readonly number[], field: string): ShareInputError {
  const n = words.length;
  let hint = 'a word is missing or extra';
  if (ENTROPY_FOR_WORDS.has(n + 1)) {
    const at = locateMissing(words);
    if (at !== undefined) hint = `a word seems to be missing at position ${at}`;
  } else if (ENTROPY_FOR_WORDS.has(n - 1)) {
    const at = locateExtra(words);
    if (at !== undefined) hint = `word ${at} seems to be extra (written twice?)`;
  }
  return new ShareInputError('wrong-length', `has ${n} words; v1 shares have ${validWordCounts()} words — ${hint}`, field);
}

/**
 * Decode one share from text. Checks, in order: known words (position), word count, RS1024
 * checksum (likely position of a single wrong word, or two swapped words), version, reserved bits,
 * parameters, x ≠ 0, padding. Field values never appear in messages except the set words.
 */
export function decodeShare(text: string, field = 'share'): ShareV1 {
  const words = wordsToIndices(text, field);
  const L = ENTROPY_FOR_WORDS.get(words.length);
  if (L === undefined) {
    if (isSlip39(words)) throw new ShareInputError('wrong-length', SLIP39_NOTE, field);
    throw lengthError(words, field);
  }
  if (!rs1024Verify(words, V1_CUSTOMISATION)) {
    if (isSlip39(words)) throw new ShareInputError('checksum', SLIP39_NOTE, field);
    const at = locateSingleWordError(words);
    const swap = at === undefined ? locateSwap(words) : undefined;
    const hint =
      at !== undefined
        ? `word ${at} is most likely wrong`
        : swap !== undefined
          ? `words ${swap} and ${swap + 1} look swapped`
          : 'more than one word is wrong, or words are out of order';
    throw new ShareInputError('checksum', `checksum mismatch: ${hint} (this is not a coldkit v1 share if it came from another tool)`, field, {
      position: at ?? swap,
    });
  }
  const r = new BitReader(words.slice(0, words.length - RS1024_CHECK_WORDS));
  const version = r.read(4);
  const setId = r.read(16);
  const threshold = r.read(4) + 1;
  const count = r.read(4) + 1;
  const reserved = r.read(2);
  const ordinal = r.read(4) + 1;
  const x = r.read(8);
  const padding = r.read(paddingBits(L + TAG_BYTES));
  if (version !== V1_VERSION) {
    throw new ShareInputError('version', `share format version ${version} is not supported (this coldkit reads version 1)`, field);
  }
  if (reserved !== 0) throw new ShareInputError('reserved', 'reserved bits are not zero (corrupted or a newer format)', field);
  if (threshold < 2 || count < threshold) {
    throw new ShareInputError('bad-params', `threshold ${threshold} of ${count} shares is invalid (need 2 ≤ T ≤ N ≤ 16)`, field);
  }
  if (ordinal > count) throw new ShareInputError('bad-params', `claims to be share ${ordinal} of only ${count}`, field);
  if (x === 0) throw new ShareInputError('bad-x', 'x coordinate 0 is invalid (a share at x = 0 would be the secret itself: forged or corrupted)', field);
  if (padding !== 0) throw new ShareInputError('padding', 'padding bits are not zero (corrupted share)', field);
  const payload = new Uint8Array(L + TAG_BYTES);
  for (let i = 0; i < payload.length; i++) payload[i] = r.read(8);
  return { version, setId, threshold, count, ordinal, x, payload };
}

/**
 * What the first three words of a share say (version, set id, t, n) before the rest is typed:
 * lets a prompt tell the holder which set they are entering. Unchecked until the checksum is.
 */
export function readSetWords(text: string, field = 'share'): { version: number; setId: number; threshold: number; count: number } {
  const words = wordsToIndices(text, field).slice(0, 3);
  if (words.length < 3) throw new ShareInputError('wrong-length', 'the set words are the first 3 words of a share', field);
  const r = new BitReader(words);
  const version = r.read(4);
  const setId = r.read(16);
  const threshold = r.read(4) + 1;
  const count = r.read(4) + 1;
  return { version, setId, threshold, count };
}

/** One line about a share's set words, e.g. `set "acid beam card": any 3 of 5 shares (format v1)`. */
export function describeSetWords(text: string): string {
  const s = readSetWords(text);
  const words = indicesToWords(wordsToIndices(text, 'share').slice(0, 3));
  if (s.version !== V1_VERSION) return `set words "${words}" say format version ${s.version}, not 1: check the first words`;
  return `set "${words}": any ${s.threshold} of ${s.count} shares (format v1)`;
}
