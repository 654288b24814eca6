/**
 * The inventory fold on a synthetic 2022–2026 history with an injected clock: keys with their
 * origin, networks and signatures; share sets with drills and the last proof; overrides; what is
 * due (never drilled, overdue, last drill failed, rotation) and that retired keys/sets are not due.
 */
import { describe, expect, it } from 'vitest';
import { inventoryOf } from '../../../src/core/lifecycle/inventory.js';
import { HISTORY, syntheticEntries, type SyntheticAct } from '../../helpers/synthetic-journal.js';

const at = (d: string) => new Date(d);
const inv = (acts: SyntheticAct[], now: string, rules = {}) => inventoryOf(syntheticEntries(acts), at(now), rules);

describe('inventory', () => {
  it('lists keys with how, when and by whom they entered the journal, networks, signatures and operators', () => {
    const r = inv(HISTORY, '2026-02-01');
    expect(r.entries).toBe(HISTORY.length);
    expect(r.keys.map((k) => k.fingerprint)).toEqual(['aaaa0001', 'bbbb0002', 'ffff0000', 'cccc0003']);
    const a = r.keys[0]!;
    expect(a.created).toMatchObject({ seq: 1, how: 'generated', operator: 'alice' });
    expect(a.signatures).toEqual({ btc: 1, eth: 0 });
    expect(a.operators).toEqual(['alice', 'carol']);
    expect(r.keys[3]!.created!.how).toBe('recovered from shares');
    expect(r.keys[3]!.networks).toEqual(['testnet']);
    expect(r.overrides).toEqual([expect.objectContaining({ seq: 6, op: 'psbt.sign', operator: 'carol', overrides: ['--allow-high-fee'] })]);
    expect(r.ops['shares.drill']).toBe(3);
  });

  it('ties a drill naming only the set words to its set and keeps the last proof apart from the last drill', () => {
    const s1 = inv(HISTORY, '2026-02-01').shareSets.find((s) => s.id === 's1')!;
    expect(s1).toMatchObject({ threshold: 2, count: 3, holders: ['ann', 'ben', 'cat'], drills: 2 });
    expect(s1.lastDrill).toMatchObject({ seq: 7, result: 'MISMATCH' });
    expect(s1.lastProven).toMatchObject({ seq: 5 });
  });

  it('lists what is due as of the injected clock', () => {
    const due = inv(HISTORY, '2026-02-01').due.map((d) => `${d.code} ${d.subject}`);
    expect(due.sort()).toEqual(['drill-failed s1', 'drill-never s2', 'drill-overdue s1']);
    // Within a year of its drill s3 is fine; past it, overdue.
    expect(inv(HISTORY, '2026-10-31').due.some((d) => d.subject === 's3')).toBe(false);
    const late = inv(HISTORY, '2026-11-05').due.find((d) => d.subject === 's3')!;
    expect(late).toMatchObject({ code: 'drill-overdue', days: 368 });
    // A shorter interval from the policy makes it due sooner.
    expect(inv(HISTORY, '2026-02-01', { drillEveryDays: 60 }).due.some((d) => d.code === 'drill-overdue' && d.subject === 's3')).toBe(true);
  });

  it('a young set is not yet due for its first drill', () => {
    const r = inv(HISTORY.slice(0, 2), '2022-06-01');
    expect(r.due).toEqual([]);
  });

  it('rotation is due only when a rotation age is set, and never for a retired key', () => {
    expect(inv(HISTORY, '2026-02-01').due.some((d) => d.code === 'rotation-due')).toBe(false);
    const rot = inv(HISTORY, '2026-02-01', { rotateAfterDays: 1000 }).due.filter((d) => d.code === 'rotation-due').map((d) => d.subject);
    expect(rot).toEqual(['aaaa0001', 'bbbb0002']);
    const retired = [...HISTORY, { ts: '2026-01-10T00:00:00.000Z', op: 'key.retire', data: { fingerprint: 'bbbb0002', reason: 'holder left' } }];
    const r = inv(retired, '2026-02-01', { rotateAfterDays: 1000 });
    expect(r.due.filter((d) => d.code === 'rotation-due').map((d) => d.subject)).toEqual(['aaaa0001']);
    expect(r.keys.find((k) => k.fingerprint === 'bbbb0002')!.retired).toMatchObject({ seq: HISTORY.length + 1, reason: 'holder left' });
  });

  it('a reissued set retires the old one (superseded) and the new one is tracked', () => {
    const acts = [...HISTORY, { ts: '2026-01-20T00:00:00.000Z', op: 'shares.reissue', data: { oldSetId: 's2', setId: 's4', setWords: 'grape kiwi', threshold: 2, count: 3, fingerprint: 'bbbb0002' } }];
    const r = inv(acts, '2026-02-01');
    expect(r.shareSets.find((s) => s.id === 's2')!.retired).toMatchObject({ supersededBy: 's4', reason: 'reissued' });
    expect(r.due.some((d) => d.subject === 's2')).toBe(false);
    expect(r.shareSets.find((s) => s.id === 's4')).toMatchObject({ threshold: 2, count: 3, retired: null });
  });
});
