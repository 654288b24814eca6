/**
 * From a mnemonic to BIP32 keys: BIP39 seed (PBKDF2 with the passphrase), the master key, its
 * fingerprint (first 4 bytes of HASH160 of the master public key, BIP32), and derivation.
 */
import { mnemonicToSeedSync } from '@scure/bip39';
import { HDKey } from '@scure/bip32';
import type { BtcNetwork } from '../network.js';
import { fingerprintHex, formatPath } from './path.js';

export { fingerprintHex };

/** BIP39 seed from a checked phrase and passphrase (BIP39: salt "mnemonic" + passphrase, NFKD). */
export function seedFromMnemonic(phrase: string, passphrase = ''): Uint8Array {
  return mnemonicToSeedSync(phrase, passphrase);
}

/** The BIP32 master key for a seed, with the network's version bytes. */
export function masterKey(seed: Uint8Array, net: BtcNetwork): HDKey {
  return HDKey.fromMasterSeed(seed, net.bip32);
}

/** The master fingerprint of a seed (network independent). */
export function masterFingerprint(root: HDKey): string {
  return fingerprintHex(root.fingerprint);
}

/** Derive a key at indices from the master key. */
export function deriveIndices(root: HDKey, indices: number[]): HDKey {
  return indices.length === 0 ? root : root.derive(formatPath(indices, "'"));
}

/** An account-level xpub from an extended public key string (with the network's versions). */
export function publicNode(xpub: string, net: BtcNetwork): HDKey {
  return HDKey.fromExtendedKey(xpub, net.bip32);
}
