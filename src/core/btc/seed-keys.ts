/**
 * The signer's own keys, from the BIP32 master key of the seed. BIP32 CKDpriv is done here on
 * libsecp256k1 (secp.ts) with the parent nodes cached, so a 1000-input PSBT costs one HMAC-SHA512
 * and one point multiplication per input instead of a full derivation from the master each time:
 *
 *   I = HMAC-SHA512(c_par, 0x00 || ser256(k_par) || ser32(i))   (hardened, i >= 2^31)
 *   I = HMAC-SHA512(c_par, serP(point(k_par)) || ser32(i))      (normal)
 *   k_i = parse256(I_L) + k_par (mod n); c_i = I_R
 *
 * BIP32: "In case parse256(I_L) >= n or k_i = 0, the resulting key is invalid, and one should
 * proceed with the next value for i" — such a path is reported as not derivable (probability
 * below 2^-127). Private keys never leave this object except to the signer in sign.ts.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha512 } from '@noble/hashes/sha2.js';
import type { HDKey } from '@scure/bip32';
import { hash160 } from '../hash.js';
import { fingerprintHex } from '../hd/path.js';
import { isPrivateKey, privateAdd, publicKeys } from '../secp.js';
import { equalBytes } from '../bytes.js';
import type { AccountKey, KeyPair, SigningKey, SigningKeys } from '../wallet/key-source.js';

/** HMAC-SHA512(key, data): noble's by default; the CLI passes Node's native one (same bytes, faster). */
export type HmacSha512 = (key: Uint8Array, data: Uint8Array) => Uint8Array;

const nobleHmacSha512: HmacSha512 = (key, data) => hmac(sha512, key, data);
const BITCOIN_SEED = new TextEncoder().encode('Bitcoin seed');

/**
 * One BIP32 node: private key, chain code, and the public key once it is needed. A hardened child
 * needs only its parent's private key, so the public keys of the purpose and coin-type levels are
 * never computed (a point multiplication each).
 */
export interface Node {
  priv: Uint8Array;
  chain: Uint8Array;
  /** Compressed public key, computed on first use. */
  pub?: Uint8Array;
  /** The same public key uncompressed (65 bytes), for verifying our signatures; absent on an HDKey's master. */
  pubFull?: Uint8Array;
}

/** A cached node and its derived children by index. */
interface Slot {
  node: Node | null;
  children?: Map<number, Slot>;
}

/** The node's compressed public key (computed once). */
function pubOf(n: Node): Uint8Array {
  if (!n.pub) {
    const { compressed, uncompressed } = publicKeys(n.priv);
    n.pub = compressed;
    n.pubFull = uncompressed;
  }
  return n.pub;
}

/** Private keys of one seed under its master fingerprint. */
export class SeedKeys implements SigningKeys {
  readonly fingerprint: number;
  readonly fingerprints: readonly number[];
  readonly label = 'seed';
  private readonly fingerprintText: string;
  /** Derived nodes by path, as a tree of child indices from the master (null: not derivable). */
  private readonly root: Slot;
  private readonly hmac: HmacSha512;

  /** From a master HDKey (@scure/bip32), or from the master node and its fingerprint (`fromSeed`). */
  constructor(root: HDKey | { master: Node; fingerprint: number }, hmacSha512: HmacSha512 = nobleHmacSha512) {
    this.hmac = hmacSha512;
    if ('master' in root) {
      this.fingerprint = root.fingerprint >>> 0;
      this.root = { node: root.master };
    } else {
      if (!root.privateKey || root.depth !== 0) throw new RangeError('SeedKeys needs the master private key');
      this.fingerprint = root.fingerprint >>> 0;
      this.root = { node: { priv: root.privateKey, pub: root.publicKey!, chain: root.chainCode! } };
    }
    this.fingerprints = [this.fingerprint];
    this.fingerprintText = fingerprintHex(this.fingerprint);
  }

