/**
 * The custody inventory, folded from a verified journal: which keys and share sets exist, who made
 * and touched them, when each share set was last proven recoverable (a drill that matched), which
 * keys are retired, every override used — and what is due (custody-controls.md §4: drills on a
 * schedule, rotation dates).
 *
 * Pure and streaming: feed entries one at a time (`add`), memory grows with the number of keys,
 * sets and overrides, never with the number of entries; `finish` judges due dates against a clock
 * passed in.
 */
import type { JournalEntry } from '../journal/entry.js';
import { endOfDay } from '../policy/policy.js';
import { drillStanding, type DueRules } from './drills.js';

export type { DueRules };

/** Who did an act, when, and which entry records it. */
export interface Act {
  seq: number;
  ts: string;
  operator: string;
  host: string;
}

/** One seed/key, named by its BIP32 master fingerprint. */
export interface KeyRecord {
  fingerprint: string;
  /** The first act that brought the key into the journal, and how (generated, recovered, checked, imported watch-only). */
  created: (Act & { how: string }) | null;
  networks: string[];
  /** Signatures made per chain (entries of psbt.sign / eth.sign*). */
  signatures: { btc: number; eth: number };
  lastUsed: Act | null;
  /** Every operator who acted with this key. */
  operators: string[];
  retired: (Act & { reason: string }) | null;
}

/** One Shamir share set. */
export interface ShareSetRecord {
  /** The set id (or its words when the format has no id). */
  id: string;
  setWords: string | null;
  format: string | null;
  threshold: number | null;
  count: number | null;
  holders: string[] | null;
  fingerprint: string | null;
  created: Act | null;
  drills: number;
  lastDrill: (Act & { result: string }) | null;
  /** The last drill whose result was MATCH: when the set was last proven to rebuild the seed. */
  lastProven: Act | null;
  retired: (Act & { reason: string; supersededBy: string | null }) | null;
  /** When the next drill is due (ISO; filled by `finish`; null for a retired set or one with no date to count from). */
  nextDrillDue?: string | null;
}

/** An entry that used one or more overrides. */
export interface OverrideUse extends Act {
  op: string;
  overrides: string[];
}

/** Something due or wrong in the inventory, with a stable code. */
export interface DueItem {
  code: 'drill-never' | 'drill-overdue' | 'drill-failed' | 'rotation-due' | 'policy-review-due' | 'approver-key-expired';
  subject: string;
  /** Days since the last proof (or since creation); null when unknown. */
  days: number | null;
  message: string;
}

/** The inventory as `coldkit status` shows it. */
export interface Inventory {
  entries: number;
  first: string | null;
  last: string | null;
  asOf: string;
  keys: KeyRecord[];
  shareSets: ShareSetRecord[];
  overrides: OverrideUse[];
  /** Entries per op. */
  ops: Record<string, number>;
  due: DueItem[];
  policy: DueRulesUsed;
}

/** The rules `finish` judged by (`status --json`: `policy`). */
export interface DueRulesUsed {
  drillEveryDays: number;
  drillEvery: string;
  drillEverySource: 'policy' | 'flag' | 'default';
  rotateAfterDays: number | null;
  reviewBy: string | null;
  approverKeys: { approver: string; expires: string }[];
}

/** The default drill interval (days) when no policy sets one. */
export const DEFAULT_DRILL_EVERY_DAYS = 365;

const DAY_MS = 86_400_000;

const str = (x: unknown): string | null => (typeof x === 'string' && x !== '' ? x : null);
const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);
const act = (e: JournalEntry): Act => ({ seq: e.seq, ts: e.ts, operator: e.operator, host: e.host });

/** How an op brings a key into the journal (first sight). */
const KEY_ORIGIN: Readonly<Record<string, string>> = {
  'seed.new': 'generated',
  'seed.finish': 'completed',
  'shares.combine': 'recovered from shares',
  'seed.check': 'checked',
  'account.import': 'imported (watch-only)',
  'account.export': 'exported',
  'shares.split': 'split',
};

/** Folds journal entries into an Inventory. */
export class InventoryBuilder {
  private readonly keys = new Map<string, KeyRecord>();
  private readonly sets = new Map<string, ShareSetRecord>();
  /** set words → set id, so a drill or retirement naming either finds the set. */
  private readonly setAlias = new Map<string, string>();
  /** Ethereum address → fingerprint, from account.export (chain eth), so eth signatures count for their key. */
  private readonly ethAddress = new Map<string, string>();
  private readonly overrides: OverrideUse[] = [];
  private readonly ops: Record<string, number> = {};
  private entries = 0;
  private first: string | null = null;
  private last: string | null = null;

