/**
 * Verifying a BIP-127 proof of reserves: the signed transaction (extracted from a signed PSBT by
 * `proofTxOfPsbt`, or given raw) against the verifier's own knowledge of the spent outputs.
 *
 * 1. Shape (shape.ts) with the message the verifier expects: the commitment input first, empty
 *    scriptSig and witness; one unspendable output of exactly the proven sum; no fee.
 * 2. Amounts are proven, never taken from the prover: each spent output comes from the verifier's
 *    UTXO list (`--utxos`, its own node's view: proves the coin existed unspent when listed) or a
 *    previous transaction whose txid is the outpoint's (PSBT_IN_NON_WITNESS_UTXO: proves the coin
 *    was created; not that it is unspent). A PSBT's witness_utxo alone is the prover's claim and
 *    does not count; where both sources exist they must agree.
 * 3. Every proven input's signatures verify (the templates coldkit builds: P2PKH, P2SH-P2WPKH,
 *    P2WPKH, P2TR key path, and P2WSH / P2SH-P2WSH multisig with its threshold of signatures in
 *    key order, as OP_CHECKMULTISIG takes them), each with SIGHASH_ALL or BIP341 DEFAULT: a
 *    signature that does not commit to the commitment input proves nothing about this message.
 * Every failure is collected and reported at once (VerificationError, exit 3).
 */
import { schnorr, secp256k1 } from '@noble/curves/secp256k1.js';
import { RawTx, Script, Transaction } from '@scure/btc-signer';
import { InputError, VerificationError } from '../../errors.js';
import { equalBytes } from '../../bytes.js';
import { toHex } from '../../text.js';
import { parseMultisig } from '../../wallet/multisig.js';
import { p2sh, p2wsh, scriptKind } from '../../wallet/script.js';
import { scriptCode, templatesFor, type ScriptTemplate } from '../../wallet/template.js';
import { libraryReason } from '../psbt-codec.js';
import { spentOutput } from '../prevouts.js';
import { SighashCache, type Prevout } from '../sighash.js';
import { COMMITMENT_PREVOUT, decodeMessage } from './commitment.js';
import { shapeProblems } from './shape.js';

/** A spent output the verifier knows, and how it knows it. */
export interface KnownOutput extends Prevout {
  source: 'utxos' | 'non_witness_utxo';
}

/** A verified proof. */
export interface VerifiedProof {
  message: string;
  /** Sum of the proven inputs, sat. */
  total: bigint;
  txid: string;
  inputs: { index: number; outpoint: string; amount: bigint; type: string; signatures: number; source: KnownOutput['source'] }[];
}

type DecodedTx = ReturnType<typeof RawTx.decode>;

/** Decode a raw transaction (hex or bytes already decoded by the caller). */
export function decodeProofTx(raw: Uint8Array, field = 'proof'): DecodedTx {
  try {
    return RawTx.decode(raw);
  } catch (e) {
    throw new InputError(`is not a transaction: ${libraryReason(e)}`, field);
  }
}

/**
 * The signed proof transaction of a signed (or combined) PSBT: each proven input finalized by
 * btc-signer from its signatures (they are verified afterwards, on the transaction), the
 * commitment input left with an empty scriptSig and witness. Also returns the message the PSBT
 * carries and the spent outputs its non_witness_utxo fields prove.
 */
export function proofTxOfPsbt(tx: Transaction): { raw: Uint8Array; message?: string; proven: Map<string, KnownOutput>; claimed: Map<string, Prevout> } {
  const proven = new Map<string, KnownOutput>();
  const claimed = new Map<string, Prevout>();
  const c = tx.getInput(0) as { porCommitment?: Uint8Array };
  const message = c.porCommitment ? decodeMessage(c.porCommitment) : undefined;
  for (let i = 1; i < tx.inputsLength; i++) {
    const inp = tx.getInput(i);
    const out = spentOutput(inp, i);
    const op = `${toHex(inp.txid!)}:${inp.index}`;
    if (out?.source === 'non_witness_utxo') proven.set(op, { script: out.script, amount: out.amount, source: 'non_witness_utxo' });
    if (out) claimed.set(op, { script: out.script, amount: out.amount });
    if (inp.finalScriptSig || inp.finalScriptWitness) continue;
    try {
      tx.finalizeIdx(i);
    } catch (e) {
      throw new VerificationError(`input ${i} cannot be finalized: ${libraryReason(e)} (is it signed, with enough cosigners?)`);
    }
  }
  tx.updateInput(0, { finalScriptSig: new Uint8Array(0) }, true);
  return { raw: tx.toBytes(true, true), ...(message !== undefined ? { message } : {}), proven, claimed };
}

