/**
 * `coldkit wallet sweep --from OLD --to NEW --utxos … --fee-rate R`: the online half of a
 * rotation. Every UTXO of the old wallet is spent (those worth less than their fee too) to one
 * output, the new wallet's receive address at --to-index, with no change. The PSBT is built by the
 * one PSBT creator (src/core/btc/create.ts, its send-max path) and the output carries the new
 * wallet's key fields, so the signer can prove the destination by rebuilding it from the new
 * wallet's keys (`psbt sign --to-wallet`, src/core/btc/sweep-proof.ts). No secret is read.
 */
import { formatDecimal } from '../../core/amount.js';
import { createPsbt } from '../../core/btc/create.js';
import { parsePrevTxs } from '../../core/btc/prev-txs.js';
import { prepare } from '../../core/btc/signer.js';
import { applySweep, proveSweep, sweepFindings } from '../../core/btc/sweep-proof.js';
import { parseListUnspent } from '../../core/btc/utxos.js';
import { InputError } from '../../core/errors.js';
import { sortFindings } from '../../core/findings/decide.js';
import { formatPath } from '../../core/hd/path.js';
import { DescriptorKeys } from '../../core/wallet/key-source.js';
import type { Action } from '../command.js';
import { assertWritable, readInputText } from '../io.js';
import { emitPsbt, renderWithPsbt } from '../psbt-output.js';
import { wouldRefuse } from '../psbt/render.js';
import { readNamedWallet, vaultContext } from '../wallet-input.js';
import { parseFeeRate, summaryLines } from './psbt-create.js';
import type { walletSweep } from '../commands/wallet.js';

const action: Action<typeof walletSweep> = async (opts, ctx) => {
  if (opts.out) assertWritable(opts.out, '--out');
  const rateMsat = parseFeeRate(opts.feeRate);
  const from = await readNamedWallet(opts.from, '--from', ctx);
  const to = await readNamedWallet(opts.to, '--to', ctx);
  const net = from.account.net;
  if (to.account.net.name !== net.name) throw new InputError(`the new wallet is on ${to.account.net.name}, the old one on ${net.name}`, '--to');
  if (from.id === to.id) throw new InputError(`--from and --to are the same wallet (${from.id}); a sweep moves funds to a new wallet`, '--to');
  const dest = to.account.wallet.at(to.account.wallet.receiveBranch, opts.toIndex);
  const utxos = parseListUnspent(await readInputText(opts.utxos, '--utxos', ctx.io));
  if (utxos.length === 0) throw new InputError('no UTXOs: the old wallet has nothing to sweep', '--utxos');
  const prevTxs = opts.prevTxs ? parsePrevTxs(await readInputText(opts.prevTxs, '--prev-txs', ctx.io)) : undefined;

  const created = createPsbt({
    wallet: from.account.wallet,
    utxos,
    recipients: [],
    sendMax: { address: dest.address, script: dest.scripts.script, owner: { key: dest, template: to.account.wallet.template } },
    spendAll: true,
    rateMsat,
    prevTxs,
    rbf: opts.rbf !== false,
    lockTime: 0,
    gapLimit: opts.gapLimit,
    changePosition: () => 0,
  });
  const { psbt, ...summary } = created;
  // What the signer will see: the old wallet's findings, and the destination proven the way
  // `psbt sign --to-wallet` proves it.
  const vault = vaultContext(from.account);
  const prepared = await prepare(psbt, { network: net, keys: new DescriptorKeys(from.account.descriptor, net), ...(vault ? { vault } : {}) });
  const proof = proveSweep(prepared.review, (i) => prepared.psbt.view.getOutput(i), { wallet: to.account.wallet, id: to.id, label: to.label, maxIndex: 0x7fffffff });
  applySweep(prepared.review, proof);
  const findings = sortFindings([...prepared.findings, ...sweepFindings(proof)]);
  const out = emitPsbt(psbt, opts.out);
  const destination = { wallet: to.id, label: to.label, address: dest.address, path: formatPath(dest.keys[0]!.path), index: opts.toIndex };
  const result = {
    network: net.name,
    ...summary,
    feeRate: formatDecimal(summary.feeRateMsat, 3),
    ...out.result,
    from: { wallet: from.id, label: from.label },
    to: destination,
    findings,
    signWouldRefuse: wouldRefuse(findings),
  };
  const total = summary.inputs.reduce((a, i) => a + i.amount, 0n);
  return {
    result,
    payload: out.payload,
    journal: [
      {
        op: 'wallet.sweep',
        data: {
          network: net.name,
          digest: out.result.digest,
          from: from.id,
          to: to.id,
          address: dest.address,
          path: destination.path,
          inputs: summary.inputs.length,
          inputTotal: String(total),
          amount: String(summary.outputs[0]!.amount),
          fee: String(summary.fee),
          feeRate: result.feeRate,
          ...(opts.out ? { outFile: opts.out } : {}),
          overrides: [],
        },
      },
    ],
    human: (r: typeof result) =>
      renderWithPsbt(ctx, r, [
        `Sweep of wallet ${r.from.wallet} (${r.from.label}) to wallet ${r.to.wallet} (${r.to.label}), receive address ${r.to.path}`,
        ...summaryLines(r),
        `Sign with: coldkit psbt sign … --to-wallet <the new wallet's file> (the review proves the destination is wallet ${r.to.wallet})`,
      ]),
  };
};

export default action;