  /**
   * The keys of a BIP39/BIP32 seed without building an HDKey (whose pure-JS point code is slow to
   * start). BIP32 master key generation: "Calculate I = HMAC-SHA512(Key = "Bitcoin seed", Data =
   * S)… Use parse256(I_L) as master secret key, and I_R as master chain code. In case parse256(I_L)
   * is 0 or parse256(I_L) ≥ n, the master key is invalid."
   */
  static fromSeed(seed: Uint8Array, hmacSha512: HmacSha512 = nobleHmacSha512): SeedKeys {
    if (seed.length < 16 || seed.length > 64) throw new RangeError('BIP32 seed must be 16 to 64 bytes');
    const I = hmacSha512(BITCOIN_SEED, seed);
    const priv = I.slice(0, 32);
    if (!isPrivateKey(priv)) throw new RangeError('the seed gives an invalid BIP32 master key');
    const { compressed: pub, uncompressed: pubFull } = publicKeys(priv);
    const h = hash160(pub);
    const fp = ((h[0]! << 24) | (h[1]! << 16) | (h[2]! << 8) | h[3]!) >>> 0;
    I.fill(0, 0, 32);
    return new SeedKeys({ master: { priv, pub, pubFull, chain: I.slice(32) }, fingerprint: fp }, hmacSha512);
  }

  private node(path: readonly number[]): Node | null {
    let slot = this.root;
    for (const i of path) {
      let next = slot.children?.get(i);
      if (!next) {
        // Kept for the signing pass after the review (a few hundred bytes per input).
        next = { node: slot.node ? ckdPriv(slot.node, i, this.hmac) : null };
        (slot.children ??= new Map()).set(i, next);
      }
      slot = next;
    }
    return slot.node;
  }

  /** The key pair at a full path from the master of `fingerprint` (8 hex); undefined when not ours or not derivable. */
  keyPair(fingerprint: string, path: readonly number[]): KeyPair | undefined {
    if (fingerprint !== this.fingerprintText) return undefined;
    const n = this.node(path);
    if (!n) return undefined;
    const pub = pubOf(n);
    return { priv: n.priv, pub, ...(n.pubFull ? { pubFull: n.pubFull } : {}) };
  }

  signingKey(fingerprint: string, path: readonly number[]): SigningKey | undefined {
    if (fingerprint !== this.fingerprintText) return undefined;
    const n = this.node(path);
    if (!n) return undefined;
    return { priv: n.priv, ...(n.pub ? { pub: n.pub } : {}), ...(n.pubFull ? { pubFull: n.pubFull } : {}) };
  }

  /** The account node at `origin` (derived and its public key computed once, then cached) against `account`'s point and chain code. */
  holdsAccount(fingerprint: number, origin: readonly number[], account: AccountKey): boolean {
    const n = fingerprint >>> 0 === this.fingerprint ? this.node(origin) : null;
    return n !== null && equalBytes(pubOf(n), account.publicKey) && equalBytes(n.chain, account.chainCode);
  }

  adoptPublicKey(fingerprint: number, path: readonly number[], pub: Uint8Array, point: Uint8Array): void {
    const n = fingerprint >>> 0 === this.fingerprint ? this.node(path) : null;
    if (n && !n.pub) {
      n.pub = pub;
      n.pubFull = point;
    }
  }

  publicKey(fingerprint: number, path: readonly number[]): Uint8Array | undefined {
    const n = fingerprint >>> 0 === this.fingerprint ? this.node(path) : null;
    return n ? pubOf(n) : undefined;
  }

  /** Overwrite the cached private keys (best effort; JS may keep copies). */
  wipe(): void {
    const wipeSlot = (slot: Slot): void => {
      slot.node?.priv.fill(0);
      for (const c of slot.children?.values() ?? []) wipeSlot(c);
      slot.children?.clear();
    };
    wipeSlot(this.root);
    // Nothing is derived from the wiped master afterwards.
    this.root.node = null;
  }
}

/** BIP32 CKDpriv. */
function ckdPriv(parent: Node, index: number, hmacSha512: HmacSha512): Node | null {
  if (!Number.isInteger(index) || index < 0 || index > 0xffffffff) return null;
  const data = new Uint8Array(37);
  if (index >= 0x80000000) data.set(parent.priv, 1);
  else data.set(pubOf(parent), 0);
  data[33] = (index >>> 24) & 0xff;
  data[34] = (index >>> 16) & 0xff;
  data[35] = (index >>> 8) & 0xff;
  data[36] = index & 0xff;
  const I = hmacSha512(parent.chain, data);
  data.fill(0); // held the parent private key for hardened steps
  const IL = I.subarray(0, 32);
  const priv = isPrivateKey(IL) ? privateAdd(parent.priv, IL) : undefined;
  const chain = I.slice(32);
  I.fill(0);
  if (!priv) return null;
  return { priv, chain };
}
