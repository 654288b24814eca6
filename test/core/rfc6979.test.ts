/**
 * RFC 6979 deterministic ECDSA on secp256k1 (fixtures/rfc6979-secp256k1/ecdsa.json, bitcoinjs-lib's
 * vectors, verbatim): libsecp256k1 signs each message's SHA-256 to exactly the listed signature;
 * coldkit's low-R signer gives the same bytes whenever r is already low, and a grinded low-R
 * signature otherwise; every signature verifies strictly.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ecc from 'tiny-secp256k1';
import { describe, expect, it } from 'vitest';
import { derDecode, derEncode, ecdsaSignLowR, ecdsaVerify, publicKey } from '../../src/core/secp.js';
import { ROOT } from '../helpers/cli.js';

const doc = JSON.parse(fs.readFileSync(path.join(ROOT, 'fixtures/rfc6979-secp256k1/ecdsa.json'), 'utf8')) as { valid: { ecdsa: Array<{ d: string; message: string; signature: string }> } };
const key = (d: string) => Uint8Array.from(Buffer.from(d.padStart(64, '0'), 'hex'));
const hash = (m: string) => new Uint8Array(createHash('sha256').update(m, 'utf8').digest());
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('RFC 6979 secp256k1 vectors', () => {
  it('the stored file has 7 signing vectors', () => expect(doc.valid.ecdsa).toHaveLength(7));
  it.each(doc.valid.ecdsa.map((v, i) => ({ ...v, n: i + 1 })))('vector $n: "$message"', (v) => {
    const h = hash(v.message);
    const d = key(v.d);
    expect(hex(derEncode(ecc.sign(h, d)))).toBe(v.signature);
    const lowR = ecdsaSignLowR(h, d);
    const r = derDecode(Buffer.from(v.signature, 'hex'))!;
    if (r[0]! < 0x80) expect(hex(lowR)).toBe(v.signature);
    else expect(lowR.length).toBeLessThanOrEqual(70);
    for (const sig of [lowR, Uint8Array.from(Buffer.from(v.signature, 'hex'))]) expect(ecdsaVerify(h, publicKey(d), sig)).toBe(true);
  });
});
