/**
 * Script templates: how a wallet turns the keys of its descriptor, derived at one path, into the
 * output script (and the redeem or witness script behind it), and what spending that output takes.
 * A wallet is a descriptor (descriptor.ts): one template over one or more keys with their origins.
 *
 * Single-key templates, with their BIP43 purpose and descriptor form (BIP381/382/386):
 * - `pkh`: P2PKH, BIP44, `pkh(KEY)`;
 * - `sh-wpkh`: P2SH-P2WPKH, BIP49, `sh(wpkh(KEY))`;
 * - `wpkh`: P2WPKH, BIP84, `wpkh(KEY)`;
 * - `tr`: P2TR key path with no script tree, BIP86, `tr(KEY)`: the output key is the internal key
 *   tweaked with TaggedHash("TapTweak", x(P)) (BIP341 taproot_output_script with no scripts).
 *
 * Multisig templates (vaults), BIP48 purpose 48 with its script_type level, BIP383 sortedmulti
 * (keys in BIP67 order, multisig.ts), the witness script as BIP143 scriptCode:
 * - `wsh-multi`: P2WSH, `m/48'/coin'/account'/2'`, `wsh(sortedmulti(k,KEY,…))`;
 * - `sh-wsh-multi`: P2SH-P2WSH, `m/48'/coin'/account'/1'`, `sh(wsh(sortedmulti(k,KEY,…)))`;
 * - `tr-multi`: P2TR, `m/48'/coin'/account'/3'` (the script_type 3 the closed BIP48 amendment
 *   bitcoin/bips#1473 proposed and several coordinators use; BIP48 itself defines none for taproot),
 *   `tr(NUMS,sortedmulti_a(k,KEY,…))`: an unspendable internal key and one BIP387 leaf
 *   (tapscript-multisig.ts), spent by the BIP341 script path.
 * `build` gets every cosigner's key (descriptor order) and the threshold.
 */
import { InputError } from '../errors.js';
import { compactSizeLength } from '../bytes.js';
import { hash160 } from '../hash.js';
import { SLIP132 } from '../network.js';
import { taprootOutputKey } from '../secp.js';
import { multisigScript } from './multisig.js';
import { NUMS_HEX, tapVault, type TapVaultScripts } from './tapscript-multisig.js';
import { p2pkh, p2sh, p2tr, p2wpkh, p2wsh, type OutputKind } from './script.js';

/** coldkit's template names (the user-facing `--script` values). */
export type TemplateName = 'pkh' | 'sh-wpkh' | 'wpkh' | 'tr' | 'wsh-multi' | 'sh-wsh-multi' | 'tr-multi';

/** How an input of the template is signed: legacy sighash, BIP143 (segwit v0), BIP341 key path or BIP341/342 script path. */
export type SpendKind = 'legacy' | 'segwit-v0' | 'taproot-key' | 'taproot-script';

/** The scripts of one template at one path. */
export interface SpendScripts {
  /** The output script (scriptPubKey). */
  script: Uint8Array;
  /** BIP16 redeem script, when the output is P2SH. */
  redeemScript?: Uint8Array;
  /** BIP141 witness script, when the program is P2WSH. */
  witnessScript?: Uint8Array;
  /** HASH160 of the key of a single-key ECDSA template (P2WPKH's BIP143 scriptCode is built from it). */
  keyHash?: Uint8Array;
  /** BIP341 script path (taproot vaults): the internal key, the one leaf and its control block. */
  tap?: TapVaultScripts;
}

/** How many keys and signatures a wallet's script takes (1 of 1 for single-key). */
export interface WalletShape {
  keys: number;
  threshold: number;
}

