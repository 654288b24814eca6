/**
 * RSASSA-PKCS1-v1_5 verification (src/core/ssh/rsa.ts) against node:crypto as the oracle: keys of
 * several sizes and exponents, signatures over SHA-256 and SHA-512 digests accepted; any single
 * flipped bit, a signature ≥ n, another digest or the other hash refused; the encoding rebuilt
 * byte for byte as RFC 8017 §9.2 gives it.
 */
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { base64 } from '@scure/base';
import { describe, expect, it } from 'vitest';
import { emsaPkcs1v15, modPow, rsaVerify } from '../../../src/core/ssh/rsa.js';
import { bigintToBytes, bytesToBigint } from '../../../src/core/ssh/wire.js';

const b64url = (s: string) => base64.decode(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4));

describe('rsaVerify agrees with node:crypto', () => {
  for (const [bits, e] of [[1024, 65537], [2048, 65537], [3072, 3]] as const) {
    it(`${bits}-bit key, e = ${e}`, () => {
      const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: bits, publicExponent: e });
      const jwk = publicKey.export({ format: 'jwk' });
      const key = { n: bytesToBigint(b64url(jwk.n!)), e: bytesToBigint(b64url(jwk.e!)) };
      for (const hash of ['sha256', 'sha512'] as const) {
        const msg = new TextEncoder().encode(`message ${bits} ${hash}`);
        const digest = new Uint8Array(createHash(hash).update(msg).digest());
        const sig = new Uint8Array(sign(hash, msg, privateKey));
        expect(rsaVerify(key, hash, digest, sig)).toBe(true);
        expect(rsaVerify(key, hash === 'sha256' ? 'sha512' : 'sha256', digest, sig)).toBe(false);
        for (const bit of [0, 7, 100, sig.length * 8 - 1]) {
          const bad = sig.slice();
          bad[bit >> 3] ^= 1 << (bit & 7);
          expect(rsaVerify(key, hash, digest, bad)).toBe(false);
        }
        const d2 = digest.slice();
        d2[0] ^= 1;
        expect(rsaVerify(key, hash, d2, sig)).toBe(false);
        expect(rsaVerify(key, hash, digest, bigintToBytes(key.n, sig.length))).toBe(false);
      }
    });
  }
});

describe('pieces', () => {
  it('modPow', () => {
    expect(modPow(4n, 13n, 497n)).toBe(445n);
    expect(modPow(2n, 0n, 7n)).toBe(1n);
  });
  it('EMSA-PKCS1-v1_5 layout: 00 01 FF… 00 DigestInfo H', () => {
    const em = emsaPkcs1v15(new Uint8Array(32).fill(0xab), 'sha256', 64)!;
    expect(em.length).toBe(64);
    expect([em[0], em[1], em[2], em[64 - 51 - 1]]).toEqual([0, 1, 0xff, 0]);
    expect(Buffer.from(em.subarray(64 - 51, 64 - 32)).toString('hex')).toBe('3031300d060960864801650304020105000420');
    expect(emsaPkcs1v15(new Uint8Array(64), 'sha512', 64)).toBeUndefined();
  });
});
