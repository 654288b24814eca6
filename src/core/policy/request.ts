/**
 * The approval request (docs/formats/approval-request.md): a short canonical text an approver reads
 * before signing it with `ssh-keygen -Y sign -n coldkit-approval` — what moves, from which wallet,
 * to whom, how much, the fee, the network or chain, the rule it falls under, the payload's digest,
 * the policy's hash, who asked, and until when the approval holds.
 *
 * The text is a function of the payload, the policy and five header values (rule, requester,
 * created, expires, note), so the signer does not trust what a request says: it rebuilds the text
 * from the payload it is about to sign and compares byte for byte. A request that says "0.1 BTC to
 * Bob" over a digest that pays Mallory is refused as describing another payload.
 */
import { formatDecimal } from '../amount.js';
import { InputError } from '../errors.js';
import { sanitize } from '../text.js';
import type { PayloadDigest, PolicyPayload, Transfer } from './payload.js';
import type { Policy, Rule } from './policy.js';

/** The first line: format and version. */
export const REQUEST_MAGIC = 'coldkit approval request v1';

/** The header values that are not derived from the payload. */
export interface RequestMeta {
  /** The rule the requester expects the payload to fall under. */
  rule: string;
  /** Who asks (an approver name or another person's name). */
  requestedBy: string;
  /** Unix ms, whole seconds. */
  created: number;
  expires: number;
  /** One line of context for the approvers (invoice number, ticket). */
  note?: string;
}

/** A request read back: its header values, its policy hash, and its digest line. */
export interface ParsedRequest extends RequestMeta {
  policyName: string;
  policySha256: string;
  /** The `digest:` line's value. */
  digest: string;
  /** Every line, for comparisons. */
  lines: string[];
}

const NAME = /^[A-Za-z][A-Za-z0-9._@-]{0,63}$/;
const NOTE = /^[^\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]{1,200}$/;

/** ISO 8601 to the second, UTC: 2026-12-05T10:00:00Z. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The digest line's value. */
export function digestText(d: PayloadDigest): string {
  switch (d.kind) {
    case 'psbt':
      return `psbt txid ${d.txid} unsigned-tx-sha256 ${d.unsignedTxSha256}`;
    case 'eth-tx':
      return `eth-tx signing-hash ${d.signingHash}`;
    case 'safe-tx':
      return `safe-tx safe-tx-hash ${d.safeTxHash}`;
    case 'eth-typed-data':
      return `eth-typed-data hash ${d.hash}`;
  }
}

/** Decimals and symbol of an asset, from the policy's rules (tokens) or the chain's coin. */
function unitOf(asset: string, policy: Pick<Policy, 'rules'>): { decimals: number; symbol: string } {
  if (asset === 'BTC') return { decimals: 8, symbol: 'BTC' };
  if (asset === 'ETH') return { decimals: 18, symbol: 'ETH' };
  const r = policy.rules.find((x) => x.unit.asset === asset);
  return r ? { decimals: r.unit.decimals, symbol: `${r.unit.symbol} (${asset.slice(6)})` } : { decimals: 0, symbol: `base units of token ${asset.slice(6)}` };
}

function amount(v: bigint, asset: string, policy: Pick<Policy, 'rules'>): string {
  const u = unitOf(asset, policy);
  return `${formatDecimal(v, u.decimals)} ${u.symbol}`;
}

function chainLine(p: PolicyPayload): string {
  return p.chain === 'btc' ? `btc ${p.network}` : `${p.chain} chain-id ${p.chainId}`;
}

/** Check the header values a person typed. */
export function checkMeta(m: RequestMeta, field = 'request'): void {
  if (!NAME.test(m.requestedBy)) throw new InputError(`requester "${sanitize(m.requestedBy).slice(0, 40)}" must be a name: a letter, then up to 63 letters, digits, . _ @ -`, field);
  if (m.note !== undefined && !NOTE.test(m.note)) throw new InputError('the note must be one line of 1–200 printable characters', field);
  if (m.created % 1000 !== 0 || m.expires % 1000 !== 0) throw new InputError('times are whole seconds', field);
  if (m.expires <= m.created) throw new InputError('must expire after it is created', field);
}

