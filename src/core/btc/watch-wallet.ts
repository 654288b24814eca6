/**
 * The watch-only wallet a PSBT is built from: a single-key descriptor (wpkh, sh-wpkh, pkh, tr)
 * with its key origin, read from `--descriptor` or from the account export file that
 * `coldkit account export` writes (`--wallet FILE`). Builds on src/core/hd (descriptor parsing,
 * derivation, addresses); this file only adds the script lookup the PSBT creator needs.
 */
import type { HDKey } from '@scure/bip32';
import { InputError } from '../errors.js';
import { toHex } from '../text.js';
import type { BtcNetwork } from './network.js';
import { outputFor } from '../hd/address.js';
import { parseDescriptor, type Descriptor } from '../hd/descriptor.js';
import { branchNode } from '../hd/watch.js';
import { childPublicKeys } from '../hd/batch-derive.js';
import type { ScriptType } from '../hd/script-type.js';

/** One derived key of the wallet. */
export interface WalletKey {
  branch: number;
  index: number;
  /** Full path from the master: origin path, fixed steps, branch, index. */
  path: number[];
  /** Compressed public key (33 bytes). */
  pubkey: Uint8Array;
  script: Uint8Array;
  address: string;
}

/** Keys derived at once while scanning a chain for a script. */
const SCAN_CHUNK = 128;

/** A watch-only single-key wallet with receive and change branches. */
export class WatchWallet {
  readonly descriptor: Descriptor;
  readonly net: BtcNetwork;
  /** Master fingerprint as a number (btc-signer's form). */
  readonly fingerprint: number;
  readonly receiveBranch: number;
  readonly changeBranch: number;
  private readonly nodes = new Map<number, HDKey>();
  private readonly byScript = new Map<string, WalletKey>();
  private readonly scanned = new Map<number, number>();

  constructor(descriptor: Descriptor, net: BtcNetwork, field = '--descriptor') {
    if (!descriptor.fingerprint || !descriptor.originPath) {
      throw new InputError('needs a key origin like [d34db33f/84h/0h/0h] so the signer can find its keys', field);
    }
    if (descriptor.mainnet !== (net.name === 'mainnet')) {
      throw new InputError(`the key is for ${descriptor.mainnet ? 'mainnet' : 'a test network'} but --network is ${net.name}`, field);
    }
    this.descriptor = descriptor;
    this.net = net;
    this.fingerprint = parseInt(descriptor.fingerprint, 16) >>> 0;
    this.receiveBranch = descriptor.branches[0]!;
    // A receive-only descriptor (/0/*) keeps change on the conventional change chain /1/* (BIP44 "change").
    this.changeBranch = descriptor.branches[1] ?? (descriptor.branches[0] === 0 ? 1 : descriptor.branches[0]!);
  }

  get script(): ScriptType {
    return this.descriptor.script;
  }

  /** Derive the key at branch/index. */
  key(branch: number, index: number): WalletKey {
    return this.keys(branch, index, 1)[0]!;
  }

  /** Derive `count` consecutive keys of a branch from `from` (batch CKDpub, src/core/hd/batch-derive.ts). */
  keys(branch: number, from: number, count: number): WalletKey[] {
    let node = this.nodes.get(branch);
    if (!node) {
      node = branchNode(this.descriptor, this.net, branch);
      this.nodes.set(branch, node);
    }
    const head = [...this.descriptor.originPath!, ...this.descriptor.prefix, branch];
    return childPublicKeys(node, from, count).map((pubkey, k) => {
      const out = outputFor(this.descriptor.script, pubkey, this.net);
      return { branch, index: from + k, path: [...head, from + k], pubkey, script: out.script, address: out.address };
    });
  }

  /**
   * The key a key-origin hint points at: Bitcoin Core's listunspent `desc` such as
   * `wpkh([d34db33f/84h/0h/0h/1/5]03…)#…` names the full path. Returns the key only when the
   * fingerprint and account path are ours, the branch is one of ours, and it derives `script`
   * (a hint proves nothing by itself).
   */
  keyFromHint(desc: string, script: Uint8Array): WalletKey | undefined {
    const m = /\[([0-9a-fA-F]{8})((?:\/\d+['h]?)*)\]/.exec(desc);
    if (!m || parseInt(m[1]!, 16) >>> 0 !== this.fingerprint) return undefined;
    const steps = m[2]!.split('/').slice(1).map((p) => (/['h]$/.test(p) ? (Number(p.slice(0, -1)) + 0x80000000) >>> 0 : Number(p)));
    const head = [...this.descriptor.originPath!, ...this.descriptor.prefix];
    if (steps.length !== head.length + 2 || head.some((v, i) => steps[i] !== v)) return undefined;
    const [branch, index] = steps.slice(head.length) as [number, number];
    if (branch !== this.receiveBranch && branch !== this.changeBranch) return undefined;
    if (index >= 0x80000000) return undefined;
    const k = this.key(branch, index);
    return toHex(k.script) === toHex(script) ? k : undefined;
  }

  /** Find the key paying to `script`, deriving each branch up to `limit` indices. */
  findScript(script: Uint8Array, limit: number): WalletKey | undefined {
    const h = toHex(script);
    const hit = this.byScript.get(h);
    if (hit) return hit;
    for (const branch of new Set([this.receiveBranch, this.changeBranch])) {
      let i = this.scanned.get(branch) ?? 0;
      while (i < limit) {
        const batch = this.keys(branch, i, Math.min(SCAN_CHUNK, limit - i));
        for (const k of batch) this.byScript.set(toHex(k.script), k);
        i += batch.length;
        this.scanned.set(branch, i);
        const found = this.byScript.get(h);
        if (found) return found;
      }
    }
    return undefined;
  }
}

/** A wallet from descriptor text. */
export function walletFromDescriptor(text: string, net: BtcNetwork, field = '--descriptor'): WatchWallet {
  return new WatchWallet(parseDescriptor(text.trim(), field), net, field);
}