/** A script template. */
export interface ScriptTemplate {
  name: TemplateName;
  /** Descriptor script functions from the outside in: ['sh', 'wpkh']. */
  functions: readonly string[];
  /** BIP43 purpose of its standard account path (m/purpose'/coin'/account'). */
  purpose: number;
  /** BIP48 script_type, the fourth (hardened) level of a multisig account path m/48'/coin'/account'/script_type'. */
  bip48?: number;
  /** The form of its output script. */
  output: OutputKind;
  /** Under P2SH: the form of the redeem script (P2SH-P2WPKH: a P2WPKH program). */
  inner?: OutputKind;
  spend: SpendKind;
  /** A fixed x-only internal key written before the script tree (`tr(NUMS,…)`), hex. */
  internalKey?: string;
  /** Keys it is built from: one, or several (multisig). */
  keys: 'one' | 'many';
  /** SLIP-132 public version bytes [mainnet, testnet], where that convention names the type. */
  slip132?: readonly [number, number];
  /** Names other wallets use: Electrum's script type, the Coldcard/Sparrow generic-JSON section and name. */
  foreign: { electrum: string; section: string; name: string };
  /** The scripts for public keys (compressed, one per key expression, descriptor order) at one path. */
  build(keys: readonly Uint8Array[], threshold?: number): SpendScripts;
  /** BIP141 weight of one input once signed (coldkit's signature sizes), for fee estimates. */
  inputWeight(shape?: WalletShape): number;
}

const OUTPOINT_SEQUENCE = 36 + 4;
const ECDSA_SIG = 71; // 70-byte low-R DER + sighash byte
const PUBKEY = 33;
/** Weight of the P2WPKH witness: item count, signature, public key. */
const WPKH_WITNESS = 1 + 1 + ECDSA_SIG + 1 + PUBKEY;

function one(keys: readonly Uint8Array[]): Uint8Array {
  const k = keys[0];
  if (keys.length !== 1 || !k || k.length !== 33 || (k[0] !== 2 && k[0] !== 3)) throw new InputError('expected one 33-byte compressed public key', 'pubkey');
  return k;
}

const PKH: ScriptTemplate = {
  name: 'pkh',
  functions: ['pkh'],
  purpose: 44,
  output: 'p2pkh',
  spend: 'legacy',
  keys: 'one',
  foreign: { electrum: 'p2pkh', section: 'bip44', name: 'p2pkh' },
  build(keys) {
    const keyHash = hash160(one(keys));
    return { script: p2pkh(keyHash), keyHash };
  },
  inputWeight: () => 4 * (OUTPOINT_SEQUENCE + 1 + (1 + ECDSA_SIG + 1 + PUBKEY)),
};

const SH_WPKH: ScriptTemplate = {
  name: 'sh-wpkh',
  functions: ['sh', 'wpkh'],
  purpose: 49,
  output: 'p2sh',
  inner: 'p2wpkh',
  spend: 'segwit-v0',
  keys: 'one',
  slip132: [SLIP132.ypub, SLIP132.upub],
  foreign: { electrum: 'p2wpkh-p2sh', section: 'bip49', name: 'p2sh-p2wpkh' },
  build(keys) {
    const keyHash = hash160(one(keys));
    const redeemScript = p2wpkh(keyHash);
    return { script: p2sh(redeemScript), redeemScript, keyHash };
  },
  inputWeight: () => 4 * (OUTPOINT_SEQUENCE + 1 + 23) + WPKH_WITNESS,
};

const WPKH: ScriptTemplate = {
  name: 'wpkh',
  functions: ['wpkh'],
  purpose: 84,
  output: 'p2wpkh',
  spend: 'segwit-v0',
  keys: 'one',
  slip132: [SLIP132.zpub, SLIP132.vpub],
  foreign: { electrum: 'p2wpkh', section: 'bip84', name: 'p2wpkh' },
  build(keys) {
    const keyHash = hash160(one(keys));
    return { script: p2wpkh(keyHash), keyHash };
  },
  inputWeight: () => 4 * (OUTPOINT_SEQUENCE + 1) + WPKH_WITNESS,
};

const TR: ScriptTemplate = {
  name: 'tr',
  functions: ['tr'],
  purpose: 86,
  output: 'p2tr',
  spend: 'taproot-key',
  keys: 'one',
  foreign: { electrum: 'p2tr', section: 'bip86', name: 'p2tr' },
  build(keys) {
    const q = taprootOutputKey(one(keys).subarray(1));
    if (!q) throw new InputError('the key gives no valid taproot output key', 'pubkey');
    return { script: p2tr(q) };
  },
  // BIP341 key path with SIGHASH_DEFAULT: one 64-byte signature in the witness.
  inputWeight: () => 4 * (OUTPOINT_SEQUENCE + 1) + (1 + 1 + 64),
};

