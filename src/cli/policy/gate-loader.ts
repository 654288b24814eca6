/**
 * Whether a signing policy can apply to this run, decided without loading the policy code: the
 * gate (src/cli/policy/gate.ts, with rule matching, approvals and the journal replay) costs more
 * start-up than the rest of `psbt sign`, and most laptops have no policy. The gate is loaded when
 * a policy flag is given, when the laptop is pinned (a pin refuses a journal without the pinned
 * policy, so it must always be judged), or when the journal's bytes contain an adoption entry's
 * op. That scan looks for the same marker the gate's reader does, so it can only load the gate
 * when not needed (an op string inside other data), never skip it when needed: an adoption entry
 * is written by `policy adopt` with exactly this op.
 */
import * as fs from 'node:fs';
import { journalPath } from '../journal-file.js';
import type { Context } from '../command.js';
import type { PolicyFlags } from './gate.js';
import { pinPath } from './pin.js';

/** Journal op of an adoption. */
export const ADOPT_OP = 'policy.adopt';

/** The op of an adoption entry as the journal writes it (JSON, no spaces). */
export const ADOPT_MARK = Buffer.from(`"op":"${ADOPT_OP}"`);

/** Does the file contain the marker? Streams in 1 MiB chunks, overlapping by the marker's length. */
function fileContains(file: string, mark: Buffer): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    return true; // unreadable: let the gate report it
  }
  try {
    const buf = Buffer.alloc(1 << 20);
    let pos = 0;
    let carry = 0;
    for (;;) {
      const n = fs.readSync(fd, buf, carry, buf.length - carry, pos);
      if (n === 0) return false;
      const end = carry + n;
      if (buf.subarray(0, end).indexOf(mark) !== -1) return true;
      pos += n;
      carry = Math.min(mark.length - 1, end);
      buf.copy(buf, 0, end - carry, end);
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** Does this journal hold an adoption entry? (False: no policy is adopted in it; true: the gate's reader decides.) */
export function journalMayHoldAdoption(journal: string): boolean {
  return fileContains(journal, ADOPT_MARK);
}

/** Can a policy apply to this run? (If not, the gate need not be loaded: `openGate` would return undefined.) */
export function policyMayApply(ctx: Context, flags: PolicyFlags): boolean {
  if (flags.policy || flags.approvalRequest || flags.approval?.length) return true;
  if (fs.existsSync(pinPath(ctx.env))) return true;
  return journalMayHoldAdoption(journalPath(ctx.globals.journal, ctx.env));
}

/** The policy gate module, loaded only when a policy can apply. */
export async function loadGate(ctx: Context, flags: PolicyFlags): Promise<typeof import('./gate.js') | undefined> {
  return policyMayApply(ctx, flags) ? import('./gate.js') : undefined;
}