const pushes = (s: Uint8Array): Uint8Array[] | undefined => {
  try {
    const ops = Script.decode(s);
    return ops.every((o) => o instanceof Uint8Array) ? (ops as Uint8Array[]) : undefined;
  } catch {
    return undefined;
  }
};

function verifyEcdsa(cache: SighashCache, t: ScriptTemplate, i: number, code: Uint8Array, prev: Prevout, pub: Uint8Array, sig: Uint8Array): string | undefined {
  if (sig.length < 9) return 'a signature is too short';
  const ht = sig[sig.length - 1]!;
  if (ht !== 0x01) return `a signature has sighash type ${ht}, not ALL: it does not commit to the commitment input`;
  const digest = t.spend === 'legacy' ? cache.legacy(i, code, ht) : cache.bip143(i, code, prev.amount, ht);
  try {
    return secp256k1.verify(sig.subarray(0, -1), digest, pub, { prehash: false, lowS: true, format: 'der' }) ? undefined : 'a signature does not verify';
  } catch {
    return 'a signature does not verify';
  }
}

/** Verify one proven input's signatures; returns the signature count or a reason. */
function verifyInput(tx: DecodedTx, i: number, prev: Prevout, prevouts: Prevout[], cache: SighashCache): { type: string; signatures: number } | string {
  const inp = tx.inputs[i]!;
  const witness = tx.witnesses?.[i] ?? [];
  const sigPushes = pushes(inp.finalScriptSig) ?? [];
  const kind = scriptKind(prev.script);
  let program = prev.script;
  if (kind === 'p2sh') {
    if (sigPushes.length !== 1 || !equalBytes(p2sh(sigPushes[0]!), prev.script)) return 'its scriptSig does not reveal the redeem script of the P2SH output it spends';
    program = sigPushes[0]!;
  }
  const inner = kind === 'p2sh' ? scriptKind(program) : undefined;
  const t = templatesFor(kind).find((x) => x.inner === undefined || x.inner === inner);
  if (!t) return `spends a ${kind}${inner ? `-${inner}` : ''} output, which coldkit does not verify`;
  if (t.spend === 'taproot-key') {
    if (witness.length !== 1) return 'is not a taproot key-path spend (one witness element)';
    const sig = witness[0]!;
    if (sig.length !== 64 && !(sig.length === 65 && sig[64] === 0x01)) return 'its taproot signature is not 64 bytes (DEFAULT) or 65 with SIGHASH_ALL';
    const digest = cache.bip341(i, prevouts, sig.length === 65 ? 0x01 : 0x00);
    return schnorr.verify(sig.subarray(0, 64), digest, prev.script.subarray(2, 34)) ? { type: t.name, signatures: 1 } : 'its taproot signature does not verify';
  }
  if (t.keys === 'many') {
    const ws = witness[witness.length - 1];
    const policy = ws ? parseMultisig(ws) : undefined;
    if (!ws || !policy) return 'its witness does not end with a multisig witness script';
    const prog = p2wsh(ws);
    if (!equalBytes(t.inner ? p2sh(prog) : prog, prev.script) || (t.inner && !equalBytes(program, prog))) return 'its witness script does not hash to the script it spends';
    const sigs = witness.slice(1, -1);
    if (witness[0]!.length !== 0) return 'the CHECKMULTISIG dummy element is not empty (BIP147)';
    if (sigs.length !== policy.threshold) return `carries ${sigs.length} signatures; its script takes exactly ${policy.threshold}`;
    let k = 0;
    for (const sig of sigs) {
      let ok = false;
      while (k < policy.keys.length && !ok) ok = verifyEcdsa(cache, t, i, ws, prev, policy.keys[k++]!, sig) === undefined;
      if (!ok) return `its signatures do not verify against the ${policy.threshold}-of-${policy.keys.length} script's keys in order`;
    }
    return { type: t.name, signatures: sigs.length };
  }
  const [sig, pub] = t.spend === 'legacy' ? sigPushes : witness;
  if (!sig || !pub || (t.spend === 'legacy' ? sigPushes.length : witness.length) !== 2) return 'is not signed (expected a signature and a public key)';
  const built = t.build([pub]);
  if (!equalBytes(built.script, prev.script)) return 'is signed by a key its script does not pay to';
  const bad = verifyEcdsa(cache, t, i, scriptCode(t, built, prev.script), prev, pub, sig);
  return bad ?? { type: t.name, signatures: 1 };
}

