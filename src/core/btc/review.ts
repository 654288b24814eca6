/**
 * The review summary model of a PSBT, SeedSigner-style (models/psbt_parser.py): every input with
 * its amount and whether it is ours, every output classified as recipient, change or OP_RETURN,
 * the fee and fee rate, and the arithmetic inputs − recipients − fee = change. Pure: takes the
 * parsed PSBT and an optional key source, returns data; rendering lives in src/cli/psbt/.
 *
 * Change is change only when the key we derive ourselves at the PSBT's claimed path rebuilds the
 * output script byte for byte (ownership.ts). A claim with our fingerprint that does not rebuild
 * is "false-change": money leaving that the PSBT pretends is ours. Without a key source (inspect
 * with no descriptor) a claim can only be shown as "claimed-change".
 */
import { equalBytes } from '../bytes.js';
import { fingerprintHex, formatPath } from '../hd/path.js';
import type { BtcNetwork, NetworkName } from '../network.js';
import { sanitize, toHex } from '../text.js';
import { addressOf } from '../wallet/address.js';
import type { KeySource } from '../wallet/key-source.js';
import { scriptKind } from '../wallet/script.js';
import { template, templatesFor } from '../wallet/template.js';
import { changeMisfit, vaultScriptOf, walletAccounts, walletScripts } from './change-fit.js';
import { claims, prove, type OwnedKey } from './ownership.js';
import type { proveVault } from './vault-proof.js';
import type { SweepProof } from './sweep-proof.js';
import type { Wallet, WalletAddress } from '../wallet/wallet.js';
import { spentOutput, type SpentOutput } from './prevouts.js';
import type { InputFields, OutputFields, PsbtView } from './psbt-view.js';
import { outputWeight, overheadWeight, vsizeOf } from './vsize.js';
import { displayNetwork, inferPsbtNetwork, pathCoinType } from './psbt-network.js';

export interface ReviewInput {
  index: number;
  /** "txid:vout" of the spent output. */
  outpoint: string;
  /** Spent txid (display order) and output index. */
  txid: Uint8Array;
  vout: number;
  amount?: bigint;
  address?: string;
  script?: Uint8Array;
  /** How the amount is known: proven by the previous transaction, or stated by witness_utxo. */
  amountSource: SpentOutput['source'] | 'none';
  sequence: number;
  /** PSBT_IN_SIGHASH_TYPE when present. */
  sighash?: number;
  /** Proven ours: the derived key rebuilds the spent script. */
  ours?: OwnedKey & { pathText: string };
  /** Master fingerprints the input's derivation fields name (8 hex). */
  fingerprints: string[];
  signatures: number;
  /** Our key already signed this input. */
  signedByUs: boolean;
  finalized: boolean;
  /** PSBT_IN_REDEEM_SCRIPT is present. */
  hasRedeemScript: boolean;
  /** PSBT_IN_WITNESS_SCRIPT is present. */
  hasWitnessScript: boolean;
  /** BIP341 internal key / merkle root present (script tree): not a BIP86 key-path input. */
  scriptTree: boolean;
  /** Not proven ours, yet its spent script is one of our wallet's addresses (path found by scanning). */
  paysUs?: string;
  /** A BIP371 tap-leaf spend: PSBT_IN_TAP_LEAF_SCRIPT, or a taproot derivation naming leaf hashes. */
  scriptPath: boolean;
  /** With a vault: the input is the vault's (proven), who signed it and who has not. */
  vault?: VaultInput;
  /** With a vault: the input claims a vault cosigner's path but its script is not the vault's (why). */
  notFromVault?: string;
}

/** A vault input's signature state: cosigners (fingerprints) who signed, and those who have not. */
export interface VaultInput {
  threshold: number;
  cosigners: number;
  signedBy: string[];
  unsigned: string[];
  /** Signatures still needed (0 once the threshold is met). */
  needed: number;
}

/**
 * recipient; change (proven ours, in the wallet); stray-change (proven ours, but outside the wallet:
 * change-fit.ts); false-change (claims our key, does not rebuild); claimed-change (unchecked, no
 * keys); op_return.
 */
