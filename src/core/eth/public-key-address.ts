/**
 * The Ethereum address of a public key (BIP44 coin type 60: m/44'/60'/0'/0/i): the last 20 bytes
 * of Keccak-256 of the uncompressed secp256k1 public key (Yellow Paper), with the EIP-55 checksum.
 * Uses noble directly so exporting and deriving addresses need no ethers.
 */
import { keccak_256 } from '@noble/hashes/sha3.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { toHex } from '../text.js';
import { toChecksumAddress } from './account.js';

/** The EIP-55 address of a (compressed or uncompressed) secp256k1 public key. */
export function ethAddress(pubkey: Uint8Array): string {
  const uncompressed = pubkey.length === 65 ? pubkey : secp256k1.Point.fromBytes(pubkey).toBytes(false);
  return toChecksumAddress(toHex(keccak_256(uncompressed.subarray(1)).subarray(12)));
}
