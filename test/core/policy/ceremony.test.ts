/**
 * src/core/policy/ceremony.ts: what an adopted policy asks of ceremonies — here the recovery
 * drills: a share set is due `drills.every` after its split or its last passed drill, whichever
 * is later; the clock is injected.
 */
import { describe, expect, it } from 'vitest';
import { drillStatus, type DrillEvent } from '../../../src/core/policy/ceremony.js';

const DAY = 86_400_000;
const policy = { drills: { text: '365d', ms: 365 * DAY } };
const at = (iso: string) => Date.parse(iso);

describe('drillStatus', () => {
  const events: DrillEvent[] = [
    { set: 'set-a', kind: 'split', seq: 1, ts: '2025-01-10T00:00:00.000Z' },
    { set: 'set-a', kind: 'drill', seq: 5, ts: '2025-06-01T00:00:00.000Z' },
    { set: 'set-b', kind: 'split', seq: 2, ts: '2025-01-10T00:00:00.000Z' },
  ];
  it('counts from the last passed drill, else from the split', () => {
    const s = drillStatus(policy, events, at('2026-01-01T00:00:00Z'));
    expect(s).toEqual([
      { set: 'set-a', since: { kind: 'drill', seq: 5, ts: '2025-06-01T00:00:00.000Z' }, dueBy: '2026-06-01T00:00:00.000Z', overdue: false },
      { set: 'set-b', since: { kind: 'split', seq: 2, ts: '2025-01-10T00:00:00.000Z' }, dueBy: '2026-01-10T00:00:00.000Z', overdue: false },
    ]);
  });
  it('is overdue one moment after the due time, not at it', () => {
    expect(drillStatus(policy, events, at('2026-01-10T00:00:00Z')).find((d) => d.set === 'set-b')!.overdue).toBe(false);
    expect(drillStatus(policy, events, at('2026-01-10T00:00:00Z') + 1).find((d) => d.set === 'set-b')!.overdue).toBe(true);
  });
  it('says nothing when the policy has no drill rule', () => {
    expect(drillStatus({}, events, at('2030-01-01T00:00:00Z'))).toEqual([]);
  });
});
