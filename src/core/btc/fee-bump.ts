/**
 * Raising the fee of a transaction still in the mempool, two ways:
 *
 * - **RBF** (BIP125 replace-by-fee, `bumpFee`): a replacement spending the same inputs, paying
 *   the same recipients, signalling replaceability (sequence 0xfffffffd), with the change output
 *   reduced. BIP125's rules the replacement must meet, checked here before anything is built:
 *   rule 3, "the replacement transaction pays an absolute fee of at least the sum paid by the
 *   original transactions"; rule 4, "the replacement transaction must also pay for its own
 *   bandwidth at or above the rate set by the node's minimum relay fee setting" (new fee ≥ old
 *   fee + new vsize × 1 sat/vB, Bitcoin Core's default incremental relay fee); and Bitcoin Core's
 *   rule 6, a higher fee rate than the original. Change that would fall below dust is refused,
 *   never silently given to the miner.
 * - **CPFP** (child pays for parent, `cpfp`): a child spending our output of the unconfirmed
 *   parent to our change chain, paying enough that the package (parent + child) reaches the
 *   rate: child fee = ceil(rate × (parent vsize + child vsize)) − parent fee.
 *
 * Both build their PSBT with createPsbt (create.ts) under coin control, so the inputs and change
 * carry the same derivations a signer proves. The original and its input amounts are read by
 * original-tx.ts. Pure.
 */
import { Address, OutScript } from '@scure/btc-signer';
import { InputError } from '../errors.js';
import { formatDecimal } from '../amount.js';
import { toHex } from '../text.js';
import type { Wallet } from '../wallet/wallet.js';
import { outpointKey, type Outpoint } from './coin-control.js';
import { createPsbt, SEQUENCE_NO_RBF, type CreatedPsbt } from './create.js';
import type { OriginalTx } from './original-tx.js';
import type { RawTransaction } from './prev-txs.js';
import type { Recipient } from './recipient.js';
import type { Utxo } from './utxos.js';
import { dustThreshold } from './vsize.js';

/** Bitcoin Core's default incremental relay fee (DEFAULT_INCREMENTAL_RELAY_FEE, 1000 sat/kvB): 1 sat/vB, in msat/vB. */
export const INCREMENTAL_RELAY_MSAT = 1000n;

const sum = (xs: readonly { amount: bigint }[]) => xs.reduce((a, x) => a + x.amount, 0n);
const rate = (fee: bigint, vsize: number) => (fee * 1000n) / BigInt(vsize);
const satVb = (msat: bigint) => formatDecimal(msat, 3);

/** An address for a script, or a description when it has none (OP_RETURN, bare scripts). */
function addressOf(script: Uint8Array, wallet: Wallet): string {
  try {
    return Address(wallet.net).encode(OutScript.decode(script));
  } catch {
    return script[0] === 0x6a ? 'OP_RETURN' : `script ${toHex(script).slice(0, 40)}`;
  }
}

/** What an RBF replacement needs. */
export interface BumpRequest {
  wallet: Wallet;
  original: OriginalTx;
  /** The original's inputs with amounts (inputsAsUtxos). */
  utxos: readonly Utxo[];
  prevTxs?: Map<string, RawTransaction>;
  /** New fee rate, msat/vB. */
  rateMsat: bigint;
  gapLimit: number;
}

/** The replacement and the numbers it was checked by. */
export interface Bumped {
  created: CreatedPsbt;
  original: { txid: string; fee: bigint; vsize: number; vsizeEstimated: boolean; feeRateMsat: bigint; signalsRbf: boolean };
  /** Output index of the change in the original. */
  changeOutput: number;
  changeBefore: bigint;
  changeAfter: bigint;
  /** The least fee BIP125 rules 3 and 4 accept for this replacement. */
  minFee: bigint;
}

