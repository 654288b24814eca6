/**
 * Coin selection: branch and bound against a brute-force oracle, the fallbacks, no dust change,
 * and the exact fee for the transaction's weight.
 */
import { describe, expect, it } from 'vitest';
import { branchAndBound, feeForWeight, selectCoins, settle, type SelectionProblem } from '../../../src/core/btc/coin-select.js';
import { outputWeight, overheadWeight } from '../../../src/core/btc/vsize.js';
import { template } from '../../../src/core/wallet/template.js';

const W = template('wpkh').inputWeight();
const CHANGE_DUST = 294n;

function problem(values: bigint[], target: bigint, rateMsat = 2000n): SelectionProblem {
  return {
    coins: values.map((value) => ({ value, weight: W })),
    target,
    rateMsat,
    fixedWeight: (n, change) => overheadWeight(n, change ? 2 : 1, true) + outputWeight(22) + (change ? outputWeight(22) : 0),
    costOfChange: feeForWeight(outputWeight(22), rateMsat) + feeForWeight(W, rateMsat),
    changeDust: CHANGE_DUST,
  };
}

describe('vsize of a P2WPKH spend', () => {
  it('1-in 2-out P2WPKH is 141 vB with 71-byte signatures (as Bitcoin Core estimates)', () => {
    expect(Math.ceil((overheadWeight(1, 2, true) + W + 2 * outputWeight(22)) / 4)).toBe(141);
  });
});

describe('branch and bound', () => {
  it('finds the changeless pair among decoys', () => {
    const p = problem([50_000n, 31_000n, 17_000n, 70_000n, 9_000n], 39_620n); // 2-in 1-out: 178 vB, 356 sat at 2 sat/vB; 24 sat overshoot
    const s = selectCoins(p);
    expect(s.algorithm).toBe('branch-and-bound');
    expect(s.change).toBe(0n);
    expect(s.chosen.map((i) => p.coins[i]!.value).sort()).toEqual([31_000n, 9_000n].sort());
    expect(s.fee).toBe(40_000n - 39_620n);
    expect(s.fee).toBeGreaterThanOrEqual(feeForWeight(s.weight, p.rateMsat));
  });

  it('matches a brute-force oracle on 300 random pools (fixed seed)', () => {
    let x = 0x2545f491;
    const rnd = (n: number) => {
      x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
      return x % n;
    };
    let found = 0;
    for (let t = 0; t < 300; t++) {
      const values = Array.from({ length: 3 + rnd(8) }, () => BigInt(1_000 + rnd(60_000)));
      const target = BigInt(2_000 + rnd(80_000));
      const p = problem(values, target);
      // Oracle: every subset that pays without change and overshoots by at most the cost of change.
      let best: bigint | undefined;
      for (let mask = 1; mask < 1 << values.length; mask++) {
        const set = values.map((_, i) => i).filter((i) => mask & (1 << i));
        const s = settle(p, set, false);
        if (!s) continue;
        const excess = s.fee - feeForWeight(s.weight, p.rateMsat);
        if (excess <= p.costOfChange - 2n && (best === undefined || excess < best)) best = excess;
      }
      const bnb = branchAndBound(p);
      if (best !== undefined) {
        expect(bnb, `pool ${values} target ${target}`).toBeDefined();
        const s = settle(p, bnb!, false)!;
        const excess = s.fee - feeForWeight(s.weight, p.rateMsat);
        expect(excess).toBeLessThanOrEqual(best + 2n); // BnB bounds include ≤ 1 sat of rounding slack each way
        found++;
      }
      if (bnb) expect(settle(p, bnb, false)).toBeDefined();
    }
    expect(found).toBeGreaterThan(20);
  });
});

describe('fallbacks and change', () => {
  it('lowest larger: the smallest coin that pays with change', () => {
    const p = problem([500_000n, 90_000n, 1_000n, 200_000n], 80_000n);
    const s = selectCoins(p);
    expect(s.algorithm).toBe('lowest-larger');
    expect(s.chosen.map((i) => p.coins[i]!.value)).toEqual([90_000n]);
    expect(s.change).toBe(90_000n - 80_000n - s.fee);
    expect(s.fee).toBe(feeForWeight(s.weight, p.rateMsat));
  });

  it('largest first when no single coin pays', () => {
    const p = problem([40_000n, 30_000n, 20_000n, 10_000n], 75_000n);
    const s = selectCoins(p);
    expect(s.algorithm).toBe('largest-first');
    expect(s.chosen.map((i) => p.coins[i]!.value).sort()).toEqual([20_000n, 30_000n, 40_000n].sort());
    expect(s.change).toBeGreaterThanOrEqual(CHANGE_DUST);
  });

  it('change below dust is not created: it goes to the fee; change at dust is kept', () => {
    const p = problem([100_000n], 0n);
    const withChange = feeForWeight(p.fixedWeight(1, true) + W, p.rateMsat);
    // Target so that change would be exactly dust − 1, then exactly dust.
    const below = settle({ ...p, target: 100_000n - withChange - (CHANGE_DUST - 1n) }, [0], true)!;
    expect(below.change).toBe(0n);
    expect(below.fee).toBe(withChange + CHANGE_DUST - 1n);
    const at = settle({ ...p, target: 100_000n - withChange - CHANGE_DUST }, [0], true)!;
    expect(at.change).toBe(CHANGE_DUST);
    expect(at.fee).toBe(withChange);
  });

  it('fractional fee rates round the fee up, never down', () => {
    expect(feeForWeight(561, 1500n)).toBe(212n); // 141 vB × 1.5 = 211.5 → 212
    expect(feeForWeight(564, 1000n)).toBe(141n);
    expect(feeForWeight(565, 1000n)).toBe(142n);
  });

  it('insufficient funds names what is there and what is needed', () => {
    expect(() => selectCoins(problem([10_000n, 5_000n], 15_000n))).toThrow(/--utxos: insufficient funds: the UTXOs hold 15000 sat but paying 15000 sat needs about 15\d\d\d sat/);
  });

  it('skips coins worth less than their own fee', () => {
    const p = problem([150n, 60_000n], 20_000n, 5000n);
    const s = selectCoins(p);
    expect(s.chosen.map((i) => p.coins[i]!.value)).toEqual([60_000n]);
  });

  it('a pool of 20,000 coins neither overflows the stack nor runs away (100,000-try bound)', () => {
    const values = Array.from({ length: 20_000 }, (_, i) => 10_000n + BigInt((i * 7919) % 50_000));
    const t = Date.now();
    const s = selectCoins(problem(values, 2_000_000n));
    expect(s.fee).toBeGreaterThanOrEqual(feeForWeight(s.weight, 2000n));
    expect(Date.now() - t).toBeLessThan(5_000);
  });
});
