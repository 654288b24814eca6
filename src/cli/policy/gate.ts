/**
 * The policy gate of the signing commands (`psbt sign` today; `eth sign`, `eth sign-typed-data` and
 * `eth safe sign` call the same three functions): open the policy in force from the journal, with
 * the flags `--policy FILE`, `--approval-request FILE`, `--approval SIG…` and the global
 * `--operator`; judge a payload under it (core's policyFindings); and journal the decision.
 *
 * - No policy adopted: the gate is open (undefined) and the policy flags are refused as usage.
 * - A policy adopted: `--policy FILE`, when given, must be the adopted file byte for byte (exit 3
 *   otherwise); without it the journal's own copy is used. Under segregation of duties
 *   (signerMayApprove false) `--operator NAME` is required.
 */
import { readFileBounded } from '../io.js';
import * as path from 'node:path';
import { InputError, RefusedError } from '../../core/errors.js';
import { decide, refusedBy } from '../../core/findings/decide.js';
import { hardRefusal, RANK, type Finding } from '../../core/findings/finding.js';
import type { Adopted } from '../../core/policy/adoption.js';
import type { ApprovalInput } from '../../core/policy/approvals.js';
import { policyFindings, policyLocks, type PolicyEvaluation } from '../../core/policy/evaluate.js';
import type { PolicyPayload } from '../../core/policy/payload.js';
import type { LedgerEntry } from '../../core/policy/velocity.js';
import { sha256Hex } from '../../core/journal/native.js';
import type { Context, JournalAct } from '../command.js';
import { withJournal } from '../execute.js';
import { overrideFlag } from '../overrides.js';
import { DEFAULT_FEE_LIMITS, type FeeLimits } from '../../core/btc/policy.js';
import { journalPath } from '../journal-file.js';
import type { PolicyGateOptions } from '../options/sets.js';
import { policyState } from './journal-policy.js';
import { pinPath, readPin } from './pin.js';
import { pinFindings } from '../../core/policy/pin.js';

/** The policy flags of a signing command (POLICY_GATE in src/cli/options/sets.ts). */
export type PolicyFlags = PolicyGateOptions;

/** An open gate: the policy in force, the ledger, the approvals given, the operator. */
export interface Gate {
  adopted: Adopted;
  ledger: LedgerEntry[];
  approvals?: ApprovalInput;
  operator?: string;
}

function readText(path: string, flag: string): string {
  return Buffer.from(readFileBounded(path, flag)).toString('utf8');
}

/** Open the gate for a signing command; undefined when no policy is adopted in this journal. */
export function openGate(ctx: Context, flags: PolicyFlags): Gate | undefined {
  const journal = journalPath(ctx.globals.journal, ctx.env);
  const { adopted, ledger } = policyState(journal);
  // A pinned laptop signs only on its pinned journal, under a policy descended from the pinned one.
  const pin = readPin(ctx.env);
  if (pin) {
    const blocking = pinFindings(pin, { journal: path.resolve(journal), chain: adopted?.chain });
    if (blocking.length) refuse(blocking, 'pin', undefined, { pin: pinPath(ctx.env), journal: path.resolve(journal) });
  }
  const given = [flags.policy && '--policy', flags.approvalRequest && '--approval-request', flags.approval?.length && '--approval'].filter(Boolean);
  if (!adopted) {
    if (given.length) throw new InputError(`no policy is adopted in this journal (${journal}); ${given.join(', ')} appl${given.length === 1 ? 'ies' : 'y'} under an adopted policy (coldkit policy adopt)`, String(given[0]));
    return undefined;
  }
  if (flags.policy) {
    const bytes = readFileBounded(flags.policy, '--policy');
    const sha = sha256Hex(bytes);
    if (sha !== adopted.policy.sha256) {
      const e = new RefusedError(`--policy ${flags.policy} (sha256:${sha.slice(0, 16)}…) is not the adopted policy "${adopted.policy.name}" (sha256:${adopted.policy.sha256.slice(0, 16)}…, journal #${adopted.seq}); only \`coldkit policy adopt\` with the admins' approvals changes the policy`, [], [
        hardRefusal('policy-not-adopted', RANK.policy, `the given policy file is not the adopted one`, 'policy:adoption'),
      ]);
      throw refusalJournaled(e, 'policy-file', undefined, { file: flags.policy, sha256: sha });
    }
  }
  if (flags.approval?.length && !flags.approvalRequest) throw new InputError('--approval signs a request: give it with --approval-request FILE', '--approval');
  const operator = ctx.globals.operator;
  if (!adopted.policy.segregation.signerMayApprove && operator === undefined) {
    throw new InputError(`the adopted policy "${adopted.policy.name}" separates the signer from the approvers: name yourself with --operator NAME`, '--operator');
  }
  const approvals: ApprovalInput | undefined = flags.approvalRequest
    ? { requestText: readText(flags.approvalRequest, '--approval-request'), requestLabel: flags.approvalRequest, signatures: (flags.approval ?? []).map((f) => ({ label: f, text: readText(f, '--approval') })) }
    : undefined;
  ctx.note(`policy: "${adopted.policy.name}" sha256:${adopted.policy.sha256.slice(0, 16)}… (adopted at journal #${adopted.seq})`);
  return { adopted, ledger, ...(approvals ? { approvals } : {}), ...(operator !== undefined ? { operator } : {}) };
}

