/**
 * Building an unsigned PSBT watch-only (BIP174 Creator + Updater roles):
 *
 * - every UTXO is matched to its address in our wallet (src/core/wallet/wallet.ts), so each input
 *   carries PSBT_IN_BIP32_DERIVATION for every key of the script (ECDSA templates) or
 *   PSBT_IN_TAP_BIP32_DERIVATION + PSBT_IN_TAP_INTERNAL_KEY (BIP371, taproot), the redeem and
 *   witness scripts the template builds (PSBT_IN_REDEEM_SCRIPT, PSBT_IN_WITNESS_SCRIPT),
 *   PSBT_IN_WITNESS_UTXO for segwit, and PSBT_IN_NON_WITNESS_UTXO (the whole previous transaction)
 *   for legacy and, when given, segwit v0;
 * - coins are chosen by src/core/btc/coin-select.ts at the exact fee for the rate;
 * - change goes to our change chain with its derivation, so a signer can prove it is ours;
 * - sequence 0xfffffffd signals replace-by-fee (BIP125) unless turned off.
 */
import { Transaction } from '@scure/btc-signer';
import { InputError } from '../errors.js';
import { toHex } from '../text.js';
import { formatPath } from '../hd/path.js';
import { shapeOf } from '../wallet/descriptor.js';
import { isWitnessProgram } from '../wallet/script.js';
import type { ScriptTemplate } from '../wallet/template.js';
import type { Wallet, WalletAddress } from '../wallet/wallet.js';
import { applyCoinControl, outpointKey, type CoinControl } from './coin-control.js';
import { selectCoins, feeForWeight, settle, type SelectionAlgorithm } from './coin-select.js';
import type { RawTransaction } from './prev-txs.js';
import { addressScript, checkNotDust, type Recipient } from './recipient.js';
import type { Utxo } from './utxos.js';
import { dustThreshold, outputWeight, overheadWeight } from './vsize.js';
import { withGlobalXpubs } from './global-xpub.js';
import { TAPSCRIPT_LEAF_VERSION } from '../wallet/tapscript-multisig.js';

/** BIP125: any input sequence below 0xfffffffe signals replaceability. */
export const SEQUENCE_RBF = 0xfffffffd;
/** Final-ish sequence that still enables nLockTime. */
export const SEQUENCE_NO_RBF = 0xfffffffe;

/**
 * A send-max destination. `owner`: the address is another wallet's (a sweep), and the output
 * carries that wallet's key fields (BIP174 PSBT_OUT_BIP32_DERIVATION…) so a signer can prove it
 * by re-deriving the script.
 */
export interface MaxTarget {
  address: string;
  script: Uint8Array;
  owner?: { key: WalletAddress; template: ScriptTemplate };
}

/**
 * Split `total` over `n` outputs: equal shares, the rounding remainder on the first. Every share
 * must reach its script's dust limit, else an InputError naming `field` says how many outputs fit.
 */
export function spreadAmount(total: bigint, targets: readonly { script: Uint8Array }[], field: string): bigint[] {
  const n = BigInt(targets.length);
  const share = total / n;
  const amounts = targets.map((_, i) => (i === 0 ? share + (total % n) : share));
  const dust = targets.reduce((m, t) => (dustThreshold(t.script) > m ? dustThreshold(t.script) : m), 0n);
  if (share < dust) {
    const fit = total / dust;
    throw new InputError(`${total} sat spread over ${n} outputs gives ${share} sat each, below the dust limit of ${dust} sat; ${fit > 0n ? `at most ${fit} ${fit === 1n ? 'output fits' : 'outputs fit'}` : 'nothing is left to send'}`, field);
  }
  return amounts;
}

