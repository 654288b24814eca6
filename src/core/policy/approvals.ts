/**
 * Approvals of one payload: an approval request (request.ts) and the approvers' SSH signatures
 * of it. The request must describe exactly this payload under this policy (the signer rebuilds the
 * text and compares), must not have expired, and must not outlive the policy's longest request
 * lifetime; then each signature is judged (signatures.ts) in the `coldkit-approval` namespace.
 * Every fault is a finding with its own code, and the names of the approvers whose approval counts
 * go to rule matching.
 */
import { refusal, RANK, type Finding } from '../findings/finding.js';
import { InputError } from '../errors.js';
import { formatDuration } from './duration.js';
import type { PolicyPayload } from './payload.js';
import { NAMESPACE, type Policy } from './policy.js';
import { digestText, firstDifference, formatRequest, isoSeconds, parseRequest, type ParsedRequest } from './request.js';
import { judgeSignatures, type SignatureInput, type SignatureProblemKind, type ValidSignature } from './signatures.js';

/** A request file and the signature files given with it. */
export interface ApprovalInput {
  requestText: string;
  /** The request's file name, for messages. */
  requestLabel: string;
  signatures: SignatureInput[];
}

/** What the approvals amount to. */
export interface ApprovalsResult {
  request?: ParsedRequest;
  /** Approvers whose approval counts. */
  approvers: Set<string>;
  valid: ValidSignature[];
  findings: Finding[];
}

/** The finding code of each signature fault. */
export const SIGNATURE_CODES: Record<SignatureProblemKind, string> = {
  malformed: 'approval-malformed',
  'wrong-namespace': 'approval-wrong-namespace',
  foreign: 'approval-foreign',
  forged: 'approval-forged',
  'key-expired': 'approval-key-expired',
  duplicate: 'approval-duplicate',
  'by-operator': 'approval-by-operator',
};

const SOURCE = 'policy:approvals';
const refuse = (code: string, message: string) => refusal(code, RANK.policy, message, SOURCE);

/** Judge a request and its signatures for `payload` under `policy` at `nowMs`. */
export function judgeApprovals(payload: PolicyPayload, policy: Policy, input: ApprovalInput | undefined, o: { nowMs: number; operator?: string }): ApprovalsResult {
  const none: ApprovalsResult = { approvers: new Set(), valid: [], findings: [] };
  if (!input) return none;
  const label = input.requestLabel;
  let request: ParsedRequest;
  try {
    request = parseRequest(input.requestText, label);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return { ...none, findings: [refuse('approval-malformed', `${e.message}; no approval counts`)] };
  }
  const findings: Finding[] = [];
  if (request.policySha256 !== policy.sha256) {
    findings.push(refuse('approval-wrong-policy', `${label} was made under policy sha256:${request.policySha256.slice(0, 16)}…, not the adopted policy "${policy.name}" sha256:${policy.sha256.slice(0, 16)}…; ask for a new request`));
  } else {
    const rebuilt = formatRequest(payload, policy, request);
    const diff = firstDifference(input.requestText, rebuilt);
    if (diff) {
      const digest = request.digest === digestText(payload.digest) ? 'its digest matches but ' : `it is for ${request.digest}, not ${digestText(payload.digest)}; `;
      findings.push(refuse('approval-wrong-payload', `${label} does not describe this payload: ${digest}${diff}`));
    }
  }
  if (o.nowMs > request.expires) findings.push(refuse('approval-expired', `${label} expired at ${isoSeconds(request.expires)} (now ${isoSeconds(o.nowMs)}); ask for a new request`));
  if (request.expires - request.created > policy.requests.maxLifetimeMs) {
    findings.push(refuse('approval-lifetime', `${label} is valid for ${formatDuration(request.expires - request.created)}, longer than the policy allows (${formatDuration(policy.requests.maxLifetimeMs)})`));
  }
  if (findings.length) return { ...none, request, findings: findings.map((f) => ({ ...f, message: `${f.message}; no approval of it counts` })) };

  const judged = judgeSignatures(new TextEncoder().encode(input.requestText), input.signatures, {
    namespace: NAMESPACE.approval,
    approvers: policy.approvers,
    what: label,
    keyExpiry: policy.rotation.approvers,
    nowMs: o.nowMs,
    ...(o.operator !== undefined ? { operator: o.operator } : {}),
    operatorMayApprove: policy.segregation.signerMayApprove,
  });
  for (const p of judged.problems) findings.push(refuse(SIGNATURE_CODES[p.kind], p.message));
  return { request, approvers: new Set(judged.valid.map((v) => v.approver)), valid: judged.valid, findings };
}
