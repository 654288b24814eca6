/**
 * Coin selection: which UTXOs fund a payment, and whether it gets change.
 *
 * 1. Branch and bound (Murch, "An Evaluation of Coin Selection Strategies", 2016; Bitcoin Core's
 *    SelectCoinsBnB): a depth-first search over coins sorted by effective value (value minus the
 *    fee to spend it) for a set whose effective value lands in [target, target + cost of change].
 *    Such a set needs no change output; among them the one with least waste (the overshoot, which
 *    goes to the fee) wins. Bounded by 100,000 tries as in Core.
 * 2. Fallback when no changeless set exists: the smallest single coin that pays for everything
 *    with change ("lowest larger"), else coins largest-first until they do.
 *
 * Every candidate is settled with the exact transaction weight: the fee is
 * ceil(vsize × rate) for the whole transaction, and change below the dust threshold is not created
 * (its value goes to the fee). Pure and deterministic.
 */
import { InputError } from '../errors.js';
import { vsizeOf } from './vsize.js';

/** One spendable coin as the selector sees it. */
export interface Coin {
  value: bigint;
  /** Weight this coin adds when spent (outpoint, sequence, scriptSig and witness). */
  weight: number;
}

/** What is to be paid. */
export interface SelectionProblem {
  coins: readonly Coin[];
  /** Sum of the recipients' amounts (sats). */
  target: bigint;
  /** Fee rate in milli-satoshis per vbyte (2.5 sat/vB = 2500). */
  rateMsat: bigint;
  /** Weight of everything but the inputs: version, counts, locktime, outputs (and the change output when `change`). */
  fixedWeight(nInputs: number, change: boolean): number;
  /** Fee of the change output now plus the fee to spend it later (BIP "cost of change"). */
  costOfChange: bigint;
  /** Smallest change worth creating (the change script's dust threshold). */
  changeDust: bigint;
}

export type SelectionAlgorithm = 'branch-and-bound' | 'lowest-larger' | 'largest-first';

/** The chosen coins and the exact fee and change. */
export interface Selection {
  /** Indices into `coins`, ascending. */
  chosen: number[];
  fee: bigint;
  /** Change amount; 0n means no change output. */
  change: bigint;
  /** Transaction weight with signatures at their largest size. */
  weight: number;
  algorithm: SelectionAlgorithm;
}

/** BIP141 fee for `weight` at `rateMsat`: ceil(vsize × rate), vsize = ceil(weight / 4). */
export function feeForWeight(weight: number, rateMsat: bigint): bigint {
  return (BigInt(vsizeOf(weight)) * rateMsat + 999n) / 1000n;
}

const BNB_MAX_TRIES = 100_000;

/**
 * Settle a set of coins exactly: the fee for its real weight, with change when the change would be
 * at least dust (and `allowChange`), else without. Undefined when the coins do not pay.
 */
export function settle(p: SelectionProblem, chosen: number[], allowChange: boolean): Omit<Selection, 'algorithm'> | undefined {
  let sum = 0n;
  let w = 0;
  for (const i of chosen) {
    sum += p.coins[i]!.value;
    w += p.coins[i]!.weight;
  }
  const noChangeWeight = p.fixedWeight(chosen.length, false) + w;
  const feeNoChange = feeForWeight(noChangeWeight, p.rateMsat);
  if (sum - p.target < feeNoChange) return undefined;
  if (allowChange) {
    const changeWeight = p.fixedWeight(chosen.length, true) + w;
    const change = sum - p.target - feeForWeight(changeWeight, p.rateMsat);
    if (change >= p.changeDust) return { chosen, fee: sum - p.target - change, change, weight: changeWeight };
  }
  return { chosen, fee: sum - p.target, change: 0n, weight: noChangeWeight };
}

/**
 * Branch and bound over effective values, in units of 1/4000 sat so per-input fees are exact.
 * Returns the changeless set with least waste, or undefined.
 */
