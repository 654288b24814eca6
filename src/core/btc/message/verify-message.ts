/**
 * Verify any Bitcoin signed message: a legacy (BIP-137 / Electrum) signature or a BIP-322 one,
 * told apart by shape. A legacy signature is exactly 65 bytes starting with a header byte 27–42;
 * a BIP-322 signature carries its variant prefix ("smp", "ful", "pof"), or (made before the
 * prefix existed) decodes to a witness stack or a transaction. An unprefixed 65-byte value whose
 * first byte is 27–42 would be a witness stack of 27–42 items, which no single-key or multisig
 * spend has, so the two never collide.
 */
import { base64 } from '@scure/base';
import type { BtcNetwork } from '../../network.js';
import { decodeMessageAddress } from './address.js';
import { verifyLegacy } from './bip137.js';
import { type MessageVerification, verifyBip322 } from './bip322.js';

/** True when `signature` has the shape of a legacy signature. */
export function isLegacySignature(signature: string): boolean {
  try {
    const b = base64.decode(signature.trim());
    return b.length === 65 && b[0]! >= 27 && b[0]! <= 42;
  } catch {
    return false;
  }
}

/**
 * Verify `signature` of the exact `message` bytes by `address`. Network from `net`, else
 * recognised from the address. Never throws for a bad signature (state invalid or inconclusive);
 * an address that does not parse throws InputError naming `field`.
 */
export function verifyMessage(message: Uint8Array, address: string, signature: string, net?: BtcNetwork, field = '--address'): MessageVerification {
  const addr = decodeMessageAddress(address, net, field);
  return isLegacySignature(signature) ? verifyLegacy(message, addr, signature) : verifyBip322(message, addr, signature);
}