  /** Take one verified entry. */
  add(e: JournalEntry): void {
    this.entries++;
    this.first ??= e.ts;
    this.last = e.ts;
    this.ops[e.op] = (this.ops[e.op] ?? 0) + 1;
    const d = (e.data ?? {}) as Record<string, unknown>;
    const ov = Array.isArray(d.overrides) ? d.overrides.filter((o): o is string => typeof o === 'string') : [];
    if (ov.length > 0) this.overrides.push({ ...act(e), op: e.op, overrides: ov });

    const from = str(d.from)?.toLowerCase() ?? null;
    const fp = str(d.fingerprint)?.toLowerCase() ?? (from ? this.ethAddress.get(from) ?? null : null);
    if (e.op === 'account.export' && str(d.chain) === 'eth' && fp && str(d.firstAddress)) this.ethAddress.set(str(d.firstAddress)!.toLowerCase(), fp);
    const origin = KEY_ORIGIN[e.op];
    if (fp && (origin || e.op.startsWith('psbt.sign') || e.op.startsWith('eth.sign') || e.op === 'shares.drill')) {
      const k = this.key(fp);
      if (!k.created && origin) k.created = { ...act(e), how: origin };
      const net = str(d.network) ?? (str(d.chain) === 'eth' || e.op.startsWith('eth.') ? 'ethereum' : null);
      if (net && !k.networks.includes(net)) k.networks.push(net);
      if (!k.operators.includes(e.operator)) k.operators.push(e.operator);
      k.lastUsed = act(e);
    }
    if (e.op === 'psbt.sign' && fp) this.key(fp).signatures.btc++;
    if (e.op.startsWith('eth.sign')) {
      const efp = fp ?? from;
      if (efp) {
        const k = this.key(efp);
        k.signatures.eth++;
        if (!k.operators.includes(e.operator)) k.operators.push(e.operator);
        k.lastUsed = act(e);
      }
    }
    if (e.op === 'key.retire' && fp) this.key(fp).retired = { ...act(e), reason: str(d.reason) ?? '' };

    if (e.op === 'shares.split' || e.op === 'shares.reissue') this.split(e, d);
    if (e.op === 'shares.drill') {
      const s = this.setOf(d);
      if (s) {
        const result = str(d.result) ?? 'unknown';
        s.drills++;
        s.lastDrill = { ...act(e), result };
        if (result === 'MATCH') s.lastProven = act(e);
        s.fingerprint ??= fp;
      }
    }
    if (e.op === 'shares.retire' || e.op === 'shares.reissue') {
      const old = this.setOf(e.op === 'shares.reissue' ? { setId: d.oldSetId, setWords: d.oldSetWords } : d);
      if (old) old.retired = { ...act(e), reason: str(d.reason) ?? (e.op === 'shares.reissue' ? 'reissued' : ''), supersededBy: str(d.setId) };
    }
  }

