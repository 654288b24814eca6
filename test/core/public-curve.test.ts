/**
 * The public-data curve builds (src/core/public-curve.ts, src/core/libauth-curve.ts): libauth's
 * libsecp256k1 must answer exactly as tiny-secp256k1 does — on random scalars, signatures and
 * byte strings, and on the classes of bad input (scalars 0 and ≥ n, high S, r or s zero or ≥ n,
 * hybrid and off-curve points, wrong lengths) — and a build that disagrees on any known case is
 * refused (exit 3) and never installed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as ecc from 'tiny-secp256k1';
import { sha256 } from '@noble/hashes/sha2.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { installPublicCurve, publicCurve, resetPublicCurve, tinyCurve, type PublicCurve } from '../../src/core/public-curve.js';
import { libauthCurve } from '../../src/core/libauth-curve.js';
import { VerificationError } from '../../src/core/errors.js';
import { ecdsaVerify, derEncode, isPoint } from '../../src/core/secp.js';
import { childPublicKeys } from '../../src/core/hd/batch-derive.js';
import { HDKey } from '@scure/bip32';

const N = BigInt('0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141');
const P = BigInt('0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f');
const be = (x: bigint, len = 32) => Uint8Array.from(Buffer.from(x.toString(16).padStart(len * 2, '0'), 'hex'));
/** Deterministic bytes: SHA-256 of a label (no randomness in tests). */
const bytes = (label: string) => sha256(new TextEncoder().encode(label));

afterEach(() => resetPublicCurve());

describe('libauth answers as tiny-secp256k1 does', async () => {
  const fast = await libauthCurve();
  const scalars = [
    ...Array.from({ length: 64 }, (_, i) => bytes(`scalar ${i}`)),
    be(0n),
    be(1n),
    be(N - 1n),
    be(N),
    be(N + 1n),
    be(2n ** 256n - 1n),
    new Uint8Array(31).fill(1),
    new Uint8Array(33).fill(1),
  ];
  it('t·G for 72 scalars, random and at the edges (0, 1, n−1, n, n+1, 2^256−1, wrong lengths)', () => {
    for (const t of scalars) expect(fast.baseMultiply(t)).toEqual(tinyCurve.baseMultiply(t));
  });
  it('ECDSA verification: valid, tampered, high-S, other hash, r or s zero or ≥ n, either key form', () => {
    let checked = 0;
    for (let i = 0; i < 32; i++) {
      const d = bytes(`key ${i}`);
      const h = bytes(`hash ${i}`);
      const sig = ecc.sign(h, d);
      const keys = [ecc.pointFromScalar(d, true)!, ecc.pointFromScalar(d, false)!, ecc.pointFromScalar(bytes(`other ${i}`), true)!];
      const s = BigInt('0x' + Buffer.from(sig.subarray(32)).toString('hex'));
      const r = sig.subarray(0, 32);
      const variants = [
        sig,
        Uint8Array.from([...r, ...be(N - s)]),
        Uint8Array.from([...be(0n), ...sig.subarray(32)]),
        Uint8Array.from([...r, ...be(0n)]),
        Uint8Array.from([...be(N), ...sig.subarray(32)]),
        Uint8Array.from([...r, ...be(N)]),
        sig.map((b, j) => (j === i ? b ^ 1 : b)),
      ];
      for (const v of variants) {
        for (const q of keys) {
          for (const hh of [h, bytes(`wrong ${i}`)]) {
            expect(fast.verify(hh, q, v), `sig ${i}`).toBe(tinyCurve.verify(hh, q, v));
            checked++;
          }
        }
      }
      expect(fast.verify(h, keys[0]!, sig)).toBe(true);
      expect(fast.verify(h, keys[0]!, variants[1]!)).toBe(false); // high S: strict
    }
    expect(checked).toBe(32 * 7 * 3 * 2);
  });
  it('point checks: real points both forms, x ≥ p, x off the curve, hybrid 06/07, 0x04 with a wrong y, wrong lengths, empty', () => {
    const cases: Uint8Array[] = [new Uint8Array(0), Uint8Array.of(0), Uint8Array.of(2)];
    for (let i = 0; i < 48; i++) {
      const q = ecc.pointFromScalar(bytes(`point ${i}`), false)!;
      const c = ecc.pointCompress(q, true);
      cases.push(q, c, Uint8Array.of(0x06 | (q[64]! & 1), ...q.subarray(1)), Uint8Array.of(0x07 ^ (q[64]! & 1), ...q.subarray(1)));
      cases.push(Uint8Array.of(0x04, ...q.subarray(1, 64), q[64]! ^ 1), c.subarray(0, 32), Uint8Array.of(...c, 0));
      // An x with no curve point (about half of all x): 0x02 || x.
      cases.push(Uint8Array.of(0x02, ...bytes(`x ${i}`)));
    }
    cases.push(Uint8Array.of(0x02, ...be(P)), Uint8Array.of(0x03, ...be(P + 1n)), Uint8Array.of(0x05, ...ecc.pointFromScalar(be(1n), true)!.subarray(1)));
    let points = 0;
    for (const p of cases) {
      expect(fast.isPoint(p), Buffer.from(p).toString('hex')).toBe(tinyCurve.isPoint(p));
      if (tinyCurve.isPoint(p)) points++;
    }
    expect(points).toBeGreaterThan(96); // the real ones and the on-curve x's
    expect(points).toBeLessThan(cases.length - 200);
  });
  it('installs (it passes the known answers), and then the signer and CKDpub run on it with the same results', () => {
    const xpub = HDKey.fromMasterSeed(bytes('seed')).derive("m/48'/1'/0'/2'/0");
    const before = childPublicKeys(xpub, 0, 20);
    const d = bytes('signer');
    const h = bytes('digest');
    const der = derEncode(ecc.sign(h, d));
    installPublicCurve({ ...fast, hmacSha512: (k, m) => hmac(sha512, k, m) });
    expect(publicCurve().name).toBe('@bitauth/libauth secp256k1');
    expect(childPublicKeys(xpub, 0, 20)).toEqual(before);
    expect(before.map((k) => Buffer.from(k).toString('hex'))).toEqual(Array.from({ length: 20 }, (_, i) => Buffer.from(xpub.deriveChild(i).publicKey!).toString('hex')));
    expect(ecdsaVerify(h, ecc.pointFromScalar(d, true)!, der)).toBe(true);
    expect(ecdsaVerify(bytes('other'), ecc.pointFromScalar(d, true)!, der)).toBe(false);
    expect(isPoint(ecc.pointFromScalar(d, true)!)).toBe(true);
  });
});

