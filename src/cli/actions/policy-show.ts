/**
 * `coldkit policy show`: the policy in force on this journal — re-verified from the journal's
 * adoption records — with its SHA-256, where and by whom it was adopted, its rules, the ceremony
 * requirements, and the file itself (`--json`: `file`).
 */
import { ceremonyRequirements, drillStatus, type DrillEvent, type DrillStatus } from '../../core/policy/ceremony.js';
import { sanitize } from '../../core/text.js';
import type { Action } from '../command.js';
import type { policyShow } from '../commands/policy.js';
import * as path from 'node:path';
import { pinFindings } from '../../core/policy/pin.js';
import { journalPath, scanJournal } from '../journal-file.js';
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
  const events: DrillEvent[] = [];
  if (p.drills) {
    scanJournal(journal, ({ entry: e }) => {
      const d = e.data as { setId?: unknown; fingerprint?: unknown; result?: unknown };
      const set = typeof d.setId === 'string' ? d.setId : typeof d.fingerprint === 'string' ? d.fingerprint : undefined;
      if (set === undefined) return;
      if (e.op === 'shares.split') events.push({ set, kind: 'split', seq: e.seq, ts: e.ts });
      else if (e.op === 'shares.drill' && d.result === 'MATCH') events.push({ set, kind: 'drill', seq: e.seq, ts: e.ts });
    });
  }
  const drills = drillStatus(p, events, ctx.now().getTime());
  const pin = readPin(ctx.env);
  const pinned = pin ? { file: pinPath(ctx.env), ...pin, refusals: pinFindings(pin, { journal: path.resolve(journal), chain: adopted.chain }).map((f) => f.message) } : null;
  const result = {
    journal,
    adopted: true,
    ...policySummary(p),
    adoptedAt: { seq: adopted.seq, ts: adopted.ts },
    approvedBy: adopted.approvedBy,
    ceremony: ceremonyRequirements(p, ctx.now().getTime()),
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
        ...r.drills.map((d: DrillStatus) => `share set ${sanitize(d.set)}: ${d.overdue ? 'DRILL OVERDUE' : 'next drill due'} by ${d.dueBy} (last ${d.since.kind} at journal #${d.since.seq}, ${d.since.ts})`),
        '',
        r.file.split('\n').map(sanitize).join('\n'),
      ].join('\n'),
  };
};
export default action;
