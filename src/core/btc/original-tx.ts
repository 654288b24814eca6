/**
 * The transaction a fee bump starts from (`psbt bump`, `psbt cpfp`), read from its raw bytes as
 * broadcast or from the PSBT it was made from: its outpoints and sequences, outputs, locktime,
 * real vsize when signed, and what the PSBT says about the coins it spends. The amounts of its
 * inputs come from the PSBT's UTXO fields, the previous transactions, or a listunspent file,
 * every missing one named at once. Pure.
 */
import { RawTx, Transaction } from '@scure/btc-signer';
import { InputError } from '../errors.js';
import { toHex } from '../text.js';
import { outpointKey, type Outpoint } from './coin-control.js';
import type { RawTransaction } from './prev-txs.js';
import { libraryReason } from './psbt-codec.js';
import type { Utxo } from './utxos.js';

/** The transaction being replaced or child-paid-for, as read from a raw transaction or a PSBT. */
export interface OriginalTx {
  /** Its txid (for an unsigned PSBT: the txid its signed form will have when every input is segwit). */
  txid: string;
  inputs: (Outpoint & { sequence: number })[];
  outputs: { script: Uint8Array; amount: bigint }[];
  lockTime: number;
  /** The real vsize when the transaction is signed (a raw transaction as broadcast). */
  vsize?: number;
  /** Previous outputs the PSBT carried (witness_utxo / non_witness_utxo), by `txid:vout`. */
  prevouts: Map<string, { script: Uint8Array; amount: bigint }>;
  /** Previous transactions the PSBT carried (non_witness_utxo), by txid. */
  prevTxs: Map<string, RawTransaction>;
  /** The transaction itself when read raw (a child's non_witness_utxo). */
  raw?: RawTransaction;
}

const RAW_OPTS = { allowUnknownOutputs: true, allowUnknownInputs: true, disableScriptCheck: true, allowUnknownVersion: true } as const;

/** Read a signed raw transaction. */
export function originalFromRaw(bytes: Uint8Array, field: string): OriginalTx {
  let tx: Transaction;
  try {
    tx = Transaction.fromRaw(bytes, RAW_OPTS);
  } catch (e) {
    throw new InputError(`is neither a PSBT nor a raw transaction (${libraryReason(e)})`, field);
  }
  const o = fromTransaction(tx);
  let signed = true;
  for (let i = 0; i < tx.inputsLength; i++) {
    const inp = tx.getInput(i);
    if (!inp.finalScriptSig?.length && !inp.finalScriptWitness?.length) signed = false;
  }
  return { ...o, raw: RawTx.decode(bytes), ...(signed ? { vsize: tx.vsize } : {}) };
}

/** Read a PSBT (already decoded): its outpoints, outputs and the UTXO fields it carries. */
export function originalFromPsbt(tx: Transaction): OriginalTx {
  const o = fromTransaction(tx);
  for (let i = 0; i < tx.inputsLength; i++) {
    const inp = tx.getInput(i);
    const at = o.inputs[i]!;
    const k = outpointKey(at);
    if (inp.witnessUtxo) o.prevouts.set(k, { script: inp.witnessUtxo.script, amount: inp.witnessUtxo.amount });
    if (inp.nonWitnessUtxo) {
      const out = inp.nonWitnessUtxo.outputs[at.vout];
      if (out && !o.prevouts.has(k)) o.prevouts.set(k, { script: out.script, amount: out.amount });
      o.prevTxs.set(at.txid, inp.nonWitnessUtxo);
    }
  }
  return o;
}

function fromTransaction(tx: Transaction): OriginalTx {
  const inputs: OriginalTx['inputs'] = [];
  for (let i = 0; i < tx.inputsLength; i++) {
    const inp = tx.getInput(i);
    inputs.push({ txid: toHex(inp.txid!), vout: inp.index!, sequence: inp.sequence ?? 0xffffffff });
  }
  const outputs: OriginalTx['outputs'] = [];
  for (let i = 0; i < tx.outputsLength; i++) {
    const out = tx.getOutput(i);
    outputs.push({ script: out.script!, amount: out.amount! });
  }
  return { txid: tx.id, inputs, outputs, lockTime: tx.lockTime, prevouts: new Map(), prevTxs: new Map() };
}

/** Where the amounts of the original's inputs come from, besides the PSBT itself. */
export interface PrevoutSources {
  utxos?: readonly Utxo[];
  prevTxs?: Map<string, RawTransaction>;
}

/** The original's inputs as UTXOs with amount and script; every missing one named at once. */
export function inputsAsUtxos(o: OriginalTx, src: PrevoutSources, field: string): Utxo[] {
  const listed = new Map((src.utxos ?? []).map((u) => [outpointKey(u), u]));
  const missing: string[] = [];
  const out: Utxo[] = [];
  for (const i of o.inputs) {
    const k = outpointKey(i);
    const fromPsbt = o.prevouts.get(k);
    const fromTx = src.prevTxs?.get(i.txid)?.outputs[i.vout];
    const fromList = listed.get(k);
    const script = fromPsbt?.script ?? fromTx?.script ?? fromList?.script;
    const amount = fromPsbt?.amount ?? fromTx?.amount ?? fromList?.amount;
    if (amount === undefined || (!script && !fromList?.address)) {
      missing.push(k);
      continue;
    }
    out.push({ txid: i.txid, vout: i.vout, amount, ...(script ? { script } : {}), ...(fromList?.address ? { address: fromList.address } : {}), ...(fromList?.desc ? { desc: fromList.desc } : {}) });
  }
  if (missing.length) {
    throw new InputError(`the amount of input ${missing[0]}${missing.length > 1 ? ` (and ${missing.length - 1} more)` : ''} is unknown: give the previous transactions (--prev-txs, bitcoin-cli getrawtransaction) or the UTXO list the original was built from (--utxos)`, field);
  }
  return out;
}
