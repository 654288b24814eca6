/**
 * The read-only view of a parsed PSBT that the review and signer consume: the fields of each
 * input and output map they use, named as @scure/btc-signer names them. Both readers produce it:
 * btc-signer's `Transaction` (every PSBT, through `viewOf`) and the linear fast reader
 * (psbt-fast-reader.ts) for common PSBTv0 files, which a differential test holds to btc-signer.
 */
import type { Transaction } from '@scure/btc-signer';

/** A BIP32 key origin: master fingerprint (as a big-endian number) and path. */
export interface Der {
  fingerprint: number;
  path: number[];
}

/** A decoded transaction (the previous transaction of non_witness_utxo). */
export interface RawTxView {
  version: number;
  inputs: { txid: Uint8Array; index: number; finalScriptSig?: Uint8Array; sequence: number }[];
  outputs: { amount: bigint; script: Uint8Array }[];
  lockTime: number;
}

/** The input-map fields used (txids in display order, as btc-signer keeps them). */
export interface InputFields {
  txid?: Uint8Array;
  index?: number;
  sequence?: number;
  nonWitnessUtxo?: RawTxView;
  witnessUtxo?: { script: Uint8Array; amount: bigint };
  partialSig?: [Uint8Array, Uint8Array][];
  sighashType?: number;
  /** BIP-127 PSBT_IN_POR_COMMITMENT: the proof-of-reserves message (UTF-8) on the commitment input. */
  porCommitment?: Uint8Array;
  redeemScript?: Uint8Array;
  witnessScript?: Uint8Array;
  bip32Derivation?: [Uint8Array, Der][];
  finalScriptSig?: Uint8Array;
  finalScriptWitness?: Uint8Array[];
  tapKeySig?: Uint8Array;
  tapScriptSig?: unknown[];
  tapLeafScript?: unknown[];
  tapBip32Derivation?: [Uint8Array, { hashes: Uint8Array[]; der: Der }][];
  tapInternalKey?: Uint8Array;
  tapMerkleRoot?: Uint8Array;
}

/** The output-map fields used. */
export interface OutputFields {
  script?: Uint8Array;
  amount?: bigint;
  /** PSBT_OUT_REDEEM_SCRIPT / PSBT_OUT_WITNESS_SCRIPT (a vault's change carries its witness script). */
  redeemScript?: Uint8Array;
  witnessScript?: Uint8Array;
  bip32Derivation?: [Uint8Array, Der][];
  tapBip32Derivation?: [Uint8Array, { hashes: Uint8Array[]; der: Der }][];
  tapInternalKey?: Uint8Array;
  /** BIP371 PSBT_OUT_TAP_TREE (a taproot vault's change carries its leaf). */
  tapTree?: unknown[];
}

/** A parsed PSBT. */
export interface PsbtView {
  psbtVersion: number;
  version: number;
  lockTime: number;
  inputsLength: number;
  outputsLength: number;
  getInput(i: number): InputFields;
  getOutput(i: number): OutputFields;
  /**
   * Set by a reader that hashed every non_witness_utxo and compared it with its input's prevout
   * txid (psbt-fast-reader.ts): prevouts.ts then does not hash them a second time.
   */
  prevTxidsChecked?: true;
}

/** The view of a btc-signer Transaction parsed from a PSBT. */
export function viewOf(tx: Transaction): PsbtView {
  return {
    psbtVersion: (tx.opts as { PSBTVersion?: number }).PSBTVersion ?? 0,
    version: tx.version,
    lockTime: tx.lockTime,
    inputsLength: tx.inputsLength,
    outputsLength: tx.outputsLength,
    getInput: (i) => tx.getInput(i) as InputFields,
    getOutput: (i) => tx.getOutput(i) as OutputFields,
  };
}
