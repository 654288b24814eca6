/** A deterministic Fisher–Yates shuffle (Xoshiro256** seeded from a string), for frame-order tests. */
import { Xoshiro256 } from '../../src/core/transport/xoshiro.js';

/** A copy of `a` in an order fixed by `seed`. */
export function shuffle<T>(a: readonly T[], seed: string): T[] {
  const rng = new Xoshiro256(seed);
  const b = [...a];
  for (let i = b.length - 1; i > 0; i--) {
    const j = rng.nextInt(0, i);
    [b[i], b[j]] = [b[j]!, b[i]!];
  }
  return b;
}
