/**
 * What an adopted policy asks of ceremonies, for the ceremony gate (`--require-offline`, built by
 * the ceremony commands) and for status/inventory reports: whether every ceremony must run on a
 * machine proven offline, how often recovery drills are due (when each set is due:
 * src/core/lifecycle/drills.ts), when the policy wants review, and when each approver's key stops counting. Pure: the caller passes the policy and the clock.
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
