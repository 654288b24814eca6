/**
 * A linear, allocation-light reader for the PSBTs signers see every day: BIP174 version 0 with the
 * fields single-key wallets and multisig vaults write (UTXOs, BIP32/BIP371 derivations, redeem
 * script, the witness script of a P2WSH / P2SH-P2WSH `OP_k <keys> OP_n OP_CHECKMULTISIG`, global
 * xpubs, partial and taproot key signatures, sighash). It exists for speed only — @scure/btc-signer
 * validates every public key with pure-JS point decompression and re-parses every previous
 * transaction, which is most of the time of signing a 1000-input PSBT.
 *
 * It is deliberately narrow: anything it does not fully understand (PSBTv2, unknown, proprietary
 * or script-path fields, duplicate keys, odd lengths, invalid points, non-minimal data) makes it
 * return `undefined`, and the caller parses with btc-signer instead, whose verdict and error
 * message then stand. test/core/btc/psbt-fast-reader.test.ts checks on the BIP vectors, our fixtures and
 * thousands of mutations that whenever this reader accepts a PSBT, btc-signer accepts it too and
 * both give the same view.
 */
import { sha256 } from '../hash.js';
import { equalBytes } from '../bytes.js';
import { toHex } from '../text.js';
import { p2sh, p2tr, p2wsh, scriptKind } from '../wallet/script.js';
import { parseMultisig } from '../wallet/multisig.js';
import type { Der, InputFields, OutputFields, PsbtView, RawTxView } from './psbt-view.js';
import { isPoint, isXOnlyPoint, taprootOutputKey } from '../secp.js';

const MAX_SATS = 21_000_000n * 100_000_000n;

class Bail extends Error {}
const bail = (): never => {
  throw new Bail();
};

class Cursor {
  pos: number;
  constructor(
    readonly b: Uint8Array,
    pos = 0,
    readonly end = b.length,
  ) {
    this.pos = pos;
  }
  need(n: number): void {
    if (this.pos + n > this.end) bail();
  }
  u8(): number {
    this.need(1);
    return this.b[this.pos++]!;
  }
  u32(): number {
    this.need(4);
    const b = this.b;
    const p = this.pos;
    this.pos += 4;
    return (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24)) >>> 0;
  }
  u32be(): number {
    this.need(4);
    const b = this.b;
    const p = this.pos;
    this.pos += 4;
    return ((b[p]! << 24) | (b[p + 1]! << 16) | (b[p + 2]! << 8) | b[p + 3]!) >>> 0;
  }
  u64(): bigint {
    const lo = this.u32();
    const hi = this.u32();
    return (BigInt(hi) << 32n) | BigInt(lo);
  }
  /** CompactSize, minimal encoding only. */
  compact(): number {
    const f = this.u8();
    if (f < 0xfd) return f;
    if (f === 0xfd) {
      this.need(2);
      const v = this.b[this.pos]! | (this.b[this.pos + 1]! << 8);
      this.pos += 2;
      if (v < 0xfd) bail();
      return v;
    }
    if (f === 0xfe) {
      const v = this.u32();
      if (v <= 0xffff) bail();
      return v;
    }
    return bail();
  }
  bytes(n: number): Uint8Array {
    this.need(n);
    const out = this.b.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
  varBytes(): Uint8Array {
    return this.bytes(this.compact());
  }
  done(): boolean {
    return this.pos === this.end;
  }
}

// A copy (new Uint8Array, not slice: a Node Buffer's slice is a view, and reverse would turn the PSBT's own bytes around).
const reversed = (b: Uint8Array): Uint8Array => new Uint8Array(b).reverse();

