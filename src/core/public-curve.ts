/**
 * The secp256k1 operations that see only public data: BIP32 CKDpub's I_L·G (I_L comes from an
 * xpub and its chain code), ECDSA verification and point validation. Private keys never pass
 * here; signing stays on tiny-secp256k1 (secp.ts).
 *
 * Two builds of libsecp256k1 serve them. tiny-secp256k1 (Rust, WebAssembly) is the default and is
 * loaded with the signer. A second build, @bitauth/libauth's (C through Emscripten, 32-bit limbs),
 * is 1.7–2.4× faster at these operations in WebAssembly but costs ≈ 40 ms to load, so the CLI
 * installs it only for large jobs (a many-input vault PSBT, a long address list). Before it is
 * used it must give the default's answers on known cases (`installPublicCurve`); a build that
 * disagrees is refused, never silently replaced. A signature made by tiny-secp256k1 and checked
 * by libauth's build is also checked by a second, independently compiled implementation.
 */
import * as ecc from 'tiny-secp256k1';
import { VerificationError } from './errors.js';
import { equalBytes } from './bytes.js';
import { fromHex, toHex } from './text.js';
import { SECP256K1_N, SECP256K1_N_BYTES } from './curve-order.js';

/** secp256k1 operations on public data only. */
export interface PublicCurve {
  /** Which build it is, for reports. */
  readonly name: string;
  /** t·G as a 65-byte uncompressed point, for a public scalar 0 < t < n; undefined when t is out of range. */
  baseMultiply(t: Uint8Array): Uint8Array | undefined;
  /** Strict ECDSA verification (low S required) of a 64-byte compact signature on a 32-byte hash. */
  verify(hash: Uint8Array, pub: Uint8Array, compact: Uint8Array): boolean;
  /** Is `p` a SEC1 point: 33 bytes with 0x02/0x03, or 65 bytes with 0x04 (no hybrid 0x06/0x07 form)? */
  isPoint(p: Uint8Array): boolean;
  /**
   * HMAC-SHA512 for CKDpub (keyed by an xpub's chain code: public), when one faster than
   * @noble/hashes' pre-keyed HMAC is at hand (the CLI's native one); absent: noble's.
   */
  hmacSha512?: (key: Uint8Array, data: Uint8Array) => Uint8Array;
}

/** SEC1 prefix and length, checked before a point reaches either build (libsecp256k1 also parses hybrid keys). */
export function sec1Shape(p: Uint8Array): boolean {
  return (p.length === 33 && (p[0] === 0x02 || p[0] === 0x03)) || (p.length === 65 && p[0] === 0x04);
}

/** tiny-secp256k1: the default, loaded with the signer. */
export const tinyCurve: PublicCurve = {
  name: 'tiny-secp256k1',
  baseMultiply(t) {
    try {
      return ecc.pointFromScalar(t, false) ?? undefined;
    } catch {
      return undefined;
    }
  },
  verify(hash, pub, compact) {
    try {
      return sec1Shape(pub) && ecc.verify(hash, pub, compact, true);
    } catch {
      return false;
    }
  },
  isPoint(p) {
    return sec1Shape(p) && ecc.isPoint(p);
  },
};

let current: PublicCurve = tinyCurve;

/** The build in use for public-data operations. */
export function publicCurve(): PublicCurve {
  return current;
}

const hex = (s: string): Uint8Array => fromHex(s, 'known answer');

/**
 * Known cases every build must answer as tiny-secp256k1 does: scalars at the edges of the group
 * (1, 2, n−1, n, 0), a BIP32 test vector 1 child key, a signature that verifies and its tampered,
 * high-S and wrong-hash variants, points that are not points (x ≥ p, off the curve, hybrid, wrong
 * length, the infinity byte), and RFC 4231 case 2 for a build's HMAC. Empty when all agree.
 */
