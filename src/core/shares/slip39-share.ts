/**
 * One SLIP-0039 share mnemonic (§Format of the share mnemonic), big-endian in 10-bit words:
 *
 *   id 15 | ext 1 | e 4 | GI 4 | Gt 4 | g 4 | I 4 | t 4 | padded share value | checksum 30
 *
 * Gt = GT − 1, g = G − 1, t = T − 1; GI and I are the x values (0-based). The share value is
 * left-padded with zero bits to whole words; "the length of the padding … MUST NOT exceed 8 bits"
 * and "all padding bits MUST be 0". The RS1024 customisation string is "shamir" if ext = 0 and
 * "shamir_extendable" if ext = 1. The first two words (id, ext, e) are the same on every share of
 * a set; the first three on every share of a group.
 *
 * Errors name the share (field) and the word position, never a share word: the closest word for a
 * typo rides on the error object, out of the message (src/core/shares/words.ts).
 */
import { ShareInputError } from './errors.js';
import { RS1024_CHECK_WORDS, rs1024Create, rs1024SingleFixes, rs1024Verify } from './rs1024.js';
import { V1_CUSTOMISATION } from './v1.js';
import { indicesToWords, wordsToIndices } from './words.js';

/** A decoded share. Indices are 0-based as in the mnemonic; thresholds and counts are real values. */
export interface Slip39Share {
  identifier: number;
  extendable: boolean;
  iterationExponent: number;
  groupIndex: number;
  groupThreshold: number;
  groupCount: number;
  memberIndex: number;
  memberThreshold: number;
  value: Uint8Array;
}

/** Words of metadata before the share value (id…t = 40 bits). */
const METADATA_WORDS = 4;
/** "The entropy of the master secret MUST be at least 128 bits": 13 value words + 7. */
export const SLIP39_MIN_WORDS = METADATA_WORDS + RS1024_CHECK_WORDS + 13;

/** The RS1024 customisation string for a share's ext flag. */
export function slip39Customisation(extendable: boolean): string {
  return extendable ? 'shamir_extendable' : 'shamir';
}

/** Number of words of a share carrying an `n`-byte value. */
export function slip39WordCount(n: number): number {
  return METADATA_WORDS + Math.ceil((8 * n) / 10) + RS1024_CHECK_WORDS;
}

const bigFrom = (words: readonly number[], bits: number): bigint => words.reduce((acc, w) => (acc << BigInt(bits)) | BigInt(w), 0n);

function check4(v: number, what: string): void {
  if (!Number.isInteger(v) || v < 0 || v > 15) throw new RangeError(`${what} must fit 4 bits`);
}

/** Word indices of a share (data words then the three checksum words). */
export function encodeSlip39Share(s: Slip39Share): number[] {
  if (!Number.isInteger(s.identifier) || s.identifier < 0 || s.identifier >= 1 << 15) throw new RangeError('identifier must fit 15 bits');
  check4(s.iterationExponent, 'iteration exponent');
  check4(s.groupIndex, 'group index');
  check4(s.groupThreshold - 1, 'group threshold − 1');
  check4(s.groupCount - 1, 'group count − 1');
  check4(s.memberIndex, 'member index');
  check4(s.memberThreshold - 1, 'member threshold − 1');
  if (s.value.length < 16 || s.value.length % 2 !== 0) throw new RangeError('a share value is at least 16 bytes and even');
  const idExp = (s.identifier << 5) | ((s.extendable ? 1 : 0) << 4) | s.iterationExponent;
  const params = (s.groupIndex << 16) | ((s.groupThreshold - 1) << 12) | ((s.groupCount - 1) << 8) | (s.memberIndex << 4) | (s.memberThreshold - 1);
  const valueWords = Math.ceil((8 * s.value.length) / 10);
  let v = bigFrom([...s.value], 8);
  const value: number[] = [];
  for (let i = 0; i < valueWords; i++) {
    value.unshift(Number(v & 1023n));
    v >>= 10n;
  }
  const data = [idExp >> 10, idExp & 1023, params >> 10, params & 1023, ...value];
  return [...data, ...rs1024Create(data, slip39Customisation(s.extendable))];
}

