/**
 * Ethereum accounts on the same seed (BIP44 coin type 60: m/44'/60'/0'/0/i). Address =
 * last 20 bytes of Keccak-256 of the uncompressed public key (Yellow Paper), written with the
 * EIP-55 mixed-case checksum. Uses noble directly so exporting needs no ethers.
 */
import { keccak_256 } from '@noble/hashes/sha3.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
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