export type OutputRole = 'recipient' | 'change' | 'stray-change' | 'false-change' | 'claimed-change' | 'op_return';

export interface ReviewOutput {
  index: number;
  amount: bigint;
  script: Uint8Array;
  /** Address on the reviewed network; undefined for scripts without one (OP_RETURN, non-standard). */
  address?: string;
  role: OutputRole;
  /** Derivation path of verified change (or of the failed claim). */
  path?: string;
  /** Verified change on the receive chain (…/0/i): pays ourselves but is not a change address. */
  receiveChain?: boolean;
  /** stray-change: what does not fit the wallet (script type, account, chain, index). */
  misfit?: string[];
  /** OP_RETURN payload as printable text (sanitized) and hex. */
  data?: { hex: string; text: string };
  /** False change of a vault: exactly what differs from the registered vault's script. */
  why?: string;
}

export interface PsbtReview {
  network: BtcNetwork['name'];
  psbtVersion: number;
  txVersion: number;
  lockTime: number;
  /** BIP125: some input signals replaceability (nSequence < 0xfffffffe). */
  rbf: boolean;
  inputs: ReviewInput[];
  outputs: ReviewOutput[];
  /** Sum of input amounts; undefined when an input carries no UTXO. */
  inputTotal?: bigint;
  /** Outputs that leave the wallet: recipients, false change, unverifiable claimed change, OP_RETURN. */
  sendTotal: bigint;
  changeTotal: bigint;
  outputTotal: bigint;
  /** inputTotal − outputTotal; negative means the PSBT lies about amounts. */
  fee?: bigint;
  /** Estimated vsize of the signed transaction (BIP141). */
  vsize: number;
  /** Fee rate in milli-sat per vB, rounded down. */
  feeRateMsat?: bigint;
  /** The key source's (first) fingerprint (8 hex), if one was given. */
  ourFingerprint?: string;
  /** Every fingerprint of the key source (one for a seed). */
  ourFingerprints?: string[];
  /** What the keys were: "seed" or "descriptor" (absent without keys). */
  keySource?: string;
  /** Fingerprints named in the inputs' derivation fields. */
  wantedFingerprints: string[];
  /** The registered vault the review proved against ("vault NAME (id)"), when one was given. */
  vaultLabel?: string;
  /** The vault's cosigner labels by master fingerprint (8 hex). */
  vaultCosigners?: Record<string, string>;
  /** Derivation paths whose coin type is not this network's (BIP44 coin_type: 0 mainnet, 1 test networks). */
  networkMismatches: string[];
  /** A BIP-127 proof of reserves whose shape was checked (src/core/btc/reserves/findings.ts); absent otherwise. */
  reserves?: { message: string; total: bigint; inputs: number };
  /** The coin type the PSBT's own derivation paths agree on (psbt-network.ts), when they do. */
  psbtCoinType?: 0 | 1;
  /** The network whose forms the addresses are shown in, when not `network` (the PSBT's own). */
  addressNetwork?: NetworkName;
  /** With a sweep destination (`psbt sign --to-wallet`): which outputs are proven that wallet's (sweep-proof.ts). */
  sweep?: SweepProof;
}

type Input = InputFields;
type Output = OutputFields;

/** BIP44-family path (purpose 44/48/49/84/86) whose coin type disagrees with the network. */
function coinMismatch(path: number[], net: BtcNetwork): boolean {
  const coin = pathCoinType(path);
  return coin !== undefined && coin !== net.coinType;
}

function signatureCount(i: Input): number {
  return (i.partialSig?.length ?? 0) + (i.tapKeySig ? 1 : 0) + (i.tapScriptSig?.length ?? 0);
}

