/**
 * Health self-test of a random source before any seed is made (fail closed). It cannot prove
 * randomness; it catches a broken source: constant or repeating output, stuck bits, a sample
 * far from half ones. Thresholds follow the spirit of FIPS 140-2's continuous and monobit tests.
 */
import { RuntimeFailure } from '../errors.js';

/** Run the self-test on `draw` (a CSPRNG); throws RuntimeFailure if the source looks broken. */
export function rngSelfTest(draw: (n: number) => Uint8Array): { samples: number; ones: number; bits: number } {
  const a = draw(64);
  const b = draw(64);
  if (a.length !== 64 || b.length !== 64) throw new RuntimeFailure('RNG self-test failed: the random source returned the wrong length');
  if (equal(a, b)) throw new RuntimeFailure('RNG self-test failed: two draws were identical; refusing to make a seed');
  const big = draw(2500); // 20,000 bits, the FIPS 140-2 monobit sample size
  let ones = 0;
  for (const x of big) ones += popcount(x);
  // FIPS 140-2 monobit: 9725 < ones < 10275 for 20,000 bits.
  if (ones <= 9725 || ones >= 10275) {
    throw new RuntimeFailure(`RNG self-test failed: ${ones} ones in 20000 bits (expected 9725..10275); refusing to make a seed`);
  }
  for (const s of [a, b]) {
    if (s.every((x) => x === s[0])) throw new RuntimeFailure('RNG self-test failed: constant output; refusing to make a seed');
  }
  // Repetition count on bytes: no byte value repeated 8 times in a row in 2500 bytes (p ≈ 2500·2^-56).
  let run = 1;
  for (let i = 1; i < big.length; i++) {
    run = big[i] === big[i - 1] ? run + 1 : 1;
    if (run >= 8) throw new RuntimeFailure('RNG self-test failed: a byte repeated 8 times in a row; refusing to make a seed');
  }
  return { samples: 3, ones, bits: 20000 };
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function popcount(x: number): number {
  x = x - ((x >> 1) & 0x55);
  x = (x & 0x33) + ((x >> 2) & 0x33);
  return (x + (x >> 4)) & 0x0f;
}
