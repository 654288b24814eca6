/**
 * The auditors' report model (`coldkit journal report`), built from a verified journal stream:
 * the timeline of acts in a date range with operator and host, each key's lifecycle and each share
 * set's (folded from every entry up to the end of the range, so a key made before the range is
 * still described), drills, signatures with their destinations and amounts, vaults, policy
 * adoptions and approvals, every override used, what is due, and the journal's head with its
 * words (custody-controls.md §4). Pure: entries, the clock and the head are passed in; the CLI
 * renders the model as Markdown or HTML and escapes every string (journal text is untrusted).
 */
import type { JournalEntry } from '../journal/entry.js';
import { InventoryBuilder, type DueItem, type DueRulesUsed, type KeyRecord, type OverrideUse, type ShareSetRecord } from './inventory.js';
import type { DueRules } from './drills.js';

/** Who did an act, when, in which entry. */
export interface ReportAct {
  seq: number;
  ts: string;
  operator: string;
  host: string;
}

/** One line of the timeline. */
export interface TimelineRow extends ReportAct {
  op: string;
  summary: string;
}

/** A signature: which key, what it paid or approved. Amounts in base units (sats, wei) as decimal strings. */
export interface SignatureRow extends ReportAct {
  op: string;
  chain: 'btc' | 'eth';
  /** Master fingerprint (Bitcoin) or sender address (Ethereum). */
  key: string;
  network: string | null;
  /** Destinations and amounts (Bitcoin recipients; an Ethereum `to` and `value`). */
  outputs: { to: string; amount: string | null; unit: 'sats' | 'wei' }[];
  fee: string | null;
  /** Ethereum tx hash, or the signed PSBT's SHA-256 (Bitcoin entries record no txid). */
  id: string | null;
  idKind: 'txHash' | 'signedPsbtSha256' | 'digest' | null;
  overrides: string[];
}

/** A drill in the range. */
export interface DrillRow extends ReportAct {
  set: string;
  result: string;
  fingerprint: string | null;
  expected: string | null;
}

/** A vault registered, a policy adopted or refused, an approval requested or given. */
export interface GovernanceRow extends ReportAct {
  op: string;
  summary: string;
}

/** The report. */
export interface ReportModel {
  generated: string;
  range: { from: string | null; to: string | null };
  journal: { entries: number; first: string | null; last: string | null; head: { seq: number; hash: string; words: string } };
  /** Entries inside the range, per op. */
  inRange: { entries: number; ops: Record<string, number> };
  timeline: TimelineRow[];
  keys: KeyRecord[];
  shareSets: ShareSetRecord[];
  drills: DrillRow[];
  signatures: SignatureRow[];
  vaults: GovernanceRow[];
  policy: GovernanceRow[];
  overrides: OverrideUse[];
  due: DueItem[];
  rules: DueRulesUsed;
}

type Data = Record<string, unknown>;
const str = (x: unknown): string | null => (typeof x === 'string' && x !== '' ? x : typeof x === 'number' || typeof x === 'bigint' ? String(x) : null);
const act = (e: JournalEntry): ReportAct => ({ seq: e.seq, ts: e.ts, operator: e.operator, host: e.host });
const list = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);

/** One line saying what an entry did, from its public data (the journal never holds a secret). */
export function summarize(e: JournalEntry): string {
  const d = (e.data ?? {}) as Data;
  const fp = str(d.fingerprint);
  const set = str(d.setWords) ?? str(d.setId);
  const tn = d.threshold !== undefined && d.count !== undefined ? `${str(d.threshold)}-of-${str(d.count)}` : null;
  const parts: (string | null)[] = [];
  switch (e.op) {
    case 'shares.split':
      parts.push(`set "${set}"${str(d.setId) ? ` (${str(d.setId)})` : ''}`, tn, fp && `key ${fp}`, list(d.holders).length ? `holders ${list(d.holders).map(String).join(', ')}` : null);
      break;
    case 'shares.reissue':
      parts.push(`set "${str(d.oldSetWords) ?? str(d.oldSetId)}" (${str(d.oldSetId)}) retired; new set "${set}" (${str(d.setId)})`, tn, fp && `key ${fp}`, list(d.holders).length ? `holders ${list(d.holders).map(String).join(', ')}` : null);
      break;
    case 'shares.drill':
      parts.push(`${str(d.result) ?? '?'}`, set && `set "${set}"`, fp && `key ${fp}`, str(d.expectedFingerprint) && `expected ${str(d.expectedFingerprint)}`);
      break;
    case 'psbt.sign':
      parts.push(`key ${fp}`, `${str(d.inputsSigned) ?? '?'} input(s)`, ...list(d.recipients).map((r) => `to ${str((r as Data).to)} ${str((r as Data).amount)} sats`), str(d.fee) && `fee ${str(d.fee)} sats`);
      break;
    case 'eth.sign':
      parts.push(`from ${str(d.from)}`, `to ${str(d.to) ?? '(contract creation)'}`, `${str(d.value) ?? '0'} wei`, `chain ${str(d.chainId)}`, str(d.txHash) && `tx ${str(d.txHash)}`);
      break;
    case 'key.retire':
      parts.push(`key ${fp}`, `reason: ${str(d.reason) ?? ''}`);
      break;
    case 'wallet.register':
      parts.push(`vault "${str(d.name)}" (${str(d.vaultId)})`, str(d.cosigner) && `as cosigner ${str(d.cosigner)}`, fp && `key ${fp}`);
      break;
    default: {
      if (fp) parts.push(`key ${fp}`);
      if (set) parts.push(`set "${set}"`);
      for (const k of ['name', 'network', 'chainId', 'from', 'primaryType', 'rule', 'sha256', 'reason', 'result']) {
        const v = str(d[k]);
        if (v) parts.push(`${k} ${v}`);
      }
    }
  }
  const ov = list(d.overrides).filter((o): o is string => typeof o === 'string');
  if (ov.length) parts.push(`OVERRIDES ${ov.join(' ')}`);
  return parts.filter((p): p is string => Boolean(p)).join('; ');
}