/** A share as lower-case words. */
export function slip39ShareText(s: Slip39Share): string {
  return indicesToWords(encodeSlip39Share(s));
}

/**
 * Decode one share. Checks in order: known words, not a coldkit v1 share, length, padding length,
 * checksum (with the position of a single wrong word when it is unique), group threshold ≤ group
 * count, zero padding.
 */
export function decodeSlip39Share(text: string, field = 'share'): Slip39Share {
  const words = wordsToIndices(text, field);
  const n = words.length;
  if (rs1024Verify(words, V1_CUSTOMISATION)) throw new ShareInputError('checksum', 'this is a coldkit v1 share, not a SLIP-39 share; combine it with the v1 scheme', field);
  if (n < SLIP39_MIN_WORDS) throw new ShareInputError('wrong-length', `has ${n} words; a SLIP-39 share has at least ${SLIP39_MIN_WORDS} (20 for a 128-bit secret, 33 for 256 bits) — a word is missing?`, field);
  const paddingBits = (10 * (n - METADATA_WORDS - RS1024_CHECK_WORDS)) % 16;
  if (paddingBits > 8) throw new ShareInputError('wrong-length', `${n} words is not a valid SLIP-39 share length (20 for a 128-bit secret, 33 for 256 bits) — a word is missing or extra`, field);
  const extendable = ((words[1]! >> 4) & 1) === 1;
  const cs = slip39Customisation(extendable);
  if (!rs1024Verify(words, cs)) {
    // The ext bit itself may be the wrong one: then the other string locates nothing useful.
    const fixes = rs1024SingleFixes(words, cs);
    const at = fixes.length === 1 ? fixes[0]!.position : undefined;
    const hint = at !== undefined ? `word ${at} is most likely wrong` : 'more than one word is wrong, or words are out of order';
    throw new ShareInputError('checksum', `checksum mismatch: ${hint}`, field, at !== undefined ? { position: at } : {});
  }
  const idExp = (words[0]! << 10) | words[1]!;
  const params = (words[2]! << 10) | words[3]!;
  const share: Omit<Slip39Share, 'value'> = {
    identifier: idExp >> 5,
    extendable,
    iterationExponent: idExp & 15,
    groupIndex: params >> 16,
    groupThreshold: ((params >> 12) & 15) + 1,
    groupCount: ((params >> 8) & 15) + 1,
    memberIndex: (params >> 4) & 15,
    memberThreshold: (params & 15) + 1,
  };
  if (share.groupThreshold > share.groupCount) {
    throw new ShareInputError('bad-params', `says ${share.groupThreshold} groups are needed of only ${share.groupCount} (corrupted share)`, field);
  }
  const valueWords = words.slice(METADATA_WORDS, n - RS1024_CHECK_WORDS);
  if (valueWords[0]! >= 1 << (10 - paddingBits)) throw new ShareInputError('padding', 'padding bits are not zero (corrupted or forged share)', field);
  const bytes = (10 * valueWords.length - paddingBits) / 8;
  let v = bigFrom(valueWords, 10);
  const value = new Uint8Array(bytes);
  for (let i = bytes - 1; i >= 0; i--) {
    value[i] = Number(v & 255n);
    v >>= 8n;
  }
  return { ...share, value };
}

/** The two set words (identifier, ext, iteration exponent), the same on every share of a set. */
export function slip39SetWords(s: Pick<Slip39Share, 'identifier' | 'extendable' | 'iterationExponent'>): string {
  const idExp = (s.identifier << 5) | ((s.extendable ? 1 : 0) << 4) | s.iterationExponent;
  return indicesToWords([idExp >> 10, idExp & 1023]);
}