/** The n-of-k shape of a multisig build, checked: 1 ≤ k ≤ n ≤ 15 (coldkit's vault limit). */
function multiShape(keys: readonly Uint8Array[], threshold: number | undefined): number {
  const k = threshold ?? 0;
  if (keys.length < 1 || keys.length > MAX_VAULT_KEYS) throw new InputError(`a vault has 1 to ${MAX_VAULT_KEYS} cosigners, not ${keys.length}`, 'cosigners');
  if (!Number.isInteger(k) || k < 1 || k > keys.length) throw new InputError(`threshold ${k} must be between 1 and the number of cosigners (${keys.length})`, '--threshold');
  return k;
}

/** BIP141 witness weight of a k-of-n P2WSH multisig spend: item count, the OP_0 dummy, k signatures, the witness script. */
function multiWitnessWeight(shape: WalletShape | undefined): number {
  const { keys: n, threshold: k } = shape ?? { keys: 3, threshold: 2 };
  const ws = 3 + 34 * n;
  return 1 + 1 + k * (1 + ECDSA_SIG) + compactSizeLength(ws) + ws;
}

/** Most cosigners in a coldkit vault (what P2SH and hardware wallets take; BIP383 allows 20 under wsh). */
export const MAX_VAULT_KEYS = 15;

const WSH_MULTI: ScriptTemplate = {
  name: 'wsh-multi',
  functions: ['wsh', 'sortedmulti'],
  purpose: 48,
  bip48: 2,
  output: 'p2wsh',
  spend: 'segwit-v0',
  keys: 'many',
  slip132: [SLIP132.Zpub, SLIP132.Vpub],
  foreign: { electrum: 'p2wsh', section: 'bip48_2', name: 'p2wsh' },
  build(keys, threshold) {
    const witnessScript = multisigScript(multiShape(keys, threshold), keys, true);
    return { script: p2wsh(witnessScript), witnessScript };
  },
  inputWeight: (shape) => 4 * (OUTPOINT_SEQUENCE + 1) + multiWitnessWeight(shape),
};

const SH_WSH_MULTI: ScriptTemplate = {
  name: 'sh-wsh-multi',
  functions: ['sh', 'wsh', 'sortedmulti'],
  purpose: 48,
  bip48: 1,
  output: 'p2sh',
  inner: 'p2wsh',
  spend: 'segwit-v0',
  keys: 'many',
  slip132: [SLIP132.Ypub, SLIP132.Upub],
  foreign: { electrum: 'p2wsh-p2sh', section: 'bip48_1', name: 'p2sh-p2wsh' },
  build(keys, threshold) {
    const witnessScript = multisigScript(multiShape(keys, threshold), keys, true);
    const redeemScript = p2wsh(witnessScript);
    return { script: p2sh(redeemScript), redeemScript, witnessScript };
  },
  // scriptSig: one push of the 34-byte P2WSH program (BIP141 P2SH-wrapped witness).
  inputWeight: (shape) => 4 * (OUTPOINT_SEQUENCE + 1 + 35) + multiWitnessWeight(shape),
};

/**
 * BIP341 witness weight of a k-of-n taproot vault script-path spend (SIGHASH_DEFAULT): item count,
 * k 64-byte Schnorr signatures and n − k empty items (OP_CHECKSIGADD needs one per key), the leaf
 * script (34·n + 2 bytes), the 33-byte control block of a one-leaf tree.
 */
function tapMultiWitnessWeight(shape: WalletShape | undefined): number {
  const { keys: n, threshold: k } = shape ?? { keys: 3, threshold: 2 };
  const leaf = 34 * n + 2;
  return compactSizeLength(n + 2) + k * (1 + 64) + (n - k) + compactSizeLength(leaf) + leaf + 1 + 33;
}

