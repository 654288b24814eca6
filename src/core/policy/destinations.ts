/**
 * Is a Bitcoin output script one of a rule's destinations? Addresses compare by output script;
 * a descriptor destination (`wpkh([fp/84h/0h/0h]xpub…/0/*)`, a whole wallet of ours or a
 * counterparty's) matches every address of its own branches at indices below the rule's
 * `destinationScan`. Scripts are derived lazily in chunks with batch public derivation
 * (src/core/hd/batch-derive.ts through the wallet model) and cached, so a search stops at the first
 * hit and never derives the same index twice in one run.
 */
import { NETWORKS } from '../network.js';
import { toHex } from '../text.js';
import { Wallet } from '../wallet/wallet.js';
import type { Destination, Rule } from './policy.js';

/** Indices derived at a time. */
const CHUNK = 256;

interface Scan {
  wallet: Wallet;
  branches: number[];
  /** Next index to derive, per branch position. */
  next: number[];
  /** Script hex → the index it was derived at. */
  scripts: Map<string, number>;
}

/** Descriptor scans shared by every rule of one evaluation (the same descriptor text is derived once). */
export class DestinationIndex {
  readonly #scans = new Map<string, Scan>();

  private scan(d: Extract<Destination, { kind: 'descriptor' }>, rule: Pick<Rule, 'network'>): Scan {
    const id = `${rule.network}|${d.text}`;
    let s = this.#scans.get(id);
    if (!s) {
      const wallet = new Wallet(d.descriptor, NETWORKS[rule.network ?? 'mainnet'], 'destination');
      s = { wallet, branches: d.descriptor.branches, next: d.descriptor.branches.map(() => 0), scripts: new Map() };
      this.#scans.set(id, s);
    }
    return s;
  }

  /** Does `scriptHex` belong to descriptor `d` at an index below `limit`? */
  inDescriptor(d: Extract<Destination, { kind: 'descriptor' }>, rule: Pick<Rule, 'network'>, scriptHex: string, limit: number): boolean {
    const s = this.scan(d, rule);
    const known = s.scripts.get(scriptHex);
    if (known !== undefined) return known < limit;
    for (let b = 0; b < s.branches.length; b++) {
      while (s.next[b]! < limit) {
        const from = s.next[b]!;
        const batch = s.wallet.addresses(s.branches[b]!, from, Math.min(CHUNK, limit - from));
        s.next[b] = from + batch.length;
        let hit = false;
        for (const a of batch) {
          const h = toHex(a.scripts.script);
          if (!s.scripts.has(h)) s.scripts.set(h, a.index);
          if (h === scriptHex) hit = true;
        }
        if (hit) return true;
      }
    }
    return false;
  }

  /** The destination of `rule` that `match` (script hex or lower-case address) is, or undefined. */
  find(rule: Pick<Rule, 'destinations' | 'network' | 'destinationScan'>, match: string): Destination | undefined {
    const list = rule.destinations ?? [];
    const direct = list.find((d) => d.kind === 'address' && d.match === match);
    if (direct) return direct;
    for (const d of list) if (d.kind === 'descriptor' && this.inDescriptor(d, rule, match, rule.destinationScan)) return d;
    return undefined;
  }
}
