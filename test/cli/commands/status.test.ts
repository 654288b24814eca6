/**
 * `coldkit status` and `coldkit key retire` as black boxes on a synthetic 2022–2026 journal with
 * the clock injected by --as-of: the inventory in --json, due items and --strict's exit 3 (cron),
 * a damaged journal refused, a retired key listed as retired and no longer due, and psbt sign
 * refusing a retired key unless --allow-retired-key (the override journaled). Under an adopted
 * policy with `drills.every` 30 days and `rotation` dates, status and `policy show` judge by the
 * policy (one drill computation): the set drilled 91 days before --as-of is overdue there and not
 * under the 365-day default.
 */
import * as fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NAMESPACE } from '../../../src/core/policy/policy.js';
import { policyBytes, policyDoc, team } from '../../helpers/policy.js';
import { expectFailure, journalEntries, workspace, type Workspace } from '../../helpers/harness.js';
import { HISTORY, syntheticJournal } from '../../helpers/synthetic-journal.js';

let ws: Workspace;
beforeAll(async () => {
  ws = await workspace(0);
  fs.writeFileSync(ws.journal, syntheticJournal(HISTORY));
});

describe('status', () => {
  it('lists keys, share sets, overrides and what is due; --strict exits 3 when something is due', async () => {
    const r = await ws.run(['--json', 'status', '--as-of', '2026-02-01']);
    expect(r.code, r.stderr).toBe(0);
    const j = r.json();
    expect(j.entries).toBe(HISTORY.length);
    expect(j.asOf).toBe('2026-02-01T00:00:00.000Z');
    expect(j.keys.map((k: { fingerprint: string }) => k.fingerprint)).toContain('cccc0003');
    expect(j.due.map((d: { code: string; subject: string }) => `${d.code} ${d.subject}`).sort()).toEqual(['drill-failed s1', 'drill-never s2', 'drill-overdue s1']);
    expect(j.overrides).toHaveLength(1);
    const strict = await ws.run(['status', '--strict', '--as-of', '2026-02-01']);
    expect(strict.code).toBe(3);
    expect(strict.stdout).toMatch(/DUE \(3\):\n {2}\[drill-failed\] share set apple banana/);
    expect((await ws.run(['status', '--strict', '--as-of', '2022-03-01'])).code).toBe(0);
  });

  it('refuses a bad --as-of and a damaged journal', async () => {
    expect((await ws.run(['status', '--as-of', 'yesterday'])).code).toBe(2);
    const bad = await workspace(0);
    fs.writeFileSync(bad.journal, syntheticJournal(HISTORY).replace('"ann"', '"anne"'));
    const r = await bad.run(['status']);
    expect(r.code).toBe(3);
  });
});

describe('key retire', () => {
  it('journals the retirement; status lists the key as retired and no longer due for rotation; refuses twice and unknown keys', async () => {
    const k = await workspace(0);
    fs.writeFileSync(k.journal, syntheticJournal(HISTORY));
    const r = await k.run(['--json', 'key', 'retire', 'BBBB0002', '--reason', 'holder left']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ retired: true, fingerprint: 'bbbb0002', reason: 'holder left', createdSeq: 3 });
    expect(journalEntries(k).at(-1)).toMatchObject({ op: 'key.retire', data: { fingerprint: 'bbbb0002', reason: 'holder left' } });
    const s = (await k.run(['--json', 'status', '--rotate-after', '1000'])).json();
    expect(s.keys.find((x: { fingerprint: string }) => x.fingerprint === 'bbbb0002').retired.reason).toBe('holder left');
    expect(s.due.filter((d: { code: string }) => d.code === 'rotation-due').map((d: { subject: string }) => d.subject)).toEqual(['aaaa0001']);
    expectFailure(await k.run(['--json', 'key', 'retire', 'bbbb0002', '--reason', 'again']), 3, /already retired at entry #12/);
    expectFailure(await k.run(['--json', 'key', 'retire', 'deadbeef', '--reason', 'x']), 3, /appears in no entry/);
    expect((await k.run(['key', 'retire', 'bbbb0002'])).code).toBe(2);
  });
});

describe('status under an adopted policy', () => {
  const t = team();
  afterAll(() => fs.rmSync(t.keygen.dir, { recursive: true, force: true }));

  it("reads drills.every (30 days) and the rotation dates; --drill-every still overrides; policy show's drill status is the same computation", async () => {
    const p = await workspace(0);
    fs.writeFileSync(p.journal, syntheticJournal(HISTORY));
    const before = (await p.run(['--json', 'status', '--as-of', '2026-02-01'])).json();
    expect(before.policy).toMatchObject({ drillEveryDays: 365, drillEverySource: 'default' });
    expect(before.due.map((d: { subject: string }) => d.subject)).not.toContain('s3');

    const bytes = policyBytes(policyDoc(t, { drills: { every: '30d' }, rotation: { reviewBy: '2026-01-15', approvers: { dave: '2026-01-20' } } }));
    const file = p.file('policy.json', bytes);
    const sigs = (['alice', 'bob'] as const).map((who) => p.file(`${who}.sig`, t.keygen.signBytes(t.keys[who], NAMESPACE.policy, bytes)));
    const a = await p.run(['policy', 'adopt', file, '--approval', sigs[0]!, '--approval', sigs[1]!], { timeoutMs: 120_000 });
    expect(a.code, a.stderr).toBe(0);

    const r = await p.run(['--json', 'status', '--as-of', '2026-02-01']);
    expect(r.code, r.stderr).toBe(0);
    const j = r.json();
    expect(j.policy).toMatchObject({ drillEvery: '30d', drillEveryDays: 30, drillEverySource: 'policy', reviewBy: '2026-01-15', approverKeys: [{ approver: 'dave', expires: '2026-01-20' }] });
    const due = j.due.map((d: { code: string; subject: string }) => `${d.code} ${d.subject}`).sort();
    expect(due).toEqual(['approver-key-expired dave', 'drill-failed s1', 'drill-never s2', 'drill-overdue s1', 'drill-overdue s3', 'policy-review-due policy']);
    expect(j.due.find((d: { subject: string }) => d.subject === 's3').message).toMatch(/last proven recoverable 91 days ago .*due every 30d/);
    expect(j.shareSets.find((s: { id: string }) => s.id === 's3').nextDrillDue).toBe('2025-12-01T08:00:00.000Z');
    // A flag overrides the policy (here: back to a year, s3 is no longer due).
    const flag = (await p.run(['--json', 'status', '--as-of', '2026-02-01', '--drill-every', '365'])).json();
    expect(flag.policy.drillEverySource).toBe('flag');
    expect(flag.due.map((d: { subject: string }) => d.subject)).not.toContain('s3');
    // policy show: the same standing (judged now, so every set is past its 30 days).
    const show = (await p.run(['--json', 'policy', 'show'])).json();
    const s3 = show.drills.find((d: { set: string }) => d.set === 's3');
    expect(s3).toEqual({ set: 's3', since: { kind: 'drill', seq: 10, ts: '2025-11-01T08:00:00.000Z' }, dueBy: '2025-12-01T08:00:00.000Z', overdue: true });
    expect(show.drills.map((d: { set: string }) => d.set).sort()).toEqual(['s1', 's2', 's3']);
  }, 120_000);
});
