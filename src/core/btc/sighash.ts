/**
 * Signature hashes computed with shared parts cached once per transaction.
 *
 * - BIP143 (segwit v0): "hashPrevouts, hashSequence and hashOutputs … are computed once and
 *   reused for all inputs", which is what makes signing linear in the number of inputs.
 * - BIP341 (taproot key path, no annex, ext_flag 0): sha_prevouts, sha_amounts,
 *   sha_scriptpubkeys, sha_sequences and sha_outputs likewise computed once.
 * - Legacy (pre-segwit, P2PKH): the original algorithm; inherently linear per input.
 *
 * btc-signer's per-input `signIdx` re-serialises the whole transaction for every input; this
 * class does not. Pure: no I/O.
 */
import { ByteWriter } from '../bytes.js';
import { sha256, sha256d, taggedHash } from '../hash.js';

/** The transaction as the sighash algorithms see it (txids in display order, as btc-signer keeps them). */
export interface SighashTx {
  version: number;
  lockTime: number;
  inputs: { txid: Uint8Array; index: number; sequence: number }[];
  outputs: { script: Uint8Array; amount: bigint }[];
}

/** A spent output: needed for every input by BIP341, for the signed input by BIP143. */
export interface Prevout {
  script: Uint8Array;
  amount: bigint;
}

export const SIGHASH_DEFAULT = 0x00;
export const SIGHASH_ALL = 0x01;
export const SIGHASH_NONE = 0x02;
export const SIGHASH_SINGLE = 0x03;
export const SIGHASH_ANYONECANPAY = 0x80;

const ZERO32: Uint8Array = new Uint8Array(32);

/** Sighash cache over one transaction. Construct once, then ask for each input's hash. */
export class SighashCache {
  private readonly tx: SighashTx;
  private outputsSer?: Uint8Array;
  private v0?: { prevouts: Uint8Array; sequences: Uint8Array; outputs: Uint8Array };
  private v1?: {
    prevouts: Uint8Array;
    amounts: Uint8Array;
    scripts: Uint8Array;
    sequences: Uint8Array;
    outputs: Uint8Array;
  };

  constructor(tx: SighashTx) {
    this.tx = tx;
  }

  private writeOutpoint(w: ByteWriter, i: number): void {
    const inp = this.tx.inputs[i]!;
    w.reversed(inp.txid).u32(inp.index);
  }

  private serOutputs(from = 0, to = this.tx.outputs.length): Uint8Array {
    if (from === 0 && to === this.tx.outputs.length && this.outputsSer) return this.outputsSer;
    const w = new ByteWriter(64 * (to - from) + 8);
    for (let i = from; i < to; i++) {
      const o = this.tx.outputs[i]!;
      w.u64(o.amount).varBytes(o.script);
    }
    const out = w.finish();
    if (from === 0 && to === this.tx.outputs.length) this.outputsSer = out;
    return out;
  }

  private serPrevoutsAndSequences(): { prevouts: Uint8Array; sequences: Uint8Array } {
    const n = this.tx.inputs.length;
    const p = new ByteWriter(36 * n + 8);
    const s = new ByteWriter(4 * n + 8);
    for (let i = 0; i < n; i++) {
      this.writeOutpoint(p, i);
      s.u32(this.tx.inputs[i]!.sequence);
    }
    return { prevouts: p.finish(), sequences: s.finish() };
  }

  /** BIP143 digest for input `idx` with `scriptCode` (e.g. the P2PKH script for P2WPKH) and its amount. */
  bip143(idx: number, scriptCode: Uint8Array, amount: bigint, hashType: number): Uint8Array {
    this.checkIdx(idx);
    if (!this.v0) {
      const { prevouts, sequences } = this.serPrevoutsAndSequences();
      this.v0 = { prevouts: sha256d(prevouts), sequences: sha256d(sequences), outputs: sha256d(this.serOutputs()) };
    }
    const base = hashType & 0x1f;
    const anyone = (hashType & SIGHASH_ANYONECANPAY) !== 0;
    const hashPrevouts = anyone ? ZERO32 : this.v0.prevouts;
    const hashSequence = anyone || base === SIGHASH_SINGLE || base === SIGHASH_NONE ? ZERO32 : this.v0.sequences;
    let hashOutputs: Uint8Array = ZERO32;
    if (base !== SIGHASH_SINGLE && base !== SIGHASH_NONE) hashOutputs = this.v0.outputs;
    else if (base === SIGHASH_SINGLE && idx < this.tx.outputs.length) hashOutputs = sha256d(this.serOutputs(idx, idx + 1));
    const w = new ByteWriter(160 + scriptCode.length);
    w.u32(this.tx.version).bytes(hashPrevouts).bytes(hashSequence);
    this.writeOutpoint(w, idx);
    w.varBytes(scriptCode).u64(amount).u32(this.tx.inputs[idx]!.sequence).bytes(hashOutputs);
    w.u32(this.tx.lockTime).u32(hashType >>> 0);
    return sha256d(w.finish());
  }

