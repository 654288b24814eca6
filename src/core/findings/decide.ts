/**
 * The one decision: findings plus the overrides the operator gave → go or refuse. Every finding is
 * reported (never only the first), sorted most fundamental first; a refusal names every blocking
 * finding at once, so one run tells the operator everything that stands in the way.
 */
import { RefusedError } from '../errors.js';
import type { Finding } from './finding.js';

/** What the decision allows, and why. */
export interface Decision {
  go: boolean;
  /** Every finding, most fundamental first (stable within a rank). */
  findings: Finding[];
  /** Refusals that block: not overridable, not overridden, or locked by a policy. */
  blocking: Finding[];
  /** Refusals lifted by an override the operator gave. */
  overridden: Finding[];
  /** Warnings and notes. */
  notes: Finding[];
  /** Codes of the overrides actually used, each once, in finding order (to journal). */
  overrides: string[];
}

/** Options of the decision. */
export interface DecideOptions {
  /**
   * Codes that no override may lift here (an adopted signing policy locks its limits: only a new
   * policy changes the rules). A locked refusal blocks even when its override was given.
   */
  locked?: ReadonlySet<string>;
}

/** Sort findings most fundamental first, keeping the order of equal ranks. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return findings.map((f, i) => ({ f, i })).sort((a, b) => a.f.rank - b.f.rank || a.i - b.i).map((x) => x.f);
}

/** Turn findings and allowed override codes into a decision. */
export function decide(findings: readonly Finding[], allow: ReadonlySet<string>, opts: DecideOptions = {}): Decision {
  const all = sortFindings(findings);
  const blocking: Finding[] = [];
  const overridden: Finding[] = [];
  const notes: Finding[] = [];
  for (const f of all) {
    if (f.severity !== 'refuse') notes.push(f);
    else if (opts.locked?.has(f.code)) blocking.push({ ...f, overridable: false });
    else if (f.overridable && allow.has(f.code)) overridden.push(f);
    else blocking.push(f);
  }
  return { go: blocking.length === 0, findings: all, blocking, overridden, notes, overrides: [...new Set(overridden.map((f) => f.code))] };
}

/**
 * Throw one RefusedError naming every blocking finding (exit 3), or return the decision. The error
 * carries the codes that could be overridden so the CLI can name their flags.
 */
export function enforce(d: Decision): Decision {
  if (d.go) return d;
  throw refusedBy(d.blocking);
}

/** The RefusedError for blocking findings: messages joined, overridable codes attached. */
export function refusedBy(blocking: readonly Finding[]): RefusedError {
  const overridable = [...new Set(blocking.filter((f) => f.overridable).map((f) => f.code))];
  return new RefusedError(blocking.map((f) => f.message).join('; '), overridable, blocking);
}