export function curveDisagreements(c: PublicCurve): string[] {
  const scalars = [
    '0000000000000000000000000000000000000000000000000000000000000001',
    '0000000000000000000000000000000000000000000000000000000000000002',
    'fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140',
    toHex(SECP256K1_N_BYTES),
    '0000000000000000000000000000000000000000000000000000000000000000',
    // BIP32 test vector 1, chain m/0H: its private key.
    'edb2e14f9ee77d26dd93b4ecede8d16ed408ce149b6cd80b0715a2d911a0afea',
  ].map(hex);
  const out: string[] = [];
  const show = (v: Uint8Array | undefined) => (v ? toHex(v) : 'none');
  for (const t of scalars) {
    const a = c.baseMultiply(t);
    const b = tinyCurve.baseMultiply(t);
    if ((a === undefined) !== (b === undefined) || (a && b && !equalBytes(a, b))) out.push(`${show(t)}·G: ${show(a)}, expected ${show(b)}`);
  }
  const priv = scalars[5]!;
  const hash = hex('5f1b3e8a4f4e2c6d0b9a7c3e1f2d4b6a8c0e2f4a6b8d0c2e4f6a8b0c2d4e6f80');
  const sig = ecc.sign(hash, priv);
  const pubs = [ecc.pointFromScalar(priv, true)!, ecc.pointFromScalar(priv, false)!];
  const flipped = sig.slice();
  flipped[40]! ^= 1;
  const highS = sig.slice();
  // s' = n − s: the same signature with high S, which strict verification refuses.
  const s = BigInt('0x' + show(sig.subarray(32)));
  highS.set(hex((SECP256K1_N - s).toString(16).padStart(64, '0')), 32);
  const otherHash = hash.slice();
  otherHash[0]! ^= 0x80;
  const cases: [string, Uint8Array, Uint8Array, Uint8Array][] = [];
  for (const p of pubs) {
    cases.push([`valid signature (${p.length}-byte key)`, hash, p, sig], [`tampered signature (${p.length}-byte key)`, hash, p, flipped], [`high-S signature (${p.length}-byte key)`, hash, p, highS], [`other hash (${p.length}-byte key)`, otherHash, p, sig]);
  }
  for (const [what, h, p, s2] of cases) {
    if (c.verify(h, p, s2) !== tinyCurve.verify(h, p, s2)) out.push(`verify, ${what}: ${c.verify(h, p, s2)}, expected ${tinyCurve.verify(h, p, s2)}`);
  }
  const notPoints = [
    pubs[0]!,
    pubs[1]!,
    // x = p (not a field element), an x off the curve (x = 5), the hybrid form, a cut key, the infinity byte.
    hex('02fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f'),
    hex('020000000000000000000000000000000000000000000000000000000000000005'),
    Uint8Array.of(0x06 | (pubs[1]![64]! & 1), ...pubs[1]!.subarray(1)),
    pubs[0]!.subarray(0, 32),
    Uint8Array.of(0),
  ];
  if (c.hmacSha512) {
    // RFC 4231 test case 2 (HMAC-SHA-512, key "Jefe").
    const mac = show(c.hmacSha512(new TextEncoder().encode('Jefe'), new TextEncoder().encode('what do ya want for nothing?')));
    const expected = '164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737';
    if (mac !== expected) out.push(`HMAC-SHA512 (RFC 4231 case 2): ${mac}, expected ${expected}`);
  }
  for (const p of notPoints) {
    if (c.isPoint(p) !== tinyCurve.isPoint(p)) out.push(`isPoint(${show(p)}): ${c.isPoint(p)}, expected ${tinyCurve.isPoint(p)}`);
  }
  return out;
}

/**
 * Use `c` for public-data operations from now on, once it gives tiny-secp256k1's answers on the
 * known cases. A build that disagrees cannot be trusted with a vault proof: VerificationError
 * (exit 3), and the default stays in use.
 */
export function installPublicCurve(c: PublicCurve): void {
  const wrong = curveDisagreements(c);
  if (wrong.length) throw new VerificationError(`${c.name} gives other secp256k1 answers than tiny-secp256k1 (${wrong.join('; ')}); this copy of coldkit cannot be trusted — reinstall it from a verified release`);
  current = c;
}

/** Back to the default build (tests). */
export function resetPublicCurve(): void {
  current = tinyCurve;
}
