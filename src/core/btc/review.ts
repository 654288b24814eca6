/**
 * The review summary model of a PSBT, SeedSigner-style (models/psbt_parser.py): every input with
 * its amount and whether it is ours, every output classified as recipient, change or OP_RETURN,
 * the fee and fee rate, and the arithmetic inputs − recipients − fee = change. Pure: takes the
 * parsed PSBT and an optional key source, returns data; rendering lives in src/cli/psbt/.
 *
 * Change is change only when the key we derive ourselves at the PSBT's claimed path rebuilds the
 * output script byte for byte (key-script.ts). A claim with our fingerprint that does not rebuild
 * is "false-change": money leaving that the PSBT pretends is ours. Without a key source (inspect
 * with no descriptor) a claim can only be shown as "claimed-change".
 */
import { Address, OutScript } from '@scure/btc-signer';
import type { InputFields, OutputFields, PsbtView } from './psbt-view.js';
import { formatPath, HARDENED } from '../hd/path.js';
import type { ScriptType } from '../hd/script-type.js';
import { fingerprintHex } from '../hd/keys.js';
import { sanitize, toHex } from '../text.js';
import { equalBytes } from './bytes.js';
import { ecdsaOwnership, p2trScript, scriptKind } from './key-script.js';
import type { KeySource } from './key-source.js';
import type { BtcNetwork } from './network.js';
import { spentOutput, type SpentOutput } from './prevouts.js';
import { taprootOutputKey } from './secp.js';
import { inputWeight, outputWeight, overheadWeight, vsizeOf } from './vsize.js';

/** An input proven to be ours: derived key, its path, the script type it pays. */
export interface OwnedKey {
  path: number[];
  pubkey: Uint8Array;
  type: ScriptType;
  /** HASH160 of the key (ECDSA types). */
  keyHash?: Uint8Array;
}

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
  /** BIP341 internal key / merkle root present (script tree): not a BIP86 key-path input. */
  scriptTree: boolean;
}

export type OutputRole = 'recipient' | 'change' | 'false-change' | 'claimed-change' | 'op_return';

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
  /** OP_RETURN payload as printable text (sanitized) and hex. */
  data?: { hex: string; text: string };
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
  /** The key source's fingerprint (8 hex), if one was given. */
  ourFingerprint?: string;
  /** Fingerprints named in the inputs' derivation fields. */
  wantedFingerprints: string[];
  /** Derivation paths whose coin type is not this network's (BIP44 coin_type: 0 mainnet, 1 test networks). */
  networkMismatches: string[];
  warnings: string[];
}

type Input = InputFields;
type Output = OutputFields;
type Der = { fingerprint: number; path: number[] };

/** Render a script as an address of `net`, or undefined. */
export function addressOf(script: Uint8Array, net: BtcNetwork): string | undefined {
  try {
    const decoded = OutScript.decode(script);
    if (decoded.type === 'unknown') return undefined;
    return Address(net).encode(decoded);
  } catch {
    return undefined;
  }
}

/** Every (key, derivation) claim of a PSBT input or output map. */
function claims(m: { bip32Derivation?: [Uint8Array, Der][]; tapBip32Derivation?: [Uint8Array, { hashes: Uint8Array[]; der: Der }][] }) {
  const out: { key: Uint8Array; der: Der; taproot: boolean; leafHashes: number }[] = [];
  for (const [key, der] of m.bip32Derivation ?? []) out.push({ key, der, taproot: false, leafHashes: 0 });
  for (const [key, v] of m.tapBip32Derivation ?? []) out.push({ key, der: v.der, taproot: true, leafHashes: v.hashes.length });
  return out;
}

/**
 * Prove a claim: derive our key at the claimed path and rebuild `script`. Taproot claims count
 * only for the key path with no script tree (BIP86), where the claimed x-only key is the internal key.
 */
function prove(script: Uint8Array, m: Parameters<typeof claims>[0], keys: KeySource | undefined): { owned?: OwnedKey; claimed: Der[] } {
  const claimed: Der[] = [];
  for (const c of claims(m)) {
    if (keys === undefined || c.der.fingerprint >>> 0 !== keys.fingerprint) {
      if (keys === undefined) claimed.push(c.der);
      continue;
    }
    claimed.push(c.der);
    const pub = keys.publicKey(c.der.path);
    if (!pub) continue;
    if (c.taproot) {
      if (c.leafHashes !== 0 || !equalBytes(pub.subarray(1), c.key)) continue;
      const q = taprootOutputKey(c.key);
      if (q && equalBytes(script, p2trScript(q))) return { owned: { path: c.der.path, pubkey: pub, type: 'tr' }, claimed };
    } else {
      if (!equalBytes(pub, c.key)) continue;
      const own = ecdsaOwnership(script, pub);
      if (own) return { owned: { path: c.der.path, pubkey: pub, type: own.type, keyHash: own.keyHash }, claimed };
    }
  }
  return { claimed };
}

