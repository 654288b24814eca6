/**
 * Mutation fuzzing of the whole offline path: thousands of PSBTs derived from valid ones (our four
 * script types, BIP174/370/371 valid vectors) by bit flips, byte overwrites, truncation,
 * duplication and splicing, with a fixed-seed PRNG so a failure reproduces. Each goes through
 * the real signer pipeline (src/core/btc/signer.ts: prepare → decide → sign → assemble) with our
 * seed and every override given; the only acceptable failures are
 * coldkit's typed errors (one line, exit 2/3), never a TypeError/RangeError or a library throw.
 */
import { describe, expect, it } from 'vitest';
import { base64 } from '@scure/base';
import { ColdkitError } from '../../../src/core/errors.js';
import { PSBT_OVERRIDABLE } from '../../../src/core/btc/policy.js';
import { signPsbt } from '../../../src/core/btc/signer.js';
import { NETWORKS } from '../../../src/core/network.js';
import { buildPsbt, seedKeysOf } from '../../helpers/build-psbt.js';
import { mediawikiCases } from '../../helpers/mediawiki-vectors.js';

/** xorshift32 with a fixed seed. */
function prng(seed: number) {
  let x = seed >>> 0 || 1;
  return (n: number): number => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x % n;
  };
}

function mutate(src: Uint8Array, rnd: (n: number) => number): Uint8Array {
  const b = Uint8Array.from(src);
  switch (rnd(6)) {
    case 0: {
      for (let k = 1 + rnd(4); k > 0; k--) b[rnd(b.length)]! ^= 1 << rnd(8);
      return b;
    }
    case 1: {
      b[5 + rnd(b.length - 5)] = [0x00, 0x01, 0xfd, 0xfe, 0xff, 0x80][rnd(6)]!;
      return b;
    }
    case 2:
      return b.subarray(0, 5 + rnd(b.length - 5));
    case 3: {
      const at = 5 + rnd(b.length - 5);
      const len = 1 + rnd(40);
      const out = new Uint8Array(b.length + len);
      out.set(b.subarray(0, at));
      out.set(b.subarray(at, Math.min(b.length, at + len)), at);
      out.set(b.subarray(at), at + Math.min(len, b.length - at));
      return out.subarray(0, b.length + Math.min(len, b.length - at));
    }
    case 4: {
      const at = 5 + rnd(b.length - 5);
      const len = 1 + rnd(Math.min(60, b.length - at));
      const out = new Uint8Array(b.length - len);
      out.set(b.subarray(0, at));
      out.set(b.subarray(at + len), at);
      return out;
    }
    default: {
      const at = 5 + rnd(b.length - 13);
      const v = rnd(0x100000000);
      b[at] = v & 0xff;
      b[at + 1] = (v >>> 8) & 0xff;
      b[at + 2] = (v >>> 16) & 0xff;
      b[at + 3] = v >>> 24;
      return b;
    }
  }
}

describe('fuzz: mutated PSBTs', () => {
  const seeds: Uint8Array[] = [
    ...(['wpkh', 'sh-wpkh', 'pkh', 'tr'] as const).map((kind) => buildPsbt({ kind, inputs: 2 })),
    ...['bip174', 'bip370', 'bip371'].flatMap((s) => mediawikiCases(`${s}/test-vectors.mediawiki`).filter((c) => c.section === 'valid').map((c) => base64.decode(c.base64))),
  ];

  it('3000 mutations: only typed errors, each one line', async () => {
    const keys = seedKeysOf();
    const allow = new Set<string>(PSBT_OVERRIDABLE);
    const rnd = prng(0xc01d);
    const outcomes = { signed: 0, input: 0, refused: 0 };
    for (let n = 0; n < 3000; n++) {
      const src = seeds[rnd(seeds.length)]!;
      const m = mutate(src, rnd);
      try {
        await signPsbt(m, { network: NETWORKS.testnet, keys, allow });
        outcomes.signed++;
      } catch (e) {
        if (!(e instanceof ColdkitError)) {
          throw new Error(`mutation ${n} of seed ${seeds.indexOf(src)} threw ${(e as Error).name}: ${(e as Error).message}`);
        }
        expect(e.message).not.toMatch(/\n/);
        if (e.exitCode === 2) outcomes.input++;
        else outcomes.refused++;
      }
    }
    // The mix shows the fuzzer reaches every stage: rejected input, refusals, and full signing.
    expect(outcomes.input).toBeGreaterThan(500);
    expect(outcomes.refused).toBeGreaterThan(100);
    expect(outcomes.signed).toBeGreaterThan(20);
  });
});
