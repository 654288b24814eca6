/**
 * Hostile PSBTs for the signer's findings, crafted with @scure/btc-signer from an honest one
 * (build-psbt.ts: sample seed, testnet, BIP84 account m/84'/1'/0' unless told otherwise): change
 * moved to our key outside the wallet, inputs stripped of their proof, outputs swapped for burns
 * or dust, a coin spent twice. Each returns binary PSBT bytes (v0, or v2 when asked).
 */
import { p2pkh, p2sh, p2tr, p2wpkh, Transaction, TEST_NETWORK } from '@scure/btc-signer';
import { buildPsbt, rootOf, type Kind } from './build-psbt.js';

export const H = 0x80000000;
const OPTS = { allowUnknownOutputs: true, allowUnknownInputs: true, disableScriptCheck: true, allowLegacyWitnessUtxo: true } as const;

/** An honest PSBT (1 input unless said) as an editable btc-signer Transaction. */
export function honest(o: { kind?: Kind; inputs?: number; fee?: bigint } = {}): Transaction {
  return Transaction.fromPSBT(buildPsbt({ kind: o.kind ?? 'wpkh', inputs: o.inputs ?? 1, ...(o.fee !== undefined ? { fee: o.fee } : {}) }), OPTS);
}

/** The PSBT bytes of `tx`, v0 or BIP370 v2. */
export function bytesOf(tx: Transaction, version: 0 | 2 = 0): Uint8Array {
  return tx.toPSBT(version);
}

/**
 * Output 1 (the change) re-pointed at our own key at `path` (from the master), paid to with script
 * form `kind`, with the derivation claim a coordinator would add: provably our key, so only the
 * wallet check can refuse it.
 */
export function changeAt(kind: Kind, path: number[], o: { wallet?: Kind; version?: 0 | 2 } = {}): Uint8Array {
  const tx = honest({ kind: o.wallet ?? 'wpkh' });
  const root = rootOf();
  const key = path.reduce((k, i) => k.deriveChild(i), root);
  const pub = key.publicKey!;
  const der = { fingerprint: root.fingerprint, path };
  const script =
    kind === 'wpkh' ? p2wpkh(pub, TEST_NETWORK).script : kind === 'pkh' ? p2pkh(pub, TEST_NETWORK).script : kind === 'sh-wpkh' ? p2sh(p2wpkh(pub, TEST_NETWORK), TEST_NETWORK).script : p2tr(pub.subarray(1), undefined, TEST_NETWORK).script;
  const amount = tx.getOutput(1).amount!;
  const out = new Transaction({ ...OPTS, lockTime: tx.lockTime });
  for (let i = 0; i < tx.inputsLength; i++) out.addInput(tx.getInput(i));
  out.addOutput(tx.getOutput(0));
  if (kind === 'tr') out.addOutput({ script, amount, tapInternalKey: pub.subarray(1), tapBip32Derivation: [[pub.subarray(1), { hashes: [], der }]] });
  else out.addOutput({ script, amount, bip32Derivation: [[pub, der]] });
  return out.toPSBT(o.version ?? 0);
}

/** `tx` rebuilt with its outputs replaced by `outputs` (inputs kept as they are). */
export function withOutputs(tx: Transaction, outputs: { script: Uint8Array; amount: bigint }[]): Transaction {
  const out = new Transaction({ ...OPTS, lockTime: tx.lockTime });
  for (let i = 0; i < tx.inputsLength; i++) out.addInput(tx.getInput(i));
  for (const o of outputs) out.addOutput(o);
  return out;
}
