/**
 * Whether a signing policy can apply to this run, decided without loading the policy code: the
 * gate (src/cli/policy/gate.ts, with rule matching, approvals and the journal replay) costs more
 * start-up than the rest of `psbt sign`, and most laptops have no policy. The gate is loaded when
 * a policy flag is given, when the laptop is pinned (a pin refuses a journal without the pinned
 * policy, so it must always be judged), or when the journal's bytes contain an adoption entry's
 * op. That scan looks for the same marker the gate's reader does, so it can only load the gate
 * when not needed (an op string inside other data), never skip it when needed: an adoption entry
 * is written by `policy adopt` with exactly this op (src/cli/policy/adoption-scan.ts).
 */
import * as fs from 'node:fs';
import { journalPath } from '../journal-file.js';
import { journalMayHoldAdoption } from './adoption-scan.js';
import { pinPath } from './pin-path.js';

/** The policy flags of a signing command (PolicyGateOptions). */
interface PolicyFlags {
  policy?: string;
  approvalRequest?: string;
  approval?: string[];
}

/** Where a run keeps its journal: the part of the command context this module reads. */
interface RunPlace {
  globals: { journal?: string };
  env: Record<string, string | undefined>;
}

/** Can a policy apply to this run? (If not, the gate need not be loaded: `openGate` would return undefined.) */
export function policyMayApply(ctx: RunPlace, flags: PolicyFlags): boolean {
  if (flags.policy || flags.approvalRequest || flags.approval?.length) return true;
  if (fs.existsSync(pinPath(ctx.env))) return true;
  return journalMayHoldAdoption(journalPath(ctx.globals.journal, ctx.env));
}

/** The policy gate module, loaded only when a policy can apply. */
export async function loadGate(ctx: RunPlace, flags: PolicyFlags): Promise<typeof import('./gate.js') | undefined> {
  return policyMayApply(ctx, flags) ? import('./gate.js') : undefined;
}
