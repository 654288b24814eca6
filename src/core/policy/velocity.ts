/**
 * Velocity: the journal is the ledger. Every signing under a policy journals what it moved under
 * which rule (`policy` in the entry's data: rule id, asset, outflow, payload id, transfers); the
 * sum of a rule's outflows signed within its rolling window, plus the payload at hand, must stay
 * within `maxPerWindow`. Proven change is never an outflow. The same payload signed twice (a
 * second key of the laptop, a re-run) counts once. Entries dated after `now` (a clock set back)
 * are counted: a window can only be made wider, never emptied, by moving the clock.
 *
 * This file is pure: the CLI reads the verified journal (src/cli/policy/ledger.ts) into
 * LedgerEntry values and passes the clock.
 */
import { formatDecimal } from '../amount.js';
import type { Rule } from './policy.js';

/** One signing recorded under a rule. */
export interface LedgerEntry {
  /** Journal entry number. */
  seq: number;
  /** Journal timestamp (ISO 8601). */
  ts: string;
  /** The rule it was signed under. */
  rule: string;
  /** `BTC`, `ETH` or `erc20:<contract>`. */
  asset: string;
  /** What left the wallet (base units). */
  outflow: bigint;
  /** The payload's id (payload.ts payloadId). */
  payload: string;
}

/** What a rule has used of its window. */
export interface WindowUse {
  /** Sum of distinct payloads' outflows within the window. */
  total: bigint;
  /** The entries counted, oldest first. */
  entries: LedgerEntry[];
}

/**
 * The rule's outflows in the window ending at `nowMs` (ts > now − window), each payload once;
 * `exclude` leaves out the payload being judged (signing it again adds nothing new).
 */
export function windowUse(ledger: readonly LedgerEntry[], rule: Pick<Rule, 'id' | 'window' | 'unit'>, nowMs: number, exclude?: string): WindowUse {
  if (!rule.window) return { total: 0n, entries: [] };
  const from = nowMs - rule.window.ms;
  const seen = new Set<string>(exclude ? [exclude] : []);
  const entries: LedgerEntry[] = [];
  let total = 0n;
  for (const e of ledger) {
    if (e.rule !== rule.id || e.asset !== rule.unit.asset) continue;
    const t = Date.parse(e.ts);
    if (!(t > from) || seen.has(e.payload)) continue;
    seen.add(e.payload);
    entries.push(e);
    total += e.outflow;
  }
  return { total, entries };
}

/** "0.5 BTC at 2026-12-04T10:00:00.000Z (#12)" for each entry, at most `max` listed. */
export function describeUse(use: WindowUse, rule: Pick<Rule, 'unit'>, max = 5): string {
  const shown = use.entries.slice(-max).map((e) => `${formatDecimal(e.outflow, rule.unit.decimals)} ${rule.unit.symbol} at ${e.ts} (journal #${e.seq})`);
  const more = use.entries.length > max ? `${use.entries.length - max} earlier and ` : '';
  return use.entries.length ? `${more}${shown.join(', ')}` : 'nothing';
}
