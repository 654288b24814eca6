/**
 * PSBT encodings: raw binary (starts with the magic `psbt\xff`, BIP174 "Encoding"), base64
 * (BIP174: "PSBTs … may be encoded in Base64"), or hex. The encoding a PSBT came in is remembered
 * so a signed PSBT goes back the same way. Light: no PSBT parser is loaded by importing this file.
 */
import { base64, hex } from '@scure/base';
import { InputError } from '../errors.js';

/** The five magic bytes "psbt" 0xff (BIP174 "Encoding"). */
export const PSBT_MAGIC = new Uint8Array([0x70, 0x73, 0x62, 0x74, 0xff]);
/** Largest PSBT coldkit accepts (32 MiB): bigger input is refused before parsing. */
export const MAX_PSBT_BYTES = 32 * 1024 * 1024;

export type PsbtEncoding = 'binary' | 'base64' | 'hex';

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

/** Serialise a PSBT in the given encoding (text encodings end without a newline). */
export function encodePsbt(raw: Uint8Array, encoding: PsbtEncoding): Uint8Array {
  if (encoding === 'binary') return raw;
  const text = encoding === 'base64' ? base64.encode(raw) : hex.encode(raw);
  return new TextEncoder().encode(text);
}

function startsWithMagic(b: Uint8Array): boolean {
  if (b.length < PSBT_MAGIC.length) return false;
  for (let i = 0; i < PSBT_MAGIC.length; i++) if (b[i] !== PSBT_MAGIC[i]) return false;
  return true;
}

