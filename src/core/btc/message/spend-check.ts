/**
 * Does input 0 of a BIP-322 to_sign transaction satisfy the script it spends? Checked for the
 * script shapes a custody team signs with, without a general script interpreter:
 *
 *   P2PKH, P2WPKH, P2SH-P2WPKH, P2TR key path (BIP341/BIP86), and `k-of-n CHECKMULTISIG` or
 *   `<key> CHECKSIG` as P2WSH witnessScript, P2SH-P2WSH, or bare-P2SH redeemScript.
 *
 * Anything else is "inconclusive", which BIP-322 allows: "If the validator does not have a full
 * script interpreter, it should check that it understands all scripts being satisfied. If not, it
 * should stop here and output inconclusive." Segwit versions above 1 are inconclusive by the
 * BIP's upgradeable rules.
 *
 * The BIP's required rules are applied where these shapes can break them: SIGHASH_ALL (or
 * SIGHASH_DEFAULT for P2TR) only; LOW_S and strict DER (STRICTENC); MINIMALDATA pushes; NULLFAIL
 * (every signature given must verify); NULLDUMMY; CLEANSTACK (no extra stack items). Sighashes
 * come from src/core/btc/sighash.ts (legacy, BIP143, BIP341). Pure: no I/O.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { equalBytes } from '../../bytes.js';
import { hash160, p2wpkhScriptCode } from './output.js';
import { ecdsaVerify, schnorrVerify } from '../../secp.js';
import { SIGHASH_ALL, SIGHASH_DEFAULT, SighashCache } from '../sighash.js';
import type { VirtualTx } from './bip322-tx.js';

/** The shape that was checked, for the verification report. */
export interface SpendShape {
  /** Output type: p2pkh, p2wpkh, p2sh-p2wpkh, p2tr, p2wsh, p2sh-p2wsh, p2sh. */
  output: string;
  /** For script hashes: "2-of-3 multisig" or "single key". */
  script?: string;
}

/** The outcome of checking one spend. */
export type SpendCheck =
  | { state: 'valid'; shape: SpendShape }
  | { state: 'invalid' | 'inconclusive'; reason: string; shape?: SpendShape };

type Fail = { state: 'invalid' | 'inconclusive'; reason: string; shape?: SpendShape };
const invalid = (reason: string, shape?: SpendShape): Fail => ({ state: 'invalid', reason, ...(shape ? { shape } : {}) });
const inconclusive = (reason: string, shape?: SpendShape): Fail => ({ state: 'inconclusive', reason, ...(shape ? { shape } : {}) });

/** One element of a parsed script: a data push (with whether it was minimally encoded) or an opcode. */
type Token = { push: Uint8Array; minimal: boolean } | { op: number };

/** Tokenize a script; undefined when a push runs past the end. */
function tokenize(script: Uint8Array): Token[] | undefined {
  const out: Token[] = [];
  let i = 0;
  while (i < script.length) {
    const op = script[i++]!;
    let len = -1;
    if (op >= 0x01 && op <= 0x4b) len = op;
    else if (op === 0x4c) len = script[i++] ?? -2;
    else if (op === 0x4d) {
      len = i + 2 <= script.length ? script[i]! | (script[i + 1]! << 8) : -2;
      i += 2;
    } else if (op === 0x4e) {
      len = i + 4 <= script.length ? (script[i]! | (script[i + 1]! << 8) | (script[i + 2]! << 16) | (script[i + 3]! << 24)) >>> 0 : -2;
      i += 4;
    }
    if (len === -2 || (len >= 0 && i + len > script.length)) return undefined;
    if (len >= 0) {
      const data = script.slice(i, i + len);
      i += len;
      out.push({ push: data, minimal: isMinimalPush(op, data) });
    } else if (op === 0x00) out.push({ push: new Uint8Array(0), minimal: true });
    else if (op === 0x4f) out.push({ push: Uint8Array.of(0x81), minimal: true });
    else if (op >= 0x51 && op <= 0x60) out.push({ push: Uint8Array.of(op - 0x50), minimal: true });
    else out.push({ op });
  }
  return out;
}

