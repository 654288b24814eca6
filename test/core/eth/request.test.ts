/**
 * The pure Ethereum core: ERC-20 calldata, EIP-55 parsing, EIP-4527 request/signature glue, and
 * byte-flip mutations of a real signed transaction (never silently accepted as the same tx).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, VerificationError } from '../../../src/core/errors.js';
import { parseAddress } from '../../../src/core/eth/account.js';
import { decodeErc20Call, encodeErc20Transfer, MAX_UINT256 } from '../../../src/core/eth/erc20.js';
import { applySignature, makeSignRequest, makeSignature, parseSignRequestUr, parseSignatureUr, splitSignature, txDataType, uuidV4 } from '../../../src/core/eth/request.js';
import { decideSigning, prepare } from '../../../src/core/eth/signer.js';
import { signTx, txSignatureBytes } from '../../../src/core/eth/sign.js';
import { PERMIT2_ADDRESS, parseTypedData, reviewTypedData } from '../../../src/core/eth/typed-data.js';
import { buildUnsignedTx, decodeTx } from '../../../src/core/eth/tx.js';
import { decodeCbor, cborGet } from '../../../src/core/transport/cbor.js';
import { decodeUrSingle } from '../../../src/core/transport/ur/ur.js';
import { fromHex, toHex } from '../../../src/core/text.js';
import { ROOT } from '../../helpers/cli.js';

const A = '0x6Fac4D18c912343BF86fa7049364Dd4E424Ab9C0';
const word = (hex: string) => hex.replace(/^0x/, '').toLowerCase().padStart(64, '0');

describe('ERC-20 calldata', () => {
  it('encodes transfer and decodes it back', () => {
    const data = encodeErc20Transfer(A, 12_500_000n);
    expect(toHex(data)).toBe('a9059cbb' + word(A) + word((12_500_000n).toString(16)));
    expect(decodeErc20Call(data)).toEqual({ method: 'transfer', to: A, amount: 12_500_000n });
  });
  it('flags approvals from 2^128 up (above any real token supply) as unlimited', () => {
    const approve = (n: bigint) => decodeErc20Call(fromHex('095ea7b3' + word(A) + word(n.toString(16)), 'd'));
    expect(approve(MAX_UINT256)).toMatchObject({ method: 'approve', unlimited: true });
    expect(approve(1n << 255n)).toMatchObject({ unlimited: true });
    expect(approve(1n << 200n)).toMatchObject({ unlimited: true });
    expect(approve(1n << 128n)).toMatchObject({ unlimited: true });
    expect(approve((1n << 128n) - 1n)).toMatchObject({ unlimited: false });
  });
  it('reports bytes after the arguments instead of dropping them', () => {
    expect(decodeErc20Call(fromHex('a9059cbb' + word(A) + word('01') + '00', 'd'))).toEqual({ method: 'transfer', to: A, amount: 1n, trailing: 1 });
  });
  it('decodes transferFrom', () => {
    const d = fromHex('23b872dd' + word(A) + word(A) + word('05'), 'd');
    expect(decodeErc20Call(d)).toEqual({ method: 'transferFrom', from: A, to: A, amount: 5n });
  });
  it.each([
    ['a short call', 'a9059cbb' + word(A)],
    ['dirty address padding', 'a9059cbb' + '01' + word(A).slice(2) + word('01')],
    ['another selector', 'deadbeef' + word(A) + word('01')],
  ])('shows %s as raw (not ERC-20)', (_n, hex) => expect(decodeErc20Call(fromHex(hex, 'd'))).toBeNull());
});

describe('addresses (EIP-55)', () => {
  it('accepts the checksum, all lower and all upper case', () => {
    expect(parseAddress(A, 'a')).toBe(A);
    expect(parseAddress(A.toLowerCase(), 'a')).toBe(A);
    expect(parseAddress('0x' + A.slice(2).toUpperCase(), 'a')).toBe(A);
  });
  it('refuses a wrong checksum and a wrong length', () => {
    expect(() => parseAddress(A.replace('F', 'f'), '--to')).toThrow(InputError);
    expect(() => parseAddress(A.slice(0, 41), '--to')).toThrow(/40 hex digits/);
  });
});

describe('EIP-4527 glue', () => {
  const fields = { type: 0 as const, chainId: 424242n, nonce: 3n, gasLimit: 21000n, gasPrice: 10n ** 9n, to: A, value: 1n, data: new Uint8Array() };
  it('a request round-trips through its UR text', () => {
    const unsigned = buildUnsignedTx(fields);
    const id = uuidV4(new Uint8Array(16).fill(0xff));
    expect(id[6]! >> 4).toBe(4);
    expect(id[8]! >> 6).toBe(2);
    const { ur } = makeSignRequest({ requestId: id, signData: fromHex(unsigned, 'u'), dataType: txDataType(unsigned), chainId: 424242n, path: "m/44'/60'/0'/0/9", sourceFingerprint: 0x73c5da0a, address: fromHex(A, 'a'), origin: 'test' });
    const back = parseSignRequestUr(ur);
    expect(back).toMatchObject({ dataType: 1, chainId: 424242n, path: "m/44'/60'/0'/0/9", sourceFingerprint: 0x73c5da0a, origin: 'test' });
    expect(toHex(back.signData)).toBe(unsigned.slice(2));
    expect(back.requestId).toEqual(id);
  });
  it('a legacy v above 255 is written in as many bytes as it needs and read back', () => {
    const signed = signTx(fields, new Uint8Array(32).fill(7));
    expect(signed.v).toBe(424242n * 2n + 35n + BigInt(signed.yParity));
    const sig = txSignatureBytes(signed);
    expect(sig.length).toBe(67);
    expect(splitSignature(sig)).toEqual({ r: signed.r, s: signed.s, v: signed.v });
    const id = uuidV4(new Uint8Array(16));
    const map = cborGet.map(decodeCbor(decodeUrSingle(makeSignature({ requestId: id, signature: sig }).ur).cbor), 's');
    expect(cborGet.bytes(map.get(2), 's')).toEqual(sig);
  });
  it('applySignature completes the request only with its own answer from its own address', () => {
    const key = new Uint8Array(32).fill(7);
    const unsigned = buildUnsignedTx(fields);
    const signed = signTx(fields, key);
    const id = uuidV4(new Uint8Array(16).fill(1));
    const req = { requestId: id, signData: fromHex(unsigned, 'u'), dataType: 1 as const, chainId: 424242n, path: "m/44'/60'/0'/0/0", address: fromHex(signed.from, 'a') };
    const sig = parseSignatureUr(makeSignature({ requestId: id, signature: txSignatureBytes(signed) }).ur);
    expect(applySignature(req, sig).signed!.hex).toBe(signed.rawHex);
    expect(() => applySignature({ ...req, requestId: uuidV4(new Uint8Array(16).fill(2)) }, sig)).toThrow(VerificationError);
    expect(() => applySignature({ ...req, address: fromHex(A, 'a') }, sig)).toThrow(/recovers .* not the request's address/);
    expect(() => applySignature(req, { signature: sig.signature })).toThrow(/no request id/);
    const badV = Uint8Array.from(sig.signature);
    badV[66] ^= 0x04; // v no longer chainId·2 + 35 + {0, 1}
    expect(() => applySignature(req, { ...sig, signature: badV })).toThrow(VerificationError);
  });

  it('a typed tx signature is 65 bytes with v = yParity', () => {
    const signed = signTx({ ...fields, type: 2, gasPrice: undefined, maxFeePerGas: 2n, maxPriorityFeePerGas: 1n, accessList: [] }, new Uint8Array(32).fill(7));
    const sig = txSignatureBytes(signed);
    expect(sig.length).toBe(65);
    expect(sig[64]).toBe(signed.yParity);
  });
});

describe.each([
  ['legacy (EIP-155)', 'eip155/ttSignature/Vitalik_1.json'],
  ['EIP-2930', 'eip2718/ttEIP2930/accessListStorage32Bytes.json'],
  ['EIP-1559', 'eip2718/ttEIP1559/GasLimitPriceProductOverflowtMinusOne.json'],
])('mutations of a signed %s vector', (_n, file) => {
  const doc = JSON.parse(fs.readFileSync(path.join(ROOT, 'fixtures', file), 'utf8'));
  const hex: string = doc[Object.keys(doc)[0]!].txbytes;
  const good = decodeTx(hex);
  it('every single-byte change is refused (exit 2) or decodes to a different transaction', () => {
    const bytes = fromHex(hex, 'v');
    let refused = 0;
    for (let i = 0; i < bytes.length; i++) {
      const m = Uint8Array.from(bytes);
      m[i] ^= 0x01;
      try {
        const t = decodeTx('0x' + toHex(m));
        expect(t.signed!.hash).not.toBe(good.signed!.hash);
        expect(t.signingHash === good.signingHash && t.signed!.from === good.signed!.from).toBe(false);
      } catch (e) {
        expect(e).toBeInstanceOf(InputError);
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(0);
  });
});

describe('typed-data review flags', () => {
  const permit2 = (amount: string, verifyingContract = PERMIT2_ADDRESS) =>
    parseTypedData(
      JSON.stringify({
        types: {
          EIP712Domain: [{ name: 'name', type: 'string' }, { name: 'chainId', type: 'uint256' }, { name: 'verifyingContract', type: 'address' }],
          PermitDetails: [{ name: 'token', type: 'address' }, { name: 'amount', type: 'uint160' }, { name: 'expiration', type: 'uint48' }, { name: 'nonce', type: 'uint48' }],
          PermitSingle: [{ name: 'details', type: 'PermitDetails' }, { name: 'spender', type: 'address' }, { name: 'sigDeadline', type: 'uint256' }],
        },
        primaryType: 'PermitSingle',
        domain: { name: 'Permit2', chainId: 1, verifyingContract },
        message: { details: { token: A, amount, expiration: 1893456000, nonce: 0 }, spender: A, sigDeadline: '1893456000' },
      }),
    );
  it('Permit2 with the uint160 maximum is unlimited and refused without the override', () => {
    const r = reviewTypedData(permit2(((1n << 160n) - 1n).toString()));
    expect(r.permit).toBe('Permit2');
    expect(r.unlimited).toBe(true);
    expect(r.messageLines).toContain(`details.amount = ${(1n << 160n) - 1n}`);
    const p = prepare({ kind: 'typed-data', typedData: permit2(((1n << 160n) - 1n).toString()) }, { limits: {} });
    expect(decideSigning(p, new Set()).blocking.map((f) => f.code)).toEqual(['unlimited-approval']);
    expect(decideSigning(p, new Set(['unlimited-approval']))).toMatchObject({ go: true, overrides: ['unlimited-approval'] });
  });
  it('a limited Permit2 is flagged but signable; the chain name is shown', () => {
    const p = prepare({ kind: 'typed-data', typedData: permit2('1000') }, { limits: {} });
    expect(p.review.permit).toBe('Permit2');
    expect(p.review.unlimited).toBe(false);
    expect(p.review.domain.chainName).toBe('Ethereum Mainnet');
    expect(p.findings.map((f) => [f.code, f.severity])).toEqual([['permit', 'warn']]);
    expect(p.findings[0]!.message).toMatch(/Permit2: signing this lets the spender move tokens/);
    expect(decideSigning(p, new Set()).go).toBe(true);
  });
  it('a domain without chainId is warned about and refused under --expect-chain-id', () => {
    const typedData = parseTypedData(JSON.stringify({ types: { M: [{ name: 'a', type: 'bool' }] }, primaryType: 'M', domain: { name: 'x' }, message: { a: true } }));
    const open = prepare({ kind: 'typed-data', typedData }, { limits: {} });
    expect(open.findings).toMatchObject([{ code: 'domain-without-chain-id', severity: 'warn', message: 'the domain has no chainId: the signature is valid on every chain' }]);
    const expecting = decideSigning(prepare({ kind: 'typed-data', typedData }, { limits: { expectChainId: 1n } }), new Set());
    expect(expecting.blocking).toMatchObject([{ code: 'chain-id-mismatch', message: expect.stringMatching(/no chainId/) }]);
  });
});