describe('a build that disagrees is refused', async () => {
  const fast = await libauthCurve();
  const lying: [string, PublicCurve][] = [
    ['verifies everything', { ...fast, name: 'liar', verify: () => true }],
    ['accepts high S', { ...fast, name: 'liar', verify: (h, p, s) => fast.verify(h, p, s) || fast.verify(h, p, Uint8Array.from([...s.subarray(0, 32), ...be(N - BigInt('0x' + Buffer.from(s.subarray(32)).toString('hex')))])) }],
    ['multiplies wrongly for one scalar', { ...fast, name: 'liar', baseMultiply: (t) => (t[31] === 2 && t.slice(0, 31).every((b) => b === 0) ? fast.baseMultiply(be(3n)) : fast.baseMultiply(t)) }],
    ['multiplies n to a point', { ...fast, name: 'liar', baseMultiply: (t) => fast.baseMultiply(t) ?? fast.baseMultiply(be(1n)) }],
    ['accepts hybrid keys', { ...fast, name: 'liar', isPoint: (p) => fast.isPoint(p) || (p.length === 65 && (p[0] === 6 || p[0] === 7)) }],
    ['has a wrong HMAC', { ...fast, name: 'liar', hmacSha512: (k, m) => hmac(sha512, m, k) }],
  ];
  it.each(lying)('one that %s: VerificationError naming the case, and the default stays', (_, c) => {
    expect(() => installPublicCurve(c)).toThrow(VerificationError);
    expect(() => installPublicCurve(c)).toThrow(/liar gives other secp256k1 answers than tiny-secp256k1 \(.+\); this copy of coldkit cannot be trusted/);
    expect(publicCurve()).toBe(tinyCurve);
  });
});