/** MINIMALDATA: a push must use the shortest opcode (OP_0, OP_1..16, OP_1NEGATE, direct, PUSHDATA1/2). */
function isMinimalPush(op: number, data: Uint8Array): boolean {
  if (data.length === 0) return false; // OP_0 would do
  if (data.length === 1 && ((data[0]! >= 1 && data[0]! <= 16) || data[0] === 0x81)) return false; // OP_n / OP_1NEGATE would do
  if (data.length <= 75) return op === data.length;
  if (data.length <= 255) return op === 0x4c;
  if (data.length <= 65535) return op === 0x4d;
  return true;
}

/** A scriptSig as its pushes: it must be push-only and minimal. */
function scriptSigPushes(scriptSig: Uint8Array): Uint8Array[] | Fail {
  const tokens = tokenize(scriptSig);
  if (!tokens) return invalid('the scriptSig is malformed (a push runs past its end)');
  const pushes: Uint8Array[] = [];
  for (const t of tokens) {
    if ('op' in t) return invalid('the scriptSig is not push-only');
    if (!t.minimal) return invalid('the scriptSig has a push that is not minimally encoded (MINIMALDATA)');
    pushes.push(t.push);
  }
  return pushes;
}

/** The key templates understood inside P2SH / P2WSH. */
type KeyTemplate = { m: number; keys: Uint8Array[]; multisig: boolean };

function keyTemplate(script: Uint8Array): KeyTemplate | undefined {
  const t = tokenize(script);
  if (!t) return undefined;
  const isKey = (x: Token | undefined): x is { push: Uint8Array; minimal: boolean } =>
    !!x && 'push' in x && (x.push.length === 33 || x.push.length === 65);
  // <key> OP_CHECKSIG
  if (t.length === 2 && isKey(t[0]) && 'op' in t[1]! && t[1].op === 0xac) return { m: 1, keys: [t[0].push], multisig: false };
  // OP_m <key>… OP_n OP_CHECKMULTISIG
  const small = (x: Token | undefined): number | undefined => (x && 'push' in x && x.push.length === 1 ? x.push[0] : undefined);
  const last = t[t.length - 1];
  if (t.length < 4 || !last || !('op' in last) || last.op !== 0xae) return undefined;
  const m = small(t[0]);
  const n = small(t[t.length - 2]);
  const keys = t.slice(1, -2);
  if (m === undefined || n === undefined || m < 1 || n !== keys.length || m > n || !keys.every(isKey)) return undefined;
  // OP_m / OP_n must be the opcodes themselves, not one-byte pushes.
  if (script[0] !== 0x50 + m || script[script.length - 2] !== 0x50 + n) return undefined;
  return { m, keys: keys.map((k) => (k as { push: Uint8Array }).push), multisig: true };
}

function describe(tpl: KeyTemplate): string {
  return tpl.multisig ? `${tpl.m}-of-${tpl.keys.length} multisig` : 'single key';
}

/** Check one ECDSA signature (DER ‖ hash type) against a key; the digest is computed lazily. */
function ecdsaOk(sig: Uint8Array, pub: Uint8Array, digest: () => Uint8Array): boolean | Fail {
  if (sig.length === 0) return false;
  if (sig[sig.length - 1] !== SIGHASH_ALL) return invalid('a signature does not use SIGHASH_ALL, which BIP-322 requires');
  return ecdsaVerify(digest(), pub, sig.subarray(0, -1));
}

/**
 * Match the signatures against the template keys as OP_CHECKMULTISIG does (signatures in key
 * order, a key may be skipped); NULLFAIL: every signature given must verify.
 */
function checkKeys(tpl: KeyTemplate, sigs: Uint8Array[], digest: () => Uint8Array, segwit: boolean, shape: SpendShape): SpendCheck {
  if (sigs.length !== tpl.m) return invalid(`needs exactly ${tpl.m} signature(s), has ${sigs.length} (CLEANSTACK)`, shape);
  if (segwit && tpl.keys.some((k) => k.length !== 33)) return invalid('segwit v0 scripts take compressed keys only', shape);
  let k = 0;
  for (const sig of sigs) {
    let matched = false;
    while (!matched && k < tpl.keys.length) {
      const r = ecdsaOk(sig, tpl.keys[k++]!, digest);
      if (typeof r === 'object') return { ...r, shape };
      matched = r;
    }
    if (!matched) return invalid('a signature does not verify against the script keys in order', shape);
  }
  return { state: 'valid', shape };
}

