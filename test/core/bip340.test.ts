/**
 * BIP340 test vectors (fixtures/bip340/test-vectors.csv, verbatim) through coldkit's secp256k1
 * module (libsecp256k1): one test per vector. Vectors with a secret key sign to exactly the listed
 * signature with the listed aux_rand; every vector verifies, or fails to, as listed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isXOnlyPoint, publicKey, schnorrSign, schnorrVerify } from '../../src/core/secp.js';
import { ROOT } from '../helpers/cli.js';

const rows = fs
  .readFileSync(path.join(ROOT, 'fixtures/bip340/test-vectors.csv'), 'utf8')
  .split('\r\n')
  .slice(1)
  .filter(Boolean)
  .map((l) => l.split(','))
  .map(([index, sk, pk, aux, msg, sig, result, ...comment]) => ({ index: index!, sk: sk!, pk: pk!, aux: aux!, msg: msg!, sig: sig!, valid: result === 'TRUE', comment: comment.join(',') }));
const hex = (s: string) => Uint8Array.from(Buffer.from(s, 'hex'));
const HEX = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();

describe('BIP340 vectors', () => {
  it('the stored file has vectors 0-14', () => expect(rows.map((r) => r.index)).toEqual(Array.from({ length: 15 }, (_, i) => String(i))));
  it.each(rows)('vector $index $comment', (v) => {
    if (v.sk) {
      expect(HEX(publicKey(hex(v.sk)).slice(1))).toBe(v.pk);
      expect(HEX(schnorrSign(hex(v.msg), hex(v.sk), hex(v.aux)))).toBe(v.sig);
    }
    const keyOk = isXOnlyPoint(hex(v.pk));
    expect(keyOk && schnorrVerify(hex(v.msg), hex(v.pk), hex(v.sig))).toBe(v.valid);
  });
});
