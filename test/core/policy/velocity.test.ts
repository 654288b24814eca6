/**
 * Velocity (src/core/policy/velocity.ts and match.ts): the journal's signings under a rule summed
 * over its rolling window with an injected clock — several signings adding up, the window's edge
 * (an entry exactly `window` old no longer counts), the same payload signed twice counted once,
 * other rules and assets apart, future-dated entries counted — and the refusal names what was
 * signed in the window and when.
 */
import * as fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { matchRules } from '../../../src/core/policy/match.js';
import { parsePolicy } from '../../../src/core/policy/parse.js';
import { windowUse, type LedgerEntry } from '../../../src/core/policy/velocity.js';
import { policyBytes, policyDoc, psbtPayload, team } from '../../helpers/policy.js';

const t = team();
afterAll(() => fs.rmSync(t.keygen.dir, { recursive: true, force: true }));
const policy = parsePolicy(policyBytes(policyDoc(t)));
const payroll = policy.rules[0]!;
const H = 3_600_000;
const NOW = Date.parse('2026-12-05T12:00:00.000Z');
const at = (ms: number) => new Date(ms).toISOString();
let seq = 0;
const entry = (ms: number, outflow: bigint, o: Partial<LedgerEntry> = {}): LedgerEntry => ({ seq: ++seq, ts: at(ms), rule: 'payroll', asset: 'BTC', outflow, payload: `psbt:${seq}`, ...o });

describe('windowUse', () => {
  it('sums the rule\'s signings in the last 24 h, each payload once', () => {
    const ledger = [entry(NOW - 30 * H, 100_000n), entry(NOW - 23 * H, 100_000n), entry(NOW - H, 50_000n), entry(NOW - H, 50_000n, { payload: 'psbt:2' }), entry(NOW - H, 70_000n, { rule: 'large' }), entry(NOW - H, 70_000n, { asset: 'ETH' })];
    const use = windowUse(ledger, payroll, NOW);
    expect(use.total).toBe(150_000n);
    expect(use.entries.map((e) => e.seq)).toEqual([2, 3]);
  });
  it('the edge: exactly 24 h old is out, a millisecond younger is in', () => {
    expect(windowUse([entry(NOW - 24 * H, 1n)], payroll, NOW).total).toBe(0n);
    expect(windowUse([entry(NOW - 24 * H + 1, 1n)], payroll, NOW).total).toBe(1n);
  });
  it('entries dated after now (a clock set back) still count', () => {
    expect(windowUse([entry(NOW + 5 * H, 9n)], payroll, NOW).total).toBe(9n);
  });
});

describe('maxPerWindow in rule matching', () => {
  it('three payroll payments of 0.0005 BTC fit, the fourth after 0.004 does not; after the window it fits again', async () => {
    const p = await psbtPayload(); // 50 000 sat to the zoo wallet
    const ledger: LedgerEntry[] = [];
    const judge = (now: number) => matchRules(policy, p, { approvers: new Set(['alice']), ledger, nowMs: now });
    // 0.004 BTC per 24 h = 8 payments of 0.0005.
    for (let i = 0; i < 8; i++) {
      const now = NOW + i * H;
      const r = judge(now);
      expect(r.matched?.rule).toBe('payroll');
      ledger.push({ seq: 100 + i, ts: at(now), rule: 'payroll', asset: 'BTC', outflow: 50_000n, payload: `psbt:p${i}` });
    }
    const refused = judge(NOW + 8 * H).verdicts[0]!;
    expect(refused.allowed).toBe(false);
    expect(refused.reasons[0]).toMatch(/^would bring the 24h total to 0\.0045 BTC, above maxPerWindow 0\.004 BTC; signed under "payroll" in the window: 3 earlier and 0\.0005 BTC at 2026-12-05T15:00:00\.000Z \(journal #103\), .*0\.0005 BTC at 2026-12-05T19:00:00\.000Z \(journal #107\)$/);
    // The first payment (12:00) leaves the window at 12:00 the next day, not a millisecond before.
    expect(judge(NOW + 24 * H - 1).matched).toBeUndefined();
    expect(judge(NOW + 24 * H).matched?.rule).toBe('payroll');
  });
  it('the same PSBT signed again counts once: a window full with it still lets it be signed again', async () => {
    const p = await psbtPayload();
    const id = `psbt:${p.digest.kind === 'psbt' ? p.digest.txid : ''}`;
    const ledger = Array.from({ length: 8 }, (_, i) => ({ seq: i + 1, ts: at(NOW - H), rule: 'payroll', asset: 'BTC', outflow: 50_000n, payload: i < 7 ? `psbt:other${i}` : id }));
    expect(windowUse([...ledger, { ...ledger[7]!, seq: 9 }], payroll, NOW).total).toBe(400_000n);
    expect(matchRules(policy, p, { approvers: new Set(['bob']), ledger, nowMs: NOW }).matched?.rule).toBe('payroll');
    const other = await psbtPayload({ send: 50_001n });
    expect(matchRules(policy, other, { approvers: new Set(['bob']), ledger, nowMs: NOW }).matched).toBeUndefined();
  });
});