/** Estimated weight of an input once signed (finalized inputs counted as they are). */
function estimatedInputWeight(i: Input, r: ReviewInput, vault: Wallet | undefined): number {
  if (r.finalized) {
    const sig = i.finalScriptSig?.length ?? 0;
    const wit = i.finalScriptWitness ? i.finalScriptWitness.reduce((n, w) => n + 1 + w.length, 1) : 0;
    return 4 * (41 + sig + (sig < 0xfd ? 0 : 2)) + wit;
  }
  if (r.ours) return template(r.ours.type).inputWeight(r.ours.shape);
  if (r.vault && vault) return vault.template.inputWeight({ keys: r.vault.cosigners, threshold: r.vault.threshold });
  // Not ours: the single-key template of its script form, else P2SH-P2WPKH's as a guess.
  const t = r.script ? templatesFor(scriptKind(r.script)).find((x) => x.keys === 'one') : undefined;
  return (t ?? template('sh-wpkh')).inputWeight();
}

/** What the review is built with beyond the PSBT and keys. */
export interface ReviewOptions {
  /** Highest change-chain index that is still the wallet's change (default 100,000). */
  maxChangeIndex?: number;
  /** A registered vault: vault scripts are proven against it (vault-proof.ts). */
  vault?: Wallet;
  /**
   * vault-proof.ts's `proveVault`, required with `vault`: the caller loads it, so a single-key
   * review loads no vault code (start-up of `psbt sign`, docs/performance.md).
   */
  proveVault?: typeof proveVault;
  /**
   * The review of a signer about to sign: its own key in a vault input may be taken as claimed,
   * to be proven by its signature (vault-proof.ts `provisionalProof`).
   */
  signing?: boolean;
}

/** What every input and output of one review is judged with; the sets collect across all of them. */
interface ReviewScope {
  net: BtcNetwork;
  /** The network whose address forms are shown (the PSBT's own, psbt-network.ts). */
  shown: BtcNetwork;
  keys: KeySource | undefined;
  vault: Wallet | undefined;
  proveVault: typeof proveVault | undefined;
  /** A signer's review (ReviewOptions.signing). */
  signing: boolean;
  /** Fingerprints the PSBT's derivations name. */
  wanted: Set<string>;
  /** Derivation paths whose coin type is another network's. */
  networkMismatches: Set<string>;
}

/**
 * Build the review of a parsed PSBT for `net`, proving ownership with `keys` when given; an output
 * proven ours is change only inside the wallet the inputs of ours prove (change-fit.ts); with a
 * registered vault, vault scripts are proven against it and its change is the vault's.
 */
export function reviewPsbt(tx: PsbtView, net: BtcNetwork, keys?: KeySource, opts: ReviewOptions = {}): PsbtReview {
  const vault = opts.vault;
  if (vault && !opts.proveVault) throw new Error('reviewPsbt: a vault review needs proveVault');
  const inferred = inferPsbtNetwork(tx);
  // Addresses in the PSBT's own network's forms, never in --network's when the PSBT says otherwise.
  const shown = displayNetwork(inferred, net);
  const scope: ReviewScope = { net, shown, keys, vault, proveVault: opts.proveVault, signing: opts.signing === true, wanted: new Set(), networkMismatches: new Set() };
  const ins = reviewInputs(tx, scope);
  const { inputs, inputTotal } = ins;
  const accounts = walletAccounts(inputs.flatMap((r) => (r.ours ? [{ type: r.ours.type, path: r.ours.path, fingerprint: parseInt(r.ours.fingerprint, 16) >>> 0 }] : [])));
  markStrangers(inputs, accounts, scope, ins.vaultHighest);
  const outs = reviewOutputs(tx, scope, accounts, opts.maxChangeIndex ?? 100_000);
  const { outputs, sendTotal, changeTotal } = outs;

  const outputTotal = sendTotal + changeTotal;
  const fee = inputTotal === undefined ? undefined : inputTotal - outputTotal;
  const vsize = vsizeOf(ins.weight + outs.weight + overheadWeight(inputs.length, outputs.length, ins.segwit));
  const feeRateMsat = fee === undefined || vsize === 0 ? undefined : (fee * 1000n) / BigInt(vsize);

  return {
    network: net.name,
    psbtVersion: tx.psbtVersion,
    txVersion: tx.version,
    lockTime: tx.lockTime,
    rbf: inputs.some((r) => r.sequence < 0xfffffffe),
    inputs,
    outputs,
    ...(inputTotal !== undefined ? { inputTotal } : {}),
    sendTotal,
    changeTotal,
    outputTotal,
    ...(fee !== undefined ? { fee } : {}),
    vsize,
    ...(feeRateMsat !== undefined ? { feeRateMsat } : {}),
    ...(keys ? { ourFingerprint: fingerprintHex(keys.fingerprints[0]!), ourFingerprints: keys.fingerprints.map(fingerprintHex) } : {}),
    ...(keys ? { keySource: keys.label } : {}),
    wantedFingerprints: [...scope.wanted],
    networkMismatches: [...scope.networkMismatches],
    ...(inferred.coinType !== undefined ? { psbtCoinType: inferred.coinType } : {}),
    ...(shown !== net ? { addressNetwork: shown.name } : {}),
  };
}

