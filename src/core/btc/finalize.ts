/**
 * BIP174 Input Finalizer + Transaction Extractor, with every signature verified first.
 *
 * For each input the spent output is taken from PSBT_IN_WITNESS_UTXO or PSBT_IN_NON_WITNESS_UTXO
 * (whose txid must equal the prevout's, BIP174; checked by src/core/btc/prevouts.ts), the script
 * template that made it recognised from its form (src/core/wallet/template.ts: P2PKH, P2SH-P2WPKH,
 * P2WPKH, P2TR key path), and each signature checked against the signature hash it commits to:
 * legacy, BIP143 (with the template's scriptCode) or BIP341 (src/core/btc/sighash.ts), with
 * @noble/curves, an implementation independent of the signer's. ECDSA signatures must be strict
 * DER with low S (BIP66, BIP146 LOW_S); a signature must come from a key the script pays to (the
 * template rebuilds the script from the signing key). Vault inputs (P2WSH and P2SH-P2WSH over
 * sortedmulti) need their witness script, which must hash to the spent script; every signature
 * must be by one of its keys, and at least k must verify (else the missing cosigners are named);
 * btc-signer then builds the witness: the OP_0 dummy CHECKMULTISIG pops, the first k signatures
 * in the script's key order, the witness script. Only then does btc-signer build scriptSig/witness
 * and extract the network transaction. A script no template of coldkit's builds (bare scripts) is
 * refused by name.
 */
import { schnorr, secp256k1 } from '@noble/curves/secp256k1.js';
import type { Transaction } from '@scure/btc-signer';
import { InputError, VerificationError } from '../errors.js';
import { toHex } from '../text.js';
import { equalBytes } from '../bytes.js';
import { fingerprintHex } from '../hd/path.js';
import { parseMultisig } from '../wallet/multisig.js';
import { p2sh, p2wsh, scriptKind } from '../wallet/script.js';
import { scriptCode, templatesFor, type ScriptTemplate, type SpendScripts, type TemplateName } from '../wallet/template.js';
import { spentOutput } from './prevouts.js';
import { libraryReason } from './psbt-codec.js';
import { SighashCache, type Prevout, type SighashTx } from './sighash.js';
import { checkTapVaultInput } from './tap-vault-input.js';

/** The extracted transaction. */
export interface FinalizedTx {
  /** Network serialisation (with witnesses), hex. */
  hex: string;
  raw: Uint8Array;
  txid: string;
  vsize: number;
  fee: bigint;
  inputs: { index: number; type: SpendType; signatures: number }[];
}

/** The template name of a finalized input. */
export type SpendType = TemplateName;

type Input = ReturnType<Transaction['getInput']>;

/**
 * The template whose outputs have the spent script's form (under P2SH, also its redeem script's,
 * which prevouts.ts has matched to it); refused by name when coldkit has none for it.
 */
function spendTemplate(prev: Prevout, input: Input, idx: number): ScriptTemplate {
  const kind = scriptKind(prev.script);
  const inner = input.redeemScript ? scriptKind(input.redeemScript) : undefined;
  const t = templatesFor(kind).find((x) => x.inner === undefined || x.inner === inner);
  if (!t) throw new InputError(`spends a ${kind}${inner ? `-${inner}` : ''} output; coldkit finalizes single-key P2PKH, P2SH-P2WPKH, P2WPKH and P2TR key-path inputs, and P2WSH / P2SH-P2WSH vault inputs`, `input ${idx}`);
  return t;
}

/** The scripts `t` builds from the signing key `pub` when they pay to `spent` (the key is one the script pays to). */
function scriptsFor(t: ScriptTemplate, pub: Uint8Array, spent: Uint8Array): SpendScripts | undefined {
  if (t.keys !== 'one' || pub.length !== 33 || (pub[0] !== 2 && pub[0] !== 3)) return undefined;
  const s = t.build([pub]);
  return equalBytes(s.script, spent) ? s : undefined;
}

