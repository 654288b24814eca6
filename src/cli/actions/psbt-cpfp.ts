/**
 * `coldkit psbt cpfp PARENT --fee-rate R`: child pays for parent (src/core/btc/fee-bump.ts `cpfp`).
 * The child spends our output of the unconfirmed parent to our change chain and pays enough that
 * parent and child together reach R. Output: an unsigned PSBT, as from `psbt create`.
 */
import { formatDecimal } from '../../core/amount.js';
import { parseOutpoint } from '../../core/btc/coin-control.js';
import { cpfp } from '../../core/btc/fee-bump.js';
import { inputsAsUtxos } from '../../core/btc/original-tx.js';
import type { Action } from '../command.js';
import { assertWritable } from '../io.js';
import { renderWithPsbt, type PsbtOut } from '../psbt-output.js';
import { finishFeePsbt, readOriginal } from '../psbt/fee-bump.js';
import { readWatchAccount } from '../wallet-input.js';
import { parseFeeRate, summaryLines } from './psbt-create.js';
import type { psbtCpfp } from '../commands/psbt.js';

const action: Action<typeof psbtCpfp> = async (opts, ctx, args) => {
  if (opts.out) assertWritable(opts.out, '--out');
  const rateMsat = parseFeeRate(opts.feeRate);
  const account = await readWatchAccount(opts, ctx);
  const wallet = account.wallet.requireOrigins(account.field);
  const { original: parent, utxos, prevTxs } = await readOriginal(args[0]!, opts, ctx, 'parent');
  const parentInputs = inputsAsUtxos(parent, { ...(utxos ? { utxos } : {}), ...(prevTxs ? { prevTxs } : {}) }, 'parent');
  const child = cpfp({
    wallet,
    parent,
    parentInputs,
    rateMsat,
    ...(opts.utxo ? { spend: parseOutpoint(opts.utxo, '--utxo') } : {}),
    ...(opts.changeIndex !== undefined ? { changeIndex: opts.changeIndex } : {}),
    rbf: opts.rbf !== false,
    gapLimit: opts.gapLimit,
  });
  const { summary, common, payload } = await finishFeePsbt(ctx, account, child.created, opts.out);
  const result = {
    ...common,
    parent: { txid: child.parent.txid, fee: child.parent.fee, vsize: child.parent.vsize, feeRate: formatDecimal(child.parent.feeRateMsat, 3) },
    package: { fee: child.packageFee, vsize: child.packageVsize, feeRate: formatDecimal(child.packageRateMsat, 3) },
  };
  return {
    result,
    payload,
    journal: [
      {
        op: 'psbt.cpfp',
        data: {
          network: account.net.name,
          digest: result.digest,
          parent: child.parent.txid,
          parentFee: String(child.parent.fee),
          childFee: String(child.childFee),
          packageFeeRate: result.package.feeRate,
          spends: summary.inputs.map((i) => `${i.txid}:${i.vout}`),
          ...(opts.out ? { outFile: opts.out } : {}),
          overrides: [],
        },
      },
    ],
    human: (r: typeof result & PsbtOut) =>
      renderWithPsbt(ctx, r, [
        `Child for ${r.parent.txid}: parent ${r.parent.fee} sat for ${r.parent.vsize} vB (${r.parent.feeRate} sat/vB); package ${r.package.fee} sat for ${r.package.vsize} vB = ${r.package.feeRate} sat/vB`,
        ...summaryLines(r),
      ]),
  };
};

export default action;
