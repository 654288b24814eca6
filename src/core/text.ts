/** Text helpers for printing untrusted data (PSBT fields, QR payloads, calldata, labels). */
import { InputError } from './errors.js';

/**
 * Strip control characters (C0, DEL, C1 and bidi overrides) so untrusted text cannot move the
 * cursor, clear the screen or reorder what an operator reads. Newlines are removed too.
 */
export function sanitize(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '\uFFFD');
}

/** The two hex digits of each byte value. */
const HEX_BYTE = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/** Hex encoding of bytes, lower case. */
export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += HEX_BYTE[bytes[i]!]!;
  return s;
}

/** Strict hex decoding (optional 0x prefix), naming the field on error. */
export function fromHex(text: string, field: string): Uint8Array {
  const s = text.trim().replace(/^0x/i, '');
  if (s.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(s)) {
    throw new InputError('not valid hex (need an even number of 0-9a-f characters)', field);
  }
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/**
 * Serialise a result object as JSON: bigint as decimal strings, Uint8Array (Buffer too) as hex.
 * Characters that can reorder or hide text on a terminal (C1 controls, bidi overrides and
 * isolates, line/paragraph separators) are written as \uXXXX escapes: the same strings for a JSON
 * reader, but an untrusted label cannot disguise itself when the document is read on screen.
 */
export function toJson(value: unknown): string {
  const text: string | undefined = JSON.stringify(
    value,
    function (this: Record<string, unknown>, k, v) {
      // The holder's raw value: a Buffer's toJSON() has already run on `v` ({type, data}).
      const raw = this[k];
      if (typeof v === 'bigint') return v.toString();
      return raw instanceof Uint8Array ? toHex(raw) : v instanceof Uint8Array ? toHex(v) : v;
    },
    2,
  );
  return text === undefined ? (text as unknown as string) : text.replace(/[\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

/** "1 input", "2 inputs": a count with its noun in the right number (`many` for irregular plurals). */
export function counted(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * An address in 4-character blocks, as hardware wallets show it for comparison by eye
 * ("bc1q w508 d6qe …"): human review text only, never JSON or anything parsed or copied. The
 * text is sanitized first; the last block may be shorter.
 */
export function groupedAddress(address: string): string {
  return (sanitize(address).match(/.{1,4}/gu) ?? []).join(' ');
}
