/**
 * Proving a PSBT script is a registered vault's, and saying exactly why not. A vault script
 * (P2WSH or P2SH-P2WSH over `sortedmulti(k, …)`) is ours only when the script rebuilt from the
 * registered cosigners' xpubs at the claimed branch/index equals it byte for byte: a derivation
 * claim only says which branch/index to try. The PSBT's witness script is never trusted; it is read
 * only to explain a mismatch — a key that is not a registered cosigner at that path, another
 * threshold, another script type — because several hardware wallets once accepted "change" whose
 * script swapped one cosigner key for an attacker's.
 */
import { equalBytes } from '../bytes.js';
import { HARDENED, fingerprintHex, formatPath } from '../hd/path.js';
import { toHex } from '../text.js';
import type { KeySource } from '../wallet/key-source.js';
import { parseMultisig } from '../wallet/multisig.js';
import { parseMultiA } from '../wallet/tapscript-multisig.js';
import { scriptKind } from '../wallet/script.js';
import { vaultKindName } from '../wallet/vault.js';
import type { Wallet, WalletAddress } from '../wallet/wallet.js';
import { claims, type Claim, type ClaimFields, type OwnedKey } from './ownership.js';
import type { Der } from './psbt-view.js';

/** A PSBT map's claims and scripts, as far as a vault proof reads them. */
export interface VaultFields extends ClaimFields {
  witnessScript?: Uint8Array;
  redeemScript?: Uint8Array;
  /** BIP371 PSBT_IN_TAP_LEAF_SCRIPT (inputs) / PSBT_OUT_TAP_TREE (outputs): a taproot vault's leaf, read only to explain a mismatch. */
  tapLeafScript?: unknown[];
  tapTree?: unknown[];
}

/** The first tapscript leaf a PSBT map names (input leaf script without its version byte, or output tree leaf), if any. */
function tapLeafOf(m: VaultFields): Uint8Array | undefined {
  const input = m.tapLeafScript?.[0];
  if (Array.isArray(input) && input[1] instanceof Uint8Array && input[1].length > 1) return input[1].subarray(0, -1);
  const output = m.tapTree?.[0] as { script?: unknown } | undefined;
  return output?.script instanceof Uint8Array ? output.script : undefined;
}

/** The outcome of a vault proof for one script. */
export interface VaultProof {
  /** The vault address the script is (proven). */
  address?: WalletAddress;
  /** Our key in it (the seed's cosigner key), when the key source holds one of its cosigners. */
  owned?: OwnedKey;
  /** Claims that name a vault cosigner's fingerprint. */
  claimed: Der[];
  /** Why the script is not the vault's, when a claim names a vault cosigner but the proof failed. */
  why?: string;
}

/** The branch/index a claim points at, when its path is vault key `j`'s origin plus branch/index. */
function locate(vault: Wallet, der: Der): { j: number; branch: number; index: number } | undefined {
  const fp = fingerprintHex(der.fingerprint >>> 0);
  for (const [j, k] of vault.descriptor.keys.entries()) {
    if (k.fingerprint !== fp || !k.originPath) continue;
    const head = [...k.originPath, ...k.prefix];
    if (der.path.length !== head.length + 2 || head.some((v, i) => der.path[i] !== v)) continue;
    const [branch, index] = der.path.slice(head.length) as [number, number];
    if ((branch === vault.receiveBranch || branch === vault.changeBranch) && index < HARDENED) return { j, branch, index };
  }
  return undefined;
}

/**
 * Prove `script` is the vault's at a claimed branch/index, and find our key in it. With
 * `provisional` (the signer, about to sign), the seed's own key may be taken as the PSBT claims it
 * (see `provisionalProof`): the signature then proves it.
 */
