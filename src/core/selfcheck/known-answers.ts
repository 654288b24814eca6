/**
 * Known-answer tests run in place by `coldkit self-check`: each feeds a published vector
 * (./vectors.ts) through the same functions the ceremony commands use — @noble/hashes for
 * SHA-256, HMAC and PBKDF2, the BIP39 seed and BIP32 derivation of src/core/hd, libsecp256k1
 * (WebAssembly) for RFC 6979 ECDSA, BIP340 and the signer's own key derivation, libauth's second
 * libsecp256k1 build (public-key arithmetic of large jobs) against it, ethers for the
 * keccak-256 EIP-155 signature, coldkit's Shamir split and combine — and the RNG health test on
 * the random source it is given. A wrong answer means this copy of the program, or the machine
 * running it, cannot be trusted with a key: the caller refuses (exit 3).
 */
import { hmac } from '@noble/hashes/hmac.js';
import { pbkdf2 } from '@noble/hashes/pbkdf2.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { rngSelfTest } from '../bip39/rng-health.js';
import { mnemonicFromEntropy } from '../bip39/mnemonic.js';
import { NETWORKS } from '../network.js';
import { ecdsaSignLowR, ecdsaVerify, publicKey, schnorrSign, schnorrVerify } from '../secp.js';
import { curveDisagreements } from '../public-curve.js';
import { SeedKeys } from '../btc/seed-keys.js';
import { signTx } from '../eth/sign.js';
import { decodeTx } from '../eth/tx.js';
import { deriveIndices, masterKey, seedFromMnemonic } from '../hd/keys.js';
import { fingerprintHex } from '../hd/path.js';
import { combineShares } from '../shares/combine.js';
import { splitEntropy } from '../shares/split.js';
import { decodeShare } from '../shares/v1.js';
import { fromHex, toHex } from '../text.js';
import * as V from './vectors.js';

/** One known-answer test. */
export interface KnownAnswer {
  id: string;
  /** What it checks, for the report. */
  name: string;
  /** Where the expected answer comes from. */
  source: string;
  /** Undefined when every answer matched; otherwise what differed (no secret: only public test keys). */
  run(): Promise<string | undefined>;
}

/** A test's outcome. */
export interface KnownAnswerResult {
  id: string;
  name: string;
  source: string;
  ok: boolean;
  /** What differed, or the error thrown, when not ok. */
  detail?: string;
}

/** The vectors the tests use (replaceable so a test can show a wrong answer is caught). */
export type Vectors = typeof V;

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const h = (s: string): Uint8Array => fromHex(s, 'vector');

/** "<what>: got X, expected Y" or undefined when equal. */
function differs(what: string, got: string, expected: string): string | undefined {
  return got === expected ? undefined : `${what}: got ${got}, expected ${expected}`;
}

/** The first mismatch of several checks. */
function first(...checks: Array<string | undefined>): string | undefined {
  return checks.find((c) => c !== undefined);
}

/**
 * The byte stream fixtures/shares-v1/generate.mjs split its vectors with: SHA-256 of
 * "<label>/<counter>" for counter 0, 1, 2 …, consumed in order.
 */
export function labelledStream(label: string): (n: number) => Uint8Array {
  let counter = 0;
  let pool = new Uint8Array(0);
  return (n) => {
    const out = new Uint8Array(n);
    let at = 0;
    while (at < n) {
      if (!pool.length) pool = sha256(utf8(`${label}/${counter++}`));
      const take = Math.min(pool.length, n - at);
      out.set(pool.subarray(0, take), at);
      pool = pool.subarray(take);
      at += take;
    }
    return out;
  };
}

