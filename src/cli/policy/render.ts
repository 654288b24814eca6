/**
 * The policy part of a signing command's result (`policy` in --json, docs/cli/policy.md) and its
 * human lines: the policy, the rule matched or each rule's reasons, the approvals counted by name.
 */
import { anchorJson, type JournalAnchorJson } from '../../core/journal/payload-anchor.js';
import type { PolicyEvaluation } from '../../core/policy/evaluate.js';
import { sanitize } from '../../core/text.js';

/** The `policy` member of a signing result. */
export interface PolicyResult {
  name: string;
  sha256: string;
  rule: string | null;
  approvedBy: string[];
  approvals: { approver: string; file: string; key: string; journalAnchor?: JournalAnchorJson }[];
  verdicts: { rule: string; allowed: boolean; reasons: string[] }[];
}

export function policyResult(e: PolicyEvaluation): PolicyResult {
  return {
    name: e.record.name,
    sha256: e.record.sha256,
    rule: e.record.rule,
    approvedBy: e.record.approvals,
    approvals: e.approvals.valid.map((v) => ({ approver: v.approver, file: v.label, key: v.key, ...(v.journalAnchor ? { journalAnchor: anchorJson(v.journalAnchor) } : {}) })),
    verdicts: e.match.verdicts.map((v) => ({ rule: v.rule, allowed: v.allowed, reasons: v.reasons })),
  };
}

/** Human lines: the matched rule, or why no rule allows the payload. */
export function policyLines(r: PolicyResult): string[] {
  if (r.rule) return [`policy "${sanitize(r.name)}": rule "${r.rule}"${r.approvedBy.length ? `, approved by ${r.approvedBy.join(', ')}` : ''}`];
  return [`policy "${sanitize(r.name)}": no rule allows this`, ...r.verdicts.map((v) => `  rule "${v.rule}": ${v.reasons.map(sanitize).join('; ')}`)];
}