export function branchAndBound(p: SelectionProblem): number[] | undefined {
  const k = 4000n;
  const eff = p.coins.map((c, i) => ({ i, v: c.value * k - BigInt(c.weight) * p.rateMsat })).filter((c) => c.v > 0n);
  eff.sort((a, b) => (a.v === b.v ? a.i - b.i : a.v > b.v ? -1 : 1));
  // The whole-transaction vsize rounds up by at most 3 weight units, and the fee by one sat.
  const low = p.target * k + BigInt(p.fixedWeight(1, false) + 3) * p.rateMsat + k;
  const high = low + p.costOfChange * k;
  const rest: bigint[] = new Array(eff.length + 1).fill(0n);
  for (let j = eff.length - 1; j >= 0; j--) rest[j] = rest[j + 1]! + eff[j]!.v;
  if (rest[0]! < low) return undefined;

  let best: number[] | undefined;
  let bestWaste = 0n;
  let tries = 0;
  const picked: number[] = [];
  // Depth-first search with an explicit stack (thousands of coins must not overflow the call
  // stack). A frame first tries including coin j (stage 0), then omitting it (stage 1).
  const stack: { j: number; value: bigint; stage: 0 | 1 | 2 }[] = [{ j: 0, value: 0n, stage: 0 }];
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    if (top.stage === 0) {
      if (++tries > BNB_MAX_TRIES || (best && bestWaste === 0n)) break;
      const { j, value } = top;
      if (value > high) {
        stack.pop();
        continue;
      }
      if (value >= low) {
        const waste = value - low;
        if (!best || waste < bestWaste || (waste === bestWaste && picked.length < best.length)) {
          best = picked.map((x) => eff[x]!.i);
          bestWaste = waste;
        }
        stack.pop(); // adding more coins only adds waste
        continue;
      }
      if (j >= eff.length || value + rest[j]! < low) {
        stack.pop();
        continue;
      }
      top.stage = 1;
      picked.push(j);
      stack.push({ j: j + 1, value: value + eff[j]!.v, stage: 0 });
    } else if (top.stage === 1) {
      picked.pop();
      top.stage = 2;
      // Omitting coin j: skip the coins of equal value after it too (those sets were seen with j included).
      let next = top.j + 1;
      while (next < eff.length && eff[next]!.v === eff[top.j]!.v) next++;
      stack.push({ j: next, value: top.value, stage: 0 });
    } else {
      stack.pop();
    }
  }
  return best?.sort((a, b) => a - b);
}

/** Pick coins for the payment; throws InputError('--utxos') when the coins cannot pay target plus fee. */
export function selectCoins(p: SelectionProblem): Selection {
  const bnb = branchAndBound(p);
  if (bnb) {
    const s = settle(p, bnb, false);
    if (s) return { ...s, algorithm: 'branch-and-bound' };
  }
  const order = p.coins.map((_, i) => i).filter((i) => p.coins[i]!.value * 4000n > BigInt(p.coins[i]!.weight) * p.rateMsat);
  const ascending = [...order].sort((a, b) => cmp(p.coins[a]!.value, p.coins[b]!.value) || a - b);
  for (const i of ascending) {
    const s = settle(p, [i], true);
    if (s) return { ...s, algorithm: 'lowest-larger' };
  }
  const picked: number[] = [];
  for (const i of ascending.reverse()) {
    picked.push(i);
    const s = settle(p, [...picked].sort((a, b) => a - b), true);
    if (s) return { ...s, algorithm: 'largest-first' };
  }
  const have = p.coins.reduce((a, c) => a + c.value, 0n);
  const need = p.target + feeForWeight(p.fixedWeight(p.coins.length, false) + p.coins.reduce((a, c) => a + c.weight, 0), p.rateMsat);
  throw new InputError(`insufficient funds: the UTXOs hold ${have} sat but paying ${p.target} sat needs about ${need} sat with the fee`, '--utxos');
}

function cmp(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
