/**
 * RSA signature verification, RSASSA-PKCS1-v1_5 (RFC 8017 §8.2.2), as OpenSSH's rsa-sha2-256 and
 * rsa-sha2-512 signatures use it (RFC 8332). Verification needs only the public operation
 * s^e mod n, which a bigint square-and-multiply does in core without any I/O or native crypto, so
 * an approval is checked by the same pure code wherever it runs. Only verification: coldkit never
 * signs with RSA.
 *
 * The encoded message is rebuilt and compared whole (RFC 8017 §8.2.2 step 3–4: "compare the
 * encoded message EM and the second encoded message EM'"), never parsed, which avoids the
 * Bleichenbacher-2006 family of lax-parsing forgeries.
 */
import { equalBytes } from '../bytes.js';
import { bigintToBytes, bytesToBigint } from './wire.js';

/** DER DigestInfo prefixes (RFC 8017 §9.2 note 1) for the hashes RFC 8332 allows. */
const DIGEST_INFO: Record<'sha256' | 'sha512', Uint8Array> = {
  sha256: Uint8Array.of(0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20),
  sha512: Uint8Array.of(0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03, 0x05, 0x00, 0x04, 0x40),
};

/** base^exp mod m by left-to-right square-and-multiply. */
export function modPow(base: bigint, exp: bigint, m: bigint): bigint {
  let result = 1n;
  let b = base % m;
  for (const bit of exp.toString(2)) {
    result = (result * result) % m;
    if (bit === '1') result = (result * b) % m;
  }
  return result;
}

/** EMSA-PKCS1-v1_5-ENCODE (RFC 8017 §9.2) of an already computed digest, for a k-byte modulus. */
export function emsaPkcs1v15(digest: Uint8Array, hash: 'sha256' | 'sha512', k: number): Uint8Array | undefined {
  const t = DIGEST_INFO[hash];
  const tLen = t.length + digest.length;
  // "If emLen < tLen + 11, output 'intended encoded message length too short'".
  if (k < tLen + 11) return undefined;
  const em = new Uint8Array(k).fill(0xff);
  em[0] = 0x00;
  em[1] = 0x01;
  em[k - tLen - 1] = 0x00;
  em.set(t, k - tLen);
  em.set(digest, k - digest.length);
  return em;
}

/**
 * Verify an RSASSA-PKCS1-v1_5 signature over `digest` (the message's SHA-256 or SHA-512).
 * `signature` may be shorter than the modulus (OpenSSH accepts signers that drop leading zeros).
 */
export function rsaVerify(key: { n: bigint; e: bigint }, hash: 'sha256' | 'sha512', digest: Uint8Array, signature: Uint8Array): boolean {
  const k = Math.ceil(key.n.toString(2).length / 8);
  if (signature.length > k || signature.length === 0) return false;
  const s = bytesToBigint(signature);
  // RFC 8017 §5.2.2 RSAVP1: "If the signature representative s is not between 0 and n - 1, output 'signature representative out of range'".
  if (s >= key.n) return false;
  const em = bigintToBytes(modPow(s, key.e, key.n), k);
  const expected = emsaPkcs1v15(digest, hash, k);
  return expected !== undefined && em.length === k && equalBytes(em, expected);
}
