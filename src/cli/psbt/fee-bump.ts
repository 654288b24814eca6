/**
 * What `psbt bump` and `psbt cpfp` share in the CLI: reading the transaction they start from (a
 * PSBT — binary, base64 or hex, recognised by its magic — or a raw transaction in hex, plus the
 * amounts of its inputs from --utxos / --prev-txs when it does not carry them), and the end of
 * the command (the signer's check, the PSBT written or staged, the fields `psbt create` reports).
 */
import { decodePsbt } from '../../core/btc/psbt-codec.js';
import { originalFromPsbt, originalFromRaw, type OriginalTx } from '../../core/btc/original-tx.js';
import { parsePrevTxs, type RawTransaction } from '../../core/btc/prev-txs.js';
import { parseListUnspent, type Utxo } from '../../core/btc/utxos.js';
import { InputError } from '../../core/errors.js';
import { fromHex } from '../../core/text.js';
import type { Context } from '../command.js';
import { readInputFile, readInputText } from '../io.js';
import { formatDecimal } from '../../core/amount.js';
import type { CreatedPsbt } from '../../core/btc/create.js';
import { prepare } from '../../core/btc/signer.js';
import { DescriptorKeys } from '../../core/wallet/key-source.js';
import { emitPsbt } from '../psbt-output.js';
import { wouldRefuse, type WouldRefuse } from './render.js';
import { vaultContext, type WatchAccount } from '../wallet-input.js';

const PSBT_HEX = /^70736274ff/i;

/** The original transaction of FILE, and the input-amount sources the options name. */
export async function readOriginal(file: string, opts: { utxos?: string; prevTxs?: string }, ctx: Context, field: string): Promise<{ original: OriginalTx; isPsbt: boolean; utxos?: Utxo[]; prevTxs?: Map<string, RawTransaction> }> {
  const bytes = await readInputFile(file, field, ctx.io);
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 16)).trim();
  const isPsbt = bytes[0] === 0x70 && bytes[4] === 0xff ? true : text.startsWith('cHNidP8') || PSBT_HEX.test(text);
  let original: OriginalTx;
  if (isPsbt) original = originalFromPsbt(decodePsbt(bytes, field).tx);
  else {
    const hexText = new TextDecoder().decode(bytes).trim();
    if (!/^[0-9a-fA-F]+$/.test(hexText)) throw new InputError('is neither a PSBT nor a raw transaction in hex', field);
    original = originalFromRaw(fromHex(hexText, field), field);
  }
  const utxos = opts.utxos ? parseListUnspent(await readInputText(opts.utxos, '--utxos', ctx.io)) : undefined;
  const given = opts.prevTxs ? parsePrevTxs(await readInputText(opts.prevTxs, '--prev-txs', ctx.io)) : undefined;
  // The PSBT's own non_witness_utxo entries serve as previous transactions too.
  const prevTxs = given || original.prevTxs.size ? new Map([...original.prevTxs, ...(given ?? [])]) : undefined;
  return { original, isPsbt, ...(utxos ? { utxos } : {}), ...(prevTxs ? { prevTxs } : {}) };
}

/**
 * The common end of `psbt bump` and `psbt cpfp`: the new PSBT through the signer's `prepare` with
 * the account as key source (what `psbt sign` would refuse), written or staged like `psbt
 * create`'s, and the result fields `psbt create` has.
 */
export async function finishFeePsbt(ctx: Context, account: WatchAccount, created: CreatedPsbt, outFile: string | undefined) {
  const { psbt, ...summary } = created;
  const vault = vaultContext(account);
  const { findings } = await prepare(psbt, { network: account.net, keys: new DescriptorKeys(account.descriptor, account.net), ...(vault ? { vault } : {}) });
  const out = emitPsbt(psbt, outFile);
  const common = { network: account.net.name, ...summary, feeRate: formatDecimal(summary.feeRateMsat, 3), ...out.result, findings, signWouldRefuse: wouldRefuse(findings) as WouldRefuse[] };
  return { summary, common, payload: out.payload };
}
