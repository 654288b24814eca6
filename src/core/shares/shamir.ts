/**
 * Shamir secret sharing over GF(2^8) (Rijndael polynomial 0x11B) with shamir-secret-sharing 0.0.4
 * as the only field arithmetic, and with ALL randomness passed in.
 *
 * The library's own `split()` draws from node:crypto inside (its `./csprng` export), which the
 * pure core may not do. So splitting is done here with the library's audited `combine()` as the
 * interpolation engine: in GF(2^8) subtraction is XOR, so interpolating the points (xᵢ, yᵢ) at
 * a equals the library's interpolation at 0 of the points (xᵢ ⊕ a, yᵢ). A share set is made the
 * way SLIP-0039 makes one (§Sharing a secret): the first t−1 shares get uniformly random y bytes
 * at random distinct x ≠ 0, and every other share is the degree-(t−1) polynomial through those
 * points and (0, secret) evaluated at its x. For fixed f(0), uniform values at t−1 distinct
 * non-zero points are the same distribution as uniform coefficients (a Vandermonde bijection), so
 * the shares are distributed exactly as the library's `split()` would make them, and each is in
 * the library's layout `y ‖ x` so its `combine()` reads them directly.
 */
import { combine } from 'shamir-secret-sharing';

/** A source of random bytes (the CLI passes the OS CSPRNG; tests pass a seeded PRNG). */
export type RandomBytes = (n: number) => Uint8Array;

/** Distinct x coordinates in 1..255, uniform (rejection sampling on random bytes). */
export function randomXs(count: number, random: RandomBytes): number[] {
  const xs: number[] = [];
  while (xs.length < count) {
    for (const b of random(count)) {
      if (b !== 0 && !xs.includes(b) && xs.length < count) xs.push(b);
    }
  }
  return xs;
}

/** Interpolate the points (x, y-bytes) at `at` via the library's combine (x translated by XOR). */
export async function interpolateAt(points: { x: number; y: Uint8Array }[], at: number): Promise<Uint8Array> {
  return combine(
    points.map((p) => {
      const s = new Uint8Array(p.y.length + 1);
      s.set(p.y);
      s[p.y.length] = p.x ^ at;
      return s;
    }),
  );
}

/**
 * Split `secret` into `count` shares, any `threshold` of which rebuild it. Returns library-layout
 * shares (`y ‖ x`). 2 ≤ threshold ≤ count ≤ 255.
 */
export async function splitSecret(secret: Uint8Array, count: number, threshold: number, random: RandomBytes): Promise<Uint8Array[]> {
  if (!Number.isInteger(threshold) || !Number.isInteger(count) || threshold < 2 || count < threshold || count > 255) {
    throw new RangeError('need 2 ≤ threshold ≤ count ≤ 255');
  }
  if (secret.length < 1) throw new RangeError('secret must not be empty');
  const xs = randomXs(count, random);
  const base: { x: number; y: Uint8Array }[] = [{ x: 0, y: secret }];
  const shares: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    let y: Uint8Array;
    if (i < threshold - 1) {
      y = random(secret.length).slice();
      if (y.length !== secret.length) throw new RangeError('random source returned the wrong length');
      base.push({ x: xs[i]!, y });
    } else {
      y = await interpolateAt(base, xs[i]!);
    }
    const share = new Uint8Array(secret.length + 1);
    share.set(y);
    share[secret.length] = xs[i]!;
    shares.push(share);
  }
  return shares;
}

/** Rebuild the secret from library-layout shares (no integrity check: callers check a tag). */
export async function combineSecret(shares: Uint8Array[]): Promise<Uint8Array> {
  return combine(shares);
}
