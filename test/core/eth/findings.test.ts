/**
 * src/core/eth/findings.ts through the real pipeline (prepare → decide → sign): keys outside an
 * Ethereum account, messages that are not readable text, and transactions without replay
 * protection are refused with a named, overridable code; each variant is refused, the honest
 * forms still sign, and an override signs what was refused.
 */
import { Transaction, verifyMessage } from 'ethers';
import { describe, expect, it } from 'vitest';
import { deriveEthKey, ethPath, type EthKey } from '../../../src/core/eth/key.js';
import { messageSubject } from '../../../src/core/eth/message-subject.js';
import { decideSigning, prepare, sign } from '../../../src/core/eth/signer.js';
import { txSubject, typedDataSubject } from '../../../src/core/eth/subject.js';
import { buildUnsignedTx, type TxFields } from '../../../src/core/eth/tx.js';
import { seedFromMnemonic } from '../../../src/core/hd/keys.js';
import { fromHex } from '../../../src/core/text.js';
import type { EthSignRequest } from '../../../src/core/transport/ur/eth.js';

const SEED = seedFromMnemonic('abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about');
const at = (path: string): EthKey => deriveEthKey(SEED, path);
const A1 = '0x6Fac4D18c912343BF86fa7049364Dd4E424Ab9C0';
const fields = (over: Partial<TxFields> = {}): TxFields => ({
  type: 2,
  chainId: 1n,
  nonce: 0n,
  gasLimit: 21000n,
  maxFeePerGas: 30_000_000_000n,
  maxPriorityFeePerGas: 1_000_000_000n,
  to: A1,
  value: 1n,
  data: new Uint8Array(),
  accessList: [],
  ...over,
});
const codes = (fs: readonly { code: string }[]) => fs.map((f) => f.code);
const text = (s: string) => new TextEncoder().encode(s);

describe('non-ethereum-path: the signing key must be an Ethereum account key', () => {
  it.each([
    ['the master key', 'm', /master key itself/],
    ['a BIP84 Bitcoin path', "m/84'/0'/0'/0/0", /Bitcoin path/],
    ['a BIP44 Bitcoin path', "m/44'/0'/0'/0/0", /Bitcoin path/],
    ['a testnet BIP86 path', "m/86'/1'/0'/0/0", /Bitcoin path/],
    ['another coin type', "m/44'/61'/0'/0/0", /coin type is 61h/],
    ['an unhardened short path', 'm/0/1', /not all hardened/],
    ['an unhardened account', "m/44'/60'/0/0/0", /not all hardened/],
    ['the purpose and coin type only', "m/44'/60'", /not all hardened/],
    ['another purpose', "m/45'/60'/0'/0/0", /outside m\/44h\/60h\/<a>h/],
  ])('%s (%s) is refused, overridable, and signs with the override', (_n, path, why) => {
    const k = at(path);
    const p = prepare(txSubject(buildUnsignedTx(fields()), 'tx', 'sign'), { limits: {}, signer: k });
    const d = decideSigning(p, new Set());
    expect(d.go).toBe(false);
    expect(d.blocking).toMatchObject([{ code: 'non-ethereum-path', overridable: true, message: expect.stringMatching(why) }]);
    const signed = sign(p, decideSigning(p, new Set(['non-ethereum-path'])), k);
    expect(signed.kind === 'transaction' && signed.tx.from).toBe(k.address);
  });

  it('the online side finds it from the request path alone (no key)', () => {
    const hex = buildUnsignedTx(fields());
    const req: EthSignRequest = { requestId: new Uint8Array(16), signData: fromHex(hex, 'tx'), dataType: 4, chainId: 1n, path: "m/84'/0'/0'/0/0" };
    expect(codes(prepare(txSubject(hex, 'tx', 'inspect', req), { limits: {} }).findings)).toContain('non-ethereum-path');
  });

  it.each([
    ['MetaMask / BIP44', ethPath(3)],
    ['Ledger Live', "m/44'/60'/5'/0/0"],
    ['legacy MEW', "m/44'/60'/0'/7"],
  ])('the %s layout (%s) signs with no finding', (_n, path) => {
    const k = at(path);
    const p = prepare(txSubject(buildUnsignedTx(fields()), 'tx', 'sign'), { limits: {}, signer: k });
    expect(p.findings.filter((f) => f.severity === 'refuse')).toEqual([]);
    expect(decideSigning(p, new Set()).go).toBe(true);
  });
});

describe('binary-message: a personal_sign message must be readable text', () => {
  const k = at(ethPath(0));
  const hash = fromHex('0x' + 'ab'.repeat(32), 'm'); // a safeTxHash-sized value
  it.each([
    ['a 32-byte hash', hash, /32-byte binary value — the size of a hash/],
    ['a 32-byte hash that happens to be valid UTF-8', new Uint8Array(32).fill(0x41).map((b, i) => (i === 5 ? 0x01 : b)), /32-byte/],
    ['bytes that are not UTF-8', fromHex('0xff00ff', 'm'), /3 bytes that are not UTF-8 text/],
    ['text with a control character', text('pay \u001b[2Jme'), /control characters/],
    ['text with a C1 control', text('pay\u0085me'), /control characters/],
    ['an empty message', new Uint8Array(), /empty or blank/],
    ['only blanks', text('  \n '), /empty or blank/],
  ])('%s is refused, overridable, and the override signs exactly it', (_n, bytes, why) => {
    const p = prepare(messageSubject(bytes, 'file'), { limits: {}, signer: k });
    const d = decideSigning(p, new Set());
    expect(d.blocking).toMatchObject([{ code: 'binary-message', overridable: true, message: expect.stringMatching(why) }]);
    const s = sign(p, decideSigning(p, new Set(['binary-message'])), k);
    expect(s.kind === 'message' && verifyMessage(bytes, s.signature)).toBe(k.address);
  });

  it.each([
    ['plain text', text('I agree to the terms, nonce 8f3a')],
    ['multi-line text with tabs and CRLF', text('Sign-in\r\n\tdomain: example.org\nnonce: 1')],
    ['non-Latin text', text('承認します — ✓')],
    ['a hex string as text (it is the text that is signed)', text('0x' + 'ab'.repeat(32))],
  ])('%s signs with no finding', (_n, bytes) => {
    const p = prepare(messageSubject(bytes, 'file'), { limits: {}, signer: k });
    expect(p.findings).toEqual([]);
    expect(decideSigning(p, new Set()).go).toBe(true);
  });
});

