/**
 * Building a BIP-127 proof of reserves as an unsigned PSBT (watch-only side): the commitment input
 * (commitment.ts) carrying PSBT_IN_POR_COMMITMENT, then every UTXO of the wallet being proven with
 * the same key fields `psbt create` writes (so `psbt sign` proves them ours, and vault cosigners
 * sign them as they sign a payment), and one OP_RETURN output of exactly their sum.
 */
import { Transaction } from '@scure/btc-signer';
import { InputError } from '../../errors.js';
import { formatPath } from '../../hd/path.js';
import type { Wallet } from '../../wallet/wallet.js';
import { keyFields, matchUtxos, prevTxFor } from '../create.js';
import { withGlobalXpubs } from '../global-xpub.js';
import type { RawTransaction } from '../prev-txs.js';
import type { Utxo } from '../utxos.js';
import { COMMITMENT_PREVOUT, MAX_MESSAGE_BYTES, RESERVES_OUTPUT_SCRIPT, commitmentTxid } from './commitment.js';

/** What a proof is built from. */
export interface ReservesRequest {
  wallet: Wallet;
  utxos: readonly Utxo[];
  message: string;
  prevTxs?: Map<string, RawTransaction>;
  gapLimit: number;
}

/** The unsigned proof and what it proves. */
export interface ReservesPsbt {
  psbt: Uint8Array;
  message: string;
  /** Display-order commitment txid (hex is the caller's). */
  commitment: Uint8Array;
  inputs: { txid: string; vout: number; amount: bigint; address: string; path: string; nonWitnessUtxo: boolean }[];
  total: bigint;
}

/** Check a proof message: non-empty, at most MAX_MESSAGE_BYTES of UTF-8, no control characters. */
export function checkMessage(message: string, field = '--message'): void {
  if (message.length === 0) throw new InputError('is empty; give the challenge the verifier asked for (e.g. "Acme reserves 2026-12-31, nonce 7f3a")', field);
  if (new TextEncoder().encode(message).length > MAX_MESSAGE_BYTES) throw new InputError(`is longer than ${MAX_MESSAGE_BYTES} bytes of UTF-8`, field);
  if (/[\u0000-\u001f\u007f-\u009f]/.test(message)) throw new InputError('contains control characters; a proof message is one line of text that reviewers can read', field);
  if (message !== message.normalize('NFC')) throw new InputError('is not in Unicode NFC form; the same text typed elsewhere would hash differently', field);
}

/** Build the unsigned BIP-127 proof PSBT over every given UTXO of the wallet. */
export function buildReservesPsbt(req: ReservesRequest): ReservesPsbt {
  checkMessage(req.message);
  const { wallet } = req;
  const t = wallet.template;
  // The proof verifier checks key-path and segwit v0 signatures; a taproot vault signs by script path.
  if (t.spend === 'taproot-script') throw new InputError('is a taproot vault (tr-multi); proofs of reserves cover single-key wallets and P2WSH / P2SH-P2WSH vaults, not script-path spends', '--wallet');
  const owned = matchUtxos(wallet, req.utxos, req.gapLimit);
  if (owned.length === 0) throw new InputError('holds no UTXO of this wallet; nothing to prove', '--utxos');
  const inputs = [...owned].sort((a, b) => (a.txid === b.txid ? a.vout - b.vout : a.txid < b.txid ? -1 : 1));
  for (let i = 1; i < inputs.length; i++) {
    if (inputs[i]!.txid === inputs[i - 1]!.txid && inputs[i]!.vout === inputs[i - 1]!.vout) throw new InputError(`lists ${inputs[i]!.txid}:${inputs[i]!.vout} twice`, '--utxos');
  }
  const prev = new Map<string, RawTransaction>();
  for (const u of inputs) {
    if (t.spend === 'taproot-key') continue;
    const raw = req.prevTxs ? prevTxFor(u, req.prevTxs) : undefined;
    if (raw) prev.set(u.txid, raw);
    else if (t.spend === 'legacy') throw new InputError(`legacy (P2PKH) inputs need their previous transactions; no transaction ${u.txid} given`, '--prev-txs');
  }
  const commitment = commitmentTxid(req.message);
  const tx = new Transaction({ version: 2, lockTime: 0, allowUnknownOutputs: true });
  tx.addInput({ txid: commitment, index: 0, sequence: 0xffffffff, witnessUtxo: { ...COMMITMENT_PREVOUT }, porCommitment: new TextEncoder().encode(req.message) } as Parameters<Transaction['addInput']>[0]);
  for (const u of inputs) {
    const raw = prev.get(u.txid);
    const base = { txid: u.txid, index: u.vout, sequence: 0xffffffff };
    if (t.spend === 'legacy') tx.addInput({ ...base, nonWitnessUtxo: raw!, ...keyFields(u.key, t) });
    else tx.addInput({ ...base, witnessUtxo: { script: u.script, amount: u.amount }, ...(raw ? { nonWitnessUtxo: raw } : {}), ...keyFields(u.key, t) });
  }
  const total = inputs.reduce((a, u) => a + u.amount, 0n);
  tx.addOutput({ script: RESERVES_OUTPUT_SCRIPT, amount: total });
  const psbt = tx.toPSBT(0);
  return {
    psbt: t.keys === 'many' ? withGlobalXpubs(psbt, wallet.descriptor.keys) : psbt,
    message: req.message,
    commitment,
    inputs: inputs.map((u) => ({ txid: u.txid, vout: u.vout, amount: u.amount, address: u.key.address, path: formatPath(u.key.keys[0]!.path), nonWitnessUtxo: prev.has(u.txid) })),
    total,
  };
}
