/**
 * A watch-only wallet: a descriptor (its template over its keys) on one network, deriving the
 * keys, scripts and addresses of its receive and change branches. Every key expression is
 * derived at the same branch/index (BIP389 multipath), the template builds the scripts from those
 * keys (template.ts), and the address is the output script's (address.ts). Used by address
 * listing and search, the account export, and the PSBT creator, which also looks scripts up here
 * to find the key of each UTXO. No secret is involved.
 */
import type { HDKey } from '@scure/bip32';
import { InputError } from '../errors.js';
import { childNode, childPublicKeys, type PublicNode } from '../hd/batch-derive.js';
import { publicNode } from '../hd/keys.js';
import { formatPath, HARDENED } from '../hd/path.js';
import type { BtcNetwork } from '../network.js';
import { toHex } from '../text.js';
import { addressOf } from './address.js';
import type { Descriptor, KeyExpression } from './descriptor.js';
import { template, type ScriptTemplate, type SpendScripts } from './template.js';

/** One key of a derived address: its master fingerprint and full path, and the public key. */
export interface DerivedKey {
  /** Master fingerprint (BIP32) as a number. */
  fingerprint: number;
  /** Full path from the master: origin path, fixed steps, branch, index. */
  path: number[];
  /** Compressed public key (33 bytes). */
  pubkey: Uint8Array;
  /**
   * The same point uncompressed (65 bytes): a signature is verified against it without a square
   * root. Absent for a key taken as claimed (`atWithKey`), which nothing derived here.
   */
  point?: Uint8Array;
}

/** One address of the wallet with everything a PSBT needs about it. */
export interface WalletAddress {
  branch: number;
  index: number;
  /** The keys at this branch/index, one per key expression, in descriptor order. */
  keys: DerivedKey[];
  scripts: SpendScripts;
  readonly address: string;
}

/** The address-list form: branch, index, address and the (first key's) path text. */
export interface DerivedAddress {
  branch: number;
  index: number;
  address: string;
  path: string;
}

/** Keys derived at once while scanning a branch for a script or an address. */
const SCAN_CHUNK = 256;

/** A descriptor on a network. */
export class Wallet {
  readonly descriptor: Descriptor;
  readonly net: BtcNetwork;
  readonly template: ScriptTemplate;
  readonly receiveBranch: number;
  readonly changeBranch: number;
  private readonly nodes = new Map<string, PublicNode>();
  private readonly accounts = new Map<number, HDKey>();
  private readonly byScript = new Map<string, WalletAddress>();
  private readonly scanned = new Map<number, number>();
  /** Each key's master fingerprint as a number (0 without an origin), in descriptor order. */
  private readonly fingerprints: number[];

  constructor(descriptor: Descriptor, net: BtcNetwork, field = '--descriptor') {
    if (descriptor.mainnet !== (net.name === 'mainnet')) {
      throw new InputError(`the key is for ${descriptor.mainnet ? 'mainnet' : 'a test network'} but --network is ${net.name}`, field);
    }
    this.descriptor = descriptor;
    this.net = net;
    this.template = template(descriptor.script);
    this.fingerprints = descriptor.keys.map((k) => (k.fingerprint ? parseInt(k.fingerprint, 16) >>> 0 : 0));
    this.receiveBranch = descriptor.branches[0]!;
    // A receive-only descriptor (/0/*) keeps change on the conventional change chain /1/* (BIP44 "change").
    this.changeBranch = descriptor.branches[1] ?? (descriptor.branches[0] === 0 ? 1 : descriptor.branches[0]!);
  }

  /** Refuse a descriptor whose keys lack an origin: a signer finds its keys by fingerprint and path. */
  requireOrigins(field: string): this {
    if (this.descriptor.keys.some((k) => !k.fingerprint || !k.originPath)) {
      throw new InputError('needs a key origin like [d34db33f/84h/0h/0h] so the signer can find its keys', field);
    }
    return this;
  }

  /** The receive (first) or change (second) branch; a one-branch descriptor has no change branch to list. */
  branch(change: boolean): number {
    const b = this.descriptor.branches;
    if (b.length === 1) {
      if (change) throw new InputError('this descriptor has one branch; --change needs a /<0;1>/* descriptor or the /1/* one', '--change');
      return b[0]!;
    }
    return change ? b[1]! : b[0]!;
  }

  /** The extended public key of key expression `n` (descriptor order), read once. */
  accountKey(n: number): HDKey {
    let xpub = this.accounts.get(n);
    if (!xpub) {
      xpub = publicNode(this.descriptor.keys[n]!.xpub, this.net);
      this.accounts.set(n, xpub);
    }
    return xpub;
  }

  private branchNode(k: KeyExpression, n: number, branch: number): PublicNode {
    const id = `${n}/${branch}`;
    let node = this.nodes.get(id);
    if (!node) {
      node = this.accountKey(n) as PublicNode;
      for (const p of [...k.prefix, branch]) node = childNode(node, p);
      this.nodes.set(id, node);
    }
    return node;
  }

  /** `count` consecutive addresses of a branch from index `from` (batch CKDpub, src/core/hd/batch-derive.ts). */
  addresses(branch: number, from: number, count: number): WalletAddress[] {
    const { keys } = this.descriptor;
    const points = keys.map(() => new Array<Uint8Array>(count));
    const perKey = keys.map((k, n) => childPublicKeys(this.branchNode(k, n, branch), from, count, points[n]));
    const heads = this.heads(branch);
    const out = new Array<WalletAddress>(count);
    for (let i = 0; i < count; i++) {
      out[i] = this.address(
        branch,
        from + i,
        heads,
        perKey.map((p) => p[i]!),
        points.map((p) => p[i]!),
      );
    }
    return out;
  }

