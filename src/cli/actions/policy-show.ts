/**
 * `coldkit policy show`: the policy in force on this journal — re-verified from the journal's
 * adoption records — with its SHA-256, where and by whom it was adopted, its rules, the ceremony
 * requirements, and the file itself (`--json`: `file`).
 */
import { ceremonyRequirements } from '../../core/policy/ceremony.js';
import { drillStanding, dueRulesOf, type DrillStanding } from '../../core/lifecycle/drills.js';
import { sanitize } from '../../core/text.js';
import type { Action } from '../command.js';
import type { policyShow } from '../commands/policy.js';
import * as path from 'node:path';
import { pinFindings } from '../../core/policy/pin.js';
import { journalPath } from '../journal-file.js';
import { journalInventory } from '../lifecycle/journal-inventory.js';
import { pinPath, readPin } from '../policy/pin.js';
import { policyState } from '../policy/journal-policy.js';
import { policySummary } from './policy-check.js';

const action: Action<typeof policyShow> = async (_opts, ctx) => {
  const journal = journalPath(ctx.globals.journal, ctx.env);
  const { adopted } = policyState(journal);
  if (!adopted) {
    return { result: { journal, adopted: false }, human: () => `no policy is adopted in ${journal} (coldkit policy adopt FILE --approval …)` };
  }
  const p = adopted.policy;
  // One drill computation (core/lifecycle/drills.ts), the same `coldkit status` judges by.
  const now = ctx.now();
  const drills: DrillStanding[] = p.drills
    ? journalInventory(journal, now, dueRulesOf(p)).shareSets.filter((s) => !s.retired).map((s) => drillStanding(s, p.drills!.ms, now.getTime()))
    : [];
  const pin = readPin(ctx.env);
  const pinned = pin ? { file: pinPath(ctx.env), ...pin, refusals: pinFindings(pin, { journal: path.resolve(journal), chain: adopted.chain }).map((f) => f.message) } : null;
  const result = {
    journal,
    adopted: true,
    ...policySummary(p),
    adoptedAt: { seq: adopted.seq, ts: adopted.ts },
    approvedBy: adopted.approvedBy,
    ceremony: ceremonyRequirements(p, now.getTime()),
    drills,
    pin: pinned,
    file: new TextDecoder().decode(adopted.bytes),
  };
  return {
    result,
    human: (r) =>
      [
        `policy "${sanitize(p.name)}" adopted at journal #${r.adoptedAt.seq} (${r.adoptedAt.ts}), approved by ${r.approvedBy.join(', ')}`,
        `sha256: ${p.sha256}`,
        r.pin ? `laptop pinned to ${r.pin.journal} under "${sanitize(r.pin.root.name)}" (${r.pin.file})${r.pin.refusals.length ? ` — SIGNING REFUSED: ${r.pin.refusals.map(sanitize).join('; ')}` : ''}` : 'laptop not pinned (policy adopt --pin-laptop)',
        ...r.drills.map((d: DrillStanding) =>
          d.since ? `share set ${sanitize(d.set)}: ${d.overdue ? 'DRILL OVERDUE' : 'next drill due'} by ${d.dueBy} (last ${d.since.kind} at journal #${d.since.seq}, ${d.since.ts})` : `share set ${sanitize(d.set)}: DRILL OVERDUE (no split or passed drill in this journal)`,
        ),
        '',
        r.file.split('\n').map(sanitize).join('\n'),
      ].join('\n'),
  };
};
export default action;
