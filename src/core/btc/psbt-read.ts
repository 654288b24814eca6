/**
 * Reading a PSBT for review and signing: its framing and size limits first (psbt-wire.ts, for
 * every reader), then the linear fast reader (psbt-fast-reader.ts) when it fully
 * understands the file, else @scure/btc-signer (psbt-codec.ts), whose verdict and error message
 * stand. btc-signer (and the pure-JS curve code it brings) is imported only when the fast reader
 * declines, so signing an everyday PSBT does not pay for loading it.
 */
import { psbtBytesFrom, type PsbtEncoding } from './psbt-encoding.js';
import { fastReadPsbt } from './psbt-fast-reader.js';
import { checkPsbtWire, type PsbtLayout } from './psbt-wire.js';
import type { PsbtView } from './psbt-view.js';

/** A PSBT read for review: its view, encoding, raw bytes, and which reader produced the view. */
export interface ReadPsbt {
  view: PsbtView;
  encoding: PsbtEncoding;
  bytes: Uint8Array;
  reader: 'fast' | 'btc-signer';
}

/**
 * Read a PSBT (binary, base64 or hex) for review and signing: the linear fast reader when it
 * fully understands the file (common PSBTv0), else @scure/btc-signer. `sized`, when given, is
 * awaited with the checked framing (map counts and key types) before any map is decoded: the CLI
 * uses it to load the faster public-key curve build for a large PSBT (public-curve.ts).
 */
export async function readPsbt(input: Uint8Array, field = 'psbt', sized?: (layout: PsbtLayout) => Promise<void>): Promise<ReadPsbt> {
  const { bytes, encoding } = psbtBytesFrom(input, field);
  const layout = checkPsbtWire(bytes, field);
  await sized?.(layout);
  const fast = fastReadPsbt(bytes);
  if (fast) return { view: fast, encoding, bytes, reader: 'fast' };
  const [{ decodeChecked }, { viewOf }] = await Promise.all([import('./psbt-codec.js'), import('./psbt-view.js')]);
  return { view: viewOf(decodeChecked(bytes, layout, field)), encoding, bytes, reader: 'btc-signer' };
}
