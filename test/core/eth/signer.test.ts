/**
 * The Ethereum signer pipeline (src/core/eth/signer.ts) driven as the CLI drives it: subject →
 * prepare → decide → sign → verify → assemble. Every finding is reported at once, most fundamental
 * first; nothing is signed unless the decision goes; every signature is checked against an
 * independent verifier (ethers' recover functions).
 */
import { Transaction, verifyMessage, verifyTypedData } from 'ethers';
import { describe, expect, it } from 'vitest';
import { InputError, RefusedError, VerificationError } from '../../../src/core/errors.js';
import { deriveEthKey, ethPath, type EthKey } from '../../../src/core/eth/key.js';
import { DEFAULT_MAX_FEE } from '../../../src/core/eth/limits.js';
import { parseSignatureUr, splitSignature } from '../../../src/core/eth/request.js';
import { messageSubject, requestSubject } from '../../../src/core/eth/message-subject.js';
import { decideSigning, prepare, sign } from '../../../src/core/eth/signer.js';
import { txSubject, typedDataSubject, type EthSubject } from '../../../src/core/eth/subject.js';
import { buildUnsignedTx, type TxFields } from '../../../src/core/eth/tx.js';
import { seedFromMnemonic } from '../../../src/core/hd/keys.js';
import { fromHex, toHex } from '../../../src/core/text.js';
import type { EthSignRequest } from '../../../src/core/transport/ur/eth.js';

const OURS = deriveEthKey(seedFromMnemonic('abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about'), ethPath(0));
const OTHER = deriveEthKey(seedFromMnemonic('test test test test test test test test test test test junk'), ethPath(0));
const A1 = '0x6Fac4D18c912343BF86fa7049364Dd4E424Ab9C0';
const MAX = 'f'.repeat(64);
const approveMax = fromHex('095ea7b3' + A1.slice(2).toLowerCase().padStart(64, '0') + MAX, 'data');
const fields = (over: Partial<TxFields> = {}): TxFields => ({
  type: 2,
  chainId: 1n,
  nonce: 7n,
  gasLimit: 21000n,
  maxFeePerGas: 30_000_000_000n,
  maxPriorityFeePerGas: 1_000_000_000n,
  to: A1,
  value: 10n ** 16n,
  data: new Uint8Array(),
  accessList: [],
  ...over,
});
const key = (k: EthKey): EthKey => ({ ...k, privateKey: Uint8Array.from(k.privateKey) }); // sign() callers may wipe their copy
/** An eth-sign-request for `hex`, naming OURS (fingerprint, address) unless told otherwise. */
function request(hex: string, over: Partial<EthSignRequest> = {}): EthSignRequest {
  return {
    requestId: new Uint8Array(16).fill(0x42),
    signData: fromHex(hex, 'tx'),
    dataType: hex.startsWith('0x0') ? 4 : 1,
    chainId: 1n,
    path: ethPath(0),
    sourceFingerprint: OURS.fingerprint,
    address: fromHex(OURS.address, 'a'),
    ...over,
  };
}
const codes = (fs: readonly { code: string }[]) => fs.map((f) => f.code);
/** The whole pipeline with OURS, no limits, no overrides. */
const signAll = <S extends EthSubject>(s: S) => {
  const p = prepare(s, { limits: {}, signer: OURS });
  return sign(p, decideSigning(p, new Set()), key(OURS));
};