/** Build a BIP125 replacement paying `rateMsat`, the fee taken from the change. */
export function bumpFee(req: BumpRequest): Bumped {
  const { wallet, original: o } = req;
  const fee = sum(req.utxos) - sum(o.outputs);
  if (fee < 0n) throw new InputError(`the inputs hold ${sum(req.utxos)} sat but the outputs pay ${sum(o.outputs)} sat: the input amounts given are not this transaction's`, 'input amounts');
  const changeAt = o.outputs.map((out, i) => ({ i, key: wallet.findScript(out.script, req.gapLimit) })).filter((c) => c.key && c.key.branch === wallet.changeBranch);
  if (changeAt.length === 0) throw new InputError('no output of the original pays this wallet\'s change chain, so there is no change to take the higher fee from; use `psbt cpfp` on an output of ours, or create a new payment', 'original');
  // More than one change output (unusual): take the fee from the largest.
  const change = changeAt.reduce((a, b) => (o.outputs[b.i]!.amount > o.outputs[a.i]!.amount ? b : a));
  const recipients: Recipient[] = o.outputs.flatMap((out, i) => (i === change.i ? [] : [{ address: addressOf(out.script, wallet), script: out.script, amount: out.amount }]));
  const changeBefore = o.outputs[change.i]!.amount;
  const changeDust = () => new InputError(`at ${satVb(req.rateMsat)} sat/vB the ${changeBefore} sat change cannot pay the higher fee and stay above its dust threshold (${dustThreshold(o.outputs[change.i]!.script)} sat); use a lower rate, or \`psbt cpfp\``, '--fee-rate');
  let created: CreatedPsbt;
  try {
    created = createPsbt({
      wallet,
      utxos: req.utxos,
      recipients,
      rateMsat: req.rateMsat,
      ...(req.prevTxs ? { prevTxs: req.prevTxs } : {}),
      changeIndex: change.key!.index,
      rbf: true,
      lockTime: o.lockTime,
      gapLimit: req.gapLimit,
      changePosition: () => change.i,
      coinControl: { include: o.inputs },
    });
  } catch (e) {
    // Coin control with every input named: the only way to fall short is the change running out.
    if (e instanceof InputError && e.field === '--utxo') throw changeDust();
    throw e;
  }
  const vsize = created.vsize;
  const oldVsize = o.vsize ?? vsize;
  const oldRate = rate(fee, oldVsize);
  const minFee = fee + (BigInt(vsize) * INCREMENTAL_RELAY_MSAT + 999n) / 1000n;
  const minRate = (minFee * 1000n + BigInt(vsize) - 1n) / BigInt(vsize);
  const newChange = created.outputs.find((x) => x.change);
  if (created.fee < minFee || rate(created.fee, vsize) <= oldRate) {
    throw new InputError(
      `${satVb(req.rateMsat)} sat/vB is not enough to replace a transaction paying ${fee} sat (${satVb(oldRate)} sat/vB): BIP125 asks for at least ${minFee} sat (the old fee plus 1 sat/vB for the ${vsize} vB replacement), a rate of ${satVb(minRate > oldRate ? minRate : oldRate + 1n)} sat/vB or more`,
      '--fee-rate',
    );
  }
  if (!newChange) throw changeDust();
  return {
    created,
    original: { txid: o.txid, fee, vsize: oldVsize, vsizeEstimated: o.vsize === undefined, feeRateMsat: oldRate, signalsRbf: o.inputs.some((i) => i.sequence < SEQUENCE_NO_RBF) },
    changeOutput: change.i,
    changeBefore,
    changeAfter: newChange.amount,
    minFee,
  };
}

/** What a child-pays-for-parent needs. */
export interface CpfpRequest {
  wallet: Wallet;
  /** The parent as broadcast (signed: its vsize is real). */
  parent: OriginalTx;
  /** The parent's inputs with amounts (inputsAsUtxos), for the parent's fee. */
  parentInputs: readonly Utxo[];
  /** Package fee rate to reach, msat/vB. */
  rateMsat: bigint;
  /** Which of our outputs of the parent to spend (default: the largest). */
  spend?: Outpoint;
  changeIndex?: number;
  rbf: boolean;
  gapLimit: number;
}

