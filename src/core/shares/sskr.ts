/**
 * SSKR, Sharded Secret Key Reconstruction (Blockchain Commons BCR-2020-011): coldkit's exit path,
 * recoverable with seedtool (C++ or Rust) and other SSKR tools, round-tripping to the same BIP39
 * wallet because the BIP39 entropy itself is split.
 *
 * Share = 5 metadata bytes ‖ share value (same length as the secret, 16..32 bytes, even):
 *   identifier 16 | group-threshold−1 4 | group-count−1 4 | group-index 4 | member-threshold−1 4 |
 *   reserved (MUST be zero) 4 | member-index 4
 * Sharing is bc-shamir's (SLIP-0039 §Sharing a secret): the secret sits at x = 255 and a digest
 * `HMAC-SHA256(key = R, msg = secret)[0..4] ‖ R` at x = 254; the first T−2 shares are random and
 * the rest are interpolated; member x = member index. All interpolation goes through
 * shamir-secret-sharing's combine() with translated x (see shamir.ts), randomness is injected.
 *
 * Text forms: `ur:sskr/<minimal bytewords of the untagged byte string>` (also read:
 * `ur:crypto-sskr/…`, the deprecated v1 type) and standard Bytewords of the tagged CBOR
 * `40309(bytes)` (also read: tag 309).
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { InputError, RuntimeFailure } from '../errors.js';
import { BYTEWORDS, decodeBytewords, encodeBytewords } from '../transport/bytewords.js';
import { CborTag, decodeCbor, encodeCbor } from '../transport/cbor.js';
import { decodeUrSingle, encodeUrSingle } from '../transport/ur/ur.js';
import { ShareInputError, ShareVerificationError } from './errors.js';
import { type RandomBytes, interpolateAt } from './shamir.js';
import { subsets } from './subsets.js';
import { bytesEqual } from './tag.js';

/** CBOR tag of an SSKR share (BCR-2020-006 v2) and the deprecated v1 tag. */
export const TAG_SSKR = 40309;
export const TAG_SSKR_V1 = 309;
const SECRET_INDEX = 255;
const DIGEST_INDEX = 254;
const METADATA_BYTES = 5;

/** One SSKR share. Indexes are 0-based as in the spec; thresholds and counts are real values. */
export interface SskrShare {
  id: number;
  groupThreshold: number;
  groupCount: number;
  groupIndex: number;
  memberThreshold: number;
  memberIndex: number;
  value: Uint8Array;
}

/** A share as read, with where it came from. */
export interface LabelledSskr {
  label: string;
  share: SskrShare;
}

function checkSecretLength(n: number, field: string): void {
  if (n < 16 || n > 32 || n % 2 !== 0) throw new ShareInputError('sskr-format', `SSKR secrets are 16..32 bytes and even, got ${n}`, field);
}

/** Serialize a share: 5 metadata bytes ‖ value. */
export function sskrShareBytes(s: SskrShare): Uint8Array {
  const out = new Uint8Array(METADATA_BYTES + s.value.length);
  out[0] = s.id >>> 8;
  out[1] = s.id & 0xff;
  out[2] = ((s.groupThreshold - 1) << 4) | (s.groupCount - 1);
  out[3] = (s.groupIndex << 4) | (s.memberThreshold - 1);
  out[4] = s.memberIndex & 0x0f;
  out.set(s.value, METADATA_BYTES);
  return out;
}

/** Parse a serialized share, checking the reserved nibble, the group threshold and the length. */
export function parseSskrShareBytes(b: Uint8Array, field: string): SskrShare {
  if (b.length < METADATA_BYTES + 16) throw new ShareInputError('sskr-format', `an SSKR share is 21..37 bytes, got ${b.length}`, field);
  checkSecretLength(b.length - METADATA_BYTES, field);
  const s: SskrShare = {
    id: (b[0]! << 8) | b[1]!,
    groupThreshold: (b[2]! >> 4) + 1,
    groupCount: (b[2]! & 0x0f) + 1,
    groupIndex: b[3]! >> 4,
    memberThreshold: (b[3]! & 0x0f) + 1,
    memberIndex: b[4]! & 0x0f,
    value: b.slice(METADATA_BYTES),
  };
  if (b[4]! >> 4 !== 0) throw new ShareInputError('sskr-format', 'reserved bits of the SSKR share are not zero', field);
  if (s.groupThreshold > s.groupCount) throw new ShareInputError('sskr-format', 'group threshold exceeds the group count', field);
  if (s.groupIndex >= s.groupCount) throw new ShareInputError('sskr-format', 'group index exceeds the group count', field);
  return s;
}

/** `ur:sskr/…` (lower case; upper-case it for a QR code). */
export function sskrToUr(s: SskrShare): string {
  return encodeUrSingle('sskr', encodeCbor(sskrShareBytes(s)));
}

