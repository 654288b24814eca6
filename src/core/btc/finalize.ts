/**
 * BIP174 Input Finalizer + Transaction Extractor, with every signature verified first.
 *
 * For each input the spent output is taken from PSBT_IN_WITNESS_UTXO or PSBT_IN_NON_WITNESS_UTXO
 * (whose txid must equal the prevout's, BIP174), its script type recognised (P2PKH, P2SH-P2WPKH,
 * P2WPKH, P2TR key path), and each signature checked against the signature hash it commits to:
 * legacy, BIP143 or BIP341 (src/core/btc/sighash.ts), with @noble/curves, an implementation
 * independent of the signer's. ECDSA signatures must be strict DER with low S (BIP66, BIP146
 * LOW_S); a signature must come from the key the script pays to. Only then does btc-signer build
 * scriptSig/witness and extract the network transaction.
 */
import { schnorr, secp256k1 } from '@noble/curves/secp256k1.js';
import { ripemd160 } from '@noble/hashes/legacy.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { OutScript, RawTx, Transaction } from '@scure/btc-signer';
import { InputError, VerificationError } from '../errors.js';
import { toHex } from '../text.js';
import { equalBytes } from './bytes.js';
import { libraryReason, PSBT_OPTS } from './psbt-codec.js';
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

const hash160 = (b: Uint8Array): Uint8Array => ripemd160(sha256(b));

/** P2PKH script for a 20-byte key hash (also the BIP143 scriptCode of P2WPKH). */
function p2pkhScript(hash: Uint8Array): Uint8Array {
  return new Uint8Array([0x76, 0xa9, 0x14, ...hash, 0x88, 0xac]);
}

/** The output an input spends, with the non-witness copy checked against the prevout. */
export function spentOutput(input: Input, idx: number): Prevout {
  let fromFull: Prevout | undefined;
  if (input.nonWitnessUtxo) {
    const bytes = RawTx.encode(input.nonWitnessUtxo);
    const id = Transaction.fromRaw(bytes, { ...PSBT_OPTS, disableScriptCheck: true, allowUnknownVersion: true }).id;
    if (id !== toHex(input.txid!)) throw new InputError(`non_witness_utxo is transaction ${id}, not the ${toHex(input.txid!)} the input spends`, `input ${idx}`);
    const o = input.nonWitnessUtxo.outputs[input.index!];
    if (!o) throw new InputError(`non_witness_utxo has no output ${input.index}`, `input ${idx}`);
    fromFull = { script: o.script, amount: o.amount };
  }
  const w = input.witnessUtxo;
  if (w && fromFull && (w.amount !== fromFull.amount || !equalBytes(w.script, fromFull.script))) {
    throw new InputError('witness_utxo does not match the output of non_witness_utxo', `input ${idx}`);
  }
  const out = w ? { script: w.script, amount: w.amount } : fromFull;
  if (!out) throw new InputError('has neither witness_utxo nor non_witness_utxo; the spent amount is unknown', `input ${idx}`);
  return out;
}

/** Which single-key spend an output script and its redeem script make. */
function spendType(prev: Prevout, input: Input, idx: number): { type: SpendType; keyHash?: Uint8Array; outputKey?: Uint8Array } {
  let dec: { type: string; hash?: Uint8Array; pubkey?: Uint8Array };
  try {
    dec = OutScript.decode(prev.script);
  } catch {
    dec = { type: 'unknown' };
  }
  if (dec.type === 'pkh') return { type: 'pkh', keyHash: dec.hash! };
  if (dec.type === 'wpkh') return { type: 'wpkh', keyHash: dec.hash! };
  if (dec.type === 'tr') return { type: 'tr', outputKey: dec.pubkey! };
  if (dec.type === 'sh' && input.redeemScript) {
    if (!equalBytes(hash160(input.redeemScript), dec.hash!)) throw new InputError('redeem_script does not hash to the P2SH output it spends', `input ${idx}`);
    const inner = OutScript.decode(input.redeemScript);
    if (inner.type === 'wpkh') return { type: 'sh-wpkh', keyHash: inner.hash };
  }
  throw new InputError(`spends a ${dec.type} output; coldkit finalizes single-key P2PKH, P2SH-P2WPKH, P2WPKH and P2TR key-path inputs`, `input ${idx}`);
}

/** Verify every signature in the PSBT, then finalize and extract. Throws VerificationError on a bad signature. */
export function finalizePsbt(tx: Transaction): FinalizedTx {
  const n = tx.inputsLength;
  if (n === 0) throw new InputError('has no inputs', 'psbt');
  const inputs = Array.from({ length: n }, (_, i) => tx.getInput(i));
  inputs.forEach((inp, i) => {
    if (inp.finalScriptSig || inp.finalScriptWitness) throw new InputError('is already finalized; finalize expects a signed, not finalized, PSBT', `input ${i}`);
  });
  const prevouts = inputs.map((inp, i) => spentOutput(inp, i));
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
    const kind = spendType(prev, inp, i);
    if (kind.type === 'tr') {
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
      if (!schnorr.verify(sig.subarray(0, 64), digest, kind.outputKey!)) throw new VerificationError(`input ${i}: the taproot signature does not verify against the output key; the PSBT was altered or signed for another transaction`);
      report.push({ index: i, type: 'tr', signatures: 1 });
      return;
    }
    const sigs = inp.partialSig ?? [];
    if (!sigs.some(([pub]) => equalBytes(hash160(pub), kind.keyHash!))) {
      throw new InputError('is not signed (no signature from the key its script pays to); sign it first, or combine the signed copies', `input ${i}`);
    }
    for (const [pub, sigWithType] of sigs) {
      const who = toHex(pub).slice(0, 16);
      if (!equalBytes(hash160(pub), kind.keyHash!)) throw new VerificationError(`input ${i}: signature by key ${who}… which this input's script does not pay to`);
      const ht = sigWithType[sigWithType.length - 1]!;
      const der = sigWithType.subarray(0, -1);
      const code = p2pkhScript(kind.keyHash!);
      const digest = kind.type === 'pkh' ? cache.legacy(i, prev.script, ht) : cache.bip143(i, code, prev.amount, ht);
      let ok = false;
      try {
        ok = secp256k1.verify(der, digest, pub, { prehash: false, lowS: true, format: 'der' });
      } catch {
        ok = false;
      }
      if (!ok) throw new VerificationError(`input ${i}: the signature by key ${who}… does not verify (wrong key, altered transaction, or not strict low-S DER)`);
    }
    report.push({ index: i, type: kind.type, signatures: sigs.length });
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