export function proveVault(script: Uint8Array, m: VaultFields, vault: Wallet, keys: KeySource | undefined, provisional = false): VaultProof {
  const vaultFps = new Set(vault.descriptor.keys.map((k) => k.fingerprint));
  // A taproot vault's keys are claimed by BIP371 tap derivations, a segwit v0 vault's by BIP174 ones.
  const taproot = vault.template.spend === 'taproot-script';
  const vaultClaims = claims(m).filter((c) => c.taproot === taproot && vaultFps.has(fingerprintHex(c.der.fingerprint >>> 0)));
  const claimed = vaultClaims.map((c) => c.der);
  if (claimed.length === 0) return { claimed };
  if (provisional && !taproot && keys) {
    const p = provisionalProof(script, vaultClaims, vault, keys);
    if (p) return { ...p, claimed };
  }
  const tried = new Set<string>();
  let expected: WalletAddress | undefined;
  for (const der of claimed) {
    const at = locate(vault, der);
    if (!at || tried.has(`${at.branch}/${at.index}`)) continue;
    tried.add(`${at.branch}/${at.index}`);
    const a = vault.at(at.branch, at.index);
    expected ??= a;
    if (!equalBytes(a.scripts.script, script)) continue;
    return { address: a, claimed, ...ourKey(a, vault, keys) };
  }
  return { claimed, why: explain(script, m, vault, expected) };
}

/**
 * The signer's shortcut (one CKDpub fewer per input, docs/performance.md): when the seed holds
 * cosigner `j`'s registered account key (point and chain code, checked once) and the PSBT claims a
 * key for our fingerprint at a vault path, the script is rebuilt with every other cosigner's key
 * derived from its registered xpub and our key as claimed. If that is the script, it is the
 * vault's exactly when the claimed key is our child key there — which the signature made with our
 * child private key, verified against the claimed key (sign.ts), proves: a signature by our key
 * verifies under another key only with negligible probability. The proof is marked `provisional`:
 * the signer refuses the input as not from the vault when that verification fails
 * (signer.ts), and the review completes it by CKDpub when the input will not be signed (already
 * signed by us, finalized). Watch-only reviews (`psbt inspect`, `psbt create`) never take it.
 */
function provisionalProof(script: Uint8Array, vaultClaims: readonly Claim[], vault: Wallet, keys: KeySource): Pick<VaultProof, 'address' | 'owned'> | undefined {
  if (!keys.holdsAccount) return undefined;
  for (const c of vaultClaims) {
    if (!keys.fingerprints.includes(c.der.fingerprint >>> 0) || c.key.length !== 33) continue;
    const at = locate(vault, c.der);
    if (!at) continue;
    const origin = vault.descriptor.keys[at.j]!.originPath!;
    const { publicKey, chainCode } = vault.accountKey(at.j);
    if (publicKey === null || chainCode === null || !keys.holdsAccount(c.der.fingerprint >>> 0, origin, { publicKey, chainCode })) continue;
    const a = vault.atWithKey(at.branch, at.index, at.j, c.key);
    if (!equalBytes(a.scripts.script, script)) continue;
    return { address: a, owned: { ...ownedKey(a, vault, c.der.fingerprint >>> 0, c.der.path, c.key), provisional: true } };
  }
  return undefined;
}

/** The OwnedKey of our key `pub` at `path` in vault address `a`. */
function ownedKey(a: WalletAddress, vault: Wallet, fingerprint: number, path: number[], pub: Uint8Array): OwnedKey {
  return {
    type: vault.template.name,
    fingerprint: fingerprintHex(fingerprint),
    path,
    pubkey: pub,
    ...(a.scripts.redeemScript ? { redeemScript: a.scripts.redeemScript } : {}),
    ...(a.scripts.witnessScript ? { witnessScript: a.scripts.witnessScript } : {}),
    ...(a.scripts.tap ? { leafHash: a.scripts.tap.leafHash } : {}),
    shape: { keys: vault.descriptor.keys.length, threshold: vault.descriptor.threshold },
  };
}

/**
 * Our cosigner key in a proven vault address: the key source must derive the same public key at
 * that cosigner's path. When the source holds that cosigner's account key itself (its key at the
 * origin path has the registered xpub's point and chain code: checked against the cached account
 * node, so one point multiplication per sign), the key the proof derived by CKDpub is that public
 * key (BIP32): the source adopts it (and its uncompressed form, which verification parses without
 * a square root), and the point multiplication from the private key per input is skipped; the
 * signature is verified against this key after signing all the same (sign.ts).
 */
