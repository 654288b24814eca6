/**
 * @scure/btc-signer's refusals of a PSBT, said plainly. The library names where it failed with its
 * own coder path ("Reader(inputs/0/0/value): readBytes: Unexpected end of buffer") or a terse
 * check ("validateInput: witnessUtxo different from nonWitnessUtxo"); the operator needs the
 * input and the BIP field ("input 0 PSBT_IN_NON_WITNESS_UTXO: the value is cut short").
 *
 * One of them is not malformed input but a lie: BIP174 has the signer check that "the
 * non-witness UTXO's output at the prevout index matches the witness UTXO". A PSBT whose
 * witness_utxo states another amount or script than the previous transaction it carries is
 * refused as an attack (exit 3, hard finding `utxo-mismatch`): that is how a hidden fee is slipped
 * past a signer that trusts witness_utxo.
 *
 * Loaded only with btc-signer (psbt-codec.ts).
 */
import { RawPSBTV0, RawPSBTV2 } from '@scure/btc-signer/psbt.js';
import { equalBytes } from '../bytes.js';
import { ColdkitError, InputError } from '../errors.js';
import { toHex } from '../text.js';
import { fieldName, type PsbtSection } from './psbt-fields.js';
import type { PsbtLayout } from './psbt-wire.js';
import { txidOf, utxoMismatch } from './prevouts.js';
import type { RawTxView } from './psbt-view.js';

/** What a library reason means, in words. */
function plainReason(reason: string): string {
  if (/Unexpected end of buffer/.test(reason)) return 'the value is cut short';
  if (/CompactSize|MAX_SAFE_INTEGER/.test(reason)) return 'a length inside the value is malformed';
  if (/Wrong length/.test(reason)) return 'a length inside the value does not fit';
  return reason;
}

const SECTIONS: Record<string, PsbtSection> = { global: 'global', inputs: 'input', outputs: 'output' };

/** "Reader(inputs/0/1/value): …" → "input 0 PSBT_IN_WITNESS_UTXO: …", using the walked layout for the key type. */
function readerPath(reason: string, layout: PsbtLayout): string | undefined {
  const m = /^Reader\(([^)]*)\):\s*(?:Error:\s*)?(.*)$/.exec(reason);
  if (!m) return undefined;
  const [section, a, b, part] = m[1]!.split('/');
  const s = section ? SECTIONS[section] : undefined;
  if (!s) return `the PSBT: ${plainReason(m[2]!)}`;
  const mapIndex = s === 'global' ? 0 : Number(a);
  const row = Number(s === 'global' ? a : b);
  const map = layout.maps.find((x) => x.section === s && x.index === mapIndex);
  const label = s === 'global' ? 'the global map' : Number.isInteger(mapIndex) ? `${s} ${mapIndex}` : `the ${s}`;
  const type = map && Number.isInteger(row) ? map.types[row] : undefined;
  const where = type === undefined ? label : `${label} ${fieldName(s, type)}`;
  const what = (s === 'global' ? b : part) === 'key' ? plainReason(m[2]!).replace('the value', 'the key') : plainReason(m[2]!);
  return `${where}: ${what}`;
}

/** Each input's prevout (txid display order, vout) and UTXO fields, from btc-signer's raw decode (no checks). */
function rawInputs(bytes: Uint8Array): { txid?: Uint8Array; vout?: number; nonWitnessUtxo?: RawTxView; witnessUtxo?: { amount: bigint; script: Uint8Array } }[] {
  try {
    const v0 = RawPSBTV0.decode(bytes);
    return v0.inputs.map((i, j) => ({ ...i, txid: v0.global.unsignedTx?.inputs[j]?.txid, vout: v0.global.unsignedTx?.inputs[j]?.index })) as never;
  } catch {
    try {
      return RawPSBTV2.decode(bytes).inputs.map((i) => ({ ...i, vout: i.index })) as never;
    } catch {
      return [];
    }
  }
}

/**
 * The error for btc-signer's refusal `reason` of `bytes` (whose framing passed psbt-wire.ts): an
 * InputError naming the input and field, or the `utxo-mismatch` RefusedError.
 */
export function explainLibraryError(bytes: Uint8Array, layout: PsbtLayout, reason: string, field: string): ColdkitError {
  if (/witnessUtxo different from nonWitnessUtxo|nonWitnessUtxo: wrong txid|not in nonWitnessUtxo/.test(reason)) {
    for (const [n, i] of rawInputs(bytes).entries()) {
      const prev = i.nonWitnessUtxo;
      if (!prev || i.vout === undefined) continue;
      const out = prev.outputs[i.vout];
      if (!out) return new InputError(`input ${n}: its non_witness_utxo has no output ${i.vout} (it has ${prev.outputs.length})`, field);
      if (i.txid && txidOf(prev) !== toHex(i.txid)) return new InputError(`input ${n}: its non_witness_utxo is transaction ${txidOf(prev)}, not the transaction ${toHex(i.txid)} it spends`, field);
      if (i.witnessUtxo && (i.witnessUtxo.amount !== out.amount || !equalBytes(i.witnessUtxo.script, out.script))) return utxoMismatch(n, i.witnessUtxo, out);
    }
  }
  const plain = readerPath(reason, layout);
  return new InputError(`is not a valid PSBT: ${plain ?? reason.replace(/^validateInput: /, '')}`, field);
}
