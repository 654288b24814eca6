/**
 * The v1 integrity tag: tag = first 4 bytes of HMAC-SHA256(key = entropy,
 * "coldkit/shares/v1" ‖ set id (2 bytes, big-endian) ‖ t (1 byte) ‖ n (1 byte)).
 * It is split together with the entropy (secret = entropy ‖ tag), so fewer than t shares still
 * reveal nothing, and it binds the set id, t and n to the secret: checked after every combine.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { TAG_BYTES } from './v1.js';

const DOMAIN = new TextEncoder().encode('coldkit/shares/v1');

/** The 4-byte tag of `entropy` for a set. */
export function shareTag(entropy: Uint8Array, setId: number, threshold: number, count: number): Uint8Array {
  const msg = new Uint8Array(DOMAIN.length + 4);
  msg.set(DOMAIN);
  msg[DOMAIN.length] = setId >>> 8;
  msg[DOMAIN.length + 1] = setId & 0xff;
  msg[DOMAIN.length + 2] = threshold;
  msg[DOMAIN.length + 3] = count;
  return hmac(sha256, entropy, msg).slice(0, TAG_BYTES);
}

/** Constant-time-ish equality of two short byte strings. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a[i]! ^ b[i]!;
  return d === 0;
}
