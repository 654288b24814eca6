/**
 * Ethereum keys from a BIP39 seed (BIP32 + BIP44 coin type 60): m/44'/60'/0'/0/i, the path
 * MetaMask, Ledger Live "standard" and Keystone use for account i. The seed bytes are handed in;
 * nothing is read here.
 */
import { HDKey } from '@scure/bip32';
import { InputError } from '../errors.js';
import { ethAddress } from './public-key-address.js';
import { fingerprintHex } from '../hd/keys.js';
import { formatPath, parsePath } from '../hd/path.js';

/** The default account path for index i (BIP44, coin type 60). */
export function ethPath(index: number): string {
  if (!Number.isInteger(index) || index < 0 || index > 0x7fffffff) throw new InputError('must be a whole number from 0 to 2147483647', '--index');
  return `m/44h/60h/0h/0/${index}`;
}

/**
 * Check a BIP32 path string ("m/44h/60h/0h/0/0"; h, H or ' for hardened) and return it in the one
 * notation coldkit prints (h, as BIP380 descriptors and Bitcoin Core write it).
 */
export function normalizePath(path: string, field = '--path'): string {
  return formatPath(parsePath(path, field));
}

/** A derived signing key. `privateKey` is secret: never print or journal it. */
export interface EthKey {
  path: string;
  address: string;
  /** Master key fingerprint (BIP32: first 4 bytes of HASH160 of the master public key), as uint32. */
  fingerprint: number;
  privateKey: Uint8Array;
}

/**
 * Derive the key at `path` from the BIP39 seed bytes. The returned private key is a copy; the
 * BIP32 nodes it came from are wiped (the caller wipes the copy with `wipeKey` after signing).
 */
export function deriveEthKey(seed: Uint8Array, path: string): EthKey {
  const root = HDKey.fromMasterSeed(seed);
  const norm = normalizePath(path);
  const node = root.derive(formatPath(parsePath(norm), "'")); // @scure/bip32 reads only ' marks
  try {
    if (!node.privateKey || !node.publicKey) throw new InputError('derivation gave no private key', '--path');
    return { path: norm, address: ethAddress(node.publicKey), fingerprint: root.fingerprint >>> 0, privateKey: Uint8Array.from(node.privateKey) };
  } finally {
    node.wipePrivateData();
    root.wipePrivateData();
  }
}

/** Overwrite the key's private bytes (after signing). */
export function wipeKey(key: EthKey): void {
  key.privateKey.fill(0);
}

/** Format a fingerprint as 8 lower-case hex digits. */
export const formatFingerprint = fingerprintHex;

/** Parse a fingerprint given as 8 hex digits. */
export function parseFingerprint(text: string, field = '--fingerprint'): number {
  const s = text.trim().replace(/^0x/i, '');
  if (!/^[0-9a-fA-F]{8}$/.test(s)) throw new InputError('must be 8 hex digits (the master key fingerprint, e.g. 73c5da0a)', field);
  return parseInt(s, 16) >>> 0;
}
