/**
 * The secp256k1 operations the signer needs, on libsecp256k1 compiled to WebAssembly (the
 * `tiny-secp256k1` package): about five times faster than pure-JS curve code, which is what makes
 * a 1000-input PSBT sign in well under a second. Only the signer loads this file.
 *
 * - ECDSA: RFC 6979 deterministic nonces, low-S, and low-R grinding exactly as Bitcoin Core's
 *   CKey::Sign does it: first try without extra data; while the signature's R has its top bit set
 *   (r >= 2^255, a 33-byte DER integer), retry with 32 bytes of extra entropy holding a
 *   little-endian uint32 counter 1, 2, 3 … (libsecp256k1 mixes it into the RFC 6979 seed).
 * - BIP340 Schnorr with caller-chosen aux_rand (the signer passes 32 zero bytes by default so
 *   signing is reproducible; see docs/cli/psbt.md "Deterministic signatures").
 * - BIP86/BIP341 key-path tweak: t = TaggedHash("TapTweak", x(P)), d' = (y(P) even ? d : n-d) + t.
 */
import * as ecc from 'tiny-secp256k1';
import { taggedHash } from './hash.js';
import { publicCurve } from './public-curve.js';

/** Compressed (33-byte) public key of a private key. */
export function publicKey(priv: Uint8Array): Uint8Array {
  const p = ecc.pointFromScalar(priv, true);
  if (!p) throw new RangeError('private key out of range');
  return p;
}

/**
 * A private key's public key both ways from one point multiplication: uncompressed (65 bytes,
 * 0x04 || x || y) and compressed (33 bytes, SEC1: 0x02 or 0x03 by the parity of y, then x).
 * The signer verifies against the uncompressed form, which libsecp256k1 parses without the
 * square root a compressed key costs.
 */
export function publicKeys(priv: Uint8Array): { compressed: Uint8Array; uncompressed: Uint8Array } {
  const uncompressed = ecc.pointFromScalar(priv, false);
  if (!uncompressed) throw new RangeError('private key out of range');
  const compressed = new Uint8Array(33);
  compressed[0] = 0x02 | (uncompressed[64]! & 1);
  compressed.set(uncompressed.subarray(1, 33), 1);
  return { compressed, uncompressed };
}

/** Is `p` a valid compressed or uncompressed public key (a point on the curve)? On the public-data build (public-curve.ts). */
export function isPoint(p: Uint8Array): boolean {
  return publicCurve().isPoint(p);
}

/** Is `x` the x coordinate of a curve point (a BIP340 x-only key)? */
export function isXOnlyPoint(x: Uint8Array): boolean {
  return ecc.isXOnlyPoint(x);
}

/** Is `key` a valid secp256k1 private key (0 < d < n)? */
export function isPrivateKey(key: Uint8Array): boolean {
  return ecc.isPrivate(key);
}

/** Add a 32-byte tweak to a private key mod n (BIP32 CKDpriv); undefined when the result is invalid. */
export function privateAdd(priv: Uint8Array, tweak: Uint8Array): Uint8Array | undefined {
  return ecc.privateAdd(priv, tweak) ?? undefined;
}

/** A compact (r||s) signature whose r has the top bit clear ("low R"): its DER form is at most 70 bytes. */
function hasLowR(compact: Uint8Array): boolean {
  return compact[0]! < 0x80;
}

/** ECDSA sign a 32-byte hash: RFC 6979, low-S, low-R grinding as Bitcoin Core. Returns DER (no hash-type byte). */
export function ecdsaSignLowR(hash: Uint8Array, priv: Uint8Array): Uint8Array {
  let sig = ecc.sign(hash, priv);
  let counter = 0;
  const extra = new Uint8Array(32);
  while (!hasLowR(sig)) {
    counter++;
    extra[0] = counter & 0xff;
    extra[1] = (counter >>> 8) & 0xff;
    extra[2] = (counter >>> 16) & 0xff;
    extra[3] = (counter >>> 24) & 0xff;
    sig = ecc.sign(hash, priv, extra);
  }
  return derEncode(sig);
}

/**
 * Verify an ECDSA signature (DER, no hash-type byte) strictly (low-S required) against a compressed
 * or uncompressed key, on the public-data build (public-curve.ts).
 */
export function ecdsaVerify(hash: Uint8Array, pub: Uint8Array, der: Uint8Array): boolean {
  const compact = derDecode(der);
  return compact !== undefined && publicCurve().verify(hash, pub, compact);
}

/** BIP340 sign with explicit aux_rand (32 bytes). */
export function schnorrSign(hash: Uint8Array, priv: Uint8Array, auxRand: Uint8Array): Uint8Array {
  return ecc.signSchnorr(hash, priv, auxRand);
}

