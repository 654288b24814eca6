/** JSON fixtures (fixtures/<spec>/…) and the private keys and messages they hold. */
import { base58check } from '../../src/core/hd/base58.js';
import { fixtureText } from './spec-text.js';

export { fixtureText };

/** A fixture file parsed as JSON. */
export function fixtureJson<T = any>(rel: string): T {
  return JSON.parse(fixtureText(rel)) as T;
}

/** A WIF private key (compressed or not, any network): the 32-byte key and its compression flag. */
export function decodeWif(wif: string): { priv: Uint8Array; compressed: boolean } {
  const raw = base58check.decode(wif);
  if (raw.length !== 33 && !(raw.length === 34 && raw[33] === 1)) throw new Error(`not a WIF key: ${wif.slice(0, 4)}…`);
  return { priv: raw.slice(1, 33), compressed: raw.length === 34 };
}

/** UTF-8 bytes of a string. */
export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
