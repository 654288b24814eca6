/**
 * Approvals by another name and calldata coldkit cannot read, through the signer's prepare/decide
 * as `eth sign` runs them: approve near the maximum (≥ 2^128, above any real token supply),
 * approve with trailing bytes, increaseAllowance, setApprovalForAll(…, true), Permit2 approve with
 * a huge amount or a far expiration, and unknown calldata (a blind-signing refusal naming the
 * selector) are refused, each with its override; honest transfers and bounded approvals still sign.
 */
import { describe, expect, it } from 'vitest';
import { decodeErc20Call, describeTokenCall, PERMIT2_FAR_EXPIRATION } from '../../../src/core/eth/erc20.js';
import { deriveEthKey, ethPath } from '../../../src/core/eth/key.js';
import { decideSigning, prepare, sign } from '../../../src/core/eth/signer.js';
import { txSubject } from '../../../src/core/eth/subject.js';
import { buildUnsignedTx, type TxFields } from '../../../src/core/eth/tx.js';
import { seedFromMnemonic } from '../../../src/core/hd/keys.js';
import { fromHex } from '../../../src/core/text.js';

const OURS = deriveEthKey(seedFromMnemonic('abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about'), ethPath(0));
const TOKEN = '0x6B175474E89094C44Da98b954EedeAC495271d0F';
const SPENDER = '0x6Fac4D18c912343BF86fa7049364Dd4E424Ab9C0';
const w = (v: bigint | string) => (typeof v === 'string' ? v.slice(2).toLowerCase() : v.toString(16)).padStart(64, '0');
const call = (sel: string, ...words: (bigint | string)[]) => sel + words.map(w).join('');
const fields = (data: string): TxFields => ({ type: 2, chainId: 1n, nonce: 0n, gasLimit: 90000n, maxFeePerGas: 30_000_000_000n, maxPriorityFeePerGas: 1n, to: TOKEN, value: 0n, data: fromHex(data, 'data'), accessList: [] });
const run = (data: string, allow: string[] = []) => {
  const p = prepare(txSubject(buildUnsignedTx(fields(data)), 'tx', 'sign'), { limits: {}, signer: OURS });
  return { p, d: decideSigning(p, new Set(allow)) };
};
const blocking = (data: string) => run(data).d.blocking.map((f) => f.code);