  /** The inventory as of `now`, with what is due under `rules`. */
  finish(now: Date, rules: DueRules = {}): Inventory {
    const everyMs = rules.drillEvery?.ms ?? (rules.drillEveryDays ?? DEFAULT_DRILL_EVERY_DAYS) * DAY_MS;
    const every = everyMs / DAY_MS;
    const everyText = rules.drillEvery?.text ?? `${every} days`;
    const rotate = rules.rotateAfterDays ?? null;
    const ageDays = (ts: string): number | null => {
      const t = Date.parse(ts);
      return Number.isNaN(t) ? null : Math.floor((now.getTime() - t) / DAY_MS);
    };
    const due: DueItem[] = [];
    const shareSets = [...this.sets.values()];
    for (const s of shareSets) {
      if (s.retired) {
        s.nextDrillDue = null;
        continue;
      }
      const name = `share set ${s.setWords ?? s.id}`;
      if (s.lastDrill && s.lastDrill.result !== 'MATCH') {
        due.push({ code: 'drill-failed', subject: s.id, days: ageDays(s.lastDrill.ts), message: `${name}: the last drill (#${s.lastDrill.seq}, ${s.lastDrill.ts.slice(0, 10)}) ended ${s.lastDrill.result}` });
      }
      const st = drillStanding(s, everyMs, now.getTime());
      s.nextDrillDue = st.dueBy;
      if (!st.overdue) continue;
      const days = st.since ? ageDays(st.since.ts) : null;
      if (st.since?.kind === 'drill') {
        due.push({ code: 'drill-overdue', subject: s.id, days, message: `${name}: last proven recoverable ${days} days ago (#${st.since.seq}); drills are due every ${everyText}` });
      } else {
        due.push({ code: 'drill-never', subject: s.id, days, message: `${name}: never drilled${days !== null ? ` since it was made ${days} days ago` : ''}; drills are due every ${everyText}` });
      }
    }
    const keys = [...this.keys.values()];
    if (rotate !== null) {
      for (const k of keys) {
        if (k.retired || !k.created) continue;
        const days = ageDays(k.created.ts);
        if (days !== null && days > rotate) due.push({ code: 'rotation-due', subject: k.fingerprint, days, message: `key ${k.fingerprint}: made ${days} days ago; the policy rotates keys after ${rotate} days` });
      }
    }
    const review = rules.rotation?.reviewBy;
    if (review && now.getTime() > endOfDay(review)) {
      due.push({ code: 'policy-review-due', subject: 'policy', days: ageDays(`${review}T00:00:00Z`), message: `the adopted policy was due for review by ${review} (rotation.reviewBy)` });
    }
    for (const [approver, date] of rules.rotation?.approvers ?? []) {
      if (now.getTime() > endOfDay(date)) due.push({ code: 'approver-key-expired', subject: approver, days: ageDays(`${date}T00:00:00Z`), message: `approver ${approver}'s key expired on ${date} (rotation.approvers): adopt a policy naming their new key` });
    }
    return {
      entries: this.entries,
      first: this.first,
      last: this.last,
      asOf: now.toISOString(),
      keys,
      shareSets,
      overrides: this.overrides,
      ops: this.ops,
      due,
      policy: {
        drillEveryDays: every,
        drillEvery: everyText,
        drillEverySource: rules.drillEverySource ?? (rules.drillEvery || rules.drillEveryDays !== undefined ? 'flag' : 'default'),
        rotateAfterDays: rotate,
        reviewBy: review ?? null,
        approverKeys: (rules.rotation?.approvers ?? []).map(([approver, expires]) => ({ approver, expires })),
      },
    };
  }

  private key(fp: string): KeyRecord {
    let k = this.keys.get(fp);
    if (!k) {
      k = { fingerprint: fp, created: null, networks: [], signatures: { btc: 0, eth: 0 }, lastUsed: null, operators: [], retired: null };
      this.keys.set(fp, k);
    }
    return k;
  }

  private split(e: JournalEntry, d: Record<string, unknown>): void {
    const id = str(d.setId) ?? str(d.setWords);
    if (!id) return;
    const words = str(d.setWords);
    if (words) this.setAlias.set(words, id);
    const holders = Array.isArray(d.holders) ? d.holders.map(String) : null;
    this.sets.set(id, {
      id,
      setWords: words,
      format: str(d.format),
      threshold: num(d.threshold),
      count: num(d.count),
      holders,
      fingerprint: str(d.fingerprint)?.toLowerCase() ?? null,
      created: act(e),
      drills: 0,
      lastDrill: null,
      lastProven: null,
      retired: null,
    });
  }

  /** The set a drill/retirement names (by id or words); a set seen first in a drill is recorded then. */
  private setOf(d: Record<string, unknown>): ShareSetRecord | null {
    const idIn = str(d.setId);
    const words = str(d.setWords);
    const id = (idIn && this.sets.has(idIn) ? idIn : null) ?? (words ? this.setAlias.get(words) : undefined) ?? idIn ?? words;
    if (!id) return null;
    let s = this.sets.get(id);
    if (!s) {
      s = { id, setWords: words, format: str(d.format), threshold: null, count: null, holders: null, fingerprint: null, created: null, drills: 0, lastDrill: null, lastProven: null, retired: null };
      this.sets.set(id, s);
      if (words) this.setAlias.set(words, id);
    }
    return s;
  }
}

/** Fold a whole list of entries (tests, small journals). */
export function inventoryOf(entries: Iterable<JournalEntry>, now: Date, rules?: DueRules): Inventory {
  const b = new InventoryBuilder();
  for (const e of entries) b.add(e);
  return b.finish(now, rules);
}
