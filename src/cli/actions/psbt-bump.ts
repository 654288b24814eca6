/**
 * `coldkit psbt bump TX|PSBT --fee-rate R`: the watch-only side builds a BIP125 replacement of an
 * unconfirmed transaction (src/core/btc/fee-bump.ts `bumpFee`): same inputs, same recipients,
 * RBF signalled, the change reduced. The result is an unsigned PSBT for the offline signer, with
 * the same summary, digest and air-gap payload as `psbt create`.
 */
import { formatDecimal } from '../../core/amount.js';
import { bumpFee } from '../../core/btc/fee-bump.js';
import { inputsAsUtxos } from '../../core/btc/original-tx.js';
import type { Action } from '../command.js';
import { assertWritable } from '../io.js';
import { renderWithPsbt, type PsbtOut } from '../psbt-output.js';
import { finishFeePsbt, readOriginal } from '../psbt/fee-bump.js';
import { readWatchAccount } from '../wallet-input.js';
import { carryLabels } from '../../core/btc/bip329.js';
import { InputError } from '../../core/errors.js';
import { txidBeforeSigning } from '../../core/btc/create.js';
import { journalLabels, labelLines, readLabelBook, shownLabels, writeLabels } from '../psbt/labels.js';
import { parseFeeRate, summaryLines } from './psbt-create.js';
import type { psbtBump } from '../commands/psbt.js';

const action: Action<typeof psbtBump> = async (opts, ctx, args) => {
  if (opts.out) assertWritable(opts.out, '--out');
  if (opts.labelsOut) assertWritable(opts.labelsOut, '--labels-out');
  const book = opts.labels ? await readLabelBook(opts.labels, ctx) : undefined;
  const rateMsat = parseFeeRate(opts.feeRate);
  const account = await readWatchAccount(opts, ctx);
  const wallet = account.wallet.requireOrigins(account.field);
  const { original, utxos, prevTxs } = await readOriginal(args[0]!, opts, ctx, 'original');
  const inputs = inputsAsUtxos(original, { ...(utxos ? { utxos } : {}), ...(prevTxs ? { prevTxs } : {}) }, 'original');
  const bumped = bumpFee({ wallet, original, utxos: inputs, ...(prevTxs ? { prevTxs } : {}), rateMsat, gapLimit: opts.gapLimit });
  const txid = txidBeforeSigning(bumped.created.psbt);
  if (opts.labelsOut && !txid) throw new InputError('needs the replacement\'s txid, which is known before signing only when every input is native segwit or taproot', '--labels-out');
  const carried = book && txid ? carryLabels(book, bumped.original.txid, txid, bumped.created.outputs.length) : [];
  const labels = book ? shownLabels(book.add(carried), { ...(txid ? { txid } : {}), inputs: bumped.created.inputs.map((i) => ({ outpoint: `${i.txid}:${i.vout}`, address: i.address })), outputs: bumped.created.outputs.map((o, index) => ({ index, address: o.address })) }) : undefined;
  const { summary, common, payload } = await finishFeePsbt(ctx, account, bumped.created, opts.out);
  if (opts.labelsOut) writeLabels(opts.labelsOut, carried);
  const o = bumped.original;
  const result = {
    ...common,
    replaces: { txid: o.txid, fee: o.fee, vsize: o.vsize, vsizeEstimated: o.vsizeEstimated, feeRate: formatDecimal(o.feeRateMsat, 3), signalsRbf: o.signalsRbf },
    minFee: bumped.minFee,
    change: { before: bumped.changeBefore, after: bumped.changeAfter },
    ...(labels ? { labels } : {}),
    ...(opts.labelsOut ? { labelsOut: { file: opts.labelsOut, records: carried } } : {}),
  };
  return {
    result,
    payload,
    journal: [
      {
        op: 'psbt.bump',
        data: {
          network: account.net.name,
          digest: result.digest,
          replaces: o.txid,
          oldFee: String(o.fee),
          fee: String(summary.fee),
          feeRate: result.feeRate,
          changeBefore: String(bumped.changeBefore),
          changeAfter: String(bumped.changeAfter),
          ...(opts.out ? { outFile: opts.out } : {}),
          ...journalLabels(labels),
          ...(opts.labelsOut ? { labelsOut: opts.labelsOut } : {}),
          overrides: [],
        },
      },
    ],
    human: (r: typeof result & PsbtOut) =>
      renderWithPsbt(ctx, r, [
        `Replacement for ${r.replaces.txid} (BIP125): fee ${r.replaces.fee} → ${r.fee} sat, ${r.replaces.feeRate} → ${r.feeRate} sat/vB; change ${r.change.before} → ${r.change.after} sat`,
        ...(r.replaces.signalsRbf ? [] : ['  ! the original does not signal BIP125 replaceability: only nodes with full-RBF (Bitcoin Core 28+ by default) will accept the replacement']),
        ...summaryLines(r),
        ...labelLines(r.labels),
        ...(r.labelsOut ? [`BIP-329 labels for the replacement written to ${r.labelsOut.file} (${r.labelsOut.records.length} records)`] : []),
      ]),
  };
};

export default action;
