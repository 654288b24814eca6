/**
 * Reading a PSBT for review and signing: the linear fast reader (psbt-fast-reader.ts) when it fully
 * understands the file, else @scure/btc-signer (psbt-codec.ts), whose verdict and error message
 * stand. Kept apart from psbt-codec.ts so commands that only move PSBTs do not load curve code.
 */
import { decodePsbt, psbtBytesFrom, type PsbtEncoding } from './psbt-codec.js';
import { fastReadPsbt } from './psbt-fast-reader.js';
import { viewOf, type PsbtView } from './psbt-view.js';

/** A PSBT read for review: its view, encoding, raw bytes, and which reader produced the view. */
export interface ReadPsbt {
  view: PsbtView;
  encoding: PsbtEncoding;
  bytes: Uint8Array;
  reader: 'fast' | 'btc-signer';
}

/**
 * Read a PSBT for review and signing: the linear fast reader when it fully understands the file
 * (common PSBTv0), else @scure/btc-signer, whose verdict and error message stand.
 */
export function readPsbt(input: Uint8Array, field = 'psbt'): ReadPsbt {
  const { bytes, encoding } = psbtBytesFrom(input, field);
  const fast = fastReadPsbt(bytes);
  if (fast) return { view: fast, encoding, bytes, reader: 'fast' };
  const { tx } = decodePsbt(bytes, field);
  return { view: viewOf(tx), encoding, bytes, reader: 'btc-signer' };
}
