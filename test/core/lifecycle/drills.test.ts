/**
 * src/core/lifecycle/drills.ts: a share set is due `every` after the later of its split and its
 * last passed drill; overdue one moment after, not at it; with nothing to count from it is due now.
 * The policy's drills.every and rotation dates become the inventory's due rules.
 */
import { describe, expect, it } from 'vitest';
import { drillStanding, dueRulesOf } from '../../../src/core/lifecycle/drills.js';

const DAY = 86_400_000;
const at = (iso: string) => Date.parse(iso);
const act = (seq: number, ts: string) => ({ seq, ts, operator: 'ann', host: 'h' });

describe('drillStanding', () => {
  const a = { id: 'set-a', created: act(1, '2025-01-10T00:00:00.000Z'), lastProven: act(5, '2025-06-01T00:00:00.000Z') };
  const b = { id: 'set-b', created: act(2, '2025-01-10T00:00:00.000Z'), lastProven: null };
  it('counts from the last passed drill, else from the split', () => {
    expect(drillStanding(a, 365 * DAY, at('2026-01-01T00:00:00Z'))).toEqual({ set: 'set-a', since: { kind: 'drill', seq: 5, ts: '2025-06-01T00:00:00.000Z' }, dueBy: '2026-06-01T00:00:00.000Z', overdue: false });
    expect(drillStanding(b, 365 * DAY, at('2026-01-01T00:00:00Z'))).toEqual({ set: 'set-b', since: { kind: 'split', seq: 2, ts: '2025-01-10T00:00:00.000Z' }, dueBy: '2026-01-10T00:00:00.000Z', overdue: false });
  });
  it('is overdue one moment after the due time, not at it', () => {
    expect(drillStanding(b, 365 * DAY, at('2026-01-10T00:00:00Z')).overdue).toBe(false);
    expect(drillStanding(b, 365 * DAY, at('2026-01-10T00:00:00Z') + 1).overdue).toBe(true);
    expect(drillStanding(a, 30 * DAY, at('2025-07-01T00:00:01Z')).overdue).toBe(true);
  });
  it('a reissue after the last drill counts from the reissue; nothing to count from is due now', () => {
    expect(drillStanding({ ...a, created: act(9, '2025-09-01T00:00:00.000Z') }, 30 * DAY, at('2025-09-20T00:00:00Z'))).toMatchObject({ since: { kind: 'split', seq: 9 }, overdue: false });
    expect(drillStanding({ id: 'x', created: null, lastProven: null }, DAY, 0)).toEqual({ set: 'x', since: null, dueBy: null, overdue: true });
  });
});

describe('dueRulesOf', () => {
  it("takes the policy's drills.every and rotation dates", () => {
    const rules = dueRulesOf({ drills: { text: '30d', ms: 30 * DAY }, rotation: { reviewBy: '2026-01-15', approvers: new Map([['dave', '2026-01-20']]) } });
    expect(rules).toEqual({ drillEvery: { text: '30d', ms: 30 * DAY }, drillEverySource: 'policy', rotation: { reviewBy: '2026-01-15', approvers: [['dave', '2026-01-20']] } });
    expect(dueRulesOf({ rotation: { approvers: new Map() } })).toEqual({ rotation: { approvers: [] } });
  });
});