/** Standard Bytewords of the tagged CBOR `40309(bytes)`, as seedtool prints them. */
export function sskrToBytewords(s: SskrShare): string {
  return encodeBytewords(encodeCbor(new CborTag(TAG_SSKR, sskrShareBytes(s))), 'standard');
}

/** Which form a share text came in. */
export type SskrForm = 'ur:sskr' | 'ur:crypto-sskr' | 'bytewords';

const BYTEWORD_SET = new Set(BYTEWORDS);

/**
 * True when `text` looks like SSKR rather than a coldkit v1 share: a `ur:sskr` or
 * `ur:crypto-sskr` string, or standard Bytewords starting with a CBOR tag head ("tuna").
 */
export function looksLikeSskr(text: string): boolean {
  const t = text.trim().toLowerCase();
  if (/^ur:(crypto-)?sskr\//.test(t)) return true;
  const words = t.split(/\s+/);
  return words.length >= 20 && words[0] === 'tuna' && words.every((w) => BYTEWORD_SET.has(w));
}

/** Parse one SSKR share in any accepted text form. */
export function parseSskrText(text: string, field: string): { share: SskrShare; form: SskrForm } {
  const t = text.trim().toLowerCase();
  const reword = (e: unknown): never => {
    throw new ShareInputError('sskr-format', `not a readable SSKR share: ${e instanceof InputError ? e.message : String(e)}`, field);
  };
  if (t.startsWith('ur:')) {
    let ur;
    try {
      ur = decodeUrSingle(t);
    } catch (e) {
      return reword(e);
    }
    if (ur.type !== 'sskr' && ur.type !== 'crypto-sskr') throw new ShareInputError('sskr-format', `a ur:${ur.type} is not an SSKR share`, field);
    let v;
    try {
      v = decodeCbor(ur.cbor, field);
    } catch (e) {
      return reword(e);
    }
    if (!(v instanceof Uint8Array)) throw new ShareInputError('sskr-format', 'the UR body is not a CBOR byte string', field);
    return { share: parseSskrShareBytes(v, field), form: ur.type === 'sskr' ? 'ur:sskr' : 'ur:crypto-sskr' };
  }
  let cbor: Uint8Array;
  try {
    cbor = decodeBytewords(t.split(/\s+/).join(' '), 'standard', field);
  } catch (e) {
    return reword(e);
  }
  let v;
  try {
    v = decodeCbor(cbor, field);
  } catch (e) {
    return reword(e);
  }
  if (!(v instanceof CborTag) || (v.tag !== TAG_SSKR && v.tag !== TAG_SSKR_V1) || !(v.value instanceof Uint8Array)) {
    throw new ShareInputError('sskr-format', `Bytewords are not a tagged SSKR share (tag ${TAG_SSKR} or ${TAG_SSKR_V1})`, field);
  }
  return { share: parseSskrShareBytes(v.value, field), form: 'bytewords' };
}

/** The SLIP-0039 / bc-shamir digest: HMAC-SHA256(key = R, msg = secret)[0..4]. */
function digestOf(random: Uint8Array, secret: Uint8Array): Uint8Array {
  return hmac(sha256, random, secret).slice(0, 4);
}

/** bc-shamir `split_secret`: `count` values, any `threshold` of which rebuild `secret`. */
async function splitLevel(secret: Uint8Array, threshold: number, count: number, random: RandomBytes): Promise<Uint8Array[]> {
  if (threshold === 1) return Array.from({ length: count }, () => secret.slice());
  const points: { x: number; y: Uint8Array }[] = [];
  const out: Uint8Array[] = [];
  for (let i = 0; i < threshold - 2; i++) {
    const y = random(secret.length).slice();
    points.push({ x: i, y });
    out.push(y);
  }
  const digest = new Uint8Array(secret.length);
  digest.set(random(secret.length - 4), 4);
  digest.set(digestOf(digest.subarray(4), secret), 0);
  points.push({ x: DIGEST_INDEX, y: digest }, { x: SECRET_INDEX, y: secret });
  for (let i = threshold - 2; i < count; i++) out.push(await interpolateAt(points, i));
  return out;
}

/** bc-shamir `recover_secret`: interpolate at 255 and 254 and check the digest. */
async function recoverLevel(points: { x: number; y: Uint8Array }[], what: string): Promise<Uint8Array> {
  if (points.length === 1) return points[0]!.y.slice();
  const secret = await interpolateAt(points, SECRET_INDEX);
  const digest = await interpolateAt(points, DIGEST_INDEX);
  if (!bytesEqual(digestOf(digest.subarray(4), secret), digest.subarray(0, 4))) {
    secret.fill(0);
    throw new ShareVerificationError('sskr-digest', `SSKR digest check failed for ${what}: a share is corrupted or the shares come from different splits`);
  }
  return secret;
}

/** Split `secret` (16..32 bytes, even) into one group of `count` SSKR shares, any `threshold` rebuild it. */
export async function sskrSplit(secret: Uint8Array, threshold: number, count: number, random: RandomBytes): Promise<SskrShare[]> {
  checkSecretLength(secret.length, 'seed');
  if (threshold < 1 || count < threshold || count > 16) throw new ShareInputError('bad-params', 'SSKR needs 1 ≤ T ≤ N ≤ 16', 'threshold');
  if (threshold === 1 && count !== 1) throw new ShareInputError('bad-params', 'SSKR allows a threshold of 1 only with one share', 'threshold');
  const idBytes = random(2);
  const id = (idBytes[0]! << 8) | idBytes[1]!;
  // One group, group threshold 1: the group secret is the secret (bc-sskr generate_shares).
  const values = await splitLevel(secret, threshold, count, random);
  return values.map((value, memberIndex) => ({ id, groupThreshold: 1, groupCount: 1, groupIndex: 0, memberThreshold: threshold, memberIndex, value }));
}

/**
 * Combine SSKR shares (any group layout) as bc-sskr `combine_shares` does, but with distinct
 * errors: another set, duplicate, too few members or groups, digest failure.
 */
export async function sskrCombine(inputs: readonly LabelledSskr[]): Promise<Uint8Array> {
  if (inputs.length === 0) throw new ShareInputError('empty', 'no shares given', 'shares');
  const ref = inputs[0]!;
  const groups = new Map<number, { threshold: number; members: LabelledSskr[] }>();
  for (const inp of inputs) {
    const s = inp.share;
    if (s.id !== ref.share.id || s.groupThreshold !== ref.share.groupThreshold || s.groupCount !== ref.share.groupCount || s.value.length !== ref.share.value.length) {
      throw new ShareInputError('other-set', `is from another SSKR split than ${ref.label} (identifier or group layout differ)`, inp.label);
    }
    const g = groups.get(s.groupIndex) ?? { threshold: s.memberThreshold, members: [] };
    if (g.threshold !== s.memberThreshold) throw new ShareInputError('other-set', `claims another member threshold for group ${s.groupIndex + 1}`, inp.label);
    const twin = g.members.find((m) => m.share.memberIndex === s.memberIndex);
    if (twin) throw new ShareInputError('duplicate', `is member ${s.memberIndex + 1} of group ${s.groupIndex + 1} again (already given as ${twin.label})`, inp.label);
    g.members.push(inp);
    groups.set(s.groupIndex, g);
  }
  const complete = [...groups.entries()].filter(([, g]) => g.members.length >= g.threshold);
  if (complete.length < ref.share.groupThreshold) {
    const detail = [...groups.entries()].map(([i, g]) => `group ${i + 1}: ${g.members.length} of ${g.threshold}`).join(', ');
    throw new ShareInputError('too-few', `need ${ref.share.groupThreshold} complete group(s) of ${ref.share.groupCount}, have ${complete.length} (${detail})`, 'shares');
  }
  const groupPoints: { x: number; y: Uint8Array }[] = [];
  for (const [index, g] of complete.slice(0, ref.share.groupThreshold)) {
    const pts = g.members.slice(0, g.threshold).map((m) => ({ x: m.share.memberIndex, y: m.share.value }));
    groupPoints.push({ x: index, y: await recoverLevel(pts, `group ${index + 1}`) });
  }
  const secret = await recoverLevel(groupPoints, 'the groups');
  groupPoints.forEach((p) => p.y.fill(0));
  return secret;
}

/**
 * Prove a fresh SSKR split before it is shown: every share is parsed back from both its
 * Bytewords and its UR text, and every T-subset is recombined and compared with the secret.
 * Returns the number of subsets checked.
 */
export async function proveSskr(secret: Uint8Array, shares: SskrShare[], threshold: number): Promise<number> {
  const parsed = shares.map((s, i) => {
    const a = parseSskrText(sskrToBytewords(s), `share ${i + 1}`).share;
    const b = parseSskrText(sskrToUr(s), `share ${i + 1}`).share;
    if (!bytesEqual(sskrShareBytes(a), sskrShareBytes(b)) || !bytesEqual(sskrShareBytes(a), sskrShareBytes(s))) {
      throw new RuntimeFailure(`self-check failed: share ${i + 1} does not read back from its text; nothing was shown`);
    }
    return { label: `share ${i + 1}`, share: a };
  });
  let checked = 0;
  for (const idx of subsets(parsed.length, threshold)) {
    const got = await sskrCombine(idx.map((i) => parsed[i]!));
    const ok = bytesEqual(got, secret);
    got.fill(0);
    if (!ok) throw new RuntimeFailure(`self-check failed: shares ${idx.map((i) => i + 1).join(', ')} do not rebuild the seed; nothing was shown`);
    checked++;
  }
  return checked;
}

/** The two Bytewords of the identifier: the same on every share of one SSKR split. */
export function sskrSetWords(s: SskrShare): string {
  return `${BYTEWORDS[s.id >>> 8]} ${BYTEWORDS[s.id & 0xff]}`;
}
