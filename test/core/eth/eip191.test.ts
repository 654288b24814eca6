/**
 * EIP-191 personal_sign vectors from web3.js's test fixtures (fixtures/eip191, verbatim excerpt):
 * message hash, signature and recovered address.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { computeAddress, recoverAddress } from 'ethers';
import { describe, expect, it } from 'vitest';
import { reviewMessage } from '../../../src/core/eth/message.js';
import { signDigest } from '../../../src/core/eth/sign.js';
import { fromHex } from '../../../src/core/text.js';
import { ROOT } from '../../helpers/cli.js';

const text = fs.readFileSync(path.join(ROOT, 'fixtures/eip191/web3js-account-fixtures.excerpt.ts'), 'utf8');
/** A single-quoted JS string literal's value (the excerpt uses only \uXXXX escapes). */
const str = (lit: string) => lit.replace(/\\u([0-9a-fA-F]{4})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
const field = (block: string, name: string) => {
  const m = new RegExp(`\\b${name}:\\s*'((?:[^'\\\\]|\\\\.)*)'`).exec(block);
  return m ? str(m[1]!) : undefined;
};

const sigPart = text.slice(text.indexOf('signatureRecoverData'), text.indexOf('validHashMessageData'));
const signatures = sigPart
  .split(/\n\t\[\n/)
  .slice(1)
  .map((block) => ({
    data: field(block, 'data') ?? str(/^\s*(?:\/\/.*\n\s*)?'((?:[^'\\]|\\.)*)'/.exec(block)![1]!),
    privateKey: field(block, 'privateKey')!,
    address: field(block, 'address')!,
    signature: /^0x[0-9a-f]{130}$/.test(field(block, 'signatureOrV') ?? '') ? field(block, 'signatureOrV')! : field(block, 'signature')!,
  }));
const hashes = [...text.slice(text.indexOf('validHashMessageData')).matchAll(/\[\s*'((?:[^'\\]|\\.)*)',\s*'(0x[0-9a-f]{64})',?\s*\]/g)].map((m) => ({ message: str(m[1]!), hash: m[2]! }));
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('EIP-191 (web3.js fixtures)', () => {
  it('the excerpt holds 5 signatures and 4 hashes', () => {
    expect(signatures).toHaveLength(5);
    expect(hashes).toHaveLength(4);
  });
  it.each(hashes.map((h) => [JSON.stringify(h.message), h] as const))('hash of %s', (_n, h) => {
    expect(reviewMessage(utf8(h.message)).digest).toBe(h.hash);
  });
  it.each(signatures.map((s) => [JSON.stringify(s.data), s] as const))('personal_sign of %s', (_n, s) => {
    const digest = reviewMessage(utf8(s.data)).digest;
    expect(computeAddress(s.privateKey)).toBe(s.address);
    expect(signDigest(digest, fromHex(s.privateKey, 'key')).signature).toBe(s.signature);
    expect(recoverAddress(digest, s.signature)).toBe(s.address);
  });
});