function ourKey(a: WalletAddress, vault: Wallet, keys: KeySource | undefined): { owned?: OwnedKey } {
  if (!keys) return {};
  for (const [n, k] of a.keys.entries()) {
    if (!keys.fingerprints.includes(k.fingerprint >>> 0)) continue;
    const origin = vault.descriptor.keys[n]!.originPath;
    const { publicKey, chainCode } = vault.accountKey(n);
    const held = origin !== undefined && publicKey !== null && chainCode !== null && keys.holdsAccount?.(k.fingerprint >>> 0, origin, { publicKey, chainCode }) === true;
    if (held && k.point) keys.adoptPublicKey?.(k.fingerprint >>> 0, k.path, k.pubkey, k.point);
    const pub = held ? k.pubkey : keys.publicKey(k.fingerprint >>> 0, k.path);
    if (!pub || !equalBytes(pub, k.pubkey)) continue;
    return { owned: ownedKey(a, vault, k.fingerprint, k.path, pub) };
  }
  return {};
}

const KIND_NAMES: Record<string, string> = { p2wsh: 'P2WSH', p2sh: 'P2SH', p2wpkh: 'P2WPKH', p2pkh: 'P2PKH', p2tr: 'P2TR' };

/** Why `script` is not the vault's script `expected` (at the path its claims name). */
function explain(script: Uint8Array, m: VaultFields, vault: Wallet, expected: WalletAddress | undefined): string {
  if (!expected) return 'its derivation paths are not cosigner paths of the vault (origin, then receive/change branch and an unhardened index)';
  const where = `at ${expected.branch}/${expected.index}`;
  const kind = scriptKind(script);
  const vaultKind = vaultKindName(vault.template.name);
  // A segwit v0 vault's witness script, or a taproot vault's tap leaf (x-only keys, BIP387).
  const leaf = vault.template.output === 'p2tr' ? tapLeafOf(m) : undefined;
  const policy = m.witnessScript ? parseMultisig(m.witnessScript) : leaf ? parseMultiA(leaf) : undefined;
  const what = leaf && !m.witnessScript ? 'tap leaf' : 'witness script';
  const keyOf = (k: Uint8Array) => (what === 'tap leaf' ? k.subarray(1) : k);
  const problems: string[] = [];
  if (kind !== vault.template.output) problems.push(`it is a ${KIND_NAMES[kind] ?? kind} script, the vault is ${vaultKind}`);
  else if (vault.template.inner && m.redeemScript && scriptKind(m.redeemScript) !== vault.template.inner) problems.push(`its redeem script is not a P2WSH program, the vault is ${vaultKind}`);
  if (policy) {
    if (policy.threshold !== vault.descriptor.threshold || policy.keys.length !== vault.descriptor.keys.length) {
      problems.push(`its ${what} is ${policy.threshold}-of-${policy.keys.length}, the vault is ${vault.descriptor.threshold}-of-${vault.descriptor.keys.length}`);
    }
    const ours = expected.keys.map((k) => keyOf(k.pubkey));
    const strangers = policy.keys.filter((k) => !ours.some((o) => equalBytes(o, k)));
    if (strangers.length) problems.push(`its ${what} has key${strangers.length > 1 ? 's' : ''} ${strangers.map((k) => toHex(k).slice(0, 16) + '…').join(', ')} that ${strangers.length > 1 ? 'are not registered cosigners' : 'is not a registered cosigner'} ${where}`);
    const missing = expected.keys.filter((k) => !policy.keys.some((p) => equalBytes(p, keyOf(k.pubkey))));
    if (missing.length && strangers.length) problems.push(`cosigner ${missing.map((k) => fingerprintHex(k.fingerprint)).join(', ')} ${missing.length > 1 ? 'are' : 'is'} left out`);
  } else if (m.witnessScript) problems.push('its witness script is not a multisig script');
  else if (leaf) problems.push('its tap leaf is not a multi_a script');
  if (problems.length === 0) problems.push(`its script is not the vault's ${where} (${formatPath(expected.keys[0]!.path)})`);
  return problems.join('; ');
}
