/**
 * The threshold scheme of SLIP-0039 §"Sharing a secret" (bc-shamir, under SSKR, is the same):
 * the secret is f(255) and a digest of it f(254), so a wrong or forged set of shares is detected.
 *
 *   SplitSecret(T, N, S): T = 1 → every share is S. Otherwise T − 2 shares y₀…y_{T−3} are random,
 *   R is n − 4 random bytes, D = HMAC-SHA256(key = R, msg = S)[0..4] ‖ R, and share i (x = i) is
 *   Interpolate(i, {(0, y₀) … (T−3, y_{T−3}), (254, D), (255, S)}) for i ≥ T − 2.
 *   RecoverSecret(T, points): T = 1 → the one value. Otherwise S = Interpolate(255), D =
 *   Interpolate(254), and S is returned only if the first 4 bytes of HMAC-SHA256(D[4..], S) = D[0..4].
 *
 * Random values are drawn in the reference implementation's order (shares, then R). GF(256)
 * interpolation is shamir-secret-sharing's, via shamir.ts (x translated by XOR).
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { type RandomBytes, interpolateAt } from './shamir.js';
import { bytesEqual } from './tag.js';

/** x of the shared secret. */
export const SECRET_INDEX = 255;
/** x of the digest. */
export const DIGEST_INDEX = 254;
/** Bytes of the digest proper (the rest of D is random). */
export const DIGEST_BYTES = 4;

/** HMAC-SHA256(key = R, msg = S), first 4 bytes. */
export function shareDigest(random: Uint8Array, secret: Uint8Array): Uint8Array {
  return hmac(sha256, random, secret).slice(0, DIGEST_BYTES);
}

/** SplitSecret: `count` share values for x = 0 … count − 1, any `threshold` of which rebuild `secret`. */
export async function splitWithDigest(secret: Uint8Array, threshold: number, count: number, random: RandomBytes): Promise<Uint8Array[]> {
  if (!Number.isInteger(threshold) || !Number.isInteger(count) || threshold < 1 || count < threshold || count > 16) throw new RangeError('need 1 ≤ threshold ≤ count ≤ 16');
  if (secret.length <= DIGEST_BYTES) throw new RangeError('the secret is too short to carry a digest');
  if (threshold === 1) return Array.from({ length: count }, () => secret.slice());
  const points: { x: number; y: Uint8Array }[] = [];
  for (let i = 0; i < threshold - 2; i++) {
    const y = random(secret.length).slice();
    if (y.length !== secret.length) throw new RangeError('random source returned the wrong length');
    points.push({ x: i, y });
  }
  const r = random(secret.length - DIGEST_BYTES).slice();
  if (r.length !== secret.length - DIGEST_BYTES) throw new RangeError('random source returned the wrong length');
  const digest = new Uint8Array(secret.length);
  digest.set(shareDigest(r, secret), 0);
  digest.set(r, DIGEST_BYTES);
  const out = points.map((p) => p.y);
  points.push({ x: DIGEST_INDEX, y: digest }, { x: SECRET_INDEX, y: secret });
  for (let i = threshold - 2; i < count; i++) out.push(await interpolateAt(points, i));
  digest.fill(0);
  return out;
}

/**
 * RecoverSecret from exactly `threshold` points (distinct x in 0..15): the secret, or undefined
 * when the digest does not match (a corrupted or forged share, or shares of different splits).
 */
export async function recoverWithDigest(points: { x: number; y: Uint8Array }[]): Promise<Uint8Array | undefined> {
  if (points.length === 1) return points[0]!.y.slice();
  const secret = await interpolateAt(points, SECRET_INDEX);
  const digest = await interpolateAt(points, DIGEST_INDEX);
  const ok = bytesEqual(shareDigest(digest.subarray(DIGEST_BYTES), secret), digest.subarray(0, DIGEST_BYTES));
  digest.fill(0);
  if (ok) return secret;
  secret.fill(0);
  return undefined;
}