/** Every input reviewed, their total (undefined when one amount is unknown), their estimated weight, and the highest vault index seen. */
function reviewInputs(tx: PsbtView, scope: ReviewScope) {
  const inputs: ReviewInput[] = [];
  let inputTotal: bigint | undefined = 0n;
  let weight = 0;
  let segwit = false;
  let vaultHighest = 0;
  for (let idx = 0; idx < tx.inputsLength; idx++) {
    const i = tx.getInput(idx);
    const { r, spent, vaultIndex } = reviewInput(i, idx, scope, tx.prevTxidsChecked === true);
    if (vaultIndex !== undefined) vaultHighest = Math.max(vaultHighest, vaultIndex);
    inputs.push(r);
    if (spent && inputTotal !== undefined) inputTotal += spent.amount;
    else inputTotal = undefined;
    const w = estimatedInputWeight(i, r, scope.vault);
    weight += w;
    if (w % 4 !== 0 || (r.script && scriptKind(r.script) !== 'p2pkh')) segwit = true;
  }
  return { inputs, inputTotal, weight, segwit, vaultHighest };
}

/** One input: what it spends, whose it is (proven by rebuilding the script), who claims it, who signed. */
function reviewInput(i: Input, idx: number, scope: ReviewScope, txidChecked: boolean): { r: ReviewInput; spent: SpentOutput | undefined; vaultIndex?: number } {
  const { keys, vault, net } = scope;
  const spent = spentOutput(i, idx, txidChecked);
  const finalized = Boolean(i.finalScriptSig || i.finalScriptWitness);
  const single = spent ? prove(spent.script, i, keys) : { owned: undefined, claimed: claims(i).map((c) => c.der) };
  let vp = spent && vault && !single.owned ? scope.proveVault!(spent.script, i, vault, keys, scope.signing) : undefined;
  // A provisional proof of our key (vault-proof.ts) stands only for an input our signature will
  // prove; one we will not sign (signed by this key already, finalized) is proven in full.
  if (vp?.owned?.provisional && (finalized || hasPartialSig(i, vp.owned.pubkey))) vp = scope.proveVault!(spent!.script, i, vault!, keys);
  const owned = single.owned ?? vp?.owned;
  const claimed = vp ? [...single.claimed, ...vp.claimed.filter((d) => !single.claimed.includes(d))] : single.claimed;
  for (const d of claimed) {
    scope.wanted.add(fingerprintHex(d.fingerprint));
    if (coinMismatch(d.path, net)) scope.networkMismatches.add(`input ${idx} path ${formatPath(d.path)}`);
  }
  for (const c of claims(i)) scope.wanted.add(fingerprintHex(c.der.fingerprint));
  const address = spent ? addressOf(spent.script, scope.shown) : undefined;
  const spendKind = owned ? template(owned.type).spend : undefined;
  const signedByUs = Boolean(owned && (spendKind === 'taproot-key' ? i.tapKeySig : spendKind === 'taproot-script' ? hasTapScriptSig(i, owned.pubkey, owned.leafHash) : hasPartialSig(i, owned.pubkey)));
  const r: ReviewInput = {
    index: idx,
    outpoint: `${toHex(i.txid ?? new Uint8Array())}:${i.index ?? 0}`,
    txid: i.txid ?? new Uint8Array(32),
    vout: i.index ?? 0,
    hasRedeemScript: Boolean(i.redeemScript),
    hasWitnessScript: Boolean(i.witnessScript),
    ...(spent ? { amount: spent.amount, script: spent.script } : {}),
    ...(address ? { address } : {}),
    amountSource: spent?.source ?? 'none',
    sequence: i.sequence ?? 0xffffffff,
    ...(i.sighashType !== undefined ? { sighash: i.sighashType } : {}),
    ...(owned ? { ours: { ...owned, pathText: formatPath(owned.path) } } : {}),
    fingerprints: [...new Set(claims(i).map((c) => fingerprintHex(c.der.fingerprint)))],
    signatures: signatureCount(i),
    signedByUs,
    finalized,
    scriptTree: Boolean(i.tapMerkleRoot || i.tapLeafScript?.length),
    scriptPath: Boolean(i.tapLeafScript?.length || claims(i).some((c) => c.taproot && c.leafHashes > 0)),
    ...(vp?.address ? { vault: vaultState(vp.address, i, vault!) } : {}),
    ...(vp?.why ? { notFromVault: vp.why } : {}),
  };
  return { r, spent, ...(vp?.address ? { vaultIndex: vp.address.index } : {}) };
}

