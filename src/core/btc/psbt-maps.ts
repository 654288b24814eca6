/**
 * The PSBT as BIP174 lays it out on the wire — magic, global map, one map per input, one per
 * output, each a list of <keylen><key><valuelen><value> pairs ended by 0x00 — used to write a
 * signer's additions without re-encoding anything else:
 *
 * - `addToInputs` inserts new pairs (signatures) at the end of input maps and copies every other
 *   byte verbatim, so unknown and proprietary fields survive exactly ("the Signer must not remove
 *   any fields", BIP174) and a 1000-input PSBT is written in one linear pass;
 * - `trimmed` keeps only what a Combiner needs to merge our signatures back: the global map, the
 *   fields that identify inputs and outputs in PSBTv2 (BIP370), and the new pairs.
 *
 * The PSBT must already have been parsed and validated (psbt-codec.ts); structural surprises here
 * are therefore internal errors.
 */
import { ByteWriter } from '../bytes.js';

/** One key-value pair; `key` includes its type byte. */
export interface KeyValue {
  key: Uint8Array;
  value: Uint8Array;
}

/** PSBT_IN_PARTIAL_SIG (0x02) keyed by the public key. */
export const partialSigPair = (pubkey: Uint8Array, sig: Uint8Array): KeyValue => ({ key: Uint8Array.of(0x02, ...pubkey), value: sig });
/** PSBT_IN_TAP_KEY_SIG (0x13). */
export const tapKeySigPair = (sig: Uint8Array): KeyValue => ({ key: Uint8Array.of(0x13), value: sig });
/** PSBT_IN_TAP_SCRIPT_SIG (0x14) keyed by the x-only key and the leaf hash (BIP371). */
export const tapScriptSigPair = (xonly: Uint8Array, leafHash: Uint8Array, sig: Uint8Array): KeyValue => ({ key: Uint8Array.of(0x14, ...xonly, ...leafHash), value: sig });
/** PSBT_IN_REDEEM_SCRIPT (0x04). */
export const redeemScriptPair = (script: Uint8Array): KeyValue => ({ key: Uint8Array.of(0x04), value: script });
/** PSBT_IN_WITNESS_SCRIPT (0x05). */
export const witnessScriptPair = (script: Uint8Array): KeyValue => ({ key: Uint8Array.of(0x05), value: script });

/** BIP370 fields kept by `trimmed`: previous txid, output index, sequence, locktimes; output amount and script. */
const V2_INPUT_KEEP = new Set([0x0e, 0x0f, 0x10, 0x11, 0x12]);
const V2_OUTPUT_KEEP = new Set([0x03, 0x04]);

class Reader {
  pos = 5; // after the magic
  constructor(readonly b: Uint8Array) {}
  compact(): number {
    const f = this.b[this.pos++];
    if (f === undefined) throw new RangeError('PSBT ends inside a map');
    if (f < 0xfd) return f;
    const n = f === 0xfd ? 2 : f === 0xfe ? 4 : 8;
    let v = 0;
    for (let i = 0; i < n; i++) v += this.b[this.pos + i]! * 2 ** (8 * i);
    this.pos += n;
    return v;
  }
  /** Read one pair; returns undefined at the 0x00 separator. Positions are of the whole pair. */
  pair(): { start: number; end: number; type: number } | undefined {
    const start = this.pos;
    const klen = this.compact();
    if (klen === 0) return undefined;
    const type = this.b[this.pos]!;
    this.pos += klen;
    const vlen = this.compact();
    this.pos += vlen;
    if (this.pos > this.b.length) throw new RangeError('PSBT ends inside a value');
    return { start, end: this.pos, type };
  }
}

function writePair(w: ByteWriter, kv: KeyValue): void {
  w.varBytes(kv.key).varBytes(kv.value);
}

/**
 * Copy the PSBT, appending `add.get(i)` to input map i (and, when `trim`, dropping what a combiner
 * does not need). `inputs`/`outputs` are the map counts from the parsed PSBT.
 */