/** Template spend: multisig stacks start with the CHECKMULTISIG dummy, which must be empty (NULLDUMMY). */
function checkTemplate(tpl: KeyTemplate, stack: Uint8Array[], digest: () => Uint8Array, segwit: boolean, shape: SpendShape): SpendCheck {
  if (!tpl.multisig) return checkKeys(tpl, stack, digest, segwit, shape);
  if (stack.length === 0 || stack[0]!.length !== 0) return invalid('the CHECKMULTISIG dummy element must be empty (NULLDUMMY)', shape);
  return checkKeys(tpl, stack.slice(1), digest, segwit, shape);
}

/** The spend of input 0 of `tx`, whose spent output is `prevout`. */
export function checkSpend(tx: VirtualTx, prevout: { script: Uint8Array; amount: bigint }): SpendCheck {
  const input = tx.inputs[0];
  if (!input) return invalid('the transaction has no input');
  const cache = new SighashCache({
    version: tx.version,
    lockTime: tx.lockTime,
    inputs: tx.inputs.map((i) => ({ txid: i.txid, index: i.index, sequence: i.sequence })),
    outputs: tx.outputs,
  });
  const spk = prevout.script;
  const { scriptSig, witness } = input;

  const p2wpkh = (program: Uint8Array, shape: SpendShape): SpendCheck => {
    if (witness.length !== 2) return invalid(`a P2WPKH witness has 2 items (signature, key), this one has ${witness.length}`, shape);
    const [sig, pub] = witness as [Uint8Array, Uint8Array];
    if (pub.length !== 33) return invalid('segwit v0 keys must be compressed', shape);
    if (!equalBytes(hash160(pub), program)) return invalid('the key in the witness is not the key of this address', shape);
    const r = ecdsaOk(sig, pub, () => cache.bip143(0, p2wpkhScriptCode(program), prevout.amount, SIGHASH_ALL));
    return typeof r === 'object' ? { ...r, shape } : r ? { state: 'valid', shape } : invalid('the signature does not verify', shape);
  };

  const p2wsh = (program: Uint8Array, output: string): SpendCheck => {
    if (witness.length === 0) return invalid('the P2WSH witness is empty');
    const ws = witness[witness.length - 1]!;
    if (!equalBytes(sha256(ws), program)) return invalid('the witnessScript does not hash to this address');
    const tpl = keyTemplate(ws);
    if (!tpl) return inconclusive('the witnessScript is not a multisig or single-key script, which this verifier does not interpret', { output });
    const shape = { output, script: describe(tpl) };
    return checkTemplate(tpl, witness.slice(0, -1), () => cache.bip143(0, ws, prevout.amount, SIGHASH_ALL), true, shape);
  };

  const noScriptSig = (shape: SpendShape): Fail | undefined => (scriptSig.length > 0 ? invalid('a native segwit spend must have an empty scriptSig', shape) : undefined);
  const noWitness = (shape: SpendShape): Fail | undefined => (witness.length > 0 ? invalid('a non-segwit spend must have no witness', shape) : undefined);

  // Native segwit: OP_0 <20|32> or OP_1 <32>; other versions are upgradeable.
  if (spk.length >= 4 && spk.length <= 42 && spk[1] === spk.length - 2 && (spk[0] === 0x00 || (spk[0]! >= 0x51 && spk[0]! <= 0x60))) {
    const version = spk[0] === 0 ? 0 : spk[0]! - 0x50;
    const program = spk.subarray(2);
    if (version === 0 && program.length === 20) return noScriptSig({ output: 'p2wpkh' }) ?? p2wpkh(program, { output: 'p2wpkh' });
    if (version === 0 && program.length === 32) return noScriptSig({ output: 'p2wsh' }) ?? p2wsh(program, 'p2wsh');
    if (version === 1 && program.length === 32) {
      const shape = { output: 'p2tr' };
      const bad = noScriptSig(shape);
      if (bad) return bad;
      if (witness.length === 0) return invalid('the P2TR witness is empty', shape);
      if (witness.length > 1) return inconclusive('a taproot script-path spend (or annex), which this verifier does not interpret', shape);
      const sig = witness[0]!;
      if (sig.length !== 64 && sig.length !== 65) return invalid(`a BIP340 signature is 64 or 65 bytes, this one is ${sig.length}`, shape);
      const type = sig.length === 65 ? sig[64]! : SIGHASH_DEFAULT;
      // BIP341: a 65-byte signature with hash type 0x00 is invalid; BIP-322 allows only ALL or DEFAULT.
      if (sig.length === 65 && type !== SIGHASH_ALL) return invalid('a 65-byte taproot signature must use SIGHASH_ALL', shape);
      const digest = cache.bip341(0, [prevout], type);
      return schnorrVerify(digest, program, sig.subarray(0, 64)) ? { state: 'valid', shape } : invalid('the signature does not verify', shape);
    }
    if (version === 0) return invalid('a segwit v0 program must be 20 or 32 bytes');
    return inconclusive(`segwit version ${version} is not checked (BIP-322 upgradeable rules)`);
  }

  // P2PKH: OP_DUP OP_HASH160 <20> OP_EQUALVERIFY OP_CHECKSIG
  if (spk.length === 25 && spk[0] === 0x76 && spk[1] === 0xa9 && spk[2] === 0x14 && spk[23] === 0x88 && spk[24] === 0xac) {
    const shape = { output: 'p2pkh' };
    const pushes = scriptSigPushes(scriptSig);
    if (!Array.isArray(pushes)) return { ...pushes, shape };
    const bad = noWitness(shape);
    if (bad) return bad;
    if (pushes.length !== 2) return invalid(`a P2PKH scriptSig has 2 pushes (signature, key), this one has ${pushes.length}`, shape);
    const [sig, pub] = pushes as [Uint8Array, Uint8Array];
    if (!equalBytes(hash160(pub), spk.subarray(3, 23))) return invalid('the key in the scriptSig is not the key of this address', shape);
    const r = ecdsaOk(sig, pub, () => cache.legacy(0, spk, SIGHASH_ALL));
    return typeof r === 'object' ? { ...r, shape } : r ? { state: 'valid', shape } : invalid('the signature does not verify', shape);
  }

  // P2SH: OP_HASH160 <20> OP_EQUAL
  if (spk.length === 23 && spk[0] === 0xa9 && spk[1] === 0x14 && spk[22] === 0x87) {
    const pushes = scriptSigPushes(scriptSig);
    if (!Array.isArray(pushes)) return { ...pushes, shape: { output: 'p2sh' } };
    if (pushes.length === 0) return invalid('the P2SH scriptSig is empty', { output: 'p2sh' });
    const redeem = pushes[pushes.length - 1]!;
    if (!equalBytes(hash160(redeem), spk.subarray(2, 22))) return invalid('the redeemScript does not hash to this address', { output: 'p2sh' });
    const nested = redeem.length >= 4 && redeem.length <= 42 && redeem[1] === redeem.length - 2 && (redeem[0] === 0 || (redeem[0]! >= 0x51 && redeem[0]! <= 0x60));
    if (nested) {
      if (pushes.length !== 1) return invalid('a nested segwit scriptSig must push only the redeemScript');
      const program = redeem.subarray(2);
      if (redeem[0] === 0 && program.length === 20) return p2wpkh(program, { output: 'p2sh-p2wpkh' });
      if (redeem[0] === 0 && program.length === 32) return p2wsh(program, 'p2sh-p2wsh');
      return inconclusive('a P2SH-wrapped witness program other than P2WPKH or P2WSH is not checked');
    }
    const tpl = keyTemplate(redeem);
    if (!tpl) return inconclusive('the redeemScript is not a multisig or single-key script, which this verifier does not interpret', { output: 'p2sh' });
    const shape = { output: 'p2sh', script: describe(tpl) };
    const bad = noWitness(shape);
    if (bad) return bad;
    return checkTemplate(tpl, pushes.slice(0, -1), () => cache.legacy(0, redeem, SIGHASH_ALL), false, shape);
  }

  return inconclusive('this output script is not one this verifier interprets (P2PKH, P2SH, P2WPKH, P2WSH, P2TR)');
}
