/**
 * Reading and writing PSBTs (BIP174 v0, BIP370 v2) over @scure/btc-signer, with typed errors.
 *
 * Accepted encodings: raw binary (starts with the magic `psbt\xff`), base64 (BIP174: "PSBTs
 * … may be encoded in Base64"), or hex. The encoding a PSBT came in is remembered so a signed
 * PSBT goes back the same way. Any parse failure becomes one InputError line naming the field.
 */
import { base64, hex } from '@scure/base';
import { Transaction } from '@scure/btc-signer';
import type { TxOpts } from '@scure/btc-signer';
import { InputError } from '../errors.js';
import { sanitize } from '../text.js';

/** The five magic bytes "psbt" 0xff (BIP174 "Encoding"). */
export const PSBT_MAGIC = new Uint8Array([0x70, 0x73, 0x62, 0x74, 0xff]);
/** Largest PSBT coldkit accepts (32 MiB): bigger input is refused before parsing. */
export const MAX_PSBT_BYTES = 32 * 1024 * 1024;

export type PsbtEncoding = 'binary' | 'base64' | 'hex';

/** Options every PSBT is parsed with: keep unknown and proprietary fields (BIP174: a signer must not drop them). */
export const PSBT_OPTS: TxOpts = { unknown: 'ignore', proprietary: 'ignore', allowUnknownOutputs: true, allowUnknownInputs: true };

export interface DecodedPsbt {
  tx: Transaction;
  encoding: PsbtEncoding;
  /** The raw PSBT bytes. */
  bytes: Uint8Array;
}

function startsWithMagic(b: Uint8Array): boolean {
  if (b.length < PSBT_MAGIC.length) return false;
  for (let i = 0; i < PSBT_MAGIC.length; i++) if (b[i] !== PSBT_MAGIC[i]) return false;
  return true;
}

/** One line from a library error: control characters stripped, clipped. */
export function libraryReason(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  const line = sanitize(m.split('\n')[0] ?? '').trim();
  return line.length > 160 ? line.slice(0, 160) + '…' : line || 'malformed data';
}

/** Turn file bytes into raw PSBT bytes, detecting binary, base64 or hex. */
export function psbtBytesFrom(input: Uint8Array, field = 'psbt'): { bytes: Uint8Array; encoding: PsbtEncoding } {
  if (input.length > MAX_PSBT_BYTES) throw new InputError(`is ${input.length} bytes; the limit is ${MAX_PSBT_BYTES}`, field);
  if (startsWithMagic(input)) return { bytes: input, encoding: 'binary' };
  if (input.length === 0) throw new InputError('is empty; expected a PSBT (binary, base64 or hex)', field);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(input).trim();
  } catch {
    throw new InputError('wrong magic: not a PSBT (no "psbt\\xff" at the start, and not base64 or hex text)', field);
  }
  if (/^70736274ff/i.test(text)) {
    if (!/^[0-9a-fA-F]*$/.test(text) || text.length % 2) throw new InputError('looks like hex but has non-hex characters or an odd length', field);
    return { bytes: hex.decode(text.toLowerCase()), encoding: 'hex' };
  }
  const compact = text.replace(/\s+/g, '');
  if (compact.startsWith('cHNidP')) {
    let bytes: Uint8Array;
    try {
      bytes = base64.decode(compact);
    } catch {
      throw new InputError('looks like base64 but does not decode (corrupted or truncated)', field);
    }
    if (!startsWithMagic(bytes)) throw new InputError('wrong magic: a PSBT starts with "psbt" 0xff', field);
    return { bytes, encoding: 'base64' };
  }
  throw new InputError('wrong magic: not a PSBT (expected bytes starting "psbt\\xff", base64 "cHNidP8…" or hex "70736274ff…")', field);
}

/** Parse a PSBT from file bytes (any accepted encoding) into a btc-signer Transaction. */
export function decodePsbt(input: Uint8Array, field = 'psbt'): DecodedPsbt {
  const { bytes, encoding } = psbtBytesFrom(input, field);
  let tx: Transaction;
  try {
    tx = Transaction.fromPSBT(bytes, PSBT_OPTS);
  } catch (e) {
    throw new InputError(`is not a valid PSBT: ${libraryReason(e)}`, field);
  }
  return { tx, encoding, bytes };
}

/** Serialise a PSBT in the given encoding (text encodings end without a newline). */
export function encodePsbt(raw: Uint8Array, encoding: PsbtEncoding): Uint8Array {
  if (encoding === 'binary') return raw;
  const text = encoding === 'base64' ? base64.encode(raw) : hex.encode(raw);
  return new TextEncoder().encode(text);
}

/** The PSBT bytes of a Transaction, as a typed error if the library refuses. */
export function psbtOf(tx: Transaction, field = 'psbt'): Uint8Array {
  try {
    return tx.toPSBT();
  } catch (e) {
    throw new InputError(`cannot be serialised: ${libraryReason(e)}`, field);
  }
}

