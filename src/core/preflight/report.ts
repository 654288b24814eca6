/**
 * The pre-flight of a ceremony laptop: every check over the gathered facts, and the verdict —
 * fit for a ceremony only when no check failed (warnings are shown, with what to do).
 */
import type { PreflightCheck } from './check.js';
import type { PreflightFacts } from './facts.js';
import { hostChecks } from './host.js';
import { networkChecks } from './network.js';
import { sessionChecks } from './session.js';

/** Every check and the verdict. */
export interface PreflightReport {
  /** No check failed. */
  ok: boolean;
  counts: { pass: number; warn: number; fail: number };
  checks: PreflightCheck[];
}

/** Judge the facts: network and radios, memory and host, clock, journal and terminal. */
export function preflight(facts: PreflightFacts): PreflightReport {
  const checks = [...networkChecks(facts), ...hostChecks(facts), ...sessionChecks(facts)];
  const counts = { pass: 0, warn: 0, fail: 0 };
  for (const c of checks) counts[c.status]++;
  return { ok: counts.fail === 0, counts, checks };
}
