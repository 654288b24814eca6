/**
 * Xoshiro256** 1.0 as profiled by BCR-2024-001 for the UR fountain: the state is SHA-256(seed)
 * read as four big-endian u64; `nextDouble() = next() / 2^64` (IEEE-754 doubles are REQUIRED for
 * determinism); `nextInt(lo, hi) = floor(nextDouble() * (hi - lo + 1)) + lo`; `nextByte()` is
 * `nextInt(0, 255)`, not `next() & 0xff`.
 */
import { sha256 } from '@noble/hashes/sha2.js';

const MASK = 0xffffffffffffffffn;
const TWO64 = 18446744073709551616; // 2^64 as a double

function rotl(x: bigint, k: bigint): bigint {
  return ((x << k) | (x >> (64n - k))) & MASK;
}

export class Xoshiro256 {
  private s: [bigint, bigint, bigint, bigint];

  /** Seed from bytes or a string (UTF-8); the state is SHA-256 of the seed. */
  constructor(seed: Uint8Array | string) {
    const bytes = typeof seed === 'string' ? new TextEncoder().encode(seed) : seed;
    const d = sha256(bytes);
    const s: bigint[] = [];
    for (let i = 0; i < 4; i++) {
      let v = 0n;
      for (let n = 0; n < 8; n++) v = (v << 8n) | BigInt(d[i * 8 + n]!);
      s.push(v);
    }
    this.s = s as [bigint, bigint, bigint, bigint];
  }

  /** The next raw 64-bit output. */
  next(): bigint {
    const s = this.s;
    const result = (rotl((s[1] * 5n) & MASK, 7n) * 9n) & MASK;
    const t = (s[1] << 17n) & MASK;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45n);
    return result;
  }

  nextDouble(): number {
    return Number(this.next()) / TWO64;
  }

  nextInt(low: number, high: number): number {
    return Math.floor(this.nextDouble() * (high - low + 1)) + low;
  }

  nextByte(): number {
    return this.nextInt(0, 255);
  }

  nextData(count: number): Uint8Array {
    const out = new Uint8Array(count);
    for (let i = 0; i < count; i++) out[i] = this.nextByte();
    return out;
  }
}