const TR_MULTI: ScriptTemplate = {
  name: 'tr-multi',
  functions: ['tr', 'sortedmulti_a'],
  purpose: 48,
  bip48: 3,
  output: 'p2tr',
  spend: 'taproot-script',
  internalKey: NUMS_HEX,
  keys: 'many',
  foreign: { electrum: 'p2tr', section: 'bip48_3', name: 'p2tr' },
  build(keys, threshold) {
    const tap = tapVault(multiShape(keys, threshold), keys);
    return { script: p2tr(tap.outputKey), tap };
  },
  inputWeight: (shape) => 4 * (OUTPOINT_SEQUENCE + 1) + tapMultiWitnessWeight(shape),
};

/** Every template, in the order `--script` lists them. */
export const TEMPLATES: readonly ScriptTemplate[] = [WPKH, SH_WPKH, PKH, TR, WSH_MULTI, SH_WSH_MULTI, TR_MULTI];

/** The single-key template names, in `--script` order (the commands that work with one key). */
export const TEMPLATE_NAMES: readonly TemplateName[] = TEMPLATES.filter((t) => t.keys === 'one').map((t) => t.name);

/** The vault (multisig) template names. */
export const VAULT_TEMPLATE_NAMES: readonly TemplateName[] = TEMPLATES.filter((t) => t.keys === 'many').map((t) => t.name);

/** The template of a name. */
export function template(name: TemplateName): ScriptTemplate {
  const t = TEMPLATES.find((x) => x.name === name);
  if (!t) throw new RangeError(`unknown script template ${name}`);
  return t;
}

/** Validate a single-key `--script` value (default wpkh). */
export function scriptTemplate(text: string | undefined, field = '--script'): ScriptTemplate {
  const t = TEMPLATES.find((x) => x.keys === 'one' && x.name === (text ?? 'wpkh'));
  if (!t) throw new InputError(`"${text}" is not a script type; use one of ${TEMPLATE_NAMES.join(', ')}`, field);
  return t;
}

/** Validate a vault `--script` value: wsh (default), sh-wsh or tr, also spelled wsh-multi, sh-wsh-multi and tr-multi. */
export function vaultTemplate(text: string | undefined, field = '--script'): ScriptTemplate {
  const short: Record<string, TemplateName> = { wsh: 'wsh-multi', 'sh-wsh': 'sh-wsh-multi', tr: 'tr-multi' };
  const name = text === undefined ? 'wsh-multi' : (short[text] ?? text);
  const t = TEMPLATES.find((x) => x.keys === 'many' && x.name === name);
  if (!t) throw new InputError(`"${text}" is not a vault script type; use wsh (P2WSH, default), sh-wsh (P2SH-P2WSH) or tr (P2TR, tr(NUMS,sortedmulti_a(…)))`, field);
  return t;
}

/** Templates whose outputs have this form: the candidates a script can be proven against. */
export function templatesFor(kind: OutputKind): ScriptTemplate[] {
  return TEMPLATES.filter((t) => t.output === kind);
}

/**
 * The scriptCode an ECDSA signature of an input of template `t` commits to. BIP143: "for P2WSH
 * witness program … the scriptCode is the witnessScript"; "For P2WPKH witness program, the
 * scriptCode is 0x1976a914{20-byte-pubkey-hash}88ac" (bare or nested in P2SH). Legacy signing:
 * the redeem script under P2SH, else the spent scriptPubKey.
 */
export function scriptCode(t: ScriptTemplate, s: Omit<SpendScripts, 'script'>, spent: Uint8Array): Uint8Array {
  if (s.witnessScript) return s.witnessScript;
  if (t.spend === 'segwit-v0') {
    if (!s.keyHash) throw new RangeError(`template ${t.name}: a segwit v0 single-key spend needs its key hash`);
    return p2pkh(s.keyHash);
  }
  return s.redeemScript ?? spent;
}

/** The template a BIP43 purpose names (44 → pkh, 49 → sh-wpkh, 84 → wpkh, 86 → tr; 48 with its BIP48 script_type: 2 → wsh-multi, 1 → sh-wsh-multi, 3 → tr-multi). */
export function templateOfPurpose(purpose: number, bip48?: number): ScriptTemplate | undefined {
  return TEMPLATES.find((t) => t.purpose === purpose && (purpose !== 48 || t.bip48 === bip48));
}