/** BIP44-family path whose coin type disagrees with the network (purpose 44/49/84/86 only). */
function coinMismatch(path: number[], net: BtcNetwork): boolean {
  if (path.length < 2) return false;
  const purpose = path[0]! - HARDENED;
  if (![44, 49, 84, 86].includes(purpose)) return false;
  const coin = path[1]! - HARDENED;
  return (coin === 0 || coin === 1) && coin !== net.coinType;
}

function signatureCount(i: Input): number {
  return (i.partialSig?.length ?? 0) + (i.tapKeySig ? 1 : 0) + (i.tapScriptSig?.length ?? 0);
}

/** Estimated weight of an input once signed (finalized inputs counted as they are). */
function estimatedInputWeight(i: Input, r: ReviewInput): number {
  if (r.finalized) {
    const sig = i.finalScriptSig?.length ?? 0;
    const wit = i.finalScriptWitness ? i.finalScriptWitness.reduce((n, w) => n + 1 + w.length, 1) : 0;
    return 4 * (41 + sig + (sig < 0xfd ? 0 : 2)) + wit;
  }
  if (r.ours) return inputWeight(r.ours.type);
  const kind = r.script ? scriptKind(r.script) : 'unknown';
  if (kind === 'pkh' || kind === 'wpkh' || kind === 'tr') return inputWeight(kind);
  return inputWeight('sh-wpkh');
}

