/**
 * The online side's view of a policy (`psbt create --policy`, and `eth tx create`/`safe tx create`
 * when they take the flag): the payload judged under the policy file as the signer will judge it,
 * approvals and velocity aside (the online machine has neither), and a stderr warning for each
 * thing the signer would refuse.
 */
import { policyFindings } from '../../core/policy/evaluate.js';
import { parsePolicy } from '../../core/policy/parse.js';
import type { PolicyPayload } from '../../core/policy/payload.js';
import { sanitize } from '../../core/text.js';
import type { Context } from '../command.js';
import { readInputFile } from '../io.js';
import { policyResult, type PolicyResult } from './render.js';

/** Judge `payload` under the policy file; warn on stderr about what the signer would refuse. */
export async function onlinePolicyCheck(file: string, payload: PolicyPayload, ctx: Context): Promise<PolicyResult & { signerWouldRefuse: { code: string; message: string }[] }> {
  const policy = parsePolicy(await readInputFile(file, '--policy', ctx.io), '--policy');
  const e = policyFindings(payload, policy, undefined, [], ctx.now().getTime(), { online: true });
  const refusals = e.findings.filter((f) => f.severity === 'refuse').map((f) => ({ code: f.code, message: f.message }));
  for (const r of refusals) ctx.note(`coldkit: WARNING: under policy "${sanitize(policy.name)}" the signer will refuse: ${sanitize(r.message)}`);
  const m = e.match.matched;
  if (m) {
    const rule = policy.rules.find((r) => r.id === m.rule)!;
    ctx.note(`policy "${sanitize(policy.name)}": falls under rule "${m.rule}" (needs ${rule.approvals.quorum ? `${rule.approvals.quorum} approval${rule.approvals.quorum === 1 ? '' : 's'} of ${rule.approvals.of.join(', ')}` : 'no approval'}${rule.window ? `; velocity is checked by the signer` : ''}): coldkit approval request`);
  }
  return { ...policyResult(e), signerWouldRefuse: refusals };
}
