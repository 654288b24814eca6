/**
 * What an adopted policy asks of ceremonies, for the ceremony gate (`--require-offline`, built by
 * the ceremony commands) and for status/inventory reports: whether every ceremony must run on a
 * machine proven offline, how often recovery drills are due, when the policy wants review, and
 * when each approver's key stops counting. Pure: the caller passes the policy and the clock.
 */
import { endOfDay, type Policy } from './policy.js';

/** The ceremony requirements of a policy. */
export interface CeremonyRequirements {
  /** Every ceremony command must run as with `--require-offline`. */
  requireOffline: boolean;
  /** Longest time between recovery drills of a share set, in ms (undefined: no rule). */
  drillEveryMs?: number;
  drillEvery?: string;
  /** The policy's review date (YYYY-MM-DD) and whether it has passed. */
  reviewBy?: { date: string; due: boolean };
  /** Approver keys with an expiry date, and whether it has passed. */
  keyExpiry: { approver: string; date: string; expired: boolean }[];
}

/** The requirements of `policy` at `nowMs`. */
export function ceremonyRequirements(policy: Pick<Policy, 'ceremony' | 'drills' | 'rotation'>, nowMs: number): CeremonyRequirements {
  return {
    requireOffline: policy.ceremony.requireOffline,
    ...(policy.drills ? { drillEveryMs: policy.drills.ms, drillEvery: policy.drills.text } : {}),
    ...(policy.rotation.reviewBy ? { reviewBy: { date: policy.rotation.reviewBy, due: nowMs > endOfDay(policy.rotation.reviewBy) } } : {}),
    keyExpiry: [...policy.rotation.approvers].map(([approver, date]) => ({ approver, date, expired: nowMs > endOfDay(date) })),
  };
}

/** A share set's split or a passed drill, from the journal (`shares.split`, `shares.drill` with MATCH). */
export interface DrillEvent {
  /** The share set: its set id, else the wallet fingerprint. */
  set: string;
  kind: 'split' | 'drill';
  seq: number;
  /** ISO time of the entry. */
  ts: string;
}

/** Where one share set stands against the policy's `drills.every`. */
export interface DrillStatus {
  set: string;
  /** The last passed drill, or the split when none has passed since. */
  since: { kind: 'split' | 'drill'; seq: number; ts: string };
  /** When the next drill is due (ISO). */
  dueBy: string;
  overdue: boolean;
}

/**
 * Each share set's drill status under the policy at `nowMs`: a set is due `drills.every` after its
 * split or its last passed drill, whichever is later. Empty when the policy sets no drill rule.
 */
export function drillStatus(policy: Pick<Policy, 'drills'>, events: readonly DrillEvent[], nowMs: number): DrillStatus[] {
  const drills = policy.drills;
  if (!drills) return [];
  const last = new Map<string, DrillEvent>();
  for (const e of events) {
    const prev = last.get(e.set);
    if (!prev || Date.parse(e.ts) >= Date.parse(prev.ts)) last.set(e.set, e);
  }
  return [...last.values()].map((e) => {
    const due = Date.parse(e.ts) + drills.ms;
    return { set: e.set, since: { kind: e.kind, seq: e.seq, ts: e.ts }, dueBy: new Date(due).toISOString(), overdue: nowMs > due };
  });
}