/** BIP340 verify against an x-only key. */
export function schnorrVerify(hash: Uint8Array, xOnly: Uint8Array, sig: Uint8Array): boolean {
  try {
    return ecc.verifySchnorr(hash, xOnly, sig);
  } catch {
    return false;
  }
}

/**
 * BIP86 key-path keys for a private key d with no script tree: the internal x-only key x(d·G), the
 * tweaked private key, and the output key x(Q) that the P2TR script commits to (BIP341
 * taproot_tweak_seckey with h = empty).
 */
export function taprootTweak(priv: Uint8Array): { internalKey: Uint8Array; tweakedPriv: Uint8Array; outputKey: Uint8Array } {
  const full = publicKey(priv);
  const internalKey = full.slice(1);
  const d = full[0] === 0x03 ? ecc.privateNegate(priv) : priv;
  const t = taggedHash('TapTweak', internalKey);
  const tweakedPriv = ecc.privateAdd(d, t);
  if (!tweakedPriv) throw new RangeError('taproot tweak out of range');
  const q = ecc.xOnlyPointFromScalar(tweakedPriv);
  return { internalKey, tweakedPriv, outputKey: q };
}

/** x-only output key for an x-only internal key (BIP86, no script tree); undefined if invalid. */
export function taprootOutputKey(internalKey: Uint8Array): Uint8Array | undefined {
  try {
    const r = ecc.xOnlyPointAddTweak(internalKey, taggedHash('TapTweak', internalKey));
    return r ? r.xOnlyPubkey : undefined;
  } catch {
    return undefined;
  }
}

/**
 * BIP341 taproot_output_script with a script tree: Q = P + int(TaggedHash("TapTweak", x(P) || h))·G
 * for the x-only internal key P and the tree's Merkle root h, with the parity of Q that the
 * control block's first byte carries ("c[0] & 1"); undefined if the tweak is invalid.
 */
export function taprootTreeOutputKey(internalKey: Uint8Array, merkleRoot: Uint8Array): { outputKey: Uint8Array; parity: 0 | 1 } | undefined {
  try {
    const r = ecc.xOnlyPointAddTweak(internalKey, taggedHash('TapTweak', internalKey, merkleRoot));
    return r ? { outputKey: r.xOnlyPubkey, parity: r.parity } : undefined;
  } catch {
    return undefined;
  }
}

/** DER-encode a 64-byte compact signature (BIP66 strict encoding). */
export function derEncode(compact: Uint8Array): Uint8Array {
  const int = (b: Uint8Array): Uint8Array => {
    let i = 0;
    while (i < b.length - 1 && b[i] === 0) i++;
    const v = b.subarray(i);
    if (v[0]! & 0x80) {
      const out = new Uint8Array(v.length + 1);
      out.set(v, 1);
      return out;
    }
    return v;
  };
  const r = int(compact.subarray(0, 32));
  const s = int(compact.subarray(32, 64));
  const out = new Uint8Array(6 + r.length + s.length);
  out[0] = 0x30;
  out[1] = 4 + r.length + s.length;
  out[2] = 0x02;
  out[3] = r.length;
  out.set(r, 4);
  out[4 + r.length] = 0x02;
  out[5 + r.length] = s.length;
  out.set(s, 6 + r.length);
  return out;
}

/** Decode a strict DER signature into 64-byte compact form; undefined if not strict DER. */
export function derDecode(der: Uint8Array): Uint8Array | undefined {
  if (der.length < 8 || der.length > 72 || der[0] !== 0x30 || der[1] !== der.length - 2 || der[2] !== 0x02) return undefined;
  const rLen = der[3]!;
  if (rLen === 0 || 5 + rLen >= der.length || der[4 + rLen] !== 0x02) return undefined;
  const sLen = der[5 + rLen]!;
  if (sLen === 0 || 6 + rLen + sLen !== der.length) return undefined;
  const r = der.subarray(4, 4 + rLen);
  const s = der.subarray(6 + rLen);
  const fix = (v: Uint8Array): Uint8Array | undefined => {
    if (v[0]! & 0x80) return undefined; // negative
    if (v.length > 1 && v[0] === 0 && !(v[1]! & 0x80)) return undefined; // needless padding
    const t = v[0] === 0 ? v.subarray(1) : v;
    if (t.length > 32) return undefined;
    const out = new Uint8Array(32);
    out.set(t, 32 - t.length);
    return out;
  };
  const rr = fix(r);
  const ss = fix(s);
  if (!rr || !ss) return undefined;
  const out = new Uint8Array(64);
  out.set(rr, 0);
  out.set(ss, 32);
  return out;
}
