/**
 * The one integration point every signer calls under an adopted policy:
 *
 *   policyFindings(payload, policy, approvals, ledger, now) → findings + the rule verdicts + the
 *   record to journal.
 *
 * Findings (source `policy:<rule id>`, `policy:limits`, `policy:approvals`) join the signer's own
 * in one decision; `policyLocks` gives the `locked` set for decide(): under a policy no override
 * lifts a policy refusal, nor any signer refusal the policy does not list in `overrides` — only a
 * new policy changes the rules. The record is what the journal keeps of the decision: the rule
 * matched, the approvers counted by name, the outflow velocity sums, or the refusals.
 */
import { formatDecimal } from '../amount.js';
import { note, refusal, RANK, warning, type Finding } from '../findings/finding.js';
import type { PayloadAnchor } from '../journal/payload-anchor.js';
import { judgeApprovals, type ApprovalInput, type ApprovalsResult } from './approvals.js';
import { matchRules, type MatchResult } from './match.js';
import { payloadId, totalOf, type PolicyPayload } from './payload.js';
import { endOfDay, type Policy } from './policy.js';
import { isoSeconds } from './request.js';
import type { LedgerEntry } from './velocity.js';

/** What the policy made of one payload. */
export interface PolicyEvaluation {
  findings: Finding[];
  match: MatchResult;
  approvals: ApprovalsResult;
  /** The journal's record of the decision (the `policy` member of the signing entry). */
  record: PolicyRecord;
}

/** The journal record of a decision under a policy (docs/formats/journal.md, "policy"). */
export interface PolicyRecord {
  sha256: string;
  name: string;
  /** The rule that allowed the payload, or null. */
  rule: string | null;
  chain: string;
  network?: string;
  chainId?: string;
  /** The payload id (velocity counts each once). */
  payload: string;
  /** The matched rule's asset and the outflow in it (base units, decimal string). */
  asset: string | null;
  outflow: string;
  transfers: { to: string; asset: string; amount: string }[];
  /** Approvers counted, by name, and the request they signed. */
  approvals: string[];
  /** The approvers' journal heads their approval files carried (`coldkit approve`), by approver. */
  approvalAnchors?: { approver: string; journalAnchor: PayloadAnchor }[];
  request: { requestedBy: string; created: string; expires: string; rule: string } | null;
  operator: string | null;
  /** Refusal codes (empty when signed). */
  refusals: string[];
}

/** Options of an evaluation. */
export interface EvaluateOptions {
  /** The operator running the signer (`--operator`). */
  operator?: string;
  /** Leave out approvals and velocity: the online side warns about the rest. */
  online?: boolean;
}

/** The policy's fee limits as findings. */
export function feeFindings(p: PolicyPayload, policy: Pick<Policy, 'limits'>): Finding[] {
  const out: Finding[] = [];
  const { limits } = policy;
  const src = 'policy:limits';
  if (p.chain === 'btc' && p.fee !== undefined) {
    if (limits.maxFeeRateMsat !== undefined && p.feeRateMsat !== undefined && p.feeRateMsat > limits.maxFeeRateMsat) {
      out.push(refusal('policy-fee-rate', RANK.policy, `fee rate ${formatDecimal(p.feeRateMsat, 3)} sat/vB is above the policy's maxFeeRate ${formatDecimal(limits.maxFeeRateMsat, 3)} sat/vB`, src));
    }
    const sent = totalOf(p.transfers, 'BTC');
    if (limits.maxFeePercentHundredths !== undefined && sent > 0n && p.fee * 10000n > limits.maxFeePercentHundredths * sent) {
      out.push(refusal('policy-fee-percent', RANK.policy, `fee ${p.fee} sat is ${formatDecimal((p.fee * 10000n) / sent, 2)}% of the amount sent, above the policy's maxFeePercent ${formatDecimal(limits.maxFeePercentHundredths, 2)}%`, src));
    }
  }
  if (p.chain === 'eth' && limits.maxFeeWei !== undefined && p.fee !== undefined && p.fee > limits.maxFeeWei) {
    out.push(refusal('policy-fee', RANK.policy, `gas may cost up to ${formatDecimal(p.fee, 18)} ETH, above the policy's maxFeeEth ${formatDecimal(limits.maxFeeWei, 18)} ETH`, src));
  }
  return out;
}

