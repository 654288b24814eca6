/**
 * BIP174 Input Finalizer + Transaction Extractor, with every signature verified first.
 *
 * For each input the spent output is taken from PSBT_IN_WITNESS_UTXO or PSBT_IN_NON_WITNESS_UTXO
 * (whose txid must equal the prevout's, BIP174; checked by src/core/btc/prevouts.ts), its script type recognised (P2PKH, P2SH-P2WPKH,
 * P2WPKH, P2TR key path), and each signature checked against the signature hash it commits to:
 * legacy, BIP143 or BIP341 (src/core/btc/sighash.ts), with @noble/curves, an implementation
 * independent of the signer's. ECDSA signatures must be strict DER with low S (BIP66, BIP146
 * LOW_S); a signature must come from the key the script pays to. Only then does btc-signer build
 * scriptSig/witness and extract the network transaction.
 */
import { schnorr, secp256k1 } from '@noble/curves/secp256k1.js';
import type { Transaction } from '@scure/btc-signer';
import { InputError, VerificationError } from '../errors.js';
import { toHex } from '../text.js';
import { ecdsaScriptTypeFor, p2pkhScript, scriptKind } from './key-script.js';
import { spentOutput } from './prevouts.js';
import { libraryReason } from './psbt-codec.js';
import { SighashCache, type Prevout, type SighashTx } from './sighash.js';

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

export type SpendType = 'pkh' | 'sh-wpkh' | 'wpkh' | 'tr';

type Input = ReturnType<Transaction['getInput']>;

/** The single-key spend type of an output script (P2SH only with a P2WPKH redeem script, which prevouts.ts has matched to it). */
function spendType(prev: Prevout, input: Input, idx: number): SpendType {
  const kind = scriptKind(prev.script);
  if (kind === 'pkh' || kind === 'wpkh' || kind === 'tr') return kind;
  if (kind === 'p2sh' && input.redeemScript && scriptKind(input.redeemScript) === 'wpkh') return 'sh-wpkh';
  throw new InputError(`spends a ${kind} output; coldkit finalizes single-key P2PKH, P2SH-P2WPKH, P2WPKH and P2TR key-path inputs`, `input ${idx}`);
}

/** Verify every signature in the PSBT, then finalize and extract. Throws VerificationError on a bad signature. */
export function finalizePsbt(tx: Transaction): FinalizedTx {
  const n = tx.inputsLength;
  if (n === 0) throw new InputError('has no inputs', 'psbt');
  const inputs = Array.from({ length: n }, (_, i) => tx.getInput(i));
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
    const type = spendType(prev, inp, i);
    if (type === 'tr') {
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
      report.push({ index: i, type: 'tr', signatures: 1 });
      return;
    }
    const sigs = inp.partialSig ?? [];
    if (!sigs.some(([pub]) => ecdsaScriptTypeFor(prev.script, pub) === type)) {
      throw new InputError('is not signed (no signature from the key its script pays to); sign it first, or combine the signed copies', `input ${i}`);
    }
    for (const [pub, sigWithType] of sigs) {
      const who = toHex(pub).slice(0, 16);
      if (ecdsaScriptTypeFor(prev.script, pub) !== type) throw new VerificationError(`input ${i}: signature by key ${who}… which this input's script does not pay to`);
      const ht = sigWithType[sigWithType.length - 1]!;
      const der = sigWithType.subarray(0, -1);
      // BIP143: the scriptCode of a P2WPKH spend is the P2PKH script of the same key hash.
      const digest = type === 'pkh' ? cache.legacy(i, prev.script, ht) : cache.bip143(i, p2pkhScript(pub), prev.amount, ht);
      let ok = false;
      try {
        ok = secp256k1.verify(der, digest, pub, { prehash: false, lowS: true, format: 'der' });
      } catch {
        ok = false;
      }
      if (!ok) throw new VerificationError(`input ${i}: the signature by key ${who}… does not verify (wrong key, altered transaction, or not strict low-S DER)`);
    }
    report.push({ index: i, type, signatures: sigs.length });
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
