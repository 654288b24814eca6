/**
 * The shape of a BIP-127 proof of reserves, checked the same way on a PSBT (signer) and on a
 * signed transaction (verifier): the commitment input first, then the inputs being proven, and a
 * single unspendable output of exactly their sum.
 *
 * What makes the proof harmless to sign: the commitment outpoint does not exist (its txid is a
 * SHA-256 of text, not of a transaction), and every real input's signature commits to it
 * (SIGHASH_ALL, or BIP341 SIGHASH_DEFAULT, which signs the same); the unspendable output means
 * that even a signature that did not commit to the commitment input could only burn the coins.
 * Anything else — another sighash, a second output, a spendable output, a fee, the commitment
 * outpoint again — and the transaction is not a proof coldkit will call harmless.
 */
import { toHex } from '../../text.js';
import { commitmentTxid, isUnspendable } from './commitment.js';
import { equalBytes } from '../../bytes.js';

/** The parts of a transaction the shape is about (txids in display order). */
export interface ProofShape {
  inputs: { txid: Uint8Array; index: number }[];
  outputs: { script: Uint8Array; amount: bigint }[];
  /** Amount of each input being proven (index 1…), undefined where unknown. */
  amounts: (bigint | undefined)[];
}

/** Every way `tx` departs from a BIP-127 proof committing to `message` (empty when it is one). */
export function shapeProblems(tx: ProofShape, message: string): string[] {
  const out: string[] = [];
  const want = commitmentTxid(message);
  const first = tx.inputs[0];
  if (!first || !equalBytes(first.txid, want) || first.index !== 0) {
    out.push(`input 0 is not the commitment to the message (BIP-127: it must spend SHA-256("Proof-of-Reserves: " + message), output 0, i.e. ${toHex(want)}:0)`);
  }
  if (tx.inputs.length < 2) out.push('there is no input to prove besides the commitment');
  const seen = new Set<string>();
  tx.inputs.forEach((inp, i) => {
    const op = `${toHex(inp.txid)}:${inp.index}`;
    if (i > 0 && equalBytes(inp.txid, want)) out.push(`input ${i} spends the commitment txid again`);
    if (seen.has(op)) out.push(`input ${i} spends ${op} a second time`);
    seen.add(op);
  });
  if (tx.outputs.length !== 1) out.push(`it has ${tx.outputs.length} outputs; a proof has exactly one`);
  tx.outputs.forEach((o, i) => {
    if (!isUnspendable(o.script)) out.push(`output ${i} is spendable (script ${toHex(o.script).slice(0, 80)}); a proof pays only to OP_RETURN`);
  });
  const known = tx.amounts.slice(1);
  if (known.every((a) => a !== undefined) && tx.outputs.length === 1) {
    const sum = (known as bigint[]).reduce((a, b) => a + b, 0n);
    const paid = tx.outputs[0]!.amount;
    if (paid !== sum) out.push(`the output pays ${paid} sat, not the ${sum} sat the proven inputs hold (BIP-127: exactly their sum, no fee)`);
  }
  return out;
}

/** Sighash types a proof's signature may carry: BIP341 SIGHASH_DEFAULT and SIGHASH_ALL. */
export function commitsToAllInputs(sighash: number | undefined): boolean {
  return sighash === undefined || sighash === 0x00 || sighash === 0x01;
}
