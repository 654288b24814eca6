/**
 * Rule matching (src/core/policy/match.ts) on real payloads: PSBTs of the sample seed reviewed by
 * the signer's own pipeline (change proven, so it is no destination; the recipient matched through
 * a descriptor destination) and Ethereum transactions decoded by coldkit's own decoder (ETH value,
 * ERC-20 transfer and approve, calls, chain ids). Each verdict names the rule or every reason.
 */
import { Transaction } from '@scure/btc-signer';
import * as fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeErc20Transfer } from '../../../src/core/eth/erc20.js';
import { reviewTx } from '../../../src/core/eth/review.js';
import { buildUnsignedTx, decodeTx, type TxFields } from '../../../src/core/eth/tx.js';
import { ethTxPayload, evmTxOf } from '../../../src/core/policy/eth-payload.js';
import { matchRules, type MatchContext } from '../../../src/core/policy/match.js';
import { parsePolicy } from '../../../src/core/policy/parse.js';
import { buildPsbt } from '../../helpers/build-psbt.js';
import { policyBytes, policyDoc, psbtPayload, team, ZOO_ADDRESS_0, zooDescriptor } from '../../helpers/policy.js';

const t = team();
afterAll(() => fs.rmSync(t.keygen.dir, { recursive: true, force: true }));
const policy = parsePolicy(policyBytes(policyDoc(t)));
const ctx = (approvers: string[] = [], over: Partial<MatchContext> = {}): MatchContext => ({ approvers: new Set(approvers), ledger: [], nowMs: Date.parse('2026-12-05T12:00:00Z'), ...over });
const SENDER = '0x9858EfFD232B4033E47d90003D41EC34EcaEda94';
const USDC = '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48';

function ethPayload(f: Partial<TxFields>) {
  const fields: TxFields = { type: 2, chainId: 1n, nonce: 0n, gasLimit: 21000n, to: '0x000000000000000000000000000000000000dEaD', value: 10n ** 18n, data: new Uint8Array(), maxFeePerGas: 30_000_000_000n, maxPriorityFeePerGas: 1_000_000_000n, accessList: [], ...f };
  return ethTxPayload(evmTxOf(reviewTx(decodeTx(buildUnsignedTx(fields)), SENDER)));
}

describe('Bitcoin PSBTs (single-key wallet)', () => {
  it('the payload: change proven and left out, the digest is the unsigned transaction txid', async () => {
    const bytes = buildPsbt({ kind: 'wpkh', inputs: 1 });
    const p = await psbtPayload();
    expect(p.transfers.map((x) => [x.to, x.amount])).toEqual([[ZOO_ADDRESS_0, 50_000n]]);
    expect(p.change.length).toBe(1);
    expect(p.wallets).toEqual(['73c5da0a']);
    expect(p.digest.kind === 'psbt' && p.digest.txid).toBe(Transaction.fromPSBT(bytes).id);
  });
  it('falls under payroll with one approval: the recipient is an address of the allowed descriptor', async () => {
    const r = matchRules(policy, await psbtPayload(), ctx(['bob']));
    expect(r.matched?.rule).toBe('payroll');
    expect(r.matched?.approvedBy).toEqual(['bob']);
  });
  it('without approvals no rule allows it, and each rule says why', async () => {
    const r = matchRules(policy, await psbtPayload(), ctx());
    expect(r.matched).toBeUndefined();
    expect(r.verdicts.map((v) => [v.rule, v.reasons])).toEqual([
      ['payroll', ['needs 1 approval of alice, bob; has 0']],
      ['large', ['needs 2 approvals of alice, bob, carol; has 0']],
      ['eth-ops', ['is for eth payloads, this is btc']],
    ]);
  });
  it('above payroll maxPerTx, it needs the large rule and its quorum of two', async () => {
    const p = await psbtPayload({ amount: 1_000_000n, send: 300_000n });
    expect(matchRules(policy, p, ctx(['alice'])).verdicts[0]!.reasons).toEqual(['sends 0.003 BTC, above maxPerTx 0.002 BTC']);
    expect(matchRules(policy, p, ctx(['alice'])).matched).toBeUndefined();
    expect(matchRules(policy, p, ctx(['alice', 'carol'])).matched?.rule).toBe('large');
  });
  it('a destination outside the descriptor: payroll refuses it; a descriptor scanned too shallowly too', async () => {
    const other = parsePolicy(policyBytes(policyDoc(t, { rules: [{ id: 'payroll', chain: 'btc', network: 'testnet', destinations: ['tb1qdz50mh3c5n2nyhazlxcum3ckwd7vppfhn27xp0'], approvals: { quorum: 1, of: ['alice'] } }] })));
    const v = matchRules(other, await psbtPayload(), ctx(['alice'])).verdicts[0]!;
    expect(v.reasons).toEqual([`output 0 pays ${ZOO_ADDRESS_0}, not an allowed destination`]);
    // The recipient is index 0 of the zoo descriptor's /0/* branch: a scan of 1 finds it.
    const shallow = parsePolicy(policyBytes(policyDoc(t, { rules: [{ id: 'p', chain: 'btc', network: 'testnet', destinations: [zooDescriptor()], destinationScan: 1, maxPerTx: '1' }] })));
    expect(matchRules(shallow, await psbtPayload(), ctx()).matched?.rule).toBe('p');
  });
  it('false change is a transfer to a stranger, never change', async () => {
    const p = await psbtPayload({ fakeChange: true });
    expect(p.transfers.map((x) => x.what)).toEqual(['output 0', 'output 1 (claims to be change but is not ours)']);
    const v = matchRules(policy, p, ctx(['alice', 'bob'])).verdicts[0]!;
    expect(v.reasons[0]).toMatch(/^output 1 \(claims to be change but is not ours\) pays tb1q.* not an allowed destination$/);
  });
  it('another network than the rule', async () => {
    const p = { ...(await psbtPayload()), network: 'signet' as const };
    expect(matchRules(policy, p, ctx(['alice', 'bob'])).verdicts[0]!.reasons).toEqual(['is for testnet, this is signet']);
  });
  it('a rule limited to other wallets', async () => {
    const other = parsePolicy(policyBytes(policyDoc(t, { rules: [{ id: 'w', chain: 'btc', network: 'testnet', wallets: ['deadbeef'], maxPerTx: '1' }] })));
    expect(matchRules(other, await psbtPayload(), ctx()).verdicts[0]!.reasons).toEqual(['spends from deadbeef, this spends from fingerprint 73c5da0a']);
  });
});

