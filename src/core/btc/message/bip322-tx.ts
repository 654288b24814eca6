/**
 * BIP-322's two virtual transactions and their encodings.
 *
 * "message_hash is a BIP340-tagged hash of the message, i.e., sha256_tag(m), where tag =
 * BIP0322-signed-message and m is the message as-is without length prefix or null terminator."
 *
 *   to_spend: nVersion 0, nLockTime 0, one input spending 000…000:0xFFFFFFFF with nSequence 0 and
 *             scriptSig OP_0 PUSH32[message_hash], one output of value 0 paying message_challenge.
 *   to_sign:  nVersion 0 (FULL: as appropriate), nLockTime 0 (FULL: as appropriate), one input
 *             spending to_spend.txid:0 with nSequence 0 (FULL: as appropriate), scriptSig empty
 *             (FULL: as appropriate for non-native-segwit), witness = message_signature, one output
 *             of value 0 paying OP_RETURN.
 *
 * Serialisation is @scure/btc-signer's consensus coder (RawTx, RawWitness); txids are kept in
 * display order, as btc-signer and src/core/btc/sighash.ts keep them. Pure: no I/O.
 */
import { RawTx, RawWitness } from '@scure/btc-signer';
import { sha256 } from '@noble/hashes/sha2.js';
import { taggedHash } from '../../hash.js';

/** The BIP340 tag of the message hash. */
export const BIP322_TAG = 'BIP0322-signed-message';

/** `OP_RETURN`, the one output script of to_sign. */
export const OP_RETURN_SCRIPT: Uint8Array = Uint8Array.of(0x6a);

/** One input of a virtual transaction (txid in display order). */
export interface VirtualInput {
  txid: Uint8Array;
  index: number;
  sequence: number;
  scriptSig: Uint8Array;
  witness: Uint8Array[];
}

/** A transaction as BIP-322 builds and checks it. */
export interface VirtualTx {
  version: number;
  lockTime: number;
  inputs: VirtualInput[];
  outputs: { amount: bigint; script: Uint8Array }[];
}

/** The fields of to_sign that the FULL format may set ("as appropriate", e.g. for time locks). */
export interface ToSignFields {
  version?: number;
  lockTime?: number;
  sequence?: number;
}

/** sha256_tag("BIP0322-signed-message", m). */
export function bip322MessageHash(message: Uint8Array): Uint8Array {
  return taggedHash(BIP322_TAG, message);
}

/** The to_spend transaction committing to `message` and the script being proven. */
export function toSpend(message: Uint8Array, challenge: Uint8Array): VirtualTx {
  const scriptSig = new Uint8Array(34);
  scriptSig[0] = 0x00; // OP_0
  scriptSig[1] = 0x20; // PUSH32
  scriptSig.set(bip322MessageHash(message), 2);
  return {
    version: 0,
    lockTime: 0,
    inputs: [{ txid: new Uint8Array(32), index: 0xffffffff, sequence: 0, scriptSig, witness: [] }],
    outputs: [{ amount: 0n, script: challenge }],
  };
}

/** The unsigned to_sign transaction spending output 0 of `toSpendTx`. */
export function toSign(toSpendTx: VirtualTx, fields: ToSignFields = {}): VirtualTx {
  return {
    version: fields.version ?? 0,
    lockTime: fields.lockTime ?? 0,
    inputs: [{ txid: txid(toSpendTx), index: 0, sequence: fields.sequence ?? 0, scriptSig: new Uint8Array(0), witness: [] }],
    outputs: [{ amount: 0n, script: OP_RETURN_SCRIPT }],
  };
}

/** Consensus serialisation; with witnesses (BIP144) when `withWitness` and any input has one. */
export function encodeTx(tx: VirtualTx, withWitness = true): Uint8Array {
  const segwit = withWitness && tx.inputs.some((i) => i.witness.length > 0);
  return RawTx.encode({
    version: tx.version,
    segwitFlag: segwit,
    inputs: tx.inputs.map((i) => ({ txid: i.txid, index: i.index, finalScriptSig: i.scriptSig, sequence: i.sequence })),
    outputs: tx.outputs,
    witnesses: segwit ? tx.inputs.map((i) => i.witness) : undefined,
    lockTime: tx.lockTime,
  });
}

/** Parse a consensus-serialised transaction; every byte must be used. Throws on malformed input. */
export function decodeTx(bytes: Uint8Array): VirtualTx {
  const raw = RawTx.decode(bytes);
  return {
    version: raw.version,
    lockTime: raw.lockTime,
    inputs: raw.inputs.map((i, n) => ({
      txid: i.txid,
      index: i.index,
      sequence: i.sequence,
      scriptSig: i.finalScriptSig,
      witness: raw.segwitFlag && raw.witnesses ? raw.witnesses[n] ?? [] : [],
    })),
    outputs: raw.outputs.map((o) => ({ amount: o.amount, script: o.script })),
  };
}

/** Display-order txid: double SHA-256 of the serialisation without witnesses, reversed. */
export function txid(tx: VirtualTx): Uint8Array {
  return sha256(sha256(encodeTx(tx, false))).reverse();
}

/** A witness stack "consensus encoded as a vector of vectors of bytes" (the SIMPLE signature body). */
export function encodeWitness(stack: readonly Uint8Array[]): Uint8Array {
  return RawWitness.encode([...stack]);
}

/** Parse a witness stack; every byte must be used. Throws on malformed input. */
export function decodeWitness(bytes: Uint8Array): Uint8Array[] {
  return RawWitness.decode(bytes);
}