/** A transaction without witness data (the unsigned tx) or with it (a previous tx). */
function readTx(c: Cursor, allowWitness: boolean): RawTxView & { witnessFlag: boolean; bodyEnd: number } {
  const version = c.u32();
  let nIn = c.compact();
  let witnessFlag = false;
  if (nIn === 0) {
    if (!allowWitness || c.u8() !== 0x01) bail();
    witnessFlag = true;
    nIn = c.compact();
  }
  if (nIn === 0) bail();
  const inputs: RawTxView['inputs'] = [];
  for (let i = 0; i < nIn; i++) {
    const txid = reversed(c.bytes(32));
    const index = c.u32();
    const finalScriptSig = c.varBytes();
    const sequence = c.u32();
    inputs.push({ txid, index, finalScriptSig, sequence });
  }
  const nOut = c.compact();
  const outputs: RawTxView['outputs'] = [];
  for (let i = 0; i < nOut; i++) {
    const amount = c.u64();
    if (amount > MAX_SATS) bail();
    outputs.push({ amount, script: c.varBytes() });
  }
  const bodyEnd = c.pos;
  if (witnessFlag) {
    for (let i = 0; i < nIn; i++) {
      const n = c.compact();
      for (let k = 0; k < n; k++) c.varBytes();
    }
  }
  const lockTime = c.u32();
  return { version, inputs, outputs, lockTime, witnessFlag, bodyEnd };
}

/**
 * Does the serialised transaction `raw` (read by readTx, ending at `bodyEnd` before any witness)
 * hash to `txid` (display order)? BIP141: the txid is the double SHA-256 of the serialisation
 * without marker, flag and witness — version || inputs || outputs || lockTime — hashed here
 * straight from the PSBT's bytes, with no re-serialisation.
 */
function hashesTo(raw: Uint8Array, witnessFlag: boolean, bodyEnd: number, txid: Uint8Array): boolean {
  const h = sha256.create();
  if (witnessFlag) h.update(raw.subarray(0, 4)).update(raw.subarray(6, bodyEnd)).update(raw.subarray(raw.length - 4));
  else h.update(raw);
  const id = sha256(h.digest());
  for (let k = 0; k < 32; k++) if (id[k] !== txid[31 - k]) return false;
  return true;
}

function readDer(v: Uint8Array): Der {
  if (v.length < 4 || v.length % 4 !== 0) bail();
  const c = new Cursor(v);
  const fingerprint = c.u32be();
  const path: number[] = [];
  while (!c.done()) path.push(c.u32());
  return { fingerprint, path };
}

/** One key-value map: calls `on(type, keydata, value)` per pair, refusing duplicate keys. */
function readMap(c: Cursor, on: (type: number, keyData: Uint8Array, value: Uint8Array) => void): void {
  const seen = new Set<string>();
  for (;;) {
    const klen = c.compact();
    if (klen === 0) return;
    const key = c.bytes(klen);
    const value = c.varBytes();
    // The longest key read here is PSBT_GLOBAL_XPUB's: type byte + 78-byte xpub.
    if (key.length > 79) bail();
    const id = String.fromCharCode(...key);
    if (seen.has(id)) bail();
    seen.add(id);
    on(key[0]!, key.subarray(1), value);
  }
}

/** Keys already checked in this read: a vault PSBT names each cosigner key in every input's witness script and derivations. */
let checkedPoints = new Set<string>();

/** Is `k` a compressed curve point (each distinct key checked once per read)? */
function compressedPoint(k: Uint8Array): boolean {
  if (k.length !== 33) return false;
  const id = toHex(k);
  if (checkedPoints.has(id)) return true;
  if (!isPoint(k)) return false;
  checkedPoints.add(id);
  return true;
}

function ecdsaKey(k: Uint8Array): Uint8Array {
  if (!compressedPoint(k)) bail();
  return k;
}
function xOnlyKey(k: Uint8Array): Uint8Array {
  if (k.length !== 32 || !isXOnlyPoint(k)) bail();
  return k;
}
const empty = (k: Uint8Array): void => {
  if (k.length !== 0) bail();
};

function readTapDer(v: Uint8Array): { hashes: Uint8Array[]; der: Der } {
  const c = new Cursor(v);
  const n = c.compact();
  const hashes: Uint8Array[] = [];
  for (let i = 0; i < n; i++) hashes.push(c.bytes(32));
  return { hashes, der: readDer(v.subarray(c.pos)) };
}