/** What the verifier needs beside the transaction. */
export interface VerifyOptions {
  /** The message the proof must commit to. */
  message: string;
  /** Spent outputs the verifier knows, by "txid:vout" (display-order txid). */
  known: ReadonlyMap<string, KnownOutput>;
  /** Spent outputs the prover states (a PSBT's witness_utxo): must agree with `known` where both exist. */
  claimed?: ReadonlyMap<string, Prevout>;
}

/** Verify a signed BIP-127 proof; throws VerificationError naming every failure. */
export function verifyReserves(raw: Uint8Array, o: VerifyOptions): VerifiedProof {
  const tx = decodeProofTx(raw);
  const problems: string[] = [];
  const ops = tx.inputs.map((inp) => `${toHex(inp.txid)}:${inp.index}`);
  const prevouts: (KnownOutput | undefined)[] = ops.map((op, i) => (i === 0 ? { ...COMMITMENT_PREVOUT, source: 'utxos' as const } : o.known.get(op)));
  problems.push(...shapeProblems({ inputs: tx.inputs, outputs: tx.outputs, amounts: prevouts.map((p) => p?.amount) }, o.message));
  const c = tx.inputs[0];
  if (c && (c.finalScriptSig.length > 0 || (tx.witnesses?.[0]?.length ?? 0) > 0)) problems.push('the commitment input carries a scriptSig or witness; BIP-127 leaves it empty');
  const unknown = ops.slice(1).filter((op) => !o.known.has(op));
  if (unknown.length) problems.push(`the amount of ${unknown.length} input${unknown.length > 1 ? 's is' : ' is'} not proven (${unknown.slice(0, 3).join(', ')}${unknown.length > 3 ? ', …' : ''}): give --utxos from your own node, or a PSBT with each input's non_witness_utxo`);
  for (const [op, claim] of o.claimed ?? []) {
    const k = o.known.get(op);
    if (k && (k.amount !== claim.amount || !equalBytes(k.script, claim.script))) problems.push(`the proof states ${claim.amount} sat for ${op}, but ${k.source === 'utxos' ? 'your UTXO list' : 'its previous transaction'} says ${k.amount} sat${equalBytes(k.script, claim.script) ? '' : ' to another script'}`);
  }
  const inputs: VerifiedProof['inputs'] = [];
  if (unknown.length === 0 && tx.inputs.length > 1) {
    const all = prevouts as KnownOutput[];
    const cache = new SighashCache({ version: tx.version, lockTime: tx.lockTime, inputs: tx.inputs, outputs: tx.outputs });
    for (let i = 1; i < tx.inputs.length; i++) {
      let r: ReturnType<typeof verifyInput>;
      try {
        r = verifyInput(tx, i, all[i]!, all, cache);
      } catch (e) {
        r = libraryReason(e);
      }
      if (typeof r === 'string') problems.push(`input ${i} (${ops[i]}) ${r}`);
      else inputs.push({ index: i, outpoint: ops[i]!, amount: all[i]!.amount, type: r.type, signatures: r.signatures, source: all[i]!.source });
    }
  }
  if (problems.length) throw new VerificationError(`not a valid proof of reserves for this message: ${problems.join('; ')}`);
  return { message: o.message, total: inputs.reduce((a, x) => a + x.amount, 0n), txid: Transaction.fromRaw(raw, { allowUnknownOutputs: true, allowUnknownInputs: true }).id, inputs };
}