/** Does the input carry an ECDSA partial signature by `pubkey`? */
function hasPartialSig(i: Input, pubkey: Uint8Array): boolean {
  return i.partialSig?.some(([k]) => equalBytes(k, pubkey)) === true;
}

/**
 * Inputs that claim no key of ours but spend one of our scripts all the same (their derivations
 * stripped): found by rebuilding the scripts of the accounts our inputs prove, and of the vault.
 */
function markStrangers(inputs: ReviewInput[], accounts: ReturnType<typeof walletAccounts>, scope: ReviewScope, vaultHighest: number): void {
  const { keys, vault } = scope;
  const strangers = inputs.filter((r) => !r.ours && !r.vault && r.script);
  if (keys && strangers.length) {
    // Single-key accounts only: a vault's scripts need every cosigner's key (vaultScriptOf below).
    const mine = walletScripts(accounts.filter((a) => template(a.type).keys !== 'many'), keys);
    for (const r of strangers) {
      const path = mine.get(toHex(r.script!));
      if (path) r.paysUs = formatPath(path);
    }
  }
  if (vault && strangers.length) {
    // A vault input with its derivations stripped is a "stranger" too: found by the vault's own scripts.
    for (const r of strangers) {
      const a = r.paysUs ? undefined : vaultScriptOf(vault, r.script!, vaultHighest);
      if (a) r.paysUs = `${vault.template.name} vault ${formatPath(a.keys[0]!.path)}`;
    }
  }
}

/** Every output reviewed, what is sent and what is change, and their weight. */
function reviewOutputs(tx: PsbtView, scope: ReviewScope, accounts: ReturnType<typeof walletAccounts>, maxChangeIndex: number) {
  const outputs: ReviewOutput[] = [];
  let sendTotal = 0n;
  let changeTotal = 0n;
  let weight = 0;
  for (let idx = 0; idx < tx.outputsLength; idx++) {
    const out = reviewOutput(tx.getOutput(idx), idx, scope, accounts, maxChangeIndex);
    weight += outputWeight(out.script.length);
    if (out.role === 'change') changeTotal += out.amount;
    else sendTotal += out.amount;
    outputs.push(out);
  }
  return { outputs, sendTotal, changeTotal, weight };
}

/**
 * One output: OP_RETURN data, change (ours, proven, inside the accounts our inputs prove), change
 * outside them (stray), a claim of ours that does not rebuild (false change), or a recipient.
 */
