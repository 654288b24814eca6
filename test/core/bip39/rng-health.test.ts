/** The RNG health self-test run before any seed is made (src/core/bip39/rng-health.ts): fail closed on a broken source. */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { RuntimeFailure } from '../../../src/core/errors.js';
import { rngSelfTest } from '../../../src/core/bip39/rng-health.js';
import { Xoshiro256 } from '../../../src/core/transport/xoshiro.js';

const os = (n: number) => new Uint8Array(randomBytes(n));

describe('rngSelfTest', () => {
  it('passes the OS CSPRNG (20,000 bits sampled, monobit within FIPS 140-2 bounds)', () => {
    const r = rngSelfTest(os);
    expect(r.bits).toBe(20000);
    expect(r.ones).toBeGreaterThan(9725);
    expect(r.ones).toBeLessThan(10275);
  });
  it.each([
    ['a constant source', (n: number) => new Uint8Array(n).fill(0x5a), /two draws were identical/],
    ['a source that restarts on every call', (n: number) => new Xoshiro256('same').nextData(n), /two draws were identical/],
    ['a short source', (n: number) => os(n - 1), /wrong length/],
    ['too many ones (every byte has 6 of 8 bits set)', (n: number) => os(n).map((b) => [0x3f, 0x7e, 0xfc, 0xf9, 0xe7, 0xcf, 0x9f, 0xf3][b & 7]!), /ones in 20000 bits \(expected 9725\.\.10275\)/],
    ['too few ones (high bit stuck at 0)', (n: number) => os(n).map((b) => b & 0x7f), /ones in 20000 bits/],
    ['a byte repeated 8 times in a row', (() => {
      let calls = 0;
      return (n: number) => {
        const b = os(n);
        if (++calls === 3) b.fill(0x0f, 1000, 1008); // 4 ones per byte keeps the monobit count plausible
        return b;
      };
    })(), /a byte repeated 8 times in a row/],
  ] as [string, (n: number) => Uint8Array, RegExp][])('fails closed on %s', (_name, draw, message) => {
    let err: unknown;
    try {
      rngSelfTest(draw);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(RuntimeFailure);
    expect((err as RuntimeFailure).exitCode).toBe(1);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).toMatch(/^RNG self-test failed/);
  });
});
