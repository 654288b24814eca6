/**
 * Fast public child derivation for runs of consecutive indices (address lists and gap searches).
 *
 * BIP32 CKDpub: "I = HMAC-SHA512(Key = cpar, Data = serP(Kpar) || ser32(i)); split I into IL and
 * IR; Ki = point(parse256(IL)) + Kpar; in case parse256(IL) ≥ n or Ki is the point at infinity,
 * the resulting key is invalid". The point step runs in libsecp256k1 (WebAssembly, the
 * `tiny-secp256k1` package the signer also uses): `pointAddScalar(Kpar, IL)` = Kpar + IL·G, about
 * ten times faster than @scure/bip32's pure-JS deriveChild, which also re-parses the parent each time.
 */
import * as ecc from 'tiny-secp256k1';
import { hmac } from '@noble/hashes/hmac.js';
import { sha512 } from '@noble/hashes/sha2.js';
import type { HDKey } from '@scure/bip32';
import { InputError } from '../errors.js';

/** secp256k1 group order n, big-endian. */
const ORDER = Uint8Array.from(Buffer.from('fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141', 'hex'));

/** A public BIP32 node: what CKDpub needs (an HDKey is one). */
export type PublicNode = Pick<HDKey, 'publicKey' | 'chainCode'>;

/**
 * The non-hardened child `i` of `parent` as a public node (CKDpub with the chain code: c_i = I_R),
 * on libsecp256k1 like childPublicKeys — @scure/bip32's deriveChild would start its pure-JS point
 * tables (≈ 0.1 s) for the few branch nodes a vault needs.
 */
export function childNode(parent: PublicNode, i: number): { publicKey: Uint8Array; chainCode: Uint8Array } {
  if (!parent.publicKey || !parent.chainCode) throw new InputError('the key has no public key or chain code', 'xpub');
  if (!Number.isInteger(i) || i < 0 || i >= 0x80000000) throw new InputError(`index ${i} is not a non-hardened child (0…2147483647)`, 'index');
  const data = new Uint8Array(37);
  data.set(parent.publicKey, 0);
  new DataView(data.buffer).setUint32(33, i, false);
  const I = hmac(sha512, parent.chainCode, data);
  const il = I.subarray(0, 32);
  if (compare(il, ORDER) >= 0) throw new InputError(`child ${i} is invalid (BIP32: parse256(IL) ≥ n)`, 'index');
  const publicKey = ecc.pointAddScalar(parent.publicKey, il, true);
  if (!publicKey) throw new InputError(`child ${i} is the point at infinity (BIP32)`, 'index');
  return { publicKey, chainCode: I.slice(32) };
}

/** Compressed public keys of the non-hardened children `from … from+count-1` of `parent`. */
export function childPublicKeys(parent: PublicNode, from: number, count: number): Uint8Array[] {
  if (!parent.publicKey || !parent.chainCode) throw new InputError('the key has no public key or chain code', 'xpub');
  if (!Number.isInteger(from) || from < 0 || from + count > 0x80000000) {
    throw new InputError(`indices ${from}…${from + count - 1} leave the non-hardened range 0…2147483647`, 'index');
  }
  const mac = macOf(parent);
  const data = new Uint8Array(37);
  data.set(parent.publicKey, 0);
  const view = new DataView(data.buffer);
  const out = new Array<Uint8Array>(count);
  for (let k = 0; k < count; k++) {
    view.setUint32(33, from + k, false); // ser32(i), big-endian
    const il = mac.clone().update(data).digest().subarray(0, 32);
    if (compare(il, ORDER) >= 0) throw new InputError(`child ${from + k} is invalid (BIP32: parse256(IL) ≥ n); skip this index`, 'index');
    const child = ecc.pointAddScalar(parent.publicKey, il, true);
    if (!child) throw new InputError(`child ${from + k} is the point at infinity (BIP32); skip this index`, 'index');
    out[k] = child;
  }
  return out;
}

/** HMAC-SHA512 keyed with a node's chain code, kept per node: a vault proof derives one child of the same branch node per input. */
const macs = new WeakMap<object, ReturnType<typeof hmac.create>>();
function macOf(parent: PublicNode): ReturnType<typeof hmac.create> {
  let mac = macs.get(parent);
  if (!mac) {
    mac = hmac.create(sha512, parent.chainCode!);
    macs.set(parent, mac);
  }
  return mac;
}

function compare(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}