/** Strict DER low-S ECDSA verification of a signature with its sighash byte against `code`. */
function verifyEcdsa(cache: SighashCache, t: ScriptTemplate, i: number, code: Uint8Array, prev: Prevout, pub: Uint8Array, sigWithType: Uint8Array): boolean {
  const ht = sigWithType[sigWithType.length - 1]!;
  const digest = t.spend === 'legacy' ? cache.legacy(i, code, ht) : cache.bip143(i, code, prev.amount, ht);
  try {
    return secp256k1.verify(sigWithType.subarray(0, -1), digest, pub, { prehash: false, lowS: true, format: 'der' });
  } catch {
    return false;
  }
}

/**
 * A vault input: its witness script must be a multisig script that hashes to the spent script
 * (under P2SH, through its P2WSH redeem script); every signature must be by one of its keys and
 * verify; at least k of them. Returns the number of valid signatures.
 */
function checkVaultInput(t: ScriptTemplate, inp: Input, prev: Prevout, i: number, cache: SighashCache): number {
  const ws = inp.witnessScript;
  if (!ws) throw new InputError('is a vault input without its witness_script; the coordinator (psbt create --wallet) adds it, or combine with a copy that has it', `input ${i}`);
  const policy = parseMultisig(ws);
  if (!policy) throw new InputError('has a witness_script that is not a multisig script (OP_k keys OP_n OP_CHECKMULTISIG)', `input ${i}`);
  const program = p2wsh(ws);
  const built = t.inner ? p2sh(program) : program;
  if (!equalBytes(built, prev.script)) throw new VerificationError(`input ${i}: its witness_script does not hash to the script it spends; the PSBT was altered`);
  if (t.inner && (!inp.redeemScript || !equalBytes(inp.redeemScript, program))) throw new InputError('is a P2SH-P2WSH vault input without its redeem_script (the P2WSH program of its witness script)', `input ${i}`);
  let valid = 0;
  for (const [pub, sig] of inp.partialSig ?? []) {
    const who = toHex(pub).slice(0, 16);
    if (!policy.keys.some((k) => equalBytes(k, pub))) throw new VerificationError(`input ${i}: signature by key ${who}… which is not one of its witness script's keys`);
    if (!verifyEcdsa(cache, t, i, ws, prev, pub, sig)) throw new VerificationError(`input ${i}: the signature by key ${who}… does not verify (wrong key, altered transaction, or not strict low-S DER)`);
    valid++;
  }
  if (valid < policy.threshold) {
    const fpOf = (k: Uint8Array) => {
      const d = inp.bip32Derivation?.find(([pub]) => equalBytes(pub, k));
      return d ? fingerprintHex(d[1].fingerprint) : `key ${toHex(k).slice(0, 16)}…`;
    };
    const missing = policy.keys.filter((k) => !(inp.partialSig ?? []).some(([pub]) => equalBytes(pub, k))).map(fpOf);
    throw new InputError(`has ${valid} of the ${policy.threshold} signatures it needs; ${policy.threshold - valid} more from: ${missing.join(', ')}`, `input ${i}`);
  }
  return valid;
}

