/**
 * BIP174 Combiner: merge copies of one PSBT (e.g. each signed by another device, or a `--trim`med
 * signature-only copy) into one. "The Combiner must … only combine PSBTs for the same
 * transaction": the unsigned transactions must be identical. Finalized inputs are refused: there
 * is nothing left to combine into them.
 */
import { Transaction } from '@scure/btc-signer';
import { InputError } from '../errors.js';
import { libraryReason } from './psbt-codec.js';

/** Combine PSBTs (at least two); field names are the files they came from. */
export function combinePsbts(parts: readonly { tx: Transaction; field: string }[]): Transaction {
  if (parts.length < 2) throw new InputError('give at least two PSBTs to combine', 'files');
  for (const { tx, field } of parts) {
    for (let i = 0; i < tx.inputsLength; i++) {
      const inp = tx.getInput(i);
      if (inp.finalScriptSig || inp.finalScriptWitness) throw new InputError(`input ${i} is already finalized; combine signed, not finalized, PSBTs`, field);
    }
  }
  const [first, ...rest] = parts;
  const out = first!.tx.clone();
  for (const { tx, field } of rest) {
    if (tx.id !== out.id) throw new InputError(`is a PSBT for another transaction (${tx.id.slice(0, 16)}…, expected ${out.id.slice(0, 16)}…)`, field);
    try {
      out.combine(tx);
    } catch (e) {
      throw new InputError(`cannot be combined: ${libraryReason(e)}`, field);
    }
  }
  return out;
}