function readInput(c: Cursor, unsigned: RawTxView['inputs'][number]): InputFields {
  const i: InputFields = { txid: unsigned.txid, index: unsigned.index, sequence: unsigned.sequence };
  readMap(c, (t, k, v) => {
    switch (t) {
      case 0x00: {
        empty(k);
        const p = new Cursor(v);
        const tx = readTx(p, true);
        if (!p.done() || !hashesTo(v, tx.witnessFlag, tx.bodyEnd, i.txid!)) bail();
        i.nonWitnessUtxo = { version: tx.version, inputs: tx.inputs, outputs: tx.outputs, lockTime: tx.lockTime };
        return;
      }
      case 0x01: {
        empty(k);
        const p = new Cursor(v);
        const amount = p.u64();
        const script = p.varBytes();
        if (!p.done() || amount > MAX_SATS) bail();
        i.witnessUtxo = { amount, script };
        return;
      }
      case 0x02:
        (i.partialSig ??= []).push([ecdsaKey(k), v]);
        if (v.length < 9 || v.length > 73 || v[0] !== 0x30) bail();
        return;
      case 0x03:
        empty(k);
        if (v.length !== 4) bail();
        i.sighashType = new Cursor(v).u32();
        return;
      case 0x04:
        empty(k);
        i.redeemScript = v;
        return;
      case 0x05:
        empty(k);
        i.witnessScript = v;
        return;
      case 0x06:
        (i.bip32Derivation ??= []).push([ecdsaKey(k), readDer(v)]);
        return;
      case 0x13:
        empty(k);
        if (v.length !== 64 && v.length !== 65) bail();
        i.tapKeySig = v;
        return;
      case 0x16:
        (i.tapBip32Derivation ??= []).push([xOnlyKey(k), readTapDer(v)]);
        return;
      case 0x17:
        empty(k);
        i.tapInternalKey = xOnlyKey(v);
        return;
      default:
        bail(); // anything else (finalized inputs, script paths, preimages, proprietary): btc-signer decides
    }
  });
  return i;
}

function readOutput(c: Cursor, o: RawTxView['outputs'][number]): OutputFields {
  const out: OutputFields = { script: o.script, amount: o.amount };
  readMap(c, (t, k, v) => {
    switch (t) {
      case 0x00:
        empty(k);
        out.redeemScript = v;
        return;
      case 0x01:
        empty(k);
        out.witnessScript = v;
        return;
      case 0x02:
        (out.bip32Derivation ??= []).push([ecdsaKey(k), readDer(v)]);
        return;
      case 0x05:
        empty(k);
        out.tapInternalKey = xOnlyKey(v);
        return;
      case 0x07:
        (out.tapBip32Derivation ??= []).push([xOnlyKey(k), readTapDer(v)]);
        return;
      default:
        bail();
    }
  });
  return out;
}

/**
 * PSBT_GLOBAL_XPUB (BIP174): the 78-byte BIP32 serialisation, its public key a curve point, a
 * master key (depth 0) with zero parent fingerprint and child number, and a derivation path as long
 * as the depth — btc-signer's checks.
 */
function globalXpub(k: Uint8Array, v: Uint8Array): void {
  if (k.length !== 78 || !compressedPoint(k.subarray(45))) bail();
  const depth = k[4]!;
  const parent = new Cursor(k, 5);
  if (depth === 0 && (parent.u32() !== 0 || parent.u32() !== 0)) bail();
  if (readDer(v).path.length !== depth) bail();
}

/**
 * The script shapes this reader checks as btc-signer's checkScript does, narrowed: no redeem or
 * witness script (single-key), a P2SH-P2WPKH redeem script, or a witness script that is a plain
 * multisig of compressed curve points (parseMultisig, each key checked) committed to by P2WSH or
 * by P2SH-P2WSH (redeem script `0 <sha256(witness script)>`). Anything else goes to btc-signer.
 */