  /**
   * BIP341 key-path digest (no annex, ext_flag 0) for input `idx`; `prevouts` are ALL spent outputs
   * in input order ("the signature commits to the amounts and scripts of all inputs"). With
   * `leafHash`, the BIP342 script-path digest: ext_flag 1 (spend_type 2) and the extension
   * "tapleaf_hash || key_version (0x00) || codesep_pos" with no OP_CODESEPARATOR executed (0xffffffff).
   */
  bip341(idx: number, prevouts: readonly Prevout[], hashType: number, leafHash?: Uint8Array): Uint8Array {
    this.checkIdx(idx);
    if (prevouts.length !== this.tx.inputs.length) throw new RangeError('BIP341 needs the spent output of every input');
    if (![0x00, 0x01, 0x02, 0x03, 0x81, 0x82, 0x83].includes(hashType)) throw new RangeError(`invalid taproot sighash type ${hashType}`);
    const base = hashType & 0x03;
    const anyone = (hashType & SIGHASH_ANYONECANPAY) !== 0;
    if (!this.v1) {
      const { prevouts: po, sequences } = this.serPrevoutsAndSequences();
      const a = new ByteWriter(8 * prevouts.length + 8);
      const s = new ByteWriter(35 * prevouts.length + 8);
      for (const p of prevouts) {
        a.u64(p.amount);
        s.varBytes(p.script);
      }
      this.v1 = {
        prevouts: sha256(po),
        amounts: sha256(a.finish()),
        scripts: sha256(s.finish()),
        sequences: sha256(sequences),
        outputs: sha256(this.serOutputs()),
      };
    }
    const w = new ByteWriter(256);
    w.u8(0x00); // epoch
    w.u8(hashType).u32(this.tx.version).u32(this.tx.lockTime);
    if (!anyone) w.bytes(this.v1.prevouts).bytes(this.v1.amounts).bytes(this.v1.scripts).bytes(this.v1.sequences);
    if (base !== SIGHASH_NONE && base !== SIGHASH_SINGLE) w.bytes(this.v1.outputs);
    w.u8(leafHash ? 0x02 : 0x00); // spend_type: ext_flag · 2 + annex_present (no annex)
    if (anyone) {
      this.writeOutpoint(w, idx);
      const p = prevouts[idx]!;
      w.u64(p.amount).varBytes(p.script).u32(this.tx.inputs[idx]!.sequence);
    } else {
      w.u32(idx);
    }
    if (base === SIGHASH_SINGLE) {
      if (idx >= this.tx.outputs.length) throw new RangeError('SIGHASH_SINGLE without a matching output');
      w.bytes(sha256(this.serOutputs(idx, idx + 1)));
    }
    if (leafHash) w.bytes(leafHash).u8(0x00).u32(0xffffffff);
    return taggedHash('TapSighash', w.finish());
  }

  /**
   * Legacy (pre-segwit) digest: the transaction with every scriptSig emptied except input `idx`,
   * which carries `scriptCode`, then the 4-byte hash type, double-SHA256. SIGHASH_SINGLE without
   * a matching output gives the historical value 1.
   */
  legacy(idx: number, scriptCode: Uint8Array, hashType: number): Uint8Array {
    this.checkIdx(idx);
    const base = hashType & 0x1f;
    const anyone = (hashType & SIGHASH_ANYONECANPAY) !== 0;
    if (base === SIGHASH_SINGLE && idx >= this.tx.outputs.length) {
      const one = new Uint8Array(32);
      one[0] = 1;
      return one;
    }
    const w = new ByteWriter(256);
    w.u32(this.tx.version);
    const ins = anyone ? [idx] : this.tx.inputs.map((_, i) => i);
    w.compact(ins.length);
    for (const i of ins) {
      this.writeOutpoint(w, i);
      w.varBytes(i === idx ? scriptCode : new Uint8Array(0));
      const seq = i !== idx && (base === SIGHASH_NONE || base === SIGHASH_SINGLE) ? 0 : this.tx.inputs[i]!.sequence;
      w.u32(seq);
    }
    if (base === SIGHASH_NONE) w.compact(0);
    else if (base === SIGHASH_SINGLE) {
      w.compact(idx + 1);
      for (let i = 0; i < idx; i++) w.u64(-1n).compact(0);
      const o = this.tx.outputs[idx]!;
      w.u64(o.amount).varBytes(o.script);
    } else {
      w.compact(this.tx.outputs.length).bytes(this.serOutputs());
    }
    w.u32(this.tx.lockTime).u32(hashType >>> 0);
    return sha256d(w.finish());
  }

  private checkIdx(idx: number): void {
    if (!Number.isInteger(idx) || idx < 0 || idx >= this.tx.inputs.length) throw new RangeError(`input index ${idx} out of range`);
  }
}