/** A signature row of a signing entry, or null for other entries. */
function signature(e: JournalEntry): SignatureRow | null {
  const d = (e.data ?? {}) as Data;
  const overrides = list(d.overrides).filter((o): o is string => typeof o === 'string');
  if (e.op === 'psbt.sign') {
    return {
      ...act(e),
      op: e.op,
      chain: 'btc',
      key: str(d.fingerprint) ?? '?',
      network: str(d.network),
      outputs: list(d.recipients).map((r) => ({ to: str((r as Data).to) ?? '?', amount: str((r as Data).amount), unit: 'sats' as const })),
      fee: str(d.fee),
      id: str(d.signedSha256),
      idKind: d.signedSha256 ? 'signedPsbtSha256' : null,
      overrides,
    };
  }
  if (e.op.startsWith('eth.sign') || e.op === 'eth.safe.sign') {
    const digest = str(d.txHash) ?? str(d.typedDataHash) ?? str(d.messageHash) ?? str(d.safeTxHash);
    return {
      ...act(e),
      op: e.op,
      chain: 'eth',
      key: str(d.from) ?? str(d.fingerprint) ?? '?',
      network: str(d.chainId) ? `chain ${str(d.chainId)}` : null,
      outputs: d.to !== undefined || d.value !== undefined ? [{ to: str(d.to) ?? str(d.verifyingContract) ?? '(none)', amount: str(d.value), unit: 'wei' as const }] : [],
      fee: null,
      id: digest,
      idKind: str(d.txHash) ? 'txHash' : digest ? 'digest' : null,
      overrides,
    };
  }
  return null;
}

/** Folds verified entries into a ReportModel for [from, to] (either open). */
export class ReportBuilder {
  private readonly inventory = new InventoryBuilder();
  private readonly timeline: TimelineRow[] = [];
  private readonly drills: DrillRow[] = [];
  private readonly signatures: SignatureRow[] = [];
  private readonly vaults: GovernanceRow[] = [];
  private readonly policy: GovernanceRow[] = [];
  private readonly overrides: OverrideUse[] = [];
  private readonly ops: Record<string, number> = {};
  private entries = 0;
  private first: string | null = null;
  private last: string | null = null;

  constructor(private readonly range: { from?: Date; to?: Date } = {}) {}

  /** Take one verified entry (in journal order). */
  add(e: JournalEntry): void {
    this.entries++;
    this.first ??= e.ts;
    this.last = e.ts;
    const t = Date.parse(e.ts);
    if (this.range.to && t > this.range.to.getTime()) return;
    // Lifecycles are folded from the start so keys and sets made before the range are described.
    this.inventory.add(e);
    if (this.range.from && t < this.range.from.getTime()) return;
    this.ops[e.op] = (this.ops[e.op] ?? 0) + 1;
    const d = (e.data ?? {}) as Data;
    const row = { ...act(e), op: e.op, summary: summarize(e) };
    this.timeline.push(row);
    if (e.op === 'shares.drill') this.drills.push({ ...act(e), set: str(d.setWords) ?? str(d.setId) ?? '?', result: str(d.result) ?? '?', fingerprint: str(d.fingerprint), expected: str(d.expectedFingerprint) });
    const sig = signature(e);
    if (sig) this.signatures.push(sig);
    if (e.op.startsWith('wallet.')) this.vaults.push(row);
    if (e.op.startsWith('policy.') || e.op.startsWith('approval.') || e.op === 'approve') this.policy.push(row);
    const ov = list(d.overrides).filter((o): o is string => typeof o === 'string');
    if (ov.length) this.overrides.push({ ...act(e), op: e.op, overrides: ov });
  }

  /** The report, judged at `now` under `rules`, for a journal whose verified head is `head`. */
  finish(now: Date, rules: DueRules, head: { seq: number; hash: string; words: string }): ReportModel {
    const inv = this.inventory.finish(this.range.to && this.range.to < now ? this.range.to : now, rules);
    return {
      generated: now.toISOString(),
      range: { from: this.range.from?.toISOString() ?? null, to: this.range.to?.toISOString() ?? null },
      journal: { entries: this.entries, first: this.first, last: this.last, head },
      inRange: { entries: this.timeline.length, ops: this.ops },
      timeline: this.timeline,
      keys: inv.keys,
      shareSets: inv.shareSets,
      drills: this.drills,
      signatures: this.signatures,
      vaults: this.vaults,
      policy: this.policy,
      overrides: this.overrides,
      due: inv.due,
      rules: inv.policy,
    };
  }
}
