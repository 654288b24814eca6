/**
 * `coldkit psbt reserves verify F`: verify a BIP-127 proof of reserves — a signed (or combined)
 * PSBT, or the raw proof transaction — with src/core/btc/reserves/verify.ts: its shape for the
 * message, every signature, and the amounts as the verifier's own --utxos (or the PSBT's previous
 * transactions) prove them. Prints the total proven and the message; exit 3 when anything fails.
 */
import { formatDecimal } from '../../core/amount.js';
import { InputError } from '../../core/errors.js';
import { decodePsbt } from '../../core/btc/psbt-codec.js';
import { checkMessage } from '../../core/btc/reserves/build.js';
import { proofTxOfPsbt, verifyReserves, type KnownOutput, type VerifiedProof } from '../../core/btc/reserves/verify.js';
import type { Prevout } from '../../core/btc/sighash.js';
import { parseListUnspent } from '../../core/btc/utxos.js';
import { fromHex, sanitize } from '../../core/text.js';
import type { Action } from '../command.js';
import { readInputText } from '../io.js';
import { readPayloadInput } from '../payload.js';
import type { psbtReservesVerify } from '../commands/psbt.js';

type Result = VerifiedProof & { form: 'psbt' | 'transaction'; proven: 'utxos' | 'non_witness_utxo' | 'both' };

/** Is this file a PSBT (binary magic, or hex / base64 of one)? */
function isPsbt(bytes: Uint8Array): boolean {
  if (bytes.length >= 5 && bytes[0] === 0x70 && bytes[1] === 0x73 && bytes[2] === 0x62 && bytes[3] === 0x74 && bytes[4] === 0xff) return true;
  const head = new TextDecoder().decode(bytes.subarray(0, 16)).trim();
  return /^70736274ff/i.test(head) || head.startsWith('cHNidP');
}

const action: Action<typeof psbtReservesVerify> = async (opts, ctx, args) => {
  if (opts.message !== undefined) checkMessage(opts.message);
  const input = await readPayloadInput(ctx, { file: args[0], fromQr: opts.fromQr }, 'proof');
  const known = new Map<string, KnownOutput>();
  if (opts.utxos) {
    for (const u of parseListUnspent(await readInputText(opts.utxos, '--utxos', ctx.io))) {
      if (!u.script) throw new InputError(`entry ${u.txid}:${u.vout} has no scriptPubKey; the verifier needs each output's script (bitcoin-cli listunspent and scantxoutset print it)`, '--utxos');
      known.set(`${u.txid}:${u.vout}`, { script: u.script, amount: u.amount, source: 'utxos' });
    }
  }
  let raw: Uint8Array;
  let message = opts.message;
  let claimed: Map<string, Prevout> | undefined;
  const form = isPsbt(input.bytes) ? 'psbt' : 'transaction';
  if (form === 'psbt') {
    const { tx } = decodePsbt(input.bytes, 'proof');
    const p = proofTxOfPsbt(tx);
    if (p.message === undefined) throw new InputError('is a PSBT without a proof-of-reserves commitment (PSBT_IN_POR_COMMITMENT on input 0); it is not a BIP-127 proof', 'proof');
    if (message !== undefined && message !== p.message) throw new InputError(`commits to "${sanitize(p.message)}", not to the --message given`, 'proof');
    message = p.message;
    for (const [op, k] of p.proven) if (!known.has(op)) known.set(op, k);
    claimed = p.claimed;
    raw = p.raw;
  } else {
    if (message === undefined) throw new InputError('is required for a raw transaction, which carries only the hash of its message', '--message');
    raw = fromHex(new TextDecoder().decode(input.bytes).trim(), 'proof');
  }
  const v = verifyReserves(raw, { message, known, ...(claimed ? { claimed } : {}) });
  const sources = new Set(v.inputs.map((i) => i.source));
  const result: Result = { ...v, form, proven: sources.size > 1 ? 'both' : (([...sources][0] ?? 'utxos') as Result['proven']) };
  return {
    result,
    journal: [{ op: 'psbt.reserves.verify', data: { message: v.message, total: String(v.total), inputs: v.inputs.length, txid: v.txid, proven: result.proven, overrides: [] } }],
    human: (r: Result) =>
      [
        `Proof of reserves verified: ${formatDecimal(r.total, 8)} BTC (${r.total} sat) in ${r.inputs.length} input${r.inputs.length === 1 ? '' : 's'}`,
        `  message  "${sanitize(r.message)}"`,
        ...r.inputs.map((i) => `  ${`${formatDecimal(i.amount, 8)} BTC`.padStart(18)}  ${i.outpoint}  ${i.type}, ${i.signatures} signature${i.signatures === 1 ? '' : 's'}, amount from ${i.source === 'utxos' ? 'your --utxos' : 'its previous transaction'}`),
        `  proof txid ${r.txid} (never minable: its first input does not exist)`,
        ...(r.proven !== 'utxos' ? ['  note: a previous transaction proves a coin was created, not that it is still unspent; check with your node (--utxos)'] : []),
      ].join('\n'),
  };
};

export default action;