function rewrite(raw: Uint8Array, inputs: number, outputs: number, add: ReadonlyMap<number, KeyValue[]>, trim: boolean, v2: boolean): Uint8Array {
  const r = new Reader(raw);
  const w = new ByteWriter(trim ? 1024 + 120 * inputs : raw.length + 120 * add.size + 16);
  w.bytes(raw.subarray(0, 5));
  // Global map: always verbatim (it holds the unsigned transaction, or the BIP370 counts).
  const gStart = r.pos;
  while (r.pair());
  w.bytes(raw.subarray(gStart, r.pos));
  for (let m = 0; m < inputs + outputs; m++) {
    const isInput = m < inputs;
    let p;
    while ((p = r.pair())) {
      if (!trim || (v2 && (isInput ? V2_INPUT_KEEP : V2_OUTPUT_KEEP).has(p.type))) w.bytes(raw.subarray(p.start, p.end));
    }
    if (isInput) for (const kv of add.get(m) ?? []) writePair(w, kv);
    w.u8(0x00);
  }
  return w.finish();
}

/** The PSBT with pairs added to input maps; every other byte unchanged. */
export function addToInputs(raw: Uint8Array, inputs: number, outputs: number, add: ReadonlyMap<number, KeyValue[]>): Uint8Array {
  return rewrite(raw, inputs, outputs, add, false, false);
}

/** Only the added pairs, with the global map and the fields BIP370 needs to identify inputs and outputs. */
export function trimmed(raw: Uint8Array, inputs: number, outputs: number, add: ReadonlyMap<number, KeyValue[]>, psbtVersion: number): Uint8Array {
  return rewrite(raw, inputs, outputs, add, true, psbtVersion === 2);
}

/** Signature pairs (PSBT_IN_PARTIAL_SIG, PSBT_IN_TAP_KEY_SIG, PSBT_IN_TAP_SCRIPT_SIG) in the input maps of serialised PSBT bytes. */
export function countSignaturePairs(raw: Uint8Array, inputs: number): number {
  const r = new Reader(raw);
  while (r.pair());
  let n = 0;
  for (let m = 0; m < inputs; m++) {
    let p;
    while ((p = r.pair())) if (p.type === 0x02 || p.type === 0x13 || p.type === 0x14) n++;
  }
  return n;
}

/** Bytes equal. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The key of a pair at `start` (after its compact-size length). */
function keyAt(raw: Uint8Array, start: number): Uint8Array {
  const r = new Reader(raw);
  r.pos = start;
  const klen = r.compact();
  return raw.subarray(r.pos, r.pos + klen);
}

/**
 * The PSBT with `kv` set in the global map: a pair with the same key is replaced, the new pair
 * goes last in the map, and every other byte is copied verbatim.
 */
export function withGlobalPair(raw: Uint8Array, kv: KeyValue): Uint8Array {
  return rewriteGlobal(raw, kv.key, kv);
}

/** The PSBT without the global pair whose key is `key` (every other byte copied verbatim). */
export function withoutGlobalPair(raw: Uint8Array, key: Uint8Array): Uint8Array {
  return rewriteGlobal(raw, key);
}

function rewriteGlobal(raw: Uint8Array, key: Uint8Array, kv?: KeyValue): Uint8Array {
  const r = new Reader(raw);
  const w = new ByteWriter(raw.length + (kv ? kv.key.length + kv.value.length + 16 : 0));
  w.bytes(raw.subarray(0, 5));
  let p;
  while ((p = r.pair())) if (!sameBytes(keyAt(raw, p.start), key)) w.bytes(raw.subarray(p.start, p.end));
  if (kv) writePair(w, kv);
  w.bytes(raw.subarray(r.pos - 1)); // the global separator and every later map
  return w.finish();
}

/** The value of the global pair whose key is `key`, if the PSBT has one. */
export function globalPairValue(raw: Uint8Array, key: Uint8Array): Uint8Array | undefined {
  const r = new Reader(raw);
  let p;
  while ((p = r.pair())) {
    if (!sameBytes(keyAt(raw, p.start), key)) continue;
    const v = new Reader(raw);
    v.pos = p.start;
    const klen = v.compact();
    v.pos += klen;
    const vlen = v.compact();
    return raw.subarray(v.pos, v.pos + vlen);
  }
  return undefined;
}