describe('Ethereum transactions', () => {
  it('1 ETH on chain 1 with carol\'s approval falls under eth-ops', () => {
    const r = matchRules(policy, ethPayload({}), ctx(['carol']));
    expect(r.matched?.rule).toBe('eth-ops');
    expect(r.matched?.outflow).toBe(10n ** 18n);
  });
  it('another chain id, more than maxPerTx, a contract call the rule does not list', () => {
    const v = matchRules(policy, ethPayload({ chainId: 10n, value: 2n * 10n ** 18n, data: Uint8Array.of(0xde, 0xad, 0xbe, 0xef), gasLimit: 60000n }), ctx(['carol'])).verdicts[2]!;
    expect(v.reasons).toEqual([
      'is for chain id 1, 11155111, this is chain id 10',
      'calls selector deadbeef on 0x000000000000000000000000000000000000dEaD, which the rule does not list',
      'sends 2 ETH, above maxPerTx 1.5 ETH',
    ]);
  });
  it('an ERC-20 rule: transfer of its token allowed (implied call), approve only when listed, ETH value refused', () => {
    const p = parsePolicy(policyBytes(policyDoc(t, { rules: [{ id: 'usdc', chain: 'eth', token: { contract: USDC, decimals: 6, symbol: 'USDC' }, destinations: ['0x000000000000000000000000000000000000dEaD'], maxPerTx: '1000' }] })));
    const transfer = ethPayload({ to: USDC, value: 0n, data: encodeErc20Transfer('0x000000000000000000000000000000000000dEaD', 999_000_000n), gasLimit: 60000n });
    expect(matchRules(p, transfer, ctx()).matched?.rule).toBe('usdc');
    const tooMuch = ethPayload({ to: USDC, value: 0n, data: encodeErc20Transfer('0x000000000000000000000000000000000000dEaD', 1_000_000_001n), gasLimit: 60000n });
    expect(matchRules(p, tooMuch, ctx()).verdicts[0]!.reasons).toEqual(['sends 1000.000001 USDC, above maxPerTx 1000 USDC']);
    const approveData = Uint8Array.from(Buffer.from('095ea7b3' + '000000000000000000000000000000000000000000000000000000000000dead' + 'f'.repeat(64), 'hex'));
    const unlimited = ethPayload({ to: USDC, value: 0n, data: approveData, gasLimit: 60000n });
    expect(matchRules(p, unlimited, ctx()).verdicts[0]!.reasons).toEqual([
      `calls approve() on ${USDC}, which the rule does not list`,
      'sends 115792089237316195423570985008687907853269984665640564039457584007913129.639935 USDC, above maxPerTx 1000 USDC',
    ]);
    expect(matchRules(p, ethPayload({}), ctx()).verdicts[0]!.reasons).toEqual(['value moves ETH, the rule moves USDC (' + USDC + ') only']);
  });
  it('a contract creation is unbounded: no rule allows it', () => {
    const v = matchRules(policy, ethPayload({ to: null, data: Uint8Array.of(0x60, 0x00), gasLimit: 100000n }), ctx(['carol'])).verdicts[2]!;
    expect(v.reasons).toEqual(['cannot allow a contract creation: the deployed code is not a transfer a rule can bound']);
  });
});
