/**
 * The Safe checks: each risky class produces its finding code (refusal or warning), the Bybit
 * shape leads with DELEGATECALL, and an ordinary transfer passes with notes only.
 */
import { describe, expect, it } from 'vitest';
import { encodeErc20Transfer } from '../../../../src/core/eth/erc20.js';
import { encodeMultiSendCall } from '../../../../src/core/eth/safe/decode.js';
import { loadDoc, type SafeTxDoc } from '../../../../src/core/eth/safe/file.js';
import type { SafeTx } from '../../../../src/core/eth/safe/hash.js';
import { reviewSafeTx, type ReviewOptions } from '../../../../src/core/eth/safe/review.js';
import { decide } from '../../../../src/core/findings/decide.js';
import { fromHex } from '../../../../src/core/text.js';
import { Interface } from 'ethers';

const SAFE = '0x1Db92e2EeBC8E0c075a02BeA49a2935BcD2dFCF4';
const ZERO = '0x0000000000000000000000000000000000000000';
const ALICE = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const MULTISEND_141 = '0x38869bf66a61cF6bDB996A6aE40D5853Fd43B526';
const CALLONLY_141 = '0x9641d764fc13c8B624c04430C7356C1C7C8102e2';
const safeAbi = new Interface([
  'function addOwnerWithThreshold(address,uint256)',
  'function removeOwner(address,address,uint256)',
  'function swapOwner(address,address,address)',
  'function changeThreshold(uint256)',
  'function enableModule(address)',
  'function setGuard(address)',
  'function setFallbackHandler(address)',
  'function changeMasterCopy(address)',
]);
const call = (sig: string, args: unknown[]) => fromHex(safeAbi.encodeFunctionData(sig, args).slice(2), 'data');

function tx(over: Partial<SafeTx>): SafeTx {
  return { to: ALICE, value: 0n, data: new Uint8Array(), operation: 0, safeTxGas: 0n, baseGas: 0n, gasPrice: 0n, gasToken: ZERO, refundReceiver: ZERO, nonce: 7n, ...over };
}
function review(t: SafeTx, doc: Partial<SafeTxDoc> = {}, opts: ReviewOptions = {}) {
  return reviewSafeTx(loadDoc({ safe: SAFE, chainId: 1n, safeVersion: '1.4.1', tx: t, ...doc }), opts);
}
const codes = (r: ReturnType<typeof review>, sev = 'refuse') => r.findings.filter((f) => f.severity === sev).map((f) => f.code);