/** What to build. */
export interface CreateRequest {
  wallet: Wallet;
  utxos: readonly Utxo[];
  recipients: readonly Recipient[];
  /**
   * Send everything left (after recipients and fee) to this address; no change output. A list
   * spreads it over several addresses (a sweep to a wallet's next N receive addresses): equal
   * amounts, the rounding remainder on the first, each above dust.
   */
  sendMax?: MaxTarget | readonly MaxTarget[];
  /** Spend every UTXO given, also those worth less than their spending fee (a sweep leaves nothing behind). */
  spendAll?: boolean;
  /** Fee rate, milli-sat per vbyte. */
  rateMsat: bigint;
  /** Previous transactions by txid, for non_witness_utxo. */
  prevTxs?: Map<string, RawTransaction>;
  /** Change index on the change chain (default: one past the highest change index among the UTXOs). */
  changeIndex?: number;
  rbf: boolean;
  lockTime: number;
  /** How many indices of each chain to derive when looking for a UTXO's address. */
  gapLimit: number;
  /** Where the change output goes among `n` recipients: an index in [0, n] (pass randomness in). */
  changePosition: (n: number) => number;
  /**
   * Coin control: `include` spends exactly these coins (no selection; with no recipients and no
   * sendMax, everything goes to change: a consolidation), `exclude` never spends these.
   */
  coinControl?: CoinControl;
}

/** One input of the summary. */
export interface CreatedInput {
  txid: string;
  vout: number;
  amount: bigint;
  address: string;
  path: string;
  nonWitnessUtxo: boolean;
}

/** One output of the summary. */
export interface CreatedOutput {
  address: string;
  amount: bigint;
  change: boolean;
  path?: string;
}

/** The built PSBT and what it does. */
export interface CreatedPsbt {
  psbt: Uint8Array;
  inputs: CreatedInput[];
  outputs: CreatedOutput[];
  fee: bigint;
  /** vsize with signatures at their largest (what the fee was computed for). */
  vsize: number;
  /** Effective fee rate, sat/vB × 1000. */
  feeRateMsat: bigint;
  algorithm: SelectionAlgorithm | 'send-max' | 'chosen';
  rbf: boolean;
  lockTime: number;
  /** Coins left unspent because spending them costs more than they are worth at this rate. */
  uneconomical: number;
}

interface OwnedUtxo extends Utxo {
  key: WalletAddress;
  script: Uint8Array;
}

/** Match each UTXO to its key in the wallet; every problem reported at once. */
export function matchUtxos(wallet: Wallet, utxos: readonly Utxo[], gapLimit: number, field = '--utxos'): OwnedUtxo[] {
  const problems: string[] = [];
  const out: OwnedUtxo[] = [];
  utxos.forEach((u, i) => {
    const at = `entry ${i} (${u.txid.slice(0, 16)}…:${u.vout})`;
    let script = u.script;
    if (u.address !== undefined) {
      let fromAddr: Uint8Array;
      try {
        fromAddr = addressScript(u.address, wallet.net, `${field} ${at}`);
      } catch (e) {
        problems.push((e as Error).message.replace(/^--utxos /, ''));
        return;
      }
      if (script && toHex(script) !== toHex(fromAddr)) {
        problems.push(`${at}: scriptPubKey does not match its address`);
        return;
      }
      script = fromAddr;
    }
    const key = (u.desc ? wallet.fromHint(u.desc, script!) : undefined) ?? wallet.findScript(script!, gapLimit);
    if (!key) {
      problems.push(`${at} is not an output of this descriptor (searched indices 0–${gapLimit - 1} of the receive and change chains; check the wallet, or raise --gap-limit)`);
      return;
    }
    out.push({ ...u, script: script!, key });
  });
  if (problems.length) throw new InputError(problems.slice(0, 4).join('; ') + (problems.length > 4 ? `; and ${problems.length - 4} more` : ''), field);
  return out;
}

/** The previous transaction of a UTXO, checked against it (BIP174: its txid and output must match). */
export function prevTxFor(u: OwnedUtxo, prevTxs: Map<string, RawTransaction>): RawTransaction | undefined {
  const raw = prevTxs.get(u.txid);
  if (!raw) return undefined;
  const o = raw.outputs[u.vout];
  if (!o) throw new InputError(`transaction ${u.txid} has no output ${u.vout}`, '--prev-txs');
  if (o.amount !== u.amount || toHex(o.script) !== toHex(u.script)) {
    throw new InputError(`output ${u.vout} of ${u.txid} pays ${o.amount} sat to another script than --utxos says (${u.amount} sat); the UTXO list or the transaction is wrong`, '--prev-txs');
  }
  return raw;
}

