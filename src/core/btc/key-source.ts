/**
 * Where the reviewer gets its own keys from, to prove a PSBT's BIP32 derivation claims: the seed
 * (offline signer, `SeedKeys` in seed-keys.ts) or a watch-only descriptor (`WatchKeys`, for
 * `psbt inspect --descriptor`). A claim is only a hint which path to try; the proof is that the
 * key we derive ourselves rebuilds the exact script (key-script.ts).
 */
import type { HDKey } from '@scure/bip32';
import type { Descriptor } from '../hd/descriptor.js';
import { publicNode } from '../hd/keys.js';
import type { BtcNetwork } from './network.js';

/** A set of keys under one master fingerprint. */
export interface KeySource {
  /** Master key fingerprint (BIP32: first 32 bits of HASH160 of the master public key). */
  readonly fingerprint: number;
  /** What the keys are, for messages ("seed", "descriptor"). */
  readonly label: string;
  /** Compressed public key at a full path from the master, or undefined when this source cannot derive it. */
  publicKey(path: readonly number[]): Uint8Array | undefined;
}

/** Keys of a watch-only descriptor: paths below its key origin, unhardened steps only. */
export class WatchKeys implements KeySource {
  readonly fingerprint: number;
  readonly label = 'descriptor';
  private readonly origin: number[];
  private readonly account: HDKey;
  private readonly nodes = new Map<string, HDKey>();

  constructor(desc: Descriptor, net: BtcNetwork) {
    this.fingerprint = parseInt(desc.fingerprint ?? '0', 16) >>> 0;
    this.origin = desc.originPath ?? [];
    this.account = publicNode(desc.xpub, net);
  }

  publicKey(path: readonly number[]): Uint8Array | undefined {
    if (path.length <= this.origin.length) return undefined;
    for (let i = 0; i < this.origin.length; i++) if (path[i] !== this.origin[i]) return undefined;
    const rest = path.slice(this.origin.length);
    if (rest.some((i) => i >= 0x80000000)) return undefined;
    const parentKey = rest.slice(0, -1).join('/');
    let parent = this.nodes.get(parentKey);
    if (!parent) {
      parent = this.account;
      for (const i of rest.slice(0, -1)) parent = parent.deriveChild(i);
      this.nodes.set(parentKey, parent);
    }
    try {
      return parent.deriveChild(rest[rest.length - 1]!).publicKey ?? undefined;
    } catch {
      return undefined;
    }
  }
}