/** Every known-answer test, in report order; `random` is the OS CSPRNG the RNG health test draws from. */
export function knownAnswers(random: (n: number) => Uint8Array, v: Vectors = V): KnownAnswer[] {
  return [
    {
      id: 'sha256',
      name: 'SHA-256',
      source: v.SHA256_ABC.source,
      run: async () => differs('digest', toHex(sha256(utf8(v.SHA256_ABC.message))), v.SHA256_ABC.digest),
    },
    {
      id: 'hmac-sha512',
      name: 'HMAC-SHA-512',
      source: v.HMAC_SHA512_RFC4231.source,
      run: async () => differs('MAC', toHex(hmac(sha512, h(v.HMAC_SHA512_RFC4231.key), h(v.HMAC_SHA512_RFC4231.data))), v.HMAC_SHA512_RFC4231.mac),
    },
    {
      id: 'pbkdf2',
      name: 'PBKDF2-HMAC-SHA-256',
      source: v.PBKDF2_SHA256_RFC7914.source,
      run: async () => {
        const p = v.PBKDF2_SHA256_RFC7914;
        return differs('derived key', toHex(pbkdf2(sha256, utf8(p.password), utf8(p.salt), { c: p.iterations, dkLen: p.dk.length / 2 })), p.dk);
      },
    },
    {
      id: 'bip39-seed',
      name: 'BIP39 mnemonic and seed (PBKDF2-HMAC-SHA-512, 2048 rounds)',
      source: v.BIP39_TREZOR.source,
      run: async () => {
        const b = v.BIP39_TREZOR;
        return first(differs('mnemonic', mnemonicFromEntropy(h(b.entropy)), b.mnemonic), differs('seed', toHex(seedFromMnemonic(b.mnemonic, b.passphrase)), b.seed));
      },
    },
    {
      id: 'bip32',
      name: 'BIP32 derivation (scure-bip32, and the signer\'s libsecp256k1 derivation)',
      source: v.BIP32_VECTOR1.source,
      run: async () => {
        const b = v.BIP32_VECTOR1;
        const node = deriveIndices(masterKey(h(b.seed), NETWORKS.mainnet), b.path);
        const keys = SeedKeys.fromSeed(h(b.seed));
        const signer = keys.keyPair(fingerprintHex(keys.fingerprint), b.path);
        return first(
          differs('extended private key', node.privateExtendedKey, b.xprv),
          differs('signer private key', signer ? toHex(signer.priv) : 'none', toHex(node.privateKey!)),
          differs('signer public key', signer ? toHex(signer.pub) : 'none', toHex(node.publicKey!)),
        );
      },
    },
    {
      id: 'ecdsa-rfc6979',
      name: 'ECDSA secp256k1 with RFC 6979 nonces (libsecp256k1)',
      source: v.ECDSA_RFC6979.source,
      run: async () => {
        const e = v.ECDSA_RFC6979;
        const hash = sha256(utf8(e.message));
        const der = ecdsaSignLowR(hash, h(e.d));
        const pub = publicKey(h(e.d));
        const other = hash.slice();
        other[0]! ^= 1;
        return first(
          differs('signature', toHex(der), e.signature),
          ecdsaVerify(hash, pub, der) ? undefined : 'the signature does not verify',
          ecdsaVerify(other, pub, der) ? 'the signature verifies a different hash' : undefined,
        );
      },
    },
    {
      id: 'schnorr-bip340',
      name: 'BIP340 Schnorr signature (libsecp256k1)',
      source: v.SCHNORR_BIP340.source,
      run: async () => {
        const s = v.SCHNORR_BIP340;
        const sig = schnorrSign(h(s.message), h(s.secretKey), h(s.auxRand));
        return first(
          differs('public key', toHex(publicKey(h(s.secretKey)).slice(1)), s.publicKey),
          differs('signature', toHex(sig), s.signature),
          schnorrVerify(h(s.message), h(s.publicKey), sig) ? undefined : 'the signature does not verify',
        );
      },
    },
    {
      id: 'public-curve',
      name: "libauth's libsecp256k1 build (public-key arithmetic for large jobs) against tiny-secp256k1",
      source: 'scalars at the group order\'s edges, BIP32 test vector 1 (m/0H), strict ECDSA verification cases, invalid SEC1 points (src/core/public-curve.ts)',
      run: async () => {
        const { libauthCurve } = await import('../libauth-curve.js');
        const wrong = curveDisagreements(await libauthCurve());
        return wrong.length ? wrong.join('; ') : undefined;
      },
    },
    {
      id: 'eip155',
      name: 'keccak-256 signing hash and EIP-155 signature (ethers)',
      source: v.EIP155_EXAMPLE.source,
      run: async () => {
        const e = v.EIP155_EXAMPLE;
        const signed = signTx({ type: 0, chainId: e.chainId, nonce: e.nonce, gasLimit: e.gasLimit, gasPrice: e.gasPrice, to: e.to, value: e.value, data: new Uint8Array() }, h(e.privateKey));
        return first(differs('signing hash', decodeTx(signed.rawHex, 'signed transaction').signingHash, e.signingHash), differs('signed transaction', signed.rawHex, e.signedTx));
      },
    },
    {
      id: 'shamir',
      name: 'Shamir split and combine (coldkit shares v1)',
      source: v.SHARES_V1.source,
      run: async () => {
        const s = v.SHARES_V1;
        const set = await splitEntropy(h(s.entropy), s.threshold, s.count, labelledStream(s.streamLabel));
        const back = await combineShares(s.shares.slice(0, s.threshold).map((t, i) => ({ label: `share ${i + 1}`, share: decodeShare(t) })));
        return first(...s.shares.map((t, i) => differs(`share ${i + 1}`, set.texts[i] ?? 'none', t)), differs('combined entropy', toHex(back.entropy), s.entropy));
      },
    },
    {
      id: 'rng-health',
      name: 'RNG health test on the OS random source (repeats, stuck bits, FIPS 140-2 monobit)',
      source: 'src/core/bip39/rng-health.ts, the test seed new runs before making a seed',
      run: async () => {
        rngSelfTest(random);
        return undefined;
      },
    },
  ];
}

/** Run every test; an exception counts as a failure with its message. */
export async function runKnownAnswers(tests: readonly KnownAnswer[]): Promise<KnownAnswerResult[]> {
  const out: KnownAnswerResult[] = [];
  for (const t of tests) {
    let detail: string | undefined;
    try {
      detail = await t.run();
    } catch (e) {
      detail = `threw: ${e instanceof Error ? e.message : String(e)}`;
    }
    out.push({ id: t.id, name: t.name, source: t.source, ok: detail === undefined, ...(detail !== undefined ? { detail } : {}) });
  }
  return out;
}