/** Build the unsigned PSBT. */
export function createPsbt(req: CreateRequest): CreatedPsbt {
  const { wallet } = req;
  const t = wallet.template;
  const inWeight = t.inputWeight(shapeOf(wallet.descriptor));
  const controlled = applyCoinControl(req.utxos, req.coinControl ?? {});
  const owned = matchUtxos(wallet, controlled.utxos, req.gapLimit);
  const include = controlled.include;
  const prev = new Map<string, RawTransaction>();
  const missing = new Set<string>();
  for (const u of owned) {
    if (t.spend === 'taproot-key') continue; // BIP341 signatures commit to every input amount; no previous transaction needed.
    const raw = req.prevTxs ? prevTxFor(u, req.prevTxs) : undefined;
    if (raw) prev.set(u.txid, raw);
    else if (t.spend === 'legacy' || req.prevTxs) missing.add(u.txid);
  }

  const change = wallet.at(wallet.changeBranch, req.changeIndex ?? nextChangeIndex(wallet, owned));
  const segwit = t.spend !== 'legacy';
  const maxTo: readonly MaxTarget[] = req.sendMax === undefined ? [] : 'script' in req.sendMax ? [req.sendMax] : req.sendMax;
  const sendMax = maxTo.length > 0;
  const recipientWeight = [...req.recipients, ...maxTo].reduce((w, r) => w + outputWeight(r.script.length), 0);
  const nOut = req.recipients.length + maxTo.length;
  const fixedWeight = (nIn: number, withChange: boolean) =>
    overheadWeight(nIn, nOut + (withChange ? 1 : 0), segwit) + recipientWeight + (withChange ? outputWeight(change.scripts.script.length) : 0);
  const target = req.recipients.reduce((a, r) => a + r.amount, 0n);
  const coins = owned.map((u) => ({ value: u.amount, weight: inWeight }));
  const economical = (i: number) => coins[i]!.value * 4000n > BigInt(coins[i]!.weight) * req.rateMsat;

  let chosen: number[];
  let fee: bigint;
  let changeAmount = 0n;
  let maxAmount = 0n;
  let weight: number;
  let algorithm: CreatedPsbt['algorithm'];
  if (include) {
    // Coin control: exactly the named coins, however uneconomical; change when it is not dust.
    chosen = owned.map((u, i) => (include.has(outpointKey(u)) ? i : -1)).filter((i) => i >= 0);
    const have = chosen.reduce((a, i) => a + coins[i]!.value, 0n);
    const problem = { coins, target, rateMsat: req.rateMsat, fixedWeight, costOfChange: 0n, changeDust: dustThreshold(change.scripts.script) };
    if (sendMax) {
      weight = fixedWeight(chosen.length, false) + chosen.length * inWeight;
      fee = feeForWeight(weight, req.rateMsat);
      maxAmount = have - target - fee;
      const dust = dustThreshold(maxTo[0]!.script);
      if (maxAmount < dust) throw new InputError(`the chosen coins hold ${have} sat, leaving ${maxAmount} sat for --send-max after ${target} sat to recipients and a ${fee} sat fee (dust limit ${dust} sat)`, '--utxo');
    } else {
      const s = settle(problem, chosen, true);
      if (!s) throw new InputError(`insufficient funds: the chosen coins hold ${have} sat, not enough for ${target} sat plus the fee at this rate; name more coins or drop --utxo`, '--utxo');
      if (req.recipients.length === 0 && s.change === 0n) throw new InputError(`the chosen coins hold ${have} sat: after the fee, the change would be dust; nothing to consolidate`, '--utxo');
      fee = s.fee;
      changeAmount = s.change;
      weight = s.weight;
    }
    algorithm = 'chosen';
  } else if (sendMax) {
    chosen = coins.map((_, i) => i).filter((i) => req.spendAll || economical(i));
    weight = fixedWeight(chosen.length, false) + chosen.length * inWeight;
    fee = feeForWeight(weight, req.rateMsat);
    const have = chosen.reduce((a, i) => a + coins[i]!.value, 0n);
    maxAmount = have - target - fee;
    const dust = dustThreshold(maxTo[0]!.script);
    if (maxAmount < dust) {
      throw new InputError(`insufficient funds: ${have} sat in spendable UTXOs leaves ${maxAmount} sat for --send-max after ${target} sat to recipients and a ${fee} sat fee (dust limit ${dust} sat)`, '--utxos');
    }
    algorithm = 'send-max';
  } else {
    if (req.recipients.length === 0) throw new InputError('give at least one --to ADDRESS:AMOUNT, or --send-max ADDRESS', '--to');
    const outCost = feeForWeight(outputWeight(change.scripts.script.length), req.rateMsat);
    const spendCost = feeForWeight(inWeight, req.rateMsat);
    const sel = selectCoins({ coins, target, rateMsat: req.rateMsat, fixedWeight, costOfChange: outCost + spendCost, changeDust: dustThreshold(change.scripts.script) });
    chosen = sel.chosen;
    fee = sel.fee;
    changeAmount = sel.change;
    weight = sel.weight;
    algorithm = sel.algorithm;
  }

  const needPrev = chosen.map((i) => owned[i]!).filter((u) => missing.has(u.txid));
  if (needPrev.length) {
    const ids = [...new Set(needPrev.map((u) => u.txid))];
    throw new InputError(
      `${t.spend === 'legacy' ? 'legacy (P2PKH) inputs need the previous transactions; ' : ''}no transaction ${ids[0]}${ids.length > 1 ? ` (and ${ids.length - 1} more)` : ''} given; add it with bitcoin-cli getrawtransaction`,
      '--prev-txs',
    );
  }

  // Inputs in a canonical order (txid, then vout) so the same choice always gives the same PSBT.
  const inputs = chosen.map((i) => owned[i]!).sort((a, b) => (a.txid === b.txid ? a.vout - b.vout : a.txid < b.txid ? -1 : 1));
  const outputs: (CreatedOutput & { script: Uint8Array; key?: WalletAddress; template?: ScriptTemplate })[] = req.recipients.map((r) => ({ address: r.address, amount: r.amount, change: false, script: r.script }));
  if (sendMax) {
    const amounts = spreadAmount(maxAmount, maxTo, maxTo.length > 1 ? '--outputs' : '--send-max');
    for (const [i, m] of maxTo.entries()) {
      const owner = m.owner;
      outputs.push({ address: m.address, amount: amounts[i]!, change: false, script: m.script, ...(owner ? { key: owner.key, template: owner.template, path: formatPath(owner.key.keys[0]!.path) } : {}) });
    }
  }
  if (changeAmount > 0n) {
    const pos = Math.min(Math.max(0, req.changePosition(outputs.length)), outputs.length);
    outputs.splice(pos, 0, { address: change.address, amount: changeAmount, change: true, path: formatPath(change.keys[0]!.path), script: change.scripts.script, key: change });
  }
  for (const [i, o] of outputs.entries()) if (!o.change) checkNotDust(o.script, o.amount, `output ${i}`);

  const tx = new Transaction({ version: 2, lockTime: req.lockTime });
  for (const u of inputs) {
    const raw = prev.get(u.txid);
    const base = { txid: u.txid, index: u.vout, sequence: req.rbf ? SEQUENCE_RBF : SEQUENCE_NO_RBF };
    if (t.spend === 'legacy') tx.addInput({ ...base, nonWitnessUtxo: raw!, ...keyFields(u.key, t) });
    else tx.addInput({ ...base, witnessUtxo: { script: u.script, amount: u.amount }, ...(raw ? { nonWitnessUtxo: raw } : {}), ...keyFields(u.key, t), ...tapLeafFields(u.key) });
  }
  for (const o of outputs) tx.addOutput({ script: o.script, amount: o.amount, ...(o.key ? keyFields(o.key, o.template ?? t) : {}), ...(o.key ? tapTreeFields(o.key) : {}) });
  const vsize = Math.ceil(weight / 4);
  return {
    // Vaults: every cosigner's xpub in the global map (BIP174 PSBT_GLOBAL_XPUB), as Coldcard and Sparrow write it.
    psbt: t.keys === 'many' ? withGlobalXpubs(tx.toPSBT(0), wallet.descriptor.keys) : tx.toPSBT(0),
    inputs: inputs.map((u) => ({ txid: u.txid, vout: u.vout, amount: u.amount, address: u.key.address, path: formatPath(u.key.keys[0]!.path), nonWitnessUtxo: prev.has(u.txid) })),
    outputs: outputs.map(({ address, amount, change: c, path }) => ({ address, amount, change: c, ...(path ? { path } : {}) })),
    fee,
    vsize,
    feeRateMsat: (fee * 1000n) / BigInt(vsize),
    algorithm,
    rbf: req.rbf,
    lockTime: req.lockTime,
    uneconomical: include || req.spendAll ? 0 : coins.length - coins.filter((_, i) => economical(i)).length,
  };
}

