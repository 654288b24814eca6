/**
 * The known answers coldkit self-check embeds are the published ones: each is found, value for
 * value, in its verbatim fixture, and the hash vectors also agree with Node's own OpenSSL.
 */
import { createHash, createHmac, pbkdf2Sync } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as V from '../../../src/core/selfcheck/vectors.js';
import { ROOT } from '../../helpers/cli.js';

const fixture = (p: string) => fs.readFileSync(path.join(ROOT, 'fixtures', p), 'utf8');
/** Hex groups of an RFC/FIPS layout joined and lower-cased ("BA7816BF 8F01…" / "55 ac 04 …"). */
const hexOf = (text: string) => text.replace(/[^0-9a-fA-F]/g, '').toLowerCase();

describe('embedded vectors match their fixtures', () => {
  it('SHA-256 "abc" (FIPS 180-4)', () => {
    const f = fixture('fips180-4/sha256-abc.txt');
    expect(f).toContain(`Message: "${V.SHA256_ABC.message}"`);
    expect(hexOf(f.split('Message digest:')[1]!)).toBe(V.SHA256_ABC.digest);
    expect(createHash('sha256').update(V.SHA256_ABC.message).digest('hex')).toBe(V.SHA256_ABC.digest);
  });

  it('HMAC-SHA-512 (RFC 4231 test case 2)', () => {
    // "   Name =   hex  ("text")" lines, continued by indented hex lines.
    const fields: Record<string, string> = {};
    let name = '';
    for (const line of fixture('rfc4231/test-case-2.txt').split('\n')) {
      const m = /^\s+([\w-]+) =\s+([0-9a-f]+)/.exec(line) ?? /^\s{10,}()([0-9a-f]+)/.exec(line);
      if (!m) continue;
      if (m[1]) name = m[1];
      fields[name] = (fields[name] ?? '') + m[2];
    }
    const f = fixture('rfc4231/test-case-2.txt');
    expect(fields.Key).toBe(V.HMAC_SHA512_RFC4231.key);
    expect(fields.Data).toBe(V.HMAC_SHA512_RFC4231.data);
    expect(fields['HMAC-SHA-512']).toBe(V.HMAC_SHA512_RFC4231.mac);
    expect(createHmac('sha512', Buffer.from(V.HMAC_SHA512_RFC4231.key, 'hex')).update(Buffer.from(V.HMAC_SHA512_RFC4231.data, 'hex')).digest('hex')).toBe(V.HMAC_SHA512_RFC4231.mac);
    // The other three values of the transcription, against OpenSSL too.
    expect(f).toContain('("what do ya want ")');
    for (const alg of ['224', '256', '384']) {
      expect(createHmac(`sha${alg}`, 'Jefe').update('what do ya want for nothing?').digest('hex')).toBe(fields[`HMAC-SHA-${alg}`]);
    }
  });

  it('PBKDF2-HMAC-SHA-256 (RFC 7914 section 11), both vectors against OpenSSL', () => {
    const f = fixture('rfc7914/pbkdf2-hmac-sha256.txt');
    const [first, second] = f.split('PBKDF2-HMAC-SHA-256 (P=').slice(1);
    expect(first).toContain(`"${V.PBKDF2_SHA256_RFC7914.password}", S="${V.PBKDF2_SHA256_RFC7914.salt}"`);
    expect(first).toContain(`c=${V.PBKDF2_SHA256_RFC7914.iterations}, dkLen=64`);
    expect(hexOf(first!.split(') =')[1]!)).toBe(V.PBKDF2_SHA256_RFC7914.dk);
    expect(pbkdf2Sync('passwd', 'salt', 1, 64, 'sha256').toString('hex')).toBe(V.PBKDF2_SHA256_RFC7914.dk);
    expect(pbkdf2Sync('Password', 'NaCl', 80000, 64, 'sha256').toString('hex')).toBe(hexOf(second!.split(') =')[1]!));
  });

  it('BIP39 (Trezor vectors.json, english #2)', () => {
    const v = JSON.parse(fixture('bip39/vectors.json')).english[1] as string[];
    expect([v[0], v[1], v[2]]).toEqual([V.BIP39_TREZOR.entropy, V.BIP39_TREZOR.mnemonic, V.BIP39_TREZOR.seed]);
    expect(fixture('bip39/SOURCE.md')).toContain(`passphrase "${V.BIP39_TREZOR.passphrase}"`);
  });

  it('BIP32 test vector 1, deepest chain', () => {
    const f = fixture('bip32/bip-0032.mediawiki');
    const tv1 = f.slice(f.indexOf('===Test vector 1==='), f.indexOf('===Test vector 2==='));
    expect(tv1).toContain(`Seed (hex): ${V.BIP32_VECTOR1.seed}`);
    expect(tv1).toContain('* Chain m/0<sub>H</sub>/1/2<sub>H</sub>/2/1000000000\n');
    expect(tv1.split('/1000000000\n')[1]).toContain(`** ext prv: ${V.BIP32_VECTOR1.xprv}`);
    expect(V.BIP32_VECTOR1.path).toEqual([0x80000000, 1, 0x80000002, 2, 1000000000]);
  });

  it('RFC 6979 secp256k1 (bitcoinjs-lib ecdsa.json, valid.ecdsa #1)', () => {
    const v = JSON.parse(fixture('rfc6979-secp256k1/ecdsa.json')).valid.ecdsa[0];
    expect(BigInt('0x' + v.d)).toBe(BigInt('0x' + V.ECDSA_RFC6979.d));
    expect(v.message).toBe(V.ECDSA_RFC6979.message);
    expect(v.signature).toBe(V.ECDSA_RFC6979.signature);
  });

  it('BIP340 test vector 1', () => {
    const row = fixture('bip340/test-vectors.csv').split('\r\n')[2]!.split(',');
    expect(row[0]).toBe('1');
    expect(row.slice(1, 6).map((x) => x.toLowerCase())).toEqual([V.SCHNORR_BIP340.secretKey, V.SCHNORR_BIP340.publicKey, V.SCHNORR_BIP340.auxRand, V.SCHNORR_BIP340.message, V.SCHNORR_BIP340.signature]);
  });

  it('EIP-155 example', () => {
    const f = fixture('eip155/eip-155-example.md');
    expect(f).toContain('`nonce = 9`, `gasprice = 20 * 10**9`, `startgas = 21000`');
    expect(f).toContain(`\`to = ${V.EIP155_EXAMPLE.to}\`, \`value = 10**18\``);
    expect(f).toContain(`private key \`0x${V.EIP155_EXAMPLE.privateKey}\``);
    expect(f).toContain(`\n${V.EIP155_EXAMPLE.signingHash}\n`);
    expect(f).toContain(`\n${V.EIP155_EXAMPLE.signedTx}\n`);
    expect([V.EIP155_EXAMPLE.nonce, V.EIP155_EXAMPLE.gasPrice, V.EIP155_EXAMPLE.gasLimit, V.EIP155_EXAMPLE.value, V.EIP155_EXAMPLE.chainId]).toEqual([9n, 20n * 10n ** 9n, 21000n, 10n ** 18n, 1n]);
  });

  it('shares v1 frozen vector 1', () => {
    const v = JSON.parse(fixture('shares-v1/vectors.json')).valid[0];
    expect({ entropy: v.entropy, threshold: v.threshold, count: v.count, shares: v.shares }).toEqual({ entropy: V.SHARES_V1.entropy, threshold: V.SHARES_V1.threshold, count: V.SHARES_V1.count, shares: V.SHARES_V1.shares });
    expect(V.SHARES_V1.streamLabel).toBe(`coldkit-shares-v1-vectors/${v.description}`);
    expect(fixture('shares-v1/generate.mjs')).toContain("rng('coldkit-shares-v1-vectors/' + desc)");
  });
});