function checkScripts(spent: Uint8Array | undefined, redeem: Uint8Array | undefined, witness: Uint8Array | undefined): void {
  if (!spent) {
    if (redeem || witness) bail();
    return;
  }
  const kind = scriptKind(spent);
  if (kind === 'unknown' || kind === 'op_return') bail();
  if (witness) {
    const policy = parseMultisig(witness) ?? bail();
    if (!policy.keys.every(compressedPoint)) bail();
    const program = p2wsh(witness);
    if (redeem) {
      if (kind !== 'p2sh' || !equalBytes(redeem, program) || !equalBytes(spent, p2sh(redeem))) bail();
    } else if (kind !== 'p2wsh' || !equalBytes(spent, program)) bail();
    return;
  }
  if (redeem) {
    if (kind !== 'p2sh' || redeem.length !== 22 || redeem[0] !== 0x00 || redeem[1] !== 0x14 || !equalBytes(spent, p2sh(redeem))) bail();
  }
}

/** Taproot internal keys must commit to the P2TR script (no script tree), as btc-signer checks. */
function taprootCommits(internal: Uint8Array | undefined, script: Uint8Array | undefined): void {
  if (!internal) return;
  const q = taprootOutputKey(internal);
  if (!q || !script || !equalBytes(script, p2tr(q))) bail();
}

/** Parse raw PSBTv0 bytes (magic included) on the fast path; undefined means "let btc-signer decide". */
export function fastReadPsbt(raw: Uint8Array): PsbtView | undefined {
  checkedPoints = new Set();
  try {
    const c = new Cursor(raw, 5);
    let unsigned: RawTxView | undefined;
    readMap(c, (t, k, v) => {
      if (t === 0x00) {
        empty(k);
        const p = new Cursor(v);
        unsigned = readTx(p, false);
        if (!p.done()) bail();
      } else if (t === 0xfb) {
        empty(k);
        if (v.length !== 4 || new Cursor(v).u32() !== 0) bail();
      } else if (t === 0x01) globalXpub(k, v);
      else bail();
    });
    const tx = unsigned ?? bail();
    if (tx.version !== 1 && tx.version !== 2) bail();
    if (tx.inputs.some((x) => x.finalScriptSig!.length)) bail();
    const seenOutpoints = new Set<string>();
    for (const x of tx.inputs) {
      const id = `${String.fromCharCode(...x.txid)}${x.index}`;
      if (seenOutpoints.has(id)) bail();
      seenOutpoints.add(id);
    }
    const inputs = tx.inputs.map((u) => readInput(c, u));
    const outputs = tx.outputs.map((o) => readOutput(c, o));
    if (!c.done()) bail();
    for (const i of inputs) {
      if (i.nonWitnessUtxo) {
        const prev = i.nonWitnessUtxo;
        const o = prev.outputs[i.index!] ?? bail();
        if (i.witnessUtxo && (i.witnessUtxo.amount !== o.amount || !equalBytes(i.witnessUtxo.script, o.script))) bail();
      }
      const spent = i.nonWitnessUtxo ? i.nonWitnessUtxo.outputs[i.index!]!.script : i.witnessUtxo?.script;
      checkScripts(spent, i.redeemScript, i.witnessScript);
      if (i.tapInternalKey || i.tapBip32Derivation || i.tapKeySig) taprootCommits(i.tapInternalKey ?? bail(), spent);
    }
    for (const o of outputs) {
      if (o.redeemScript || o.witnessScript) checkScripts(o.script, o.redeemScript, o.witnessScript);
      taprootCommits(o.tapInternalKey, o.script);
    }
    for (const o of outputs) if (o.tapBip32Derivation && !o.tapInternalKey) bail();
    return {
      psbtVersion: 0,
      version: tx.version,
      lockTime: tx.lockTime,
      inputsLength: inputs.length,
      outputsLength: outputs.length,
      getInput: (i) => inputs[i] ?? bail(),
      getOutput: (i) => outputs[i] ?? bail(),
      // Every non_witness_utxo was hashed against its prevout txid while read (hashesTo).
      prevTxidsChecked: true,
    };
  } catch (e) {
    if (e instanceof Bail) return undefined;
    throw e;
  } finally {
    checkedPoints = new Set();
  }
}