describe('no-replay-protection: chain id 0 is a refusal with an override', () => {
  const k = at(ethPath(0));
  it.each([
    ['a pre-EIP-155 legacy transaction', Transaction.from({ type: 0, chainId: 0n, nonce: 0, gasLimit: 21000n, gasPrice: 1n, to: A1, value: 1n }).unsignedSerialized, /pre-EIP-155/],
    ['a type 2 transaction for chain id 0', buildUnsignedTx(fields({ chainId: 0n })), /type 2 transaction is for chain id 0/],
    ['a type 1 transaction for chain id 0', buildUnsignedTx(fields({ type: 1, chainId: 0n, gasPrice: 1n, maxFeePerGas: undefined, maxPriorityFeePerGas: undefined })), /type 1/],
  ])('%s is refused (exit 3 class), and the override signs it', (_n, hex, why) => {
    const p = prepare(txSubject(hex, 'tx', 'sign'), { limits: {}, signer: k });
    expect(decideSigning(p, new Set()).blocking).toMatchObject([{ code: 'no-replay-protection', overridable: true, message: expect.stringMatching(why) }]);
    const s = sign(p, decideSigning(p, new Set(['no-replay-protection'])), k);
    expect(s.kind === 'transaction' && s.tx.from).toBe(k.address);
  });
});

describe('unlimited-approval: an allowance near the maximum is unlimited too', () => {
  const k = at(ethPath(0));
  const TOKEN = '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48';
  const approve = (amount: bigint) => fromHex('0x095ea7b3' + A1.slice(2).toLowerCase().padStart(64, '0') + amount.toString(16).padStart(64, '0'), 'data');
  const tx = (amount: bigint) => buildUnsignedTx(fields({ to: TOKEN, value: 0n, gasLimit: 60000n, data: approve(amount) }));
  const refused = (hex: string) => codes(decideSigning(prepare(txSubject(hex, 'tx', 'sign'), { limits: {}, signer: k }), new Set()).blocking);
  it.each([
    ['MAX_UINT256', (1n << 256n) - 1n],
    ['MAX_UINT256 − 1', (1n << 256n) - 2n],
    ['2^255', 1n << 255n],
    ['2^200', 1n << 200n],
  ])('approve(%s) is refused', (_n, amount) => expect(refused(tx(amount))).toEqual(['unlimited-approval']));
  it('a large but finite approve (10^30 units) signs', () => expect(refused(tx(10n ** 30n))).toEqual([]));

  const domain = { name: 'Token', version: '1', chainId: 1, verifyingContract: TOKEN };
  const eip2612 = (value: bigint) => ({
    types: {
      EIP712Domain: [{ name: 'name', type: 'string' }, { name: 'version', type: 'string' }, { name: 'chainId', type: 'uint256' }, { name: 'verifyingContract', type: 'address' }],
      Permit: [{ name: 'owner', type: 'address' }, { name: 'spender', type: 'address' }, { name: 'value', type: 'uint256' }, { name: 'nonce', type: 'uint256' }, { name: 'deadline', type: 'uint256' }],
    },
    primaryType: 'Permit',
    domain,
    message: { owner: k.address, spender: A1, value: value.toString(), nonce: '0', deadline: '1900000000' },
  });
  const dai = (allowed: boolean) => ({
    types: {
      EIP712Domain: eip2612(0n).types.EIP712Domain,
      Permit: [{ name: 'holder', type: 'address' }, { name: 'spender', type: 'address' }, { name: 'nonce', type: 'uint256' }, { name: 'expiry', type: 'uint256' }, { name: 'allowed', type: 'bool' }],
    },
    primaryType: 'Permit',
    domain,
    message: { holder: k.address, spender: A1, nonce: '0', expiry: '1900000000', allowed },
  });
  const permitRefusals = (doc: object) => codes(decideSigning(prepare(typedDataSubject(JSON.stringify(doc), 'td'), { limits: {}, signer: k }), new Set()).blocking);
  it.each([
    ['EIP-2612 Permit of 2^256 − 2', eip2612((1n << 256n) - 2n)],
    ['EIP-2612 Permit of 2^200', eip2612(1n << 200n)],
    ["DAI's Permit with allowed = true", dai(true)],
  ])('%s is refused', (_n, doc) => expect(permitRefusals(doc)).toEqual(['unlimited-approval']));
  it.each([
    ['EIP-2612 Permit of 10^24', eip2612(10n ** 24n)],
    ["DAI's Permit with allowed = false (a revocation)", dai(false)],
  ])('%s is not refused (the permit warning stays)', (_n, doc) => expect(permitRefusals(doc)).toEqual([]));
});