describe('prepare → decide: every finding at once, most fundamental first', () => {
  // A request made for OURS, signed with another seed, on the wrong chain, too costly, too high a
  // fee, and an unlimited approval: six refusals, one decision.
  const hex = buildUnsignedTx(fields({ maxFeePerGas: 10_000_000_000_000n, data: approveMax, value: 0n }));
  const subject = txSubject(hex, 'tx', 'sign', request(hex));
  const limits = { expectChainId: 10n, maxValue: 10n ** 17n, maxFee: DEFAULT_MAX_FEE };

  it('another seed: the fingerprint first, then the sender, chain, value, fee, approval', () => {
    const d = decideSigning(prepare(subject, { limits, signer: OTHER }), new Set());
    expect(d.go).toBe(false);
    expect(codes(d.blocking)).toEqual(['fingerprint-mismatch', 'from-mismatch', 'chain-id-mismatch', 'max-value-exceeded', 'high-fee', 'unlimited-approval']);
    expect(d.blocking[0]!.message).toMatch(/master fingerprint 73c5da0a but this seed is [0-9a-f]{8}/);
    expect(() => sign(prepare(subject, { limits, signer: OTHER }), d, key(OTHER))).toThrow(RefusedError);
    try {
      sign(prepare(subject, { limits, signer: OTHER }), d, key(OTHER));
    } catch (e) {
      const r = e as RefusedError;
      expect(r.overrides).toEqual(codes(d.blocking)); // every one named, in the same order
      expect(codes(r.findings)).toEqual(codes(d.blocking));
    }
  });

  it('lifting some overrides leaves the others blocking; lifting all signs and lists them in rank order', () => {
    const p = prepare(subject, { limits, signer: OURS });
    expect(codes(decideSigning(p, new Set()).blocking)).toEqual(['chain-id-mismatch', 'max-value-exceeded', 'high-fee', 'unlimited-approval']);
    const some = decideSigning(p, new Set(['high-fee', 'chain-id-mismatch']));
    expect(codes(some.blocking)).toEqual(['max-value-exceeded', 'unlimited-approval']);
    const all = decideSigning(p, new Set(['unlimited-approval', 'high-fee', 'max-value-exceeded', 'chain-id-mismatch']));
    expect(all.go).toBe(true);
    expect(all.overrides).toEqual(['chain-id-mismatch', 'max-value-exceeded', 'high-fee', 'unlimited-approval']);
    const signed = sign(p, all, key(OURS));
    expect(signed.kind).toBe('transaction');
    expect(Transaction.from(signed.text).from).toBe(OURS.address);
  });

  it('the online side (no seed) finds everything but the identity', () => {
    const p = prepare(subject, { limits });
    expect(codes(decideSigning(p, new Set()).blocking)).toEqual(['chain-id-mismatch', 'max-value-exceeded', 'high-fee', 'unlimited-approval']);
    expect(p.review.from).toBe(OURS.address); // the request's address
  });

  it('--from and the request naming different senders is an input error', () => {
    expect(() => prepare(subject, { limits, from: A1 })).toThrow(InputError);
  });
});

describe('warnings and notes are findings that never block', () => {
  it.each([
    ['contract creation', fields({ to: null, data: fromHex('6000', 'd') }), 'contract-creation'],
    ['an unknown chain', fields({ chainId: 424242n }), 'unknown-chain'],
  ])('%s', (_n, f, code) => {
    const p = prepare(txSubject(buildUnsignedTx(f), 'tx', 'sign'), { limits: { maxFee: DEFAULT_MAX_FEE }, signer: OURS });
    expect(p.findings).toMatchObject([{ code, severity: 'warn' }]);
    const d = decideSigning(p, new Set());
    expect(d.go).toBe(true);
    expect(codes(d.notes)).toEqual([code]);
  });
});

describe('hard refusals: nothing lifts them', () => {
  it.each([
    ['a data type that contradicts the payload', { dataType: 1 as const }, /data type 1 does not match its payload, a type 2/],
    ['a chain id that contradicts the payload', { chainId: 5n }, /says chain 5 but its payload is for chain 1/],
  ])('a request with %s', (_n, over, message) => {
    const hex = buildUnsignedTx(fields());
    const p = prepare(txSubject(hex, 'tx', 'sign', request(hex, over)), { limits: {}, signer: OURS });
    const d = decideSigning(p, new Set(['request-mismatch']));
    expect(d.go).toBe(false);
    expect(d.blocking).toMatchObject([{ code: 'request-mismatch', overridable: false, message: expect.stringMatching(message) }]);
  });


  it.each([
    ['3', 'EIP-4844 blob'],
    ['4', 'EIP-7702 set-code'],
  ])('a type %s (%s) payload is refused before decoding, with its finding', (type, name) => {
    try {
      txSubject(`0x0${type}f8c0`, 'tx', 'sign');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(RefusedError);
      expect((e as RefusedError).message).toBe(`this is a type ${type} (${name}) transaction; coldkit signs types 0, 1 and 2 only, and no flag overrides that`);
      expect((e as RefusedError).overrides).toEqual([]);
      expect(codes((e as RefusedError).findings)).toEqual(['unsupported-tx-type']);
    }
  });

  it('an already signed transaction is an input error to sign, and inspected as it is', () => {
    const signed = signAll(txSubject(buildUnsignedTx(fields()), 'tx', 'sign'));
    expect(() => txSubject(signed.text, 'tx', 'sign')).toThrow(/already signed/);
    expect(prepare(txSubject(signed.text, 'tx', 'inspect'), { limits: {} }).review.signed?.from).toBe(OURS.address);
  });
});

