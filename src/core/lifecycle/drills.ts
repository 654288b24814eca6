/**
 * When a share set's next recovery drill is due: `every` after the later of its split (or
 * reissue) and its last drill that MATCHed (custody-controls.md §4; a policy's `drills.every`,
 * default 365 days). The one computation behind `coldkit status` (due items) and `policy show`
 * (drill status). Pure: the clock is passed in.
 */
import type { Policy } from '../policy/policy.js';


/** Where one share set stands against the drill interval. */
export interface DrillStanding {
  /** The set (its id, or its words when the format has no id). */
  set: string;
  /** What the interval counts from: the last passed drill, else the split; null when neither is in the journal. */
  since: { kind: 'split' | 'drill'; seq: number; ts: string } | null;
  /** When the next drill is due (ISO); null when nothing to count from (due now). */
  dueBy: string | null;
  /** Past due: one moment after `dueBy`, not at it (or nothing to count from). */
  overdue: boolean;
}

/** A share set as the drill rule sees it (an inventory ShareSetRecord fits). */
export interface DrillSubject {
  id: string;
  /** Its split (or reissue). */
  created: { seq: number; ts: string } | null;
  /** Its last drill that MATCHed. */
  lastProven: { seq: number; ts: string } | null;
}

/** Due-date rules: the policy's `drills.every` (default 365 days), an optional key rotation age, the policy's rotation dates. */
export interface DueRules {
  /** The drill interval in days (a flag); `drillEvery` wins when both are given. */
  drillEveryDays?: number;
  /** The drill interval as the policy writes it ("30d", "1y") and in ms. */
  drillEvery?: { text: string; ms: number };
  /** Where the interval came from (reported as is). */
  drillEverySource?: 'policy' | 'flag' | 'default';
  rotateAfterDays?: number | null;
  /** The adopted policy's `rotation`: its review date and approver key expiry dates. */
  rotation?: { reviewBy?: string; approvers: ReadonlyArray<readonly [string, string]> };
}

/** The drill standing of `s` with drills due every `everyMs`, at `nowMs`. */
export function drillStanding(s: DrillSubject, everyMs: number, nowMs: number): DrillStanding {
  const from = s.lastProven && (!s.created || Date.parse(s.lastProven.ts) >= Date.parse(s.created.ts)) ? { kind: 'drill' as const, seq: s.lastProven.seq, ts: s.lastProven.ts } : s.created ? { kind: 'split' as const, seq: s.created.seq, ts: s.created.ts } : null;
  const t = from ? Date.parse(from.ts) : NaN;
  if (!from || Number.isNaN(t)) return { set: s.id, since: null, dueBy: null, overdue: true };
  const due = t + everyMs;
  return { set: s.id, since: { kind: from.kind, seq: from.seq, ts: from.ts }, dueBy: new Date(due).toISOString(), overdue: nowMs > due };
}

/** The due-date rules an adopted policy sets: `drills.every` (when it has one) and its `rotation` dates. */
export function dueRulesOf(policy: Pick<Policy, 'drills' | 'rotation'>): DueRules {
  return {
    ...(policy.drills ? { drillEvery: policy.drills, drillEverySource: 'policy' as const } : {}),
    rotation: { ...(policy.rotation.reviewBy ? { reviewBy: policy.rotation.reviewBy } : {}), approvers: [...policy.rotation.approvers] },
  };
}