function reviewOutput(o: Output, idx: number, scope: ReviewScope, accounts: ReturnType<typeof walletAccounts>, maxChangeIndex: number): ReviewOutput {
  const { keys, vault, net } = scope;
  const script = o.script ?? new Uint8Array();
  const amount = o.amount ?? 0n;
  const address = addressOf(script, scope.shown);
  const base = { index: idx, amount, script, ...(address ? { address } : {}) };
  if (scriptKind(script) === 'op_return') {
    const payload = script.subarray(script[1]! <= 75 ? 2 : script[1] === 0x4c ? 3 : 4);
    return { ...base, role: 'op_return', data: { hex: toHex(payload), text: sanitize(new TextDecoder('utf-8', { fatal: false }).decode(payload)) } };
  }
  const single = prove(script, o, keys);
  const vp = vault && !single.owned ? scope.proveVault!(script, o, vault, keys) : undefined;
  // A vault change output is ours when it is the vault's script, whether or not this seed signs for it.
  const owned = single.owned ?? vp?.owned ?? (vp?.address ? vaultOwned(vp.address, vault!) : undefined);
  const claimed = [...single.claimed, ...(vp?.claimed ?? [])];
  if (owned) {
    const pathText = formatPath(owned.path);
    const receiveChain = owned.path.length >= 2 && owned.path[owned.path.length - 2] === 0;
    // A vault's own script (proven against the registered vault) is in the vault's account; only
    // its chain and index can still strand it. Single-key outputs must fit the accounts our inputs prove.
    const fitAccounts = vp?.address ? [{ type: owned.type, prefix: owned.path.slice(0, -2) }] : accounts;
    const misfit = changeMisfit(owned.type, owned.path, fitAccounts, net.coinType, maxChangeIndex);
    if (coinMismatch(owned.path, net)) scope.networkMismatches.add(`output ${idx} path ${pathText}`);
    return misfit.length ? { ...base, role: 'stray-change', path: pathText, misfit } : { ...base, role: 'change', path: pathText, ...(receiveChain ? { receiveChain } : {}) };
  }
  if (claimed.length && (keys || vp)) return { ...base, role: 'false-change', path: formatPath(claimed[0]!.path), ...(vp?.why ? { why: vp.why } : {}) };
  if (claimed.length) return { ...base, role: 'claimed-change', path: formatPath(claimed[0]!.path) };
  return { ...base, role: 'recipient' };
}

/** Who signed a proven vault input: partial signatures by the cosigner keys derived at its path. */
/** Whether the input holds a BIP371 PSBT_IN_TAP_SCRIPT_SIG by this key (compressed or x-only) for this leaf. */
function hasTapScriptSig(i: Input, pubkey: Uint8Array, leafHash: Uint8Array | undefined): boolean {
  const x = pubkey.length === 33 ? pubkey.subarray(1) : pubkey;
  return (i.tapScriptSig ?? []).some((e) => {
    const k = (Array.isArray(e) ? e[0] : undefined) as { pubKey?: Uint8Array; leafHash?: Uint8Array } | undefined;
    return Boolean(k?.pubKey && k.leafHash && equalBytes(k.pubKey, x) && (!leafHash || equalBytes(k.leafHash, leafHash)));
  });
}

function vaultState(a: WalletAddress, i: Input, vault: Wallet): VaultInput {
  const tap = a.scripts.tap;
  const signed = a.keys.filter((k) => (tap ? hasTapScriptSig(i, k.pubkey, tap.leafHash) : i.partialSig?.some(([pub]) => equalBytes(pub, k.pubkey))));
  const threshold = vault.descriptor.threshold;
  return {
    threshold,
    cosigners: a.keys.length,
    signedBy: signed.map((k) => fingerprintHex(k.fingerprint)),
    unsigned: a.keys.filter((k) => !signed.includes(k)).map((k) => fingerprintHex(k.fingerprint)),
    needed: Math.max(0, threshold - signed.length),
  };
}

/** A vault address as an owned script when the key source is not one of its cosigners (watch-only review). */
function vaultOwned(a: WalletAddress, vault: Wallet): OwnedKey {
  const k = a.keys[0]!;
  return {
    type: vault.template.name,
    fingerprint: fingerprintHex(k.fingerprint),
    path: k.path,
    pubkey: k.pubkey,
    ...(a.scripts.redeemScript ? { redeemScript: a.scripts.redeemScript } : {}),
    ...(a.scripts.witnessScript ? { witnessScript: a.scripts.witnessScript } : {}),
    ...(a.scripts.tap ? { leafHash: a.scripts.tap.leafHash } : {}),
    shape: { keys: a.keys.length, threshold: vault.descriptor.threshold },
  };
}