/** The canonical request text (LF line ends, a final newline). */
export function formatRequest(p: PolicyPayload, policy: Pick<Policy, 'name' | 'sha256' | 'rules'>, m: RequestMeta): string {
  checkMeta(m);
  const lines = [REQUEST_MAGIC, `policy: ${policy.name} sha256:${policy.sha256}`, `rule: ${m.rule}`, `chain: ${chainLine(p)}`, `wallet: ${p.walletLabel}`, `digest: ${digestText(p.digest)}`];
  for (const t of p.transfers) lines.push(`send: ${amount(t.amount, t.asset, policy)} to ${t.to} (${t.what})`);
  for (const c of p.calls) lines.push(`call: ${c.to} ${c.method ? `${c.method}()` : `selector ${c.selector || '(none)'}`}`);
  for (const c of p.change) lines.push(`change: ${amount(c.amount, p.chain === 'btc' ? 'BTC' : 'ETH', policy)} to ${c.to} (ours at ${c.path})`);
  const coin = p.chain === 'btc' ? 'BTC' : 'ETH';
  if (p.fee !== undefined) lines.push(`fee: ${p.chain === 'btc' ? '' : 'at most '}${amount(p.fee, coin, policy)}${p.feeRateMsat !== undefined ? ` (${formatDecimal(p.feeRateMsat, 3)} sat/vB)` : ''}`);
  else lines.push(p.chain === 'safe' ? 'fee: none from the Safe (the executor pays gas)' : 'fee: unknown');
  const assets = [...new Set(p.transfers.map((t: Transfer) => t.asset))];
  for (const a of assets) lines.push(`total: ${amount(p.transfers.filter((t) => t.asset === a).reduce((s, t) => s + t.amount, 0n), a, policy)}`);
  if (assets.length === 0) lines.push('total: nothing leaves the wallet');
  lines.push(`requested-by: ${m.requestedBy}`, `created: ${isoSeconds(m.created)}`, `expires: ${isoSeconds(m.expires)}`);
  if (m.note !== undefined) lines.push(`note: ${m.note}`);
  return lines.map(sanitize).join('\n') + '\n';
}

/** Read a request back (the header values and digest); the rest is checked by rebuilding it. */
export function parseRequest(text: string, field = 'request'): ParsedRequest {
  if (!text.endsWith('\n') || text.includes('\r')) throw new InputError('is not a coldkit approval request (LF line ends and a final newline expected; was it edited?)', field);
  const lines = text.slice(0, -1).split('\n');
  if (lines[0] !== REQUEST_MAGIC) throw new InputError(`does not start with "${REQUEST_MAGIC}"`, field);
  const get = (key: string, optional = false): string | undefined => {
    const found = lines.filter((l) => l.startsWith(`${key}: `));
    if (found.length > 1) throw new InputError(`has ${found.length} "${key}:" lines`, field);
    if (!found.length && !optional) throw new InputError(`has no "${key}:" line`, field);
    return found[0]?.slice(key.length + 2);
  };
  const policy = /^(.{1,64}) sha256:([0-9a-f]{64})$/.exec(get('policy')!);
  if (!policy) throw new InputError('policy line must be "policy: NAME sha256:<64 hex>"', field);
  const time = (key: string) => {
    const v = get(key)!;
    const ms = Date.parse(v);
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(v) || Number.isNaN(ms)) throw new InputError(`${key} must be a UTC time like 2026-12-05T10:00:00Z`, field);
    return ms;
  };
  const note = get('note', true);
  const meta: RequestMeta = { rule: get('rule')!, requestedBy: get('requested-by')!, created: time('created'), expires: time('expires'), ...(note !== undefined ? { note } : {}) };
  checkMeta(meta, field);
  return { ...meta, policyName: policy[1]!, policySha256: policy[2]!, digest: get('digest')!, lines };
}

/** The first line where two request texts differ ("line 7: … / …"), or undefined when equal. */
export function firstDifference(given: string, rebuilt: string): string | undefined {
  if (given === rebuilt) return undefined;
  const a = given.split('\n');
  const b = rebuilt.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return `line ${i + 1} says "${sanitize(a[i] ?? '(nothing)').slice(0, 120)}" but this payload gives "${sanitize(b[i] ?? '(nothing)').slice(0, 120)}"`;
  }
  return 'the texts differ';
}

/** The rule named by a request, from the policy (undefined when the policy has no such rule). */
export function requestRule(policy: Pick<Policy, 'rules'>, req: Pick<RequestMeta, 'rule'>): Rule | undefined {
  return policy.rules.find((r) => r.id === req.rule);
}
