/**
 * Ethereum addresses as text: the EIP-55 mixed-case checksum, parsing and comparing. No curve
 * code: the PSBT signer and the policy read addresses without loading secp256k1 (the address of
 * a public key is in ./public-key-address.ts).
 */
import { keccak_256 } from '@noble/hashes/sha3.js';
import { InputError } from '../errors.js';
import { toHex } from '../text.js';

/** EIP-55: upper-case each hex letter whose nibble in keccak256(lower-case address) is ≥ 8. */
export function toChecksumAddress(hex40: string): string {
  const lower = hex40.toLowerCase().replace(/^0x/, '');
  const hash = toHex(keccak_256(new TextEncoder().encode(lower)));
  let out = '0x';
  for (let i = 0; i < 40; i++) out += parseInt(hash[i]!, 16) >= 8 ? lower[i]!.toUpperCase() : lower[i]!;
  return out;
}

/**
 * Parse an address: 0x + 40 hex digits. A mixed-case address must carry a correct EIP-55
 * checksum (a typo is refused, not silently accepted); all-lower or all-upper is accepted.
 */
export function parseAddress(text: string, field: string): string {
  const s = text.trim();
  const m = /^0x([0-9a-fA-F]{40})$/.exec(s);
  if (!m) throw new InputError(`"${s.slice(0, 50)}" is not an address (0x followed by 40 hex digits)`, field);
  const body = m[1]!;
  const sum = toChecksumAddress(body);
  const mixed = body !== body.toLowerCase() && body !== body.toUpperCase();
  if (mixed && sum.slice(2) !== body) {
    throw new InputError('EIP-55 checksum does not match (a mistyped character?); check the address', field);
  }
  return sum;
}

/** Two addresses are the same account (EIP-55 case aside). */
export function sameAddress(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
