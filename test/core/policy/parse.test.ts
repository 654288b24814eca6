/**
 * The policy parser (src/core/policy/parse.ts): the example shape parses into the model
 * (amounts in base units of each rule's unit, descriptors, selectors, defaults), and a broken file
 * reports every problem at once with its JSON path — unknown fields, unknown approvers, quorums
 * larger than their group, bad amounts (the strict decimal parser), bad windows, destinations of
 * another network, bad calls, repeated keys.
 */
import { afterAll, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import { methodSelector, parsePolicy, PolicyInvalid } from '../../../src/core/policy/parse.js';
import { inputError } from '../../helpers/expect-error.js';
import { policyBytes, policyDoc, team, zooDescriptor } from '../../helpers/policy.js';

const t = team();
afterAll(() => fs.rmSync(t.keygen.dir, { recursive: true, force: true }));

function problems(doc: unknown): { path: string; message: string }[] {
  try {
    parsePolicy(typeof doc === 'string' ? new TextEncoder().encode(doc) : policyBytes(doc), 'policy.json');
  } catch (e) {
    if (e instanceof PolicyInvalid) return [...e.problems];
    throw e;
  }
  throw new Error('expected PolicyInvalid');
}

describe('a valid policy', () => {
  it('parses into the model', () => {
    const bytes = policyBytes(policyDoc(t));
    const p = parsePolicy(bytes);
    expect(p.name).toBe('treasury');
    expect([...p.approvers.keys()]).toEqual(['alice', 'bob', 'carol', 'dave']);
    expect(p.approvers.get('dave')!.key.key.type).toBe('ecdsa-sha2-nistp256');
    expect(p.admins).toEqual({ quorum: 2, of: ['alice', 'bob', 'carol'] });
    const [payroll, large, eth] = p.rules;
    expect(payroll!.maxPerTx).toBe(200_000n);
    expect(payroll!.maxPerWindow).toBe(400_000n);
    expect(payroll!.window).toEqual({ text: '24h', ms: 86_400_000 });
    expect(payroll!.destinations![0]!.kind).toBe('descriptor');
    expect(payroll!.destinationScan).toBe(1000);
    expect(large!.approvals.quorum).toBe(2);
    expect(large!.destinations).toBeUndefined();
    expect(eth!.chainIds).toEqual([1n, 11155111n]);
    expect(eth!.unit).toEqual({ asset: 'ETH', symbol: 'ETH', decimals: 18 });
    expect(eth!.maxPerTx).toBe(1_500_000_000_000_000_000n);
    expect(p.limits).toEqual({ maxFeeRateMsat: 200_000n, maxFeePercentHundredths: 200n });
    expect(p.segregation.signerMayApprove).toBe(false);
    expect(p.drills).toEqual({ text: '365d', ms: 365 * 86_400_000 });
    expect(p.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(p.overrides).toEqual([]);
  });
  it('defaults: mainnet, chain id 1, no approvals, segregation on, 7-day requests', () => {
    const p = parsePolicy(policyBytes({ version: 1, name: 'x', approvers: { alice: t.keys.alice.pub }, admins: { quorum: 1, of: ['alice'] }, rules: [{ id: 'a', chain: 'btc', maxPerTx: '0.1' }, { id: 'b', chain: 'eth', maxPerTx: '1' }] }));
    expect(p.rules[0]!.network).toBe('mainnet');
    expect(p.rules[1]!.chainIds).toEqual([1n]);
    expect(p.rules[0]!.approvals).toEqual({ quorum: 0, of: [] });
    expect(p.segregation.signerMayApprove).toBe(false);
    expect(p.requests.maxLifetimeMs).toBe(7 * 86_400_000);
  });
  it('ERC-20 rules, calls with their selectors, wallets, token amounts in token decimals', () => {
    const usdc = '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48';
    const p = parsePolicy(policyBytes(policyDoc(t, { rules: [{ id: 'usdc', chain: 'eth', token: { contract: usdc.toLowerCase(), decimals: 6, symbol: 'USDC' }, wallets: ['0x9858EfFD232B4033E47d90003D41EC34EcaEda94'], calls: [{ to: usdc, method: 'approve(address,uint256)' }], maxPerTx: '1000.5' }] })));
    const r = p.rules[0]!;
    expect(r.unit).toEqual({ asset: `erc20:${usdc}`, symbol: 'USDC', decimals: 6 });
    expect(r.maxPerTx).toBe(1_000_500_000n);
    expect(r.calls).toEqual([{ to: usdc, method: 'approve(address,uint256)', selector: '095ea7b3' }]);
    expect(r.wallets).toEqual(['0x9858effd232b4033e47d90003d41ec34ecaeda94']);
    expect(methodSelector('transfer(address,uint256)')).toBe('a9059cbb');
  });
});

describe('every problem at once, with its JSON path', () => {
  it('a file with many faults', () => {
    const doc = policyDoc(t, {
      extra: true,
      admins: { quorum: 4, of: ['alice', 'bob', 'mallory'] },
      rules: [
        { id: 'payroll', chain: 'btc', network: 'testnet', destinations: ['bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq', zooDescriptor().replace('tpub', 'xpub')], maxPerTx: '0.123456789', window: '2w', maxPerWindow: 1, approvals: { quorum: 3, of: ['alice', 'bob'] }, colour: 'red' },
        { id: 'payroll', chain: 'btc', maxPerTx: '1' },
        { id: 'Bad Id', chain: 'doge' },
        { id: 'e', chain: 'eth', network: 'mainnet', destinations: ['0xAbC'], calls: [{ to: '0x0000000000000000000000000000000000000001', method: 'transfer(address, uint256)' }], chainIds: [0] },
        { id: 'open', chain: 'btc' },
      ],
      limits: { maxFeeRate: -1 },
      drills: { every: '1y' },
    });
    const got = problems(doc);
    const paths = got.map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        '$.extra',
        '$.admins.of[2]',
        '$.admins.quorum',
        '$.rules[0].colour',
        '$.rules[0].destinations[0]',
        '$.rules[0].maxPerTx',
        '$.rules[0].window',
        '$.rules[0].maxPerWindow',
        '$.rules[0].approvals.quorum',
        '$.rules[1].id',
        '$.rules[2].id',
        '$.rules[2].chain',
        '$.rules[3].network',
        '$.rules[3].destinations[0]',
        '$.rules[3].calls[0].method',
        '$.rules[3].chainIds[0]',
        '$.rules[4]',
        '$.limits.maxFeeRate',
        '$.drills.every',
      ]),
    );
    const msg = (path: string) => got.find((p) => p.path === path)!.message;
    expect(msg('$.admins.of[2]')).toMatch(/"mallory" is not an approver/);
    expect(msg('$.rules[0].approvals.quorum')).toMatch(/is 3 but the group has only 2 members/);
    expect(msg('$.rules[0].maxPerTx')).toMatch(/9 decimal places; at most 8/);
    expect(msg('$.rules[0].destinations[0]')).toMatch(/mainnet address but the network is testnet/);
    expect(msg('$.rules[0].maxPerWindow')).toMatch(/decimal string/);
    expect(msg('$.rules[1].id')).toMatch(/used by an earlier rule/);
    expect(msg('$.rules[4]')).toMatch(/allows anything/);
    expect(msg('$.extra')).toMatch(/unknown field/);
  });
  it('a descriptor of another network', () => {
    const got = problems(policyDoc(t, { rules: [{ id: 'a', chain: 'btc', destinations: [zooDescriptor()] }] }));
    expect(got).toEqual([{ path: '$.rules[0].destinations[0]', message: expect.stringMatching(/for a test network but the rule's network is mainnet/) }]);
  });
  it('approvers: a bad key line, the same key twice, an unknown name in rotation', () => {
    const got = problems(policyDoc(t, { approvers: { alice: t.keys.alice.pub, bob: t.keys.alice.pub, eve: 'ssh-ed25519 AAAA', '9x': t.keys.carol.pub }, admins: { quorum: 1, of: ['alice'] }, rules: [{ id: 'a', chain: 'btc', maxPerTx: '1' }], rotation: { approvers: { zed: '2027-01-01' } } }));
    expect(got.map((p) => p.path)).toEqual(['$.approvers.bob', '$.approvers.eve', '$.approvers.9x', '$.rotation.approvers.zed']);
    expect(got[0]!.message).toMatch(/same key as approver "alice"/);
  });
  it('a repeated key, a BOM, not JSON', () => {
    expect(inputError(() => parsePolicy(new TextEncoder().encode('{"version":1,"name":"a","name":"b"}'))).message).toMatch(/repeats the key "name"/);
    expect(inputError(() => parsePolicy(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]))).message).toMatch(/byte-order mark/);
    expect(inputError(() => parsePolicy(new TextEncoder().encode('{version: 1}'))).message).toMatch(/not valid JSON/);
  });
  it('the policy cannot list its own refusals as overridable', () => {
    expect(problems(policyDoc(t, { overrides: ['unproven-amounts', 'policy-no-rule'] }))).toEqual([{ path: '$.overrides[1]', message: expect.stringMatching(/only a new policy changes the rules/) }]);
  });
});
