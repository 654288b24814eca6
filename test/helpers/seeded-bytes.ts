/** A fixed-seed deterministic byte source for tests (SHA-256 in counter mode). Not for real use. */
import { sha256 } from '@noble/hashes/sha2.js';

export function seededRandom(seed: string): (n: number) => Uint8Array {
  let counter = 0;
  let pool = new Uint8Array(0);
  const enc = new TextEncoder();
  return (n: number) => {
    const out = new Uint8Array(n);
    let off = 0;
    while (off < n) {
      if (pool.length === 0) pool = sha256(enc.encode(`${seed}/${counter++}`));
      const take = Math.min(pool.length, n - off);
      out.set(pool.subarray(0, take), off);
      pool = pool.subarray(take);
      off += take;
    }
    return out;
  };
}