/** Build the review of a parsed PSBT for `net`, proving ownership with `keys` when given. */
export function reviewPsbt(tx: PsbtView, net: BtcNetwork, keys?: KeySource): PsbtReview {
  const warnings: string[] = [];
  const networkMismatches = new Set<string>();
  const wanted = new Set<string>();
  const inputs: ReviewInput[] = [];
  let inputTotal: bigint | undefined = 0n;
  let weight = 0;
  let segwit = false;
  for (let idx = 0; idx < tx.inputsLength; idx++) {
    const i = tx.getInput(idx);
    const spent = spentOutput(i, idx);
    const finalized = Boolean(i.finalScriptSig || i.finalScriptWitness);
    const { owned, claimed } = spent ? prove(spent.script, i, keys) : { owned: undefined, claimed: claims(i).map((c) => c.der) };
    for (const d of claimed) {
      wanted.add(fingerprintHex(d.fingerprint));
      if (coinMismatch(d.path, net)) networkMismatches.add(`input ${idx} path ${formatPath(d.path)}`);
    }
    for (const c of claims(i)) wanted.add(fingerprintHex(c.der.fingerprint));
    const sigs = signatureCount(i);
    const address = spent ? addressOf(spent.script, net) : undefined;
    const signedByUs = Boolean(
      owned &&
        (owned.type === 'tr' ? i.tapKeySig : i.partialSig?.some(([k]) => equalBytes(k, owned.pubkey))),
    );
    const r: ReviewInput = {
      index: idx,
      outpoint: `${toHex(i.txid ?? new Uint8Array())}:${i.index ?? 0}`,
      txid: i.txid ?? new Uint8Array(32),
      vout: i.index ?? 0,
      hasRedeemScript: Boolean(i.redeemScript),
      ...(spent ? { amount: spent.amount, script: spent.script } : {}),
      ...(address ? { address } : {}),
      amountSource: spent?.source ?? 'none',
      sequence: i.sequence ?? 0xffffffff,
      ...(i.sighashType !== undefined ? { sighash: i.sighashType } : {}),
      ...(owned ? { ours: { ...owned, pathText: formatPath(owned.path) } } : {}),
      fingerprints: [...new Set(claims(i).map((c) => fingerprintHex(c.der.fingerprint)))],
      signatures: sigs,
      signedByUs,
      finalized,
      scriptTree: Boolean(i.tapMerkleRoot || i.tapLeafScript?.length),
    };
    inputs.push(r);
    if (spent && inputTotal !== undefined) inputTotal += spent.amount;
    else inputTotal = undefined;
    const w = estimatedInputWeight(i, r);
    weight += w;
    if (w % 4 !== 0 || (r.script && scriptKind(r.script) !== 'pkh')) segwit = true;
  }

  const outputs: ReviewOutput[] = [];
  let sendTotal = 0n;
  let changeTotal = 0n;
  for (let idx = 0; idx < tx.outputsLength; idx++) {
    const o: Output = tx.getOutput(idx);
    const script = o.script ?? new Uint8Array();
    const amount = o.amount ?? 0n;
    const address = addressOf(script, net);
    const base = { index: idx, amount, script, ...(address ? { address } : {}) };
    weight += outputWeight(script.length);
    if (scriptKind(script) === 'op_return') {
      const payload = script.subarray(script[1]! <= 75 ? 2 : script[1] === 0x4c ? 3 : 4);
      outputs.push({ ...base, role: 'op_return', data: { hex: toHex(payload), text: sanitize(new TextDecoder('utf-8', { fatal: false }).decode(payload)) } });
      sendTotal += amount;
      continue;
    }
    const { owned, claimed } = prove(script, o, keys);
    let out: ReviewOutput;
    if (owned) {
      const pathText = formatPath(owned.path);
      const receiveChain = owned.path.length >= 2 && owned.path[owned.path.length - 2] === 0;
      out = { ...base, role: 'change', path: pathText, ...(receiveChain ? { receiveChain } : {}) };
      if (coinMismatch(owned.path, net)) networkMismatches.add(`output ${idx} path ${pathText}`);
      if (receiveChain) warnings.push(`output ${idx} pays back to our RECEIVE address at ${pathText}, not a change address`);
    } else if (claimed.length && keys) {
      out = { ...base, role: 'false-change', path: formatPath(claimed[0]!.path) };
      warnings.push(`output ${idx} claims to be change at ${formatPath(claimed[0]!.path)} of our ${keys.label}, but that key does not produce its script: treat it as a payment to a stranger`);
    } else if (claimed.length) {
      out = { ...base, role: 'claimed-change', path: formatPath(claimed[0]!.path) };
    } else out = { ...base, role: 'recipient' };
    if (out.role === 'change') changeTotal += amount;
    else sendTotal += amount;
    outputs.push(out);
  }

  const outputTotal = sendTotal + changeTotal;
  const fee = inputTotal === undefined ? undefined : inputTotal - outputTotal;
  const vsize = vsizeOf(weight + overheadWeight(inputs.length, outputs.length, segwit));
  const feeRateMsat = fee === undefined || vsize === 0 ? undefined : (fee * 1000n) / BigInt(vsize);

  const missing = inputs.filter((r) => r.amountSource === 'none').map((r) => r.index);
  if (missing.length) warnings.push(`input${missing.length > 1 ? 's' : ''} ${missing.join(', ')} carr${missing.length > 1 ? 'y' : 'ies'} no UTXO data: the fee cannot be known`);
  const unproven = inputs.filter((r) => r.amountSource === 'witness_utxo' && r.script && scriptKind(r.script) !== 'tr').map((r) => r.index);
  if (unproven.length) warnings.push(`segwit v0 input amounts not proven by a previous transaction (no non_witness_utxo): input${unproven.length > 1 ? 's' : ''} ${summarize(unproven)}`);
  if (keys) {
    const foreign = inputs.filter((r) => !r.ours).map((r) => r.index);
    if (foreign.length && foreign.length < inputs.length) warnings.push(`input${foreign.length > 1 ? 's' : ''} ${summarize(foreign)} ${foreign.length > 1 ? 'are' : 'is'} not ours (other signers, or a coinjoin)`);
  }
  const fin = inputs.filter((r) => r.finalized).map((r) => r.index);
  if (fin.length) warnings.push(`input${fin.length > 1 ? 's' : ''} ${summarize(fin)} already finalized`);
  for (const o of outputs) if (o.role === 'op_return') warnings.push(`output ${o.index} is OP_RETURN data (${o.data!.hex.length / 2} bytes), burning ${o.amount} sat`);
  for (const o of outputs) if (o.role !== 'op_return' && o.amount < 546n && o.amount >= 0n && scriptKind(o.script) !== 'tr' && scriptKind(o.script) !== 'wpkh') warnings.push(`output ${o.index} is dust (${o.amount} sat)`);
  if (fee !== undefined && fee < 0n) warnings.push(`the outputs exceed the inputs by ${-fee} sat: the PSBT's amounts are wrong`);
  if (networkMismatches.size) warnings.push(`derivation paths of another network than ${net.name}: ${[...networkMismatches].slice(0, 3).join(', ')}`);
  if (tx.lockTime !== 0) warnings.push(`nLockTime is ${tx.lockTime} (${tx.lockTime < 500_000_000 ? 'block height' : 'unix time'})`);
  // BIP68: in a version >= 2 transaction an nSequence without the disable flag (bit 31) is a relative
  // lock time; bit 22 selects units of 512 seconds instead of blocks, and the value is the low 16 bits.
  if (tx.version >= 2) {
    for (const r of inputs) {
      const value = r.sequence & 0xffff;
      if (r.sequence & 0x8000_0000 || value === 0) continue;
      const wait = r.sequence & 0x40_0000 ? `${value * 512} seconds` : `${value} block${value > 1 ? 's' : ''}`;
      warnings.push(`input ${r.index} nSequence ${r.sequence} is a BIP68 relative lock: the transaction is valid only ${wait} after that coin confirms`);
    }
  }

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
    ...(keys ? { ourFingerprint: fingerprintHex(keys.fingerprint) } : {}),
    wantedFingerprints: [...wanted],
    networkMismatches: [...networkMismatches],
    warnings,
  };
}

/** "0, 1, 2 … (1000 inputs)" for long index lists. */
export function summarize(ix: number[]): string {
  return ix.length <= 6 ? ix.join(', ') : `${ix.slice(0, 5).join(', ')} … (${ix.length} in all)`;
}