/** Verify every signature in the PSBT, then finalize and extract. Throws VerificationError on a bad signature. */
export function finalizePsbt(tx: Transaction): FinalizedTx {
  const n = tx.inputsLength;
  if (n === 0) throw new InputError('has no inputs', 'psbt');
  const inputs = Array.from({ length: n }, (_, i) => tx.getInput(i));
  if (inputs.some((inp) => (inp as { porCommitment?: Uint8Array }).porCommitment)) {
    throw new InputError('is a BIP-127 proof of reserves, which is never broadcast; check it with `psbt reserves verify`', 'psbt');
  }
  inputs.forEach((inp, i) => {
    if (inp.finalScriptSig || inp.finalScriptWitness) throw new InputError('is already finalized; finalize expects a signed, not finalized, PSBT', `input ${i}`);
  });
  const prevouts: Prevout[] = inputs.map((inp, i) => {
    const o = spentOutput(inp, i);
    if (!o) throw new InputError('has neither witness_utxo nor non_witness_utxo; the spent amount is unknown', `input ${i}`);
    return o;
  });
  const outputs = Array.from({ length: tx.outputsLength }, (_, i) => tx.getOutput(i));
  const sumIn = prevouts.reduce((a, p) => a + p.amount, 0n);
  const sumOut = outputs.reduce((a, o) => a + (o.amount ?? 0n), 0n);
  if (sumOut > sumIn) throw new InputError(`outputs (${sumOut} sat) spend more than the inputs (${sumIn} sat)`, 'psbt');

  const sighashTx: SighashTx = {
    version: tx.version,
    lockTime: tx.lockTime,
    inputs: inputs.map((inp) => ({ txid: inp.txid!, index: inp.index!, sequence: inp.sequence ?? 0xffffffff })),
    outputs: outputs.map((o) => ({ script: o.script!, amount: o.amount! })),
  };
  const cache = new SighashCache(sighashTx);
  const report: FinalizedTx['inputs'] = [];
  inputs.forEach((inp, i) => {
    const prev = prevouts[i]!;
    const t = spendTemplate(prev, inp, i);
    // A P2TR input with a tap leaf and no key-path signature: a taproot vault's script path.
    if (t.output === 'p2tr' && !inp.tapKeySig && inp.tapLeafScript?.length) {
      report.push({ index: i, type: 'tr-multi', signatures: checkTapVaultInput(inp, prevouts, i, cache) });
      return;
    }
    if (t.spend === 'taproot-key') {
      const sig = inp.tapKeySig;
      if (!sig) {
        const why = inp.tapScriptSig?.length ? 'has only script-path signatures, which coldkit does not finalize' : 'is not signed (no taproot key-path signature)';
        throw new InputError(`${why}; sign it first, or combine the signed copies`, `input ${i}`);
      }
      if (sig.length !== 64 && !(sig.length === 65 && sig[64] !== 0x00)) throw new VerificationError(`input ${i}: taproot signature has length ${sig.length} (BIP341: 64, or 65 with a non-default sighash byte)`);
      const ht = sig.length === 65 ? sig[64]! : 0x00;
      let digest: Uint8Array;
      try {
        digest = cache.bip341(i, prevouts, ht);
      } catch (e) {
        throw new VerificationError(`input ${i}: ${libraryReason(e)}`);
      }
      if (!schnorr.verify(sig.subarray(0, 64), digest, prev.script.subarray(2, 34))) throw new VerificationError(`input ${i}: the taproot signature does not verify against the output key; the PSBT was altered or signed for another transaction`);
      report.push({ index: i, type: t.name, signatures: 1 });
      return;
    }
    if (t.keys === 'many') {
      report.push({ index: i, type: t.name, signatures: checkVaultInput(t, inp, prev, i, cache) });
      return;
    }
    const sigs = inp.partialSig ?? [];
    if (!sigs.some(([pub]) => scriptsFor(t, pub, prev.script))) {
      throw new InputError('is not signed (no signature from the key its script pays to); sign it first, or combine the signed copies', `input ${i}`);
    }
    for (const [pub, sigWithType] of sigs) {
      const who = toHex(pub).slice(0, 16);
      const scripts = scriptsFor(t, pub, prev.script);
      if (!scripts) throw new VerificationError(`input ${i}: signature by key ${who}… which this input's script does not pay to`);
      const ht = sigWithType[sigWithType.length - 1]!;
      const der = sigWithType.subarray(0, -1);
      const code = scriptCode(t, scripts, prev.script);
      const digest = t.spend === 'legacy' ? cache.legacy(i, code, ht) : cache.bip143(i, code, prev.amount, ht);
      let ok = false;
      try {
        ok = secp256k1.verify(der, digest, pub, { prehash: false, lowS: true, format: 'der' });
      } catch {
        ok = false;
      }
      if (!ok) throw new VerificationError(`input ${i}: the signature by key ${who}… does not verify (wrong key, altered transaction, or not strict low-S DER)`);
    }
    report.push({ index: i, type: t.name, signatures: sigs.length });
  });

  let raw: Uint8Array;
  try {
    tx.finalize();
    raw = tx.extract();
  } catch (e) {
    throw new InputError(`cannot be finalized: ${libraryReason(e)}`, 'psbt');
  }
  return { hex: toHex(raw), raw, txid: tx.id, vsize: tx.vsize, fee: sumIn - sumOut, inputs: report };
}
