/**
 * The self-check's known-answer tests: all pass here; each one fails — alone — when its expected
 * answer is changed (so a broken primitive cannot hide behind another test), and the RNG health
 * test fails on a broken random source.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { knownAnswers, labelledStream, runKnownAnswers } from '../../../src/core/selfcheck/known-answers.js';
import * as V from '../../../src/core/selfcheck/vectors.js';

const os = (n: number) => new Uint8Array(randomBytes(n));
const ids = ['sha256', 'hmac-sha512', 'pbkdf2', 'bip39-seed', 'bip32', 'ecdsa-rfc6979', 'schnorr-bip340', 'public-curve', 'eip155', 'shamir', 'rng-health'];

/** Flip the last hex digit of a string. */
const flip = (s: string) => s.slice(0, -1) + (s.endsWith('0') ? '1' : '0');

describe('known answers', () => {
  it('every test passes on this machine, in the documented order', async () => {
    const r = await runKnownAnswers(knownAnswers(os));
    expect(r.map((x) => x.id)).toEqual(ids);
    expect(r.filter((x) => !x.ok)).toEqual([]);
    for (const x of r) expect(x.source.length).toBeGreaterThan(10);
  });

  const broken: Array<[string, Partial<typeof V>]> = [
    ['sha256', { SHA256_ABC: { ...V.SHA256_ABC, digest: flip(V.SHA256_ABC.digest) } }],
    ['hmac-sha512', { HMAC_SHA512_RFC4231: { ...V.HMAC_SHA512_RFC4231, mac: flip(V.HMAC_SHA512_RFC4231.mac) } }],
    ['pbkdf2', { PBKDF2_SHA256_RFC7914: { ...V.PBKDF2_SHA256_RFC7914, dk: flip(V.PBKDF2_SHA256_RFC7914.dk) } }],
    ['bip39-seed', { BIP39_TREZOR: { ...V.BIP39_TREZOR, seed: flip(V.BIP39_TREZOR.seed) } }],
    ['bip32', { BIP32_VECTOR1: { ...V.BIP32_VECTOR1, path: [0x80000000, 1, 0x80000002, 2, 1000000001] } }],
    ['ecdsa-rfc6979', { ECDSA_RFC6979: { ...V.ECDSA_RFC6979, message: V.ECDSA_RFC6979.message + ' ' } }],
    ['schnorr-bip340', { SCHNORR_BIP340: { ...V.SCHNORR_BIP340, auxRand: flip(V.SCHNORR_BIP340.auxRand) } }],
    ['eip155', { EIP155_EXAMPLE: { ...V.EIP155_EXAMPLE, nonce: 10n } }],
    ['shamir', { SHARES_V1: { ...V.SHARES_V1, streamLabel: V.SHARES_V1.streamLabel + '.' } }],
  ];
  it.each(broken)('a wrong answer for %s fails that test only, saying what differed', async (id, change) => {
    const r = await runKnownAnswers(knownAnswers(os, { ...V, ...change }));
    expect(r.filter((x) => !x.ok).map((x) => x.id)).toEqual([id]);
    expect(r.find((x) => x.id === id)!.detail).toMatch(/got .*expected|threw/);
  });

  it('a stuck random source fails the RNG health test', async () => {
    const r = await runKnownAnswers(knownAnswers((n) => new Uint8Array(n).fill(0x5a)));
    expect(r.filter((x) => !x.ok).map((x) => x.id)).toEqual(['rng-health']);
    expect(r.find((x) => x.id === 'rng-health')!.detail).toMatch(/RNG self-test failed/);
  });

  it("labelledStream is fixtures/shares-v1/generate.mjs's byte source (SHA-256 of label/counter, in turn)", async () => {
    const { createHash } = await import('node:crypto');
    const s = labelledStream('x');
    const want = Buffer.concat([0, 1].map((c) => createHash('sha256').update(`x/${c}`).digest()));
    expect(Buffer.from([...s(2), ...s(40), ...s(22)]).equals(want)).toBe(true);
  });
});