/**
 * The txid of an unsigned PSBT when it is already final: when every input spends a witness
 * program (native segwit, taproot), signing adds only witnesses, which the txid does not cover
 * (BIP141). A legacy or P2SH-wrapped input gets a scriptSig, so the txid is not known yet.
 */
export function txidBeforeSigning(psbt: Uint8Array): string | undefined {
  const tx = Transaction.fromPSBT(psbt);
  for (let i = 0; i < tx.inputsLength; i++) {
    const w = tx.getInput(i).witnessUtxo;
    if (!w || !isWitnessProgram(w.script)) return undefined;
  }
  return tx.id;
}

/** One past the highest change index among our UTXOs (0 when none is on the change chain). */
export function nextChangeIndex(wallet: Wallet, owned: readonly { key: WalletAddress }[]): number {
  let next = 0;
  for (const u of owned) if (u.key.branch === wallet.changeBranch && u.key.index + 1 > next) next = u.key.index + 1;
  return next;
}

/**
 * The key fields of an input or output of ours: the BIP32 derivation of every key of its script
 * (BIP174), or for taproot the internal key and its BIP371 derivation, plus the redeem and witness
 * scripts the template built (inputs and outputs carry them alike in BIP174).
 */
export function keyFields(a: WalletAddress, t: ScriptTemplate) {
  const tap = a.scripts.tap;
  if (tap) {
    // BIP371 for a taproot vault: the (NUMS) internal key and every cosigner's x-only key with the leaf it signs in.
    return { tapInternalKey: tap.internalKey, tapBip32Derivation: a.keys.map((k) => [k.pubkey.slice(1, 33), { hashes: [tap.leafHash], der: { fingerprint: k.fingerprint, path: k.path } }]) as [Uint8Array, { hashes: Uint8Array[]; der: { fingerprint: number; path: number[] } }][] };
  }
  if (t.spend === 'taproot-key') {
    const k = a.keys[0]!;
    const xonly = k.pubkey.subarray(1, 33);
    return { tapInternalKey: xonly, tapBip32Derivation: [[xonly, { hashes: [], der: { fingerprint: k.fingerprint, path: k.path } }]] as [Uint8Array, { hashes: Uint8Array[]; der: { fingerprint: number; path: number[] } }][] };
  }
  return {
    bip32Derivation: a.keys.map((k) => [k.pubkey, { fingerprint: k.fingerprint, path: k.path }]) as [Uint8Array, { fingerprint: number; path: number[] }][],
    ...(a.scripts.redeemScript ? { redeemScript: a.scripts.redeemScript } : {}),
    ...(a.scripts.witnessScript ? { witnessScript: a.scripts.witnessScript } : {}),
  };
}

/** BIP371 PSBT_IN_TAP_LEAF_SCRIPT of a taproot vault input: control block → leaf script || leaf version (none for other inputs). */
export function tapLeafFields(a: WalletAddress) {
  const tap = a.scripts.tap;
  if (!tap) return {};
  const cb = { version: tap.controlBlock[0]!, internalKey: tap.internalKey, merklePath: [] as Uint8Array[] };
  return { tapLeafScript: [[cb, Uint8Array.from([...tap.leafScript, TAPSCRIPT_LEAF_VERSION])]] as [typeof cb, Uint8Array][] };
}

/** BIP371 PSBT_OUT_TAP_TREE of a taproot vault output: its one leaf at depth 0 (none for other outputs). */
export function tapTreeFields(a: WalletAddress) {
  const tap = a.scripts.tap;
  return tap ? { tapTree: [{ depth: 0, version: TAPSCRIPT_LEAF_VERSION, script: tap.leafScript }] } : {};
}