/** Judge a payload under a policy: fee limits, approvals, rules (velocity from `ledger`), at `nowMs`. */
export function policyFindings(payload: PolicyPayload, policy: Policy, approvals: ApprovalInput | undefined, ledger: readonly LedgerEntry[], nowMs: number, o: EvaluateOptions = {}): PolicyEvaluation {
  const findings: Finding[] = [...feeFindings(payload, policy)];
  const judged = o.online ? { approvers: new Set<string>(), valid: [], findings: [] } : judgeApprovals(payload, policy, approvals, { nowMs, ...(o.operator !== undefined ? { operator: o.operator } : {}) });
  findings.push(...judged.findings);
  const match = matchRules(policy, payload, { approvers: judged.approvers, ledger, nowMs, ...(o.online ? { ignore: { approvals: true, velocity: true } } : {}) });
  const m = match.matched;
  if (m) {
    const by = m.approvedBy.length ? `approved by ${m.approvedBy.join(', ')}` : 'no approval needed';
    findings.push(note('policy-rule', `falls under rule "${m.rule}" of policy "${policy.name}" (${by})`, `policy:${m.rule}`));
    if (judged.request && judged.request.rule !== m.rule) findings.push(warning('policy-other-rule', RANK.policy, `the request named rule "${judged.request.rule}" but the payload falls under "${m.rule}"`, `policy:${m.rule}`));
  } else {
    const why = match.verdicts.map((v) => `rule "${v.rule}" ${v.reasons.join(', ')}`).join('; ');
    findings.push(refusal('policy-no-rule', RANK.policy, `no rule of policy "${policy.name}" allows this payload: ${why || 'the policy has no rules'}`, 'policy:rules'));
  }
  if (policy.rotation.reviewBy && nowMs > endOfDay(policy.rotation.reviewBy)) {
    findings.push(warning('policy-review-due', RANK.policy, `policy "${policy.name}" was due for review by ${policy.rotation.reviewBy}`, 'policy:rotation'));
  }
  const rule = m ? policy.rules.find((r) => r.id === m.rule) : undefined;
  const anchored = judged.valid.flatMap((v) => (v.journalAnchor ? [{ approver: v.approver, journalAnchor: v.journalAnchor }] : []));
  const record: PolicyRecord = {
    sha256: policy.sha256,
    name: policy.name,
    rule: m?.rule ?? null,
    chain: payload.chain,
    ...(payload.network ? { network: payload.network } : {}),
    ...(payload.chainId !== undefined ? { chainId: payload.chainId.toString() } : {}),
    payload: payloadId(payload.digest),
    asset: rule?.unit.asset ?? null,
    outflow: (m?.outflow ?? 0n).toString(),
    transfers: payload.transfers.map((t) => ({ to: t.to, asset: t.asset, amount: t.amount.toString() })),
    approvals: m?.approvedBy ?? [...judged.approvers].sort(),
    ...(anchored.length ? { approvalAnchors: anchored } : {}),
    request: judged.request ? { requestedBy: judged.request.requestedBy, created: isoSeconds(judged.request.created), expires: isoSeconds(judged.request.expires), rule: judged.request.rule } : null,
    operator: o.operator ?? null,
    refusals: [...new Set(findings.filter((f) => f.severity === 'refuse').map((f) => f.code))],
  };
  return { findings, match, approvals: judged, record };
}

/** The codes decide() must lock under `policy`: every refusal code except the overrides the policy lists. */
export function policyLocks(policy: Pick<Policy, 'overrides'>, findings: readonly Finding[]): Set<string> {
  return new Set(findings.filter((f) => f.severity === 'refuse' && !policy.overrides.includes(f.code)).map((f) => f.code));
}

/** Ledger entries from journal records: signed decisions with a rule (refusals never count). */
export function ledgerEntry(seq: number, ts: string, record: unknown): LedgerEntry | undefined {
  if (typeof record !== 'object' || record === null) return undefined;
  const r = record as Record<string, unknown>;
  if (typeof r.rule !== 'string' || typeof r.asset !== 'string' || typeof r.outflow !== 'string' || typeof r.payload !== 'string' || !/^\d+$/.test(r.outflow)) return undefined;
  if (Array.isArray(r.refusals) && r.refusals.length) return undefined;
  return { seq, ts, rule: r.rule, asset: r.asset, outflow: BigInt(r.outflow), payload: r.payload };
}