/** Judge a payload under the gate's policy now. */
export function evaluate(gate: Gate, payload: PolicyPayload, ctx: Context): PolicyEvaluation {
  return policyFindings(payload, gate.adopted.policy, gate.approvals, gate.ledger, ctx.now().getTime(), gate.operator !== undefined ? { operator: gate.operator } : {});
}

/** The codes decide() must lock under the gate: every refusal except the overrides the policy lists. */
export function locks(gate: Gate, findings: readonly Finding[]): Set<string> {
  return policyLocks(gate.adopted.policy, findings);
}

/** The journal act of a refusal under a policy (op `policy.refuse`), attached to the error it throws. */
export function refusalJournaled(e: RefusedError, op: string, evaluation: PolicyEvaluation | undefined, extra: Record<string, unknown> = {}): RefusedError {
  const act: JournalAct = { op: 'policy.refuse', data: { command: op, ...extra, findings: e.findings.length ? e.findings.map((f) => ({ code: f.code, source: f.source ?? 'signer', message: f.message })) : [{ code: e.overrides[0] ?? 'refused', source: 'signer', message: e.message }], ...(evaluation ? { policy: { ...evaluation.record, refusals: [...new Set(e.findings.map((f) => f.code))] } } : {}) } };
  return withJournal(e, [act]);
}

/**
 * Judge a payload under the gate's policy and decide (for signers whose own checks ran already,
 * e.g. the Ethereum ones): every blocking finding is refused at once, journaled as `policy.refuse`
 * with the evaluation; `allow` lifts only what the policy lists in `overrides`. Returns the
 * evaluation for the result (policyResult) and the signing entry's `policy` record.
 */
export function enforcePolicy(gate: Gate, payload: PolicyPayload, ctx: Context, allow: ReadonlySet<string>, op: string, extra: Record<string, unknown> = {}): PolicyEvaluation {
  const evaluation = evaluate(gate, payload, ctx);
  const decision = decide(evaluation.findings, allow, { locked: locks(gate, evaluation.findings) });
  if (!decision.go) refuse(decision.blocking, op, evaluation, extra);
  return evaluation;
}

/** Run a signer's own checks; under a gate, a refusal they throw is journaled as `policy.refuse` too. */
export function underGate<T>(gate: Gate | undefined, op: string, extra: Record<string, unknown>, checks: () => T): T {
  try {
    return checks();
  } catch (e) {
    if (gate && e instanceof RefusedError) throw refusalJournaled(e, op, undefined, extra);
    throw e;
  }
}

/** Refuse with every blocking finding, journaled as a policy refusal. */
export function refuse(blocking: Finding[], op: string, evaluation: PolicyEvaluation | undefined, extra: Record<string, unknown> = {}): never {
  throw refusalJournaled(refusedBy(blocking), op, evaluation, extra);
}

/**
 * Under an adopted policy the keyboard cannot loosen the rules: `--allow-<code>` flags the policy
 * does not list in `overrides` are refused (exit 3), and so are fee limits looser than the signer's
 * defaults. Only a new policy, approved by the admins, changes them.
 */
export function underPolicy(gate: Gate, o: { allow: ReadonlySet<string>; limits?: FeeLimits; looser?: readonly string[] }): void {
  const p = gate.adopted.policy;
  const refused = [...o.allow].filter((c) => !p.overrides.includes(c));
  const problems: string[] = [];
  if (refused.length) problems.push(`${refused.map(overrideFlag).join(', ')} ${refused.length === 1 ? 'is' : 'are'} not among the policy's overrides (${p.overrides.length ? p.overrides.map(overrideFlag).join(', ') : 'none'})`);
  const l = o.limits;
  if (l && (l.maxFeeRateMsat > DEFAULT_FEE_LIMITS.maxFeeRateMsat || l.maxFeePercentHundredths > DEFAULT_FEE_LIMITS.maxFeePercentHundredths || (l.maxFeeSat ?? 0n) > DEFAULT_FEE_LIMITS.maxFeeSat || (l.maxChangeIndex ?? 0) > DEFAULT_FEE_LIMITS.maxChangeIndex)) {
    problems.push('--max-fee-rate/--max-fee-percent/--max-fee/--max-change-index may only tighten the signer\'s limits');
  }
  if (o.looser?.length) problems.push(`${o.looser.join(', ')} may only tighten the signer's limits`);
  if (problems.length) {
    const f = hardRefusal('policy-override-refused', RANK.policy, `under the adopted policy "${p.name}" ${problems.join('; ')}: only a new policy changes the rules`, 'policy:overrides');
    throw refusalJournaled(new RefusedError(f.message, [], [f]), 'override', undefined, { flags: refused.map(overrideFlag) });
  }
}
