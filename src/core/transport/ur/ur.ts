/**
 * Single-part Uniform Resources (BCR-2020-005): `ur:<type>/<bytewords-minimal(cbor ‖ crc32)>`.
 * The type is `[a-z0-9-]+`; the whole string is case-insensitive ("all upper case letters (for QR
 * code transport) or all lower case letters"). Multipart strings carry `<seqNum>-<seqLen>/`
 * before the body; see multipart.ts.
 */
import { InputError } from '../../errors.js';
import { decodeBytewords, encodeBytewords } from '../bytewords.js';

/** A decoded UR: its registry type and the untagged CBOR payload. */
export interface Ur {
  type: string;
  cbor: Uint8Array;
}

const TYPE_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Throw unless `type` is a valid UR type name (lower-case letters, digits, single hyphens). */
export function checkUrType(type: string): void {
  if (!TYPE_RE.test(type)) throw new InputError(`"${type}" is not a UR type (use lower-case letters, digits and hyphens)`, 'ur type');
}

/** Encode a single-part UR in canonical lower case. Upper-case it for QR (alphanumeric mode). */
export function encodeUrSingle(type: string, cbor: Uint8Array): string {
  checkUrType(type);
  return `ur:${type}/${encodeBytewords(cbor, 'minimal')}`;
}

/** The parts of a UR string before its body is decoded. */
export interface UrParts {
  type: string;
  /** Present for multipart strings: `seqNum-seqLen`. */
  seq?: { num: number; len: number };
  body: string;
}

/** Split a UR string into type, optional sequence and body; validates the shape only. */
export function splitUr(text: string): UrParts {
  const s = text.trim().toLowerCase();
  if (!s.startsWith('ur:')) throw new InputError('does not start with "ur:"', 'ur');
  const comps = s.slice(3).split('/');
  const type = comps[0] ?? '';
  checkUrType(type);
  if (comps.length === 2) {
    if (!comps[1]) throw new InputError('empty UR body', 'ur');
    return { type, body: comps[1] };
  }
  if (comps.length === 3) {
    const m = /^([1-9][0-9]{0,9})-([1-9][0-9]{0,9})$/.exec(comps[1]!);
    // Not echoed: a misplaced '/' makes this the body, which may be a secret (ur:sskr).
    if (!m) throw new InputError(`the ${comps[1]!.length}-character text between the type and the body is not a part number like 3-10`, 'ur sequence');
    const num = Number(m[1]);
    const len = Number(m[2]);
    if (num > 0xffffffff || len > 0xffffffff) throw new InputError('part number out of range', 'ur sequence');
    if (!comps[2]) throw new InputError('empty UR body', 'ur');
    return { type, seq: { num, len }, body: comps[2] };
  }
  throw new InputError('expected ur:<type>/<body> or ur:<type>/<n>-<m>/<body>', 'ur');
}

/** Decode a single-part UR string (case-insensitive) to its type and CBOR; verifies the CRC-32. */
export function decodeUrSingle(text: string): Ur {
  const p = splitUr(text);
  if (p.seq) throw new InputError(`this is part ${p.seq.num} of a multipart UR; scan all its frames`, 'ur');
  return { type: p.type, cbor: decodeBytewords(p.body, 'minimal', 'ur body') };
}
