/**
 * Ethereum accounts (BIP44 coin type 60: m/44'/60'/0'/0/i). Address = last 20 bytes of Keccak-256
 * of the uncompressed public key (Yellow Paper), written with the EIP-55 mixed-case checksum.
 * Uses noble directly so exporting and deriving addresses need no ethers.
 */
import { keccak_256 } from '@noble/hashes/sha3.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
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

/** The EIP-55 address of a (compressed or uncompressed) secp256k1 public key. */
export function ethAddress(pubkey: Uint8Array): string {
  const uncompressed = pubkey.length === 65 ? pubkey : secp256k1.Point.fromBytes(pubkey).toBytes(false);
  return toChecksumAddress(toHex(keccak_256(uncompressed.subarray(1)).subarray(12)));
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