describe('refused token calls, one per variant', () => {
  const cases: [string, string, string, RegExp][] = [
    ['approve(MAX)', call('095ea7b3', SPENDER, (1n << 256n) - 1n), 'unlimited-approval', /UNLIMITED APPROVAL \(approve of \d+/],
    ['approve(2^255)', call('095ea7b3', SPENDER, 1n << 255n), 'unlimited-approval', /may move every token of contract 0x6B17/],
    ['approve(2^128), above any token supply', call('095ea7b3', SPENDER, 1n << 128n), 'unlimited-approval', /above any real token supply/],
    ['increaseAllowance(MAX)', call('39509351', SPENDER, (1n << 256n) - 1n), 'unlimited-approval', /increaseAllowance/],
    ['approve with a trailing byte', call('095ea7b3', SPENDER, 1000n) + '00', 'trailing-calldata', /carries 1 bytes after its arguments/],
    ['transfer with 32 trailing bytes', call('a9059cbb', SPENDER, 1000n) + 'ab'.repeat(32), 'trailing-calldata', /transfer call carries 32 bytes/],
    ['setApprovalForAll(operator, true)', call('a22cb465', SPENDER, 1n), 'approval-for-all', /EVERY token of contract 0x6B17.*unlimited approval by another name/],
    ['Permit2 approve of 2^160-1', call('87517c45', TOKEN, SPENDER, (1n << 160n) - 1n, 1_800_000_000n), 'unlimited-approval', /Permit2 \(amount \d+ ≥ 2\^150\)/],
    ['Permit2 approve expiring never', call('87517c45', TOKEN, SPENDER, 1000n, (1n << 48n) - 1n), 'unlimited-approval', /expiration \d+ is after 2100/],
    ['unknown calldata', '0xdeadbeef' + w(5n), 'unknown-calldata', /BLIND SIGNING: .*selector 0xdeadbeef, 36 bytes/],
    ['3 bytes of calldata', '0x123456', 'unknown-calldata', /shorter than a 4-byte selector/],
  ];
  it.each(cases)('%s: refused as %s, signed with its override', (_n, data, code, message) => {
    const { d } = run(data);
    expect(d.go).toBe(false);
    expect(d.blocking).toMatchObject([{ code, overridable: true, message: expect.stringMatching(message) }]);
    const ok = run(data, [code]);
    expect(ok.d.go).toBe(true);
    expect(sign(ok.p, ok.d, { ...OURS, privateKey: Uint8Array.from(OURS.privateKey) }).kind).toBe('transaction');
  });

  it('approve(MAX) with trailing bytes names both', () => {
    expect(blocking(call('095ea7b3', SPENDER, (1n << 256n) - 1n) + 'ff')).toEqual(['unlimited-approval', 'trailing-calldata']);
  });
});

describe('honest token calls still sign', () => {
  it.each([
    ['transfer', call('a9059cbb', SPENDER, 12_500_000n)],
    ['approve of 1,000 USDC', call('095ea7b3', SPENDER, 1_000_000_000n)],
    ['approve(0): a revocation', call('095ea7b3', SPENDER, 0n)],
    ['approve just below 2^128', call('095ea7b3', SPENDER, (1n << 128n) - 1n)],
    ['increaseAllowance of 5 tokens', call('39509351', SPENDER, 5n * 10n ** 18n)],
    ['decreaseAllowance', call('a457c2d7', SPENDER, (1n << 256n) - 1n)],
    ['setApprovalForAll(operator, false): a revocation', call('a22cb465', SPENDER, 0n)],
    ['Permit2 approve, bounded, expiring in 2027', call('87517c45', TOKEN, SPENDER, 10n ** 9n, 1_800_000_000n)],
    ['transferFrom', call('23b872dd', SPENDER, TOKEN, 1n)],
  ])('%s', (_n, data) => {
    const { d } = run(data);
    expect(d.blocking).toEqual([]);
    expect(d.go).toBe(true);
  });
});

describe('the decoder and its display', () => {
  it('says exactly what is granted, to whom', () => {
    const show = (data: string) => describeTokenCall(decodeErc20Call(fromHex(data, 'd'))!);
    expect(show(call('a22cb465', SPENDER, 1n))).toBe(`ERC-721/1155 setApprovalForAll(operator ${SPENDER}, true: EVERY token of this collection, now and later)`);
    expect(show(call('a457c2d7', SPENDER, 7n))).toBe(`ERC-20 decreaseAllowance(spender ${SPENDER}, subtracted 7 base units)`);
    expect(show(call('39509351', SPENDER, (1n << 256n) - 1n))).toBe(`ERC-20 increaseAllowance(spender ${SPENDER}, added UNLIMITED)`);
    expect(show(call('87517c45', TOKEN, SPENDER, 5n, PERMIT2_FAR_EXPIRATION))).toBe(`Permit2 approve(token ${TOKEN}, spender ${SPENDER}, amount 5 base units, expiration ${PERMIT2_FAR_EXPIRATION} (never, in practice))`);
    expect(show(call('095ea7b3', SPENDER, 1n) + 'cafe')).toMatch(/ \+ 2 TRAILING BYTES$/);
  });
  it.each([
    ['a bool word other than 0/1', call('a22cb465', SPENDER, 2n)],
    ['a Permit2 amount beyond uint160', call('87517c45', TOKEN, SPENDER, 1n << 160n, 1n)],
    ['a Permit2 expiration beyond uint48', call('87517c45', TOKEN, SPENDER, 1n, 1n << 48n)],
    ['dirty address padding', '095ea7b3' + '01' + w(SPENDER).slice(2) + w(1n)],
  ])('%s is not decoded (raw, refused as unknown calldata)', (_n, data) => {
    expect(decodeErc20Call(fromHex(data, 'd'))).toBeNull();
    expect(blocking(data)).toEqual(['unknown-calldata']);
  });
});
