/**
 * Reading and writing PSBTs (BIP174 v0, BIP370 v2) over @scure/btc-signer, with typed errors: any
 * parse failure becomes one InputError line naming the field. The encodings (binary, base64, hex)
 * are psbt-encoding.ts's; review and signing read through psbt-read.ts, which loads this file
 * only for what its linear reader declines.
 */
import { Transaction } from '@scure/btc-signer';
import type { TxOpts } from '@scure/btc-signer';
import { InputError } from '../errors.js';
import { sanitize } from '../text.js';
import { psbtBytesFrom, type PsbtEncoding } from './psbt-encoding.js';
import { explainLibraryError } from './psbt-errors.js';
import { checkPsbtWire, type PsbtLayout } from './psbt-wire.js';

/** Options every PSBT is parsed with: keep unknown and proprietary fields (BIP174: a signer must not drop them). */
export const PSBT_OPTS: TxOpts = { unknown: 'ignore', proprietary: 'ignore', allowUnknownOutputs: true, allowUnknownInputs: true };

export interface DecodedPsbt {
  tx: Transaction;
  encoding: PsbtEncoding;
  /** The raw PSBT bytes. */
  bytes: Uint8Array;
}

/** One line from a library error: control characters stripped, clipped. */
export function libraryReason(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  const line = sanitize(m.split('\n')[0] ?? '').trim();
  return line.length > 160 ? line.slice(0, 160) + '…' : line || 'malformed data';
}

/** Parse a PSBT from file bytes (any accepted encoding) into a btc-signer Transaction: framing and limits first (psbt-wire.ts). */
export function decodePsbt(input: Uint8Array, field = 'psbt'): DecodedPsbt {
  const { bytes, encoding } = psbtBytesFrom(input, field);
  return { tx: decodeChecked(bytes, checkPsbtWire(bytes, field), field), encoding, bytes };
}

/**
 * Parse raw PSBT bytes whose framing `checkPsbtWire` has passed. btc-signer's refusals become plain
 * messages naming the input and field (psbt-errors.ts); a witness_utxo that contradicts its
 * non_witness_utxo is a refusal (exit 3), not malformed input.
 */
export function decodeChecked(bytes: Uint8Array, layout: PsbtLayout, field = 'psbt'): Transaction {
  try {
    return Transaction.fromPSBT(bytes, PSBT_OPTS);
  } catch (e) {
    throw explainLibraryError(bytes, layout, libraryReason(e), field);
  }
}

/** The PSBT bytes of a Transaction, as a typed error if the library refuses. */
export function psbtOf(tx: Transaction, field = 'psbt'): Uint8Array {
  try {
    return tx.toPSBT();
  } catch (e) {
    throw new InputError(`cannot be serialised: ${libraryReason(e)}`, field);
  }
}

