/**
 * The output each PSBT input spends, read from its UTXO fields with the BIP174 signer checks:
 *
 * - "If a non-witness UTXO is provided, its hash must match the hash specified in the prevout";
 *   its output at the prevout index must equal PSBT_IN_WITNESS_UTXO when both are present.
 * - "If a witness UTXO is provided, no non-witness signature may be created": a witness UTXO whose
 *   script is not a witness program (directly or through its redeemScript) is refused.
 * - "If a redeemScript is provided, the scriptPubKey must be for that redeemScript"; likewise a
 *   witnessScript must match the P2WSH program.
 *
 * A failed check is an InputError naming the input (exit 2): the PSBT is malformed or lying. A
 * witness_utxo that contradicts the previous transaction is refused as the attack it is (exit 3,
 * `utxo-mismatch`, no override).
 */
import type { InputFields, RawTxView } from './psbt-view.js';
import { InputError, RefusedError } from '../errors.js';
import { hardRefusal, RANK } from '../findings/finding.js';
import { toHex } from '../text.js';
import { ByteWriter, equalBytes } from '../bytes.js';
import { sha256d } from '../hash.js';
import { isWitnessProgram, p2sh, p2wsh } from '../wallet/script.js';


/** The spent output of one input and how it is known. */
export interface SpentOutput {
  script: Uint8Array;
  amount: bigint;
  /** non_witness_utxo: proven against the prevout txid; witness_utxo: taken on trust. */
  source: 'non_witness_utxo' | 'witness_utxo';
}

const MAX_SATS = 21_000_000n * 100_000_000n;

/** The non-witness serialisation of a transaction (BIP144's "traditional" form, what the txid hashes). */
export function serializeNoWitness(tx: RawTxView): Uint8Array {
  const w = new ByteWriter(64 + 50 * tx.inputs.length + 40 * tx.outputs.length);
  w.u32(tx.version).compact(tx.inputs.length);
  for (const i of tx.inputs) w.reversed(i.txid).u32(i.index).varBytes(i.finalScriptSig ?? new Uint8Array()).u32(i.sequence);
  w.compact(tx.outputs.length);
  for (const o of tx.outputs) w.u64(o.amount).varBytes(o.script);
  w.u32(tx.lockTime);
  return w.finish();
}

/** Display-order txid of a decoded previous transaction (double SHA-256 of its non-witness serialisation). */
export function txidOf(prev: RawTxView): string {
  return toHex(sha256d(serializeNoWitness(prev)).reverse());
}

/** The refusal of an input whose witness_utxo contradicts its non_witness_utxo (hard: no override). */
export function utxoMismatch(index: number, stated: { amount: bigint }, proven: { amount: bigint }): RefusedError {
  const what = stated.amount !== proven.amount ? `says ${stated.amount} sat but the previous transaction in its non_witness_utxo pays ${proven.amount} sat` : 'names another script than the previous transaction in its non_witness_utxo pays to';
  const f = hardRefusal('utxo-mismatch', RANK.validity, `input ${index}: its witness_utxo ${what}: the PSBT lies about the coin it spends (an attempt to hide a fee); do not sign it, and find out who built it`);
  return new RefusedError(f.message, [], [f]);
}

/**
 * The spent output of input `idx`, checked; undefined when the PSBT carries no UTXO for it.
 * `txidChecked`: the reader has already hashed the non_witness_utxo against the prevout txid
 * (PsbtView.prevTxidsChecked), so it is not hashed again.
 */
export function spentOutput(input: InputFields, idx: number, txidChecked = false): SpentOutput | undefined {
  const field = `input ${idx}`;
  let out: SpentOutput | undefined;
  if (input.nonWitnessUtxo) {
    const prev = input.nonWitnessUtxo;
    const vout = input.index ?? -1;
    const o = prev.outputs[vout];
    if (!o) throw new InputError(`non_witness_utxo has no output ${vout} (it has ${prev.outputs.length})`, field);
    if (!txidChecked) {
      const want = toHex(input.txid ?? new Uint8Array());
      if (txidOf(prev) !== want) throw new InputError(`non_witness_utxo is transaction ${txidOf(prev)}, not the spent ${want}`, field);
    }
    if (input.witnessUtxo && (input.witnessUtxo.amount !== o.amount || !equalBytes(input.witnessUtxo.script, o.script))) throw utxoMismatch(idx, input.witnessUtxo, o);
    out = { script: o.script, amount: o.amount, source: 'non_witness_utxo' };
  } else if (input.witnessUtxo) {
    out = { script: input.witnessUtxo.script, amount: input.witnessUtxo.amount, source: 'witness_utxo' };
  }
  if (!out) return undefined;
  if (out.amount < 0n || out.amount > MAX_SATS) throw new InputError(`spends an amount of ${out.amount} sat, outside 0..21e6 BTC`, field);
  let program = out.script;
  if (input.redeemScript) {
    if (!equalBytes(out.script, p2sh(input.redeemScript))) {
      throw new InputError('redeemScript does not hash to the spent P2SH scriptPubKey', field);
    }
    program = input.redeemScript;
  }
  // BIP-127: the commitment input is taken to spend 0 sat "as if the scriptPubKey was OP_TRUE".
  const commitment = input.porCommitment !== undefined && out.amount === 0n && out.script.length === 1 && out.script[0] === 0x51;
  if (out.source === 'witness_utxo' && !isWitnessProgram(program) && !commitment) {
    throw new InputError('has a witness_utxo but spends a non-witness script; a legacy input needs its non_witness_utxo', field);
  }
  if (input.witnessScript) {
    if (!equalBytes(program, p2wsh(input.witnessScript))) throw new InputError('witnessScript does not match the P2WSH program it spends', field);
  }
  return out;
}