  /** Each key's path up to the index on `branch`: origin path, fixed steps, branch. */
  private heads(branch: number): number[][] {
    return this.descriptor.keys.map((k) => [...(k.originPath ?? []), ...k.prefix, branch]);
  }

  /**
   * The address at branch/index built with key expression `slot`'s key taken as given (`pubkey`,
   * compressed) and every other key derived: the vault proof's provisional rebuild, for the
   * signer's own key, which its signature then proves (vault-proof.ts). Not cached.
   */
  atWithKey(branch: number, index: number, slot: number, pubkey: Uint8Array): WalletAddress {
    const { keys } = this.descriptor;
    const points: (Uint8Array | undefined)[] = keys.map(() => undefined);
    const pubs = keys.map((k, n) => {
      if (n === slot) return pubkey;
      const pts: Uint8Array[] = [];
      const [pub] = childPublicKeys(this.branchNode(k, n, branch), index, 1, pts);
      points[n] = pts[0];
      return pub!;
    });
    return this.address(branch, index, this.heads(branch), pubs, points);
  }

  /** One address from its keys (descriptor order), their paths up to the index, and their uncompressed points where derived. */
  private address(branch: number, index: number, heads: readonly number[][], pubs: Uint8Array[], points: readonly (Uint8Array | undefined)[]): WalletAddress {
    const scripts = this.template.build(pubs, this.descriptor.threshold);
    const net = this.net;
    let address: string | undefined;
    return {
      branch,
      index,
      keys: pubs.map((pubkey, n) => {
        const point = points[n];
        return { fingerprint: this.fingerprints[n]!, path: [...heads[n]!, index], pubkey, ...(point ? { point } : {}) };
      }),
      scripts,
      // Encoded on first read: proving a PSBT script against the wallet compares scripts only.
      get address(): string {
        return (address ??= addressOf(scripts.script, net)!);
      },
    };
  }

  /** The address at branch/index. */
  at(branch: number, index: number): WalletAddress {
    return this.addresses(branch, index, 1)[0]!;
  }

  /** The path text of a branch, up to the index (its first key's: origin, fixed steps, branch; "xpub/…" without an origin). */
  private branchPathText(branch: number): string {
    const k = this.descriptor.keys[0]!;
    return [k.originPath ? formatPath(k.originPath) : 'xpub', ...k.prefix.map(String), String(branch)].join('/');
  }

  /** Addresses in the address-list form. */
  list(branch: number, from: number, count: number): DerivedAddress[] {
    const head = this.branchPathText(branch);
    return this.addresses(branch, from, count).map((a) => ({ branch: a.branch, index: a.index, address: a.address, path: `${head}/${a.index}` }));
  }

  /**
   * Search each branch up to `gap` indices for an address; `progress` is told the addresses
   * derived so far after each chunk (a long search shows progress in the CLI).
   */
  findAddress(address: string, gap: number, progress?: (done: number, total: number) => void): DerivedAddress | undefined {
    const total = gap * this.descriptor.branches.length;
    let done = 0;
    for (const branch of this.descriptor.branches) {
      for (let from = 0; from < gap; from += SCAN_CHUNK) {
        const hit = this.list(branch, from, Math.min(SCAN_CHUNK, gap - from)).find((a) => a.address === address);
        if (hit) return hit;
        done += Math.min(SCAN_CHUNK, gap - from);
        progress?.(done, total);
      }
    }
    return undefined;
  }

  /**
   * The address a key-origin hint points at: Bitcoin Core's listunspent `desc` such as
   * `wpkh([d34db33f/84h/0h/0h/1/5]03…)#…` names the full path of a key. Returns the address only
   * when the fingerprint and account path are one of our keys', the branch is one of ours, and it
   * pays to `script` (a hint proves nothing by itself).
   */
  fromHint(desc: string, script: Uint8Array): WalletAddress | undefined {
    const m = /\[([0-9a-fA-F]{8})((?:\/\d+['h]?)*)\]/.exec(desc);
    if (!m) return undefined;
    const fp = m[1]!.toLowerCase();
    const steps = m[2]!.split('/').slice(1).map((p) => (/['h]$/.test(p) ? (Number(p.slice(0, -1)) + HARDENED) >>> 0 : Number(p)));
    for (const k of this.descriptor.keys) {
      if (k.fingerprint !== fp || !k.originPath) continue;
      const head = [...k.originPath, ...k.prefix];
      if (steps.length !== head.length + 2 || head.some((v, i) => steps[i] !== v)) continue;
      const [branch, index] = steps.slice(head.length) as [number, number];
      if ((branch !== this.receiveBranch && branch !== this.changeBranch) || index >= HARDENED) continue;
      const a = this.at(branch, index);
      if (toHex(a.scripts.script) === toHex(script)) return a;
    }
    return undefined;
  }

  /** Find the address paying to `script`, deriving each branch up to `limit` indices. */
  findScript(script: Uint8Array, limit: number): WalletAddress | undefined {
    const h = toHex(script);
    const hit = this.byScript.get(h);
    if (hit) return hit;
    for (const branch of new Set([this.receiveBranch, this.changeBranch])) {
      let i = this.scanned.get(branch) ?? 0;
      while (i < limit) {
        const batch = this.addresses(branch, i, Math.min(SCAN_CHUNK, limit - i));
        for (const a of batch) this.byScript.set(toHex(a.scripts.script), a);
        i += batch.length;
        this.scanned.set(branch, i);
        const found = this.byScript.get(h);
        if (found) return found;
      }
    }
    return undefined;
  }
}
