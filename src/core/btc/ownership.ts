/**
 * Turning a PSBT's BIP32 derivation claims into proofs. A claim (PSBT_IN/OUT_BIP32_DERIVATION,
 * BIP371 TAP_BIP32_DERIVATION) says "this key is at path P under master fingerprint F"; it is only
 * a hint. The script is ours when the key we derive ourselves at P, put through a script template
 * whose output has the script's form (src/core/wallet/template.ts), rebuilds the script byte for
 * byte. Taproot claims count only for the BIP86 key path: no leaf hashes, the claimed x-only key
 * is the internal key, and no script tree.
 *
 * Single-key templates are proven from our one key. A multisig template needs every cosigner's
 * key at the path; those come from the registered vault (vault-proof.ts), given beside the key
 * source.
 */
import { equalBytes } from '../bytes.js';
import { fingerprintHex } from '../hd/path.js';
import type { KeySource } from '../wallet/key-source.js';
import { scriptKind } from '../wallet/script.js';
import { templatesFor, type SpendScripts, type TemplateName, type WalletShape } from '../wallet/template.js';
import type { Der } from './psbt-view.js';

/** A script proven ours: the template, our key's origin and public key, and the scripts it builds. */
export interface OwnedKey {
  /** The template name (JSON: `type`, as `--script` names it). */
  type: TemplateName;
  /** Master fingerprint of our key (8 hex). */
  fingerprint: string;
  path: number[];
  pubkey: Uint8Array;
  /** HASH160 of the key (ECDSA templates: the BIP143 scriptCode of P2WPKH is built from it). */
  keyHash?: Uint8Array;
  /** BIP16 redeem script (P2SH templates). */
  redeemScript?: Uint8Array;
  /** BIP141 witness script (P2WSH templates). */
  witnessScript?: Uint8Array;
  /** Keys and threshold of a vault script (multisig templates), for size estimates and the signature count. */
  shape?: WalletShape;
  /** BIP341 leaf hash of a taproot vault's script leaf: what its script-path signatures commit to. */
  leafHash?: Uint8Array;
  /**
   * The vault script was rebuilt with this key as the PSBT claims it (vault-proof.ts
   * `provisionalProof`): it is ours only once a signature by our key verifies under it.
   */
  provisional?: true;
}

/** One derivation claim of a PSBT map. */
export interface Claim {
  key: Uint8Array;
  der: Der;
  taproot: boolean;
  leafHashes: number;
}

/** The derivation fields of a PSBT input or output map. */
export interface ClaimFields {
  bip32Derivation?: [Uint8Array, Der][];
  tapBip32Derivation?: [Uint8Array, { hashes: Uint8Array[]; der: Der }][];
}

/** Every (key, derivation) claim of a PSBT input or output map. */
export function claims(m: ClaimFields): Claim[] {
  const out: Claim[] = [];
  for (const [key, der] of m.bip32Derivation ?? []) out.push({ key, der, taproot: false, leafHashes: 0 });
  for (const [key, v] of m.tapBip32Derivation ?? []) out.push({ key, der: v.der, taproot: true, leafHashes: v.hashes.length });
  return out;
}

function owned(type: TemplateName, fingerprint: number, der: Der, pubkey: Uint8Array, s: SpendScripts): OwnedKey {
  return {
    type,
    fingerprint: fingerprintHex(fingerprint),
    path: der.path,
    pubkey,
    ...(s.keyHash ? { keyHash: s.keyHash } : {}),
    ...(s.redeemScript ? { redeemScript: s.redeemScript } : {}),
    ...(s.witnessScript ? { witnessScript: s.witnessScript } : {}),
  };
}

/**
 * Prove `script` ours from the claims of its map. Returns the proof (if any) and the claims that
 * name our fingerprints (all claims when there is no key source: they cannot be checked).
 */
export function prove(script: Uint8Array, m: ClaimFields, keys: KeySource | undefined): { owned?: OwnedKey; claimed: Der[] } {
  const claimed: Der[] = [];
  const candidates = templatesFor(scriptKind(script)).filter((t) => t.keys === 'one');
  for (const c of claims(m)) {
    const fp = c.der.fingerprint >>> 0;
    if (keys === undefined) {
      claimed.push(c.der);
      continue;
    }
    if (!keys.fingerprints.includes(fp)) continue;
    claimed.push(c.der);
    // No single-key template has this script's form (a vault's P2WSH): nothing to derive (a point multiplication).
    if (candidates.length === 0) continue;
    const pub = keys.publicKey(fp, c.der.path);
    if (!pub) continue;
    if (c.taproot ? c.leafHashes !== 0 || !equalBytes(pub.subarray(1), c.key) : !equalBytes(pub, c.key)) continue;
    for (const t of candidates) {
      if ((t.spend === 'taproot-key') !== c.taproot) continue;
      const built = t.build([pub]);
      if (equalBytes(built.script, script)) return { owned: owned(t.name, fp, c.der, pub, built), claimed };
    }
  }
  return { claimed };
}
