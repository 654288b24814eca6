/**
 * Fast public child derivation for runs of consecutive indices (address lists and gap searches).
 *
 * BIP32 CKDpub: "I = HMAC-SHA512(Key = cpar, Data = serP(Kpar) || ser32(i)); split I into IL and
 * IR; Ki = point(parse256(IL)) + Kpar; in case parse256(IL) ≥ n or Ki is the point at infinity,
 * the resulting key is invalid". The point step runs in libsecp256k1 (WebAssembly: the
 * public-data build of public-curve.ts, tiny-secp256k1 or for large jobs @bitauth/libauth's, with
 * the CLI's native HMAC-SHA512 then), about ten times faster than @scure/bip32's
 * pure-JS deriveChild: IL·G by libsecp256k1's fixed-base multiplication (its precomputed table of
 * G), then one point addition to the parent, kept uncompressed so it is parsed without a square
 * root — a third cheaper than `pointAddScalar(Kpar, IL)`, whose tweak_add runs the generic
 * double-base multiplication and re-decompresses the parent every time.
 */
import * as ecc from 'tiny-secp256k1';
import { hmac } from '@noble/hashes/hmac.js';
import { sha512 } from '@noble/hashes/sha2.js';
import type { HDKey } from '@scure/bip32';
import { InputError } from '../errors.js';
import { publicCurve } from '../public-curve.js';
import { SECP256K1_N_BYTES } from '../curve-order.js';


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
  if (compare(il, SECP256K1_N_BYTES) >= 0) throw new InputError(`child ${i} is invalid (BIP32: parse256(IL) ≥ n)`, 'index');
  const point = addG(pointOf(parent), il);
  if (!point) throw new InputError(`child ${i} is the point at infinity (BIP32)`, 'index');
  return { publicKey: compress(point), chainCode: I.slice(32) };
}

/**
 * Compressed public keys of the non-hardened children `from … from+count-1` of `parent`; with
 * `points`, their uncompressed forms (65 bytes) are also put there, index for index.
 */
export function childPublicKeys(parent: PublicNode, from: number, count: number, points?: Uint8Array[]): Uint8Array[] {
  if (!parent.publicKey || !parent.chainCode) throw new InputError('the key has no public key or chain code', 'xpub');
  if (!Number.isInteger(from) || from < 0 || from + count > 0x80000000) {
    throw new InputError(`indices ${from}…${from + count - 1} leave the non-hardened range 0…2147483647`, 'index');
  }
  const mac = macOf(parent);
  const fastHmac = publicCurve().hmacSha512;
  const chainCode = parent.chainCode;
  const parentPoint = pointOf(parent);
  const data = new Uint8Array(37);
  data.set(parent.publicKey, 0);
  const view = new DataView(data.buffer);
  const out = new Array<Uint8Array>(count);
  for (let k = 0; k < count; k++) {
    view.setUint32(33, from + k, false); // ser32(i), big-endian
    const il = (fastHmac ? fastHmac(chainCode, data) : mac.clone().update(data).digest()).subarray(0, 32);
    if (compare(il, SECP256K1_N_BYTES) >= 0) throw new InputError(`child ${from + k} is invalid (BIP32: parse256(IL) ≥ n); skip this index`, 'index');
    const child = addG(parentPoint, il);
    if (!child) throw new InputError(`child ${from + k} is the point at infinity (BIP32); skip this index`, 'index');
    out[k] = compress(child);
    if (points) points[k] = child;
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

/** A node's public key uncompressed (65 bytes), decompressed once per node. */
const points = new WeakMap<object, Uint8Array>();
function pointOf(node: PublicNode): Uint8Array {
  let p = points.get(node);
  if (!p) {
    p = ecc.pointCompress(node.publicKey!, false);
    points.set(node, p);
  }
  return p;
}

/** K + t·G (uncompressed in and out; t < n checked by the caller), or null at infinity. t = 0 gives K. */
function addG(point: Uint8Array, t: Uint8Array): Uint8Array | null {
  if (t.every((b) => b === 0)) return point.slice();
  const tG = publicCurve().baseMultiply(t);
  if (!tG) throw new RangeError('I_L out of range'); // t < n is checked by the caller; 0 is handled above
  return ecc.pointAdd(point, tG, false);
}

/** SEC1 compressed form of an uncompressed point: 0x02 or 0x03 by the parity of y, then x. */
function compress(point: Uint8Array): Uint8Array {
  const out = new Uint8Array(33);
  out[0] = 0x02 | (point[64]! & 1);
  out.set(point.subarray(1, 33), 1);
  return out;
}

function compare(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}
