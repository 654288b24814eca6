/**
 * Rule matching: a payload is allowed when at least one rule allows all of it — the rule's chain
 * and network or chain id; the wallet it spends from; every transfer in the rule's asset and to an
 * allowed destination (proven change is no transfer); every contract call listed in `calls` (an
 * ERC-20 rule implies `transfer` on its own token); the total within `maxPerTx`; the total plus
 * what was signed under the rule within its window within `maxPerWindow`; and the rule's approval
 * quorum met by valid approvals. The answer names the rule that matched, or for every rule each
 * reason it did not (Coldcard's HSM mode and BitGo's policy engine answer the same question).
 */
import { formatDecimal } from '../amount.js';
import { SELECTOR } from '../eth/erc20.js';
import { DestinationIndex } from './destinations.js';
import { payloadId, totalOf, type PolicyPayload } from './payload.js';
import type { Policy, Rule } from './policy.js';
import { describeUse, windowUse, type LedgerEntry, type WindowUse } from './velocity.js';

/** What a rule's verdict depends on beyond the payload. */
export interface MatchContext {
  /** Names of approvers whose approval of this payload verified (and counts). */
  approvers: ReadonlySet<string>;
  /** Signings journaled under rules (velocity). */
  ledger: readonly LedgerEntry[];
  nowMs: number;
  /** Leave out approvals (a request is being drafted) or velocity (the online side has no ledger). */
  ignore?: { approvals?: boolean; velocity?: boolean };
}

/** One rule's answer. */
export interface RuleVerdict {
  rule: string;
  allowed: boolean;
  /** Why not (empty when allowed). */
  reasons: string[];
  /** The payload's outflow in the rule's asset. */
  outflow: bigint;
  /** Approvers counted for this rule's quorum, sorted. */
  approvedBy: string[];
  /** What the rule's window holds already (when it has one and velocity was checked). */
  window?: WindowUse;
}

/** The answer for a payload: the first rule that allows it, and every rule's verdict. */
export interface MatchResult {
  matched?: RuleVerdict;
  verdicts: RuleVerdict[];
}

const amountText = (v: bigint, r: Pick<Rule, 'unit'>) => `${formatDecimal(v, r.unit.decimals)} ${r.unit.symbol}`;

/** Judge one rule. */
export function judgeRule(rule: Rule, p: PolicyPayload, ctx: MatchContext, index: DestinationIndex = new DestinationIndex()): RuleVerdict {
  const reasons: string[] = [];
  const outflow = totalOf(p.transfers, rule.unit.asset);
  const approvedBy = rule.approvals.of.filter((n) => ctx.approvers.has(n)).sort();
  const verdict = (window?: WindowUse): RuleVerdict => ({ rule: rule.id, allowed: reasons.length === 0, reasons, outflow, approvedBy, ...(window ? { window } : {}) });

  if (rule.chain !== p.chain) {
    reasons.push(`is for ${rule.chain} payloads, this is ${p.chain}`);
    return verdict();
  }
  if (rule.network && p.network !== rule.network) reasons.push(`is for ${rule.network}, this is ${p.network}`);
  if (rule.chainIds && (p.chainId === undefined || !rule.chainIds.includes(p.chainId))) reasons.push(`is for chain id ${rule.chainIds.join(', ')}, this is chain id ${p.chainId ?? 'unknown'}`);
  for (const u of p.unbounded) reasons.push(`cannot allow ${u}`);
  if (rule.wallets && !p.wallets.some((w) => rule.wallets!.includes(w))) reasons.push(`spends from ${rule.wallets.join(', ')}, this spends from ${p.walletLabel}`);

  for (const t of p.transfers) {
    if (t.asset !== rule.unit.asset) {
      reasons.push(`${t.what} moves ${t.asset === 'BTC' || t.asset === 'ETH' ? t.asset : `token ${t.asset.slice(6)}`}, the rule moves ${rule.unit.symbol}${rule.token ? ` (${rule.token.contract})` : ''} only`);
      continue;
    }
    if (rule.destinations && !index.find(rule, t.match)) reasons.push(`${t.what} pays ${t.to}, not an allowed destination`);
  }

  for (const c of p.calls) {
    const listed = rule.calls?.some((a) => a.to.toLowerCase() === c.to.toLowerCase() && a.selector === c.selector);
    const implied = rule.token && c.to.toLowerCase() === rule.token.contract.toLowerCase() && c.selector === SELECTOR.transfer;
    if (!listed && !implied) reasons.push(`calls ${c.method ? `${c.method}()` : `selector ${c.selector || '(none)'}`} on ${c.to}, which the rule does not list`);
  }

  if (rule.maxPerTx !== undefined && outflow > rule.maxPerTx) reasons.push(`sends ${amountText(outflow, rule)}, above maxPerTx ${amountText(rule.maxPerTx, rule)}`);

  let window: WindowUse | undefined;
  if (rule.window && rule.maxPerWindow !== undefined && !ctx.ignore?.velocity) {
    window = windowUse(ctx.ledger, rule, ctx.nowMs, payloadId(p.digest));
    if (window.total + outflow > rule.maxPerWindow) {
      reasons.push(
        `would bring the ${rule.window.text} total to ${amountText(window.total + outflow, rule)}, above maxPerWindow ${amountText(rule.maxPerWindow, rule)}; signed under "${rule.id}" in the window: ${describeUse(window, rule)}`,
      );
    }
  }

  if (!ctx.ignore?.approvals && approvedBy.length < rule.approvals.quorum) {
    reasons.push(`needs ${rule.approvals.quorum} approval${rule.approvals.quorum === 1 ? '' : 's'} of ${rule.approvals.of.join(', ')}; has ${approvedBy.length}${approvedBy.length ? ` (${approvedBy.join(', ')})` : ''}`);
  }
  return verdict(window);
}

/** Judge every rule in order; the first that allows the payload is the match. */
export function matchRules(policy: Pick<Policy, 'rules'>, p: PolicyPayload, ctx: MatchContext): MatchResult {
  const index = new DestinationIndex();
  const verdicts = policy.rules.map((r) => judgeRule(r, p, ctx, index));
  const matched = verdicts.find((v) => v.allowed);
  return { ...(matched ? { matched } : {}), verdicts };
}