describe('Safe findings', () => {
  it('a plain ETH transfer passes (nonce note only)', () => {
    const r = review(tx({ value: 10n ** 18n }));
    expect(codes(r)).toEqual([]);
    expect(decide(r.findings, new Set()).go).toBe(true);
    expect(r.call.kind).toBe('eth-transfer');
  });

  it('the Bybit shape: DELEGATECALL to an unknown contract with ERC-20 transfer calldata is refused, DELEGATECALL first', () => {
    const r = review(tx({ to: '0x96221423681A6d52E184D440a8eFCEbB105C7242', operation: 1, data: encodeErc20Transfer('0xbDd077f651EBe7f7b3cE16fe5F2b025BE2969516', 0n) }), {
      safeVersion: '1.1.1',
    });
    expect(r.operation).toBe('DELEGATECALL');
    expect(r.call.kind).toBe('erc20');
    expect(r.findings[0]!.code).toBe('safe-delegatecall');
    expect(r.findings[0]!.message).toMatch(/^DELEGATECALL/);
    expect(r.findings[0]!.message).toContain('this very ERC-20 call');
    expect(decide(r.findings, new Set()).go).toBe(false);
    expect(decide(r.findings, new Set(['safe-delegatecall'])).go).toBe(true);
  });

  it('DELEGATECALL to a published MultiSend of this chain is accepted, to the same address on an unlisted chain is not', () => {
    const batch = encodeMultiSendCall([
      { operation: 0, to: ALICE, value: 1n, data: new Uint8Array() },
      { operation: 0, to: '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48', value: 0n, data: encodeErc20Transfer(ALICE, 5n) },
    ]);
    const ok = review(tx({ to: MULTISEND_141, operation: 1, data: batch }));
    expect(codes(ok)).toEqual([]);
    expect(ok.call.batch!.map((c) => c.kind)).toEqual(['eth-transfer', 'erc20']);
    const other = review(tx({ to: MULTISEND_141, operation: 1, data: batch }), { chainId: 424242n });
    expect(codes(other)).toEqual(['safe-delegatecall']);
    expect(other.findings[0]!.message).toContain('other chains');
    const trusted = review(tx({ to: MULTISEND_141, operation: 1, data: batch }), { chainId: 424242n }, { trustedMultiSend: [{ address: MULTISEND_141, contract: 'MultiSend', source: '--multisend' }] });
    expect(codes(trusted)).toEqual([]);
  });

  it('a DELEGATECALL inside a MultiSend batch to an unknown contract is refused at its position', () => {
    const batch = encodeMultiSendCall([
      { operation: 0, to: ALICE, value: 1n, data: new Uint8Array() },
      { operation: 1, to: '0x96221423681A6d52E184D440a8eFCEbB105C7242', value: 0n, data: new Uint8Array([1, 2, 3, 4]) },
    ]);
    const r = review(tx({ to: MULTISEND_141, operation: 1, data: batch }));
    expect(codes(r)).toContain('safe-delegatecall');
    expect(r.findings.find((f) => f.code === 'safe-delegatecall')!.message).toContain('batch call 2');
  });

  it('MultiSendCallOnly with a DELEGATECALL entry is called out as certain to revert', () => {
    const batch = encodeMultiSendCall([{ operation: 1, to: MULTISEND_141, value: 0n, data: encodeMultiSendCall([]) }]);
    const r = review(tx({ to: CALLONLY_141, operation: 1, data: batch }));
    expect(r.findings.some((f) => f.code === 'safe-delegatecall' && f.severity === 'warn' && /revert/.test(f.message))).toBe(true);
  });

  const admin: [string, unknown[], string][] = [
    ['addOwnerWithThreshold', [ALICE, 1n], 'safe-owner-change'],
    ['removeOwner', ['0x0000000000000000000000000000000000000001', ALICE, 1n], 'safe-owner-change'],
    ['swapOwner', ['0x0000000000000000000000000000000000000001', ALICE, SAFE], 'safe-owner-change'],
    ['changeThreshold', [1n], 'safe-owner-change'],
    ['enableModule', [ALICE], 'safe-module-change'],
    ['setGuard', [ALICE], 'safe-guard-change'],
    ['setFallbackHandler', [ALICE], 'safe-fallback-handler-change'],
    ['changeMasterCopy', [ALICE], 'safe-upgrade'],
  ];
  for (const [fn, args, code] of admin) {
    it(`${fn} on the Safe itself is refused as ${code}, also inside a batch`, () => {
      const direct = review(tx({ to: SAFE, data: call(fn, args) }));
      expect(codes(direct)).toEqual([code]);
      expect(direct.call.method).toBe(fn);
      const batched = review(tx({ to: MULTISEND_141, operation: 1, data: encodeMultiSendCall([{ operation: 0, to: SAFE, value: 0n, data: call(fn, args) }]) }));
      expect(codes(batched)).toEqual([code]);
    });
  }

  it('the same method on another contract is decoded but not an administration of this Safe', () => {
    const r = review(tx({ to: ALICE, data: call('addOwnerWithThreshold', [ALICE, 1n]) }));
    expect(codes(r)).toEqual([]);
  });

  it('a gas refund (non-zero gasPrice or a refundReceiver) is refused', () => {
    expect(codes(review(tx({ gasPrice: 1n })))).toEqual(['safe-gas-refund']);
    expect(codes(review(tx({ refundReceiver: ALICE })))).toEqual(['safe-gas-refund']);
    expect(codes(review(tx({ gasToken: ALICE })))).toEqual([]);
  });

  it('chain, version, owner and nonce checks', () => {
    expect(codes(review(tx({}), {}, { expectChainId: 5n }))).toEqual(['chain-id-mismatch']);
    expect(codes(review(tx({}), { safeVersion: '9.9.9' }))).toEqual(['safe-unknown-version']);
    expect(codes(review(tx({}), { owners: [ALICE] }, { signer: SAFE }))).toEqual(['safe-not-owner']);
    expect(codes(review(tx({}), { owners: [ALICE] }, { signer: ALICE }))).toEqual([]);
    const used = review(tx({ nonce: 3n }), { currentNonce: 4n });
    expect(codes(used)).toEqual(['safe-nonce']);
    expect(used.findings.find((f) => f.code === 'safe-nonce')!.overridable).toBe(false);
    expect(codes(review(tx({ nonce: 30n }), { currentNonce: 4n }), 'warn')).toContain('safe-nonce');
  });

  it('an unlimited ERC-20 approval from the Safe is refused as unlimited-approval', () => {
    const data = fromHex('095ea7b3' + ALICE.slice(2).toLowerCase().padStart(64, '0') + 'f'.repeat(64), 'd');
    expect(codes(review(tx({ to: '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48', data })))).toEqual(['unlimited-approval']);
  });

  it("token approvals by another name inside a batch meet the Ethereum signer's rules, placed in the batch", () => {
    const nft = '0xBC4CA0EdA7647A8aB7C2061c2E118A18a936f13D';
    const token = '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48';
    const forAll = fromHex('a22cb465' + ALICE.slice(2).toLowerCase().padStart(64, '0') + '1'.padStart(64, '0'), 'd');
    const trailing = fromHex('095ea7b3' + ALICE.slice(2).toLowerCase().padStart(64, '0') + '64'.padStart(64, '0') + 'deadbeef', 'd');
    const increase = fromHex('39509351' + ALICE.slice(2).toLowerCase().padStart(64, '0') + 'f'.repeat(64), 'd');
    const batch = encodeMultiSendCall([
      { operation: 0, to: nft, value: 0n, data: forAll },
      { operation: 0, to: token, value: 0n, data: trailing },
      { operation: 0, to: token, value: 0n, data: increase },
    ]);
    const r = review(tx({ to: MULTISEND_141, operation: 1, data: batch }));
    expect(codes(r).sort()).toEqual(['approval-for-all', 'trailing-calldata', 'unlimited-approval']);
    expect(r.findings.find((f) => f.code === 'approval-for-all')!.message).toMatch(/^batch call 1: setApprovalForAll/);
    // setApprovalForAll(…, false) revokes: no finding.
    const revoke = fromHex('a22cb465' + ALICE.slice(2).toLowerCase().padStart(64, '0') + '0'.padStart(64, '0'), 'd');
    expect(codes(review(tx({ to: nft, data: revoke })))).toEqual([]);
  });

  it('a truncated MultiSend payload is refused as undecodable', () => {
    const good = encodeMultiSendCall([{ operation: 0, to: ALICE, value: 1n, data: new Uint8Array(10) }]);
    // Lower the declared length of the inner data so a record claims bytes that are not there.
    const bad = new Interface(['function multiSend(bytes)']).encodeFunctionData('multiSend', ['0x00' + ALICE.slice(2) + '00'.repeat(31) + '01' + '00'.repeat(31) + '40' + '00'.repeat(10)]);
    expect(codes(review(tx({ to: MULTISEND_141, operation: 1, data: good })))).toEqual([]);
    expect(codes(review(tx({ to: MULTISEND_141, operation: 1, data: fromHex(bad.slice(2), 'd') })))).toEqual(['safe-undecodable-batch']);
  });
});
