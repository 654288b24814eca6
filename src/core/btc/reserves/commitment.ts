/**
 * BIP-127 "Simple Proof-of-Reserves Transactions": the commitment input and the unspendable output.
 *
 * BIP-127, Proof Format: "The first input (the "commitment input") MUST have the txid part of the
 * previous outpoint set to the SHA-256 hash of the commitment message prefixed with
 * "Proof-of-Reserves: " … and index 0", with the footnote "If the message is "Some Message", the
 * txid part should be SHA-256("Proof-of-Reserves: Some Message") with the string encoded as UTF-8."
 * The 32 hash bytes are the outpoint's txid as serialized in the transaction; the txid shown in
 * display order (as RPCs print txids) is their reverse.
 *
 * "The transaction MUST have a single output that is the exact sum of all the inputs, assuming the
 * commitment input to have 0 value; this means the transaction has no miner fee." The BIP leaves
 * the output script open; coldkit pays it to a bare OP_RETURN, which nothing can spend, so the
 * proof moves no funds even if its signatures were replayed without the commitment input.
 *
 * BIP-127's PSBT extension: PSBT_IN_POR_COMMITMENT = 0x09 carries the UTF-8 message on the
 * commitment input; a wallet "MUST assume the input value to be 0" and "SHOULD accept an empty
 * scriptSig for this input (as if the scriptPubKey was OP_TRUE)". coldkit writes that assumption
 * down as the input's witness_utxo (0 sat to OP_TRUE), so BIP143 and BIP341 sighashes (the latter
 * hash every input's amount and script) are defined the same way by every tool that reads it.
 */
import { sha256 } from '../../hash.js';
import { equalBytes } from '../../bytes.js';

/** BIP-127's message prefix. */
export const POR_PREFIX = 'Proof-of-Reserves: ';

/** BIP-127 PSBT extension: PSBT_IN_POR_COMMITMENT. */
export const PSBT_IN_POR_COMMITMENT = 0x09;

/** OP_TRUE: the script BIP-127 says to treat the commitment input as spending. */
export const OP_TRUE_SCRIPT: Uint8Array = Uint8Array.of(0x51);

/** The spent output assumed for the commitment input: 0 sat to OP_TRUE. */
export const COMMITMENT_PREVOUT = { script: OP_TRUE_SCRIPT, amount: 0n } as const;

/** The proof's single output script: a bare OP_RETURN (unspendable by consensus). */
export const RESERVES_OUTPUT_SCRIPT: Uint8Array = Uint8Array.of(0x6a);

/** Largest message accepted (UTF-8 bytes): a challenge phrase, not a document. */
export const MAX_MESSAGE_BYTES = 1000;

/** SHA-256("Proof-of-Reserves: " ‖ message), the serialized txid bytes of the commitment outpoint. */
export function commitmentHash(message: string): Uint8Array {
  return sha256(new TextEncoder().encode(POR_PREFIX + message));
}

/** The commitment txid in display order (reversed hash), as btc-signer and RPCs keep txids. */
export function commitmentTxid(message: string): Uint8Array {
  return commitmentHash(message).slice().reverse();
}

/** Does a display-order txid commit to `message`? */
export function commitsTo(txid: Uint8Array, message: string): boolean {
  return equalBytes(txid, commitmentTxid(message));
}

/**
 * Can no one ever spend an output with this script? OP_RETURN-led scripts (consensus: OP_RETURN
 * fails the script at once) and scripts longer than 10,000 bytes (consensus MAX_SCRIPT_SIZE).
 */
export function isUnspendable(script: Uint8Array): boolean {
  return (script.length >= 1 && script[0] === 0x6a) || script.length > 10_000;
}

/** Decode a PSBT_IN_POR_COMMITMENT value as strict UTF-8, or undefined when it is not. */
export function decodeMessage(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
