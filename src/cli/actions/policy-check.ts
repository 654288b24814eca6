/**
 * `coldkit policy check FILE`: validate a policy and summarise it — every problem with its JSON
 * path (exit 2 when there is any), or its SHA-256 (what the admins sign) and its rules.
 */
import { formatDecimal } from '../../core/amount.js';
import { parsePolicy, PolicyInvalid, type PolicyProblem } from '../../core/policy/parse.js';
import type { Policy, Rule } from '../../core/policy/policy.js';
import { sanitize } from '../../core/text.js';
import type { Action } from '../command.js';
import type { policyCheck } from '../commands/policy.js';
import { readInputFile } from '../io.js';

/** One line per rule: "payroll: btc mainnet, ≤ 0.5 BTC per tx, ≤ 1 BTC per 24h, 2 destinations, 1 of alice, bob". */
export function ruleLine(r: Rule): string {
  const where = r.chain === 'btc' ? `btc ${r.network}` : `${r.chain} chain ${r.chainIds!.join(',')}`;
  const amt = (v: bigint) => `${formatDecimal(v, r.unit.decimals)} ${r.unit.symbol}`;
  const parts = [where];
  if (r.token) parts.push(`token ${r.token.symbol} ${r.token.contract}`);
  if (r.maxPerTx !== undefined) parts.push(`≤ ${amt(r.maxPerTx)} per tx`);
  if (r.window && r.maxPerWindow !== undefined) parts.push(`≤ ${amt(r.maxPerWindow)} per ${r.window.text}`);
  parts.push(r.destinations ? `${r.destinations.length} destination${r.destinations.length === 1 ? '' : 's'}` : 'any destination');
  if (r.calls) parts.push(`calls ${r.calls.map((c) => c.method).join(', ')}`);
  parts.push(r.approvals.quorum ? `${r.approvals.quorum} of ${r.approvals.of.join(', ')}` : 'no approval');
  return `${r.id}: ${parts.join(', ')}`;
}

/** The summary of a valid policy, for check and show. */
export function policySummary(p: Policy): Record<string, unknown> {
  return {
    name: p.name,
    sha256: p.sha256,
    approvers: [...p.approvers.values()].map((a) => ({ name: a.name, type: a.key.key.type })),
    admins: p.admins,
    rules: p.rules.map((r) => ({ id: r.id, summary: ruleLine(r) })),
    segregation: p.segregation,
    overrides: p.overrides,
  };
}

const action: Action<typeof policyCheck> = async (_opts, ctx, args) => {
  const file = args[0]!;
  const bytes = await readInputFile(file, 'policy', ctx.io);
  let problems: PolicyProblem[] = [];
  let policy: Policy | undefined;
  try {
    policy = parsePolicy(bytes, file);
  } catch (e) {
    if (!(e instanceof PolicyInvalid)) throw e;
    problems = [...e.problems];
  }
  const result = policy ? { file, valid: true, ...policySummary(policy), problems } : { file, valid: false, problems };
  return {
    result,
    exitCode: policy ? 0 : 2,
    human: () =>
      policy
        ? [`${file}: valid policy "${sanitize(policy.name)}"`, `sha256: ${policy.sha256}`, `admins: ${policy.admins.quorum} of ${policy.admins.of.join(', ')}`, ...policy.rules.map((r) => `rule ${ruleLine(r)}`)].join('\n')
        : [`${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}`, ...problems.map((p) => `  ${p.path}: ${sanitize(p.message)}`)].join('\n'),
  };
};
export default action;