/** The child and the package numbers. */
export interface Cpfp {
  created: CreatedPsbt;
  parent: { txid: string; fee: bigint; vsize: number; feeRateMsat: bigint };
  childFee: bigint;
  childVsize: number;
  packageFee: bigint;
  packageVsize: number;
  /** (parent fee + child fee) / (parent vsize + child vsize), msat/vB. */
  packageRateMsat: bigint;
}

/** Build the child: our output of the parent to our change, paying for the package. */
export function cpfp(req: CpfpRequest): Cpfp {
  const { wallet, parent: p } = req;
  if (p.vsize === undefined) throw new InputError('must be the signed parent transaction as broadcast (raw hex): its size decides the child\'s fee', 'parent');
  const parentFee = sum(req.parentInputs) - sum(p.outputs);
  if (parentFee < 0n) throw new InputError('the parent\'s input amounts given are not its own (its outputs pay more than its inputs hold)', 'input amounts');
  const parentRate = rate(parentFee, p.vsize);
  if (parentRate >= req.rateMsat) throw new InputError(`the parent already pays ${satVb(parentRate)} sat/vB, at least the ${satVb(req.rateMsat)} asked: no child needed`, '--fee-rate');
  const ours = p.outputs.flatMap((out, vout) => {
    const key = wallet.findScript(out.script, req.gapLimit);
    return key ? [{ txid: p.txid, vout, amount: out.amount, script: out.script }] : [];
  });
  if (ours.length === 0) throw new InputError('no output of the parent pays this wallet: a child can only spend an output of ours', 'parent');
  const spend = req.spend ? ours.find((u) => outpointKey(u) === outpointKey(req.spend!)) : ours.reduce((a, b) => (b.amount > a.amount ? b : a));
  if (!spend) throw new InputError(`${outpointKey(req.spend!)} is not an output of ours in the parent (ours: ${ours.map(outpointKey).join(', ')})`, '--utxo');
  // Default change index: past every change index the parent touches (its inputs and outputs), so
  // the child does not reuse the parent's change address.
  let changeIndex = req.changeIndex;
  if (changeIndex === undefined) {
    changeIndex = 0;
    for (const script of [...p.outputs.map((o) => o.script), ...req.parentInputs.flatMap((u) => (u.script ? [u.script] : []))]) {
      const key = wallet.findScript(script, req.gapLimit);
      if (key && key.branch === wallet.changeBranch && key.index + 1 > changeIndex) changeIndex = key.index + 1;
    }
  }
  const build = (rateMsat: bigint) =>
    createPsbt({
      wallet,
      utxos: [spend],
      recipients: [],
      rateMsat,
      // The parent as the child's non_witness_utxo, so a signer can prove the amount (BIP174).
      ...(p.raw ? { prevTxs: new Map([[p.txid, p.raw]]) } : {}),
      changeIndex,
      rbf: req.rbf,
      lockTime: 0,
      gapLimit: req.gapLimit,
      changePosition: () => 0,
      coinControl: { include: [spend] },
    });
  // The child's vsize does not depend on its fee (one input, one change output), so price it once.
  const childVsize = build(1000n).vsize;
  const packageVsize = p.vsize + childVsize;
  const packageNeed = (BigInt(packageVsize) * req.rateMsat + 999n) / 1000n;
  const relayFloor = (BigInt(childVsize) * INCREMENTAL_RELAY_MSAT + 999n) / 1000n;
  const want = packageNeed - parentFee > relayFloor ? packageNeed - parentFee : relayFloor;
  const dust = dustThreshold(wallet.at(wallet.changeBranch, 0).scripts.script);
  if (spend.amount - want < dust) throw new InputError(`our output ${outpointKey(spend)} holds ${spend.amount} sat; a child paying ${want} sat would leave less than the ${dust} sat dust threshold`, '--fee-rate');
  const created = build((want * 1000n + BigInt(childVsize) - 1n) / BigInt(childVsize));
  const packageFee = parentFee + created.fee;
  return {
    created,
    parent: { txid: p.txid, fee: parentFee, vsize: p.vsize, feeRateMsat: parentRate },
    childFee: created.fee,
    childVsize: created.vsize,
    packageFee,
    packageVsize,
    packageRateMsat: rate(packageFee, packageVsize),
  };
}
