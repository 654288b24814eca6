/**
 * Bitcoin's hash constructions on @noble/hashes, shared by scripts, keys and signature hashes:
 *
 * - HASH160 = RIPEMD160(SHA256(x)) (key and script hashes of P2PKH, P2WPKH, P2SH; BIP32 fingerprints);
 * - SHA256d = SHA256(SHA256(x)) (txids, legacy and BIP143 signature hashes);
 * - BIP340 tagged hash: "SHA256(SHA256(tag) || SHA256(tag) || x)" (TapTweak, TapSighash).
 */
import { ripemd160 } from '@noble/hashes/legacy.js';
import { sha256 } from '@noble/hashes/sha2.js';

/** HASH160 = RIPEMD160(SHA256(x)). */
export function hash160(b: Uint8Array): Uint8Array {
  return ripemd160(sha256(b));
}

/** SHA256(SHA256(x)). */
export function sha256d(b: Uint8Array): Uint8Array {
  return sha256(sha256(b));
}

const tagHashes = new Map<string, Uint8Array>();

/** BIP340 tagged hash: SHA256(SHA256(tag) || SHA256(tag) || msg…). */
export function taggedHash(tag: string, ...msgs: Uint8Array[]): Uint8Array {
  let t = tagHashes.get(tag);
  if (!t) tagHashes.set(tag, (t = sha256(new TextEncoder().encode(tag))));
  const h = sha256.create().update(t).update(t);
  for (const m of msgs) h.update(m);
  return h.digest();
}

export { sha256 };