describe('sign: only what was decided, for the key it was decided for', () => {
  const hex = buildUnsignedTx(fields());
  it('a decision made on other findings is refused', () => {
    const p = prepare(txSubject(hex, 'tx', 'sign'), { limits: { maxFee: 1n }, signer: OURS });
    const other = decideSigning(prepare(txSubject(hex, 'tx', 'sign'), { limits: {}, signer: OURS }), new Set());
    expect(() => sign(p, other, key(OURS))).toThrow(VerificationError);
  });
  it('a key other than the one the findings were made for is refused', () => {
    const p = prepare(txSubject(hex, 'tx', 'sign'), { limits: {}, signer: OURS });
    expect(() => sign(p, decideSigning(p, new Set()), key(OTHER))).toThrow(/another key/);
  });
  it('a subject prepared without a key (online) cannot be signed', () => {
    const p = prepare(txSubject(hex, 'tx', 'sign'), { limits: {} });
    expect(() => sign(p, decideSigning(p, new Set()), key(OURS))).toThrow(VerificationError);
  });
});

describe('assemble: the signed outputs, checked by an independent verifier', () => {
  it('a transaction from a request: signed hex and the eth-signature bound to the request id', () => {
    const hex = buildUnsignedTx(fields());
    const signed = signAll(txSubject(hex, 'tx', 'sign', request(hex)));
    if (signed.kind !== 'transaction') throw new Error('kind');
    const tx = Transaction.from(signed.text);
    expect(tx.from).toBe(OURS.address);
    expect(tx.unsignedSerialized).toBe(hex);
    const answer = parseSignatureUr(signed.answer!.ur);
    expect(toHex(answer.requestId!)).toBe('42'.repeat(16));
    expect(splitSignature(answer.signature)).toEqual({ r: tx.signature!.r, s: tx.signature!.s, v: BigInt(tx.signature!.yParity) });
  });

  it('typed data: the signature eth_signTypedData_v4 gives, recovered by ethers', () => {
    const doc = {
      types: { EIP712Domain: [{ name: 'name', type: 'string' }, { name: 'chainId', type: 'uint256' }], Mail: [{ name: 'to', type: 'address' }, { name: 'note', type: 'string' }] },
      primaryType: 'Mail',
      domain: { name: 'coldkit test', chainId: 1 },
      message: { to: A1, note: 'hello' },
    };
    const signed = signAll(typedDataSubject(JSON.stringify(doc), 'td'));
    if (signed.kind === 'transaction') throw new Error('kind');
    expect(signed.rsv.length).toBe(65);
    const { EIP712Domain: _d, ...types } = doc.types;
    expect(verifyTypedData(doc.domain, types, doc.message, signed.signature)).toBe(OURS.address);
  });

  it('a message from a request (data type 3): personal_sign, recovered by ethers, answered', () => {
    const message = new TextEncoder().encode('I control this address');
    const req = { ...request('0x00'), dataType: 3 as const, signData: message, chainId: undefined };
    const subject = requestSubject(req, 'file', 'sign');
    expect(subject.kind).toBe('message');
    const signed = signAll(subject);
    if (signed.kind === 'transaction') throw new Error('kind');
    expect(verifyMessage(message, signed.signature)).toBe(OURS.address);
    expect(parseSignatureUr(signed.answer!.ur).signature).toEqual(signed.rsv);
  });

  it('a message that is a secret is refused before it can be shown', () => {
    expect(() => messageSubject(new TextEncoder().encode('abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about'), 'file')).toThrow(/mnemonic/);
  });
});
