/**
 * EIP-155 vectors: the spec's own example (fixtures/eip155/eip-155-example.md, verbatim) and the
 * ethereum/tests ttSignature/Vitalik_* transactions (fixtures/eip155/ttSignature, verbatim).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decideSigning, prepare } from '../../../src/core/eth/signer.js';
import { signTx } from '../../../src/core/eth/sign.js';
import { buildUnsignedTx, decodeTx } from '../../../src/core/eth/tx.js';
import { fromHex } from '../../../src/core/text.js';
import { ROOT } from '../../helpers/cli.js';

const DIR = path.join(ROOT, 'fixtures/eip155');

describe('EIP-155 spec example', () => {
  const md = fs.readFileSync(path.join(DIR, 'eip-155-example.md'), 'utf8');
  const blocks = [...md.matchAll(/```\n(.*)\n```/g)].map((m) => m[1]!);
  const [signingData, signingHash, vrs, signedTx] = blocks;
  const num = (name: string) => /(\S+) = ([^`]+)`/.exec(md.slice(md.indexOf('`' + name)))!;
  // "`gasprice = 20 * 10**9`" → 20 * 10**9; the prose is evaluated as plain integer arithmetic.
  const big = (name: string) => num(name)[2]!.split(' * ').map((t) => (t.includes('**') ? 10n ** BigInt(t.split('**')[1]!) : BigInt(t))).reduce((a, b) => a * b, 1n);
  const to = /`to = (0x[0-9a-f]{40})`/.exec(md)![1]!;
  const privateKey = /private key `(0x[0-9a-f]{64})`/.exec(md)![1]!;
  const [v, r, s] = vrs!.replace(/[()]/g, '').split(', ').map((x) => BigInt(x));
  const fields = { type: 0 as const, chainId: 1n, nonce: big('nonce'), gasLimit: big('startgas'), gasPrice: big('gasprice'), to, value: big('value'), data: new Uint8Array() };

  it('the stored example has the four values', () => {
    expect(blocks).toHaveLength(4);
    expect(fields.gasPrice).toBe(20_000_000_000n);
    expect(fields.value).toBe(10n ** 18n);
  });
  it('unsigned encoding equals the "signing data"', () => {
    expect(buildUnsignedTx(fields)).toBe(signingData);
  });
  it('signing hash', () => {
    expect(decodeTx(signingData!).signingHash).toBe(signingHash);
  });
  it('signature (v, r, s) and the signed transaction', () => {
    const signed = signTx(fields, fromHex(privateKey, 'key'));
    expect(signed.v).toBe(v);
    expect(BigInt(signed.r)).toBe(r);
    expect(BigInt(signed.s)).toBe(s);
    expect(signed.rawHex).toBe(signedTx);
  });
});

describe('ethereum/tests ttSignature (EIP-155)', () => {
  const files = fs.readdirSync(path.join(DIR, 'ttSignature')).filter((f) => f.endsWith('.json')).sort();
  it('all 17 Vitalik vectors are stored', () => expect(files).toHaveLength(17));
  it.each(files)('%s', (file) => {
    const doc = JSON.parse(fs.readFileSync(path.join(DIR, 'ttSignature', file), 'utf8'));
    const t = doc[Object.keys(doc)[0]!];
    const want = t.result.Cancun as { hash?: string; sender?: string; exception?: string };
    const tx = decodeTx(t.txbytes, 'vector');
    expect(tx.signed!.hex).toBe(t.txbytes);
    if (want.hash) {
      expect(tx.signed!.hash).toBe(want.hash);
      expect(tx.signed!.from.toLowerCase()).toBe(want.sender);
      if (tx.fields.chainId === 0n) {
        // v = 27/28: no replay protection; the signer refuses it unless overridden, and then signs pre-EIP-155 (v 27/28).
        expect(tx.signed!.signature.v === 27n || tx.signed!.signature.v === 28n).toBe(true);
        expect(decideSigning(prepare({ kind: 'transaction', tx }, { limits: {} }), new Set()).blocking.map((f) => f.code).filter((c) => c !== 'unknown-calldata')).toEqual(['no-replay-protection']); // some vectors carry calldata coldkit does not decode (blind signing, refused too)
        const v = signTx(tx.fields, new Uint8Array(32).fill(1)).v;
        expect(v === 27n || v === 28n).toBe(true);
      } else expect(tx.signed!.signature.v).toBe(tx.fields.chainId * 2n + 35n + BigInt(tx.signed!.signature.yParity));
    } else {
      // INVALID_CHAINID on the chain-1 test network: a signer told to expect chain 1 refuses it.
      expect(want.exception).toBe('TransactionException.INVALID_CHAINID');
      expect(tx.fields.chainId).not.toBe(1n);
      const d = decideSigning(prepare({ kind: 'transaction', tx }, { limits: { expectChainId: 1n } }), new Set());
      expect(d.go).toBe(false);
      expect(d.blocking.map((f) => f.code).filter((c) => c !== 'unknown-calldata')).toEqual(['chain-id-mismatch']);
    }
  });
});
