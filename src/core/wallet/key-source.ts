/**
 * Where a reviewer gets its own keys from to prove a PSBT's BIP32 derivation claims: the seed
 * (offline signer, `SeedKeys` in src/core/btc/seed-keys.ts) or a watch-only descriptor
 * (`DescriptorKeys`, for `psbt inspect --descriptor` and `psbt create`). Keys are found by origin:
 * a master fingerprint and a full path from that master. A claim is only a hint which key to
 * try; the proof is that the script rebuilt from the key we derive ourselves equals the PSBT's.
 */
import type { HDKey } from '@scure/bip32';
import { publicNode } from '../hd/keys.js';
import type { BtcNetwork } from '../network.js';
import type { Descriptor } from './descriptor.js';

/** Keys under one or more master fingerprints. */
export interface KeySource {
  /** Master fingerprints (BIP32: first 32 bits of HASH160 of the master public key) this source holds keys of. */
  readonly fingerprints: readonly number[];
  /** What the keys are, for messages ("seed", "descriptor"). */
  readonly label: string;
  /**
   * The compressed public key at `path` (full, from the master) under master `fingerprint`, or
   * undefined when this source has no such key or cannot derive it.
   */
  publicKey(fingerprint: number, path: readonly number[]): Uint8Array | undefined;
  /**
   * Is `account` (a public key and chain code, e.g. a vault cosigner's xpub) this source's own key
   * at `origin` under master `fingerprint`? Then the public key of every unhardened descendant is
   * the one CKDpub derives from `account` (BIP32: "N(CKDpriv((kpar, cpar), i)) == CKDpub(N(kpar,
   * cpar), i)" for non-hardened i), and a vault proof that already derived it so need not derive
   * it again from the private key. Optional: a source without it is asked `publicKey`.
   */
  holdsAccount?(fingerprint: number, origin: readonly number[], account: AccountKey): boolean;
  /**
   * Keep `pub` (compressed) and `point` (uncompressed) as the public key at `path`: derived by
   * CKDpub from an account key `holdsAccount` confirmed, they are this source's own, and the
   * signer then needs no point multiplication for that key.
   */
  adoptPublicKey?(fingerprint: number, path: readonly number[], pub: Uint8Array, point: Uint8Array): void;
}

/** An extended public key's point and chain code. */
export interface AccountKey {
  publicKey: Uint8Array;
  chainCode: Uint8Array;
}

/** A private key and its compressed public key (and, when known, the uncompressed one). */
export interface KeyPair {
  priv: Uint8Array;
  pub: Uint8Array;
  pubFull?: Uint8Array;
}

/** A key source that can also sign: private keys found by origin (master fingerprint as 8 hex, full path). */
export interface SigningKeys extends KeySource {
  keyPair(fingerprint: string, path: readonly number[]): KeyPair | undefined;
  /**
   * The private key at a path, with its public key only when already computed (no point
   * multiplication for it): the signer signs for a script whose key the review proved, and
   * verifies each signature against that proven key (sign.ts).
   */
  signingKey(fingerprint: string, path: readonly number[]): SigningKey | undefined;
}

/** A private key and, when the key source has already computed them, its public key both ways. */
export type SigningKey = Pick<KeyPair, 'priv'> & Partial<Omit<KeyPair, 'priv'>>;

/** The keys of a watch-only descriptor: paths below each key's origin, unhardened steps only. */
export class DescriptorKeys implements KeySource {
  readonly fingerprints: readonly number[];
  readonly label = 'descriptor';
  private readonly keys: { fingerprint: number; origin: number[]; node: HDKey }[];
  private readonly nodes = new Map<string, HDKey>();

  constructor(desc: Descriptor, net: BtcNetwork) {
    this.keys = desc.keys.map((k) => ({ fingerprint: parseInt(k.fingerprint ?? '0', 16) >>> 0, origin: k.originPath ?? [], node: publicNode(k.xpub, net) }));
    this.fingerprints = [...new Set(this.keys.map((k) => k.fingerprint))];
  }

  publicKey(fingerprint: number, path: readonly number[]): Uint8Array | undefined {
    for (const [n, k] of this.keys.entries()) {
      if (k.fingerprint !== fingerprint || path.length <= k.origin.length || k.origin.some((v, i) => path[i] !== v)) continue;
      const rest = path.slice(k.origin.length);
      if (rest.some((i) => i >= 0x80000000)) continue;
      const parentKey = `${n}:${rest.slice(0, -1).join('/')}`;
      let parent = this.nodes.get(parentKey);
      if (!parent) {
        parent = k.node;
        for (const i of rest.slice(0, -1)) parent = parent.deriveChild(i);
        this.nodes.set(parentKey, parent);
      }
      try {
        const pub = parent.deriveChild(rest[rest.length - 1]!).publicKey;
        if (pub) return pub;
      } catch {
        // BIP32: an invalid child (probability below 2^-127) is not derivable.
      }
    }
    return undefined;
  }
}
