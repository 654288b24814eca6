/**
 * `coldkit wallet sweep --from OLD --to NEW --utxos … --fee-rate R`: the online half of a
 * rotation. Every UTXO of the old wallet is spent (those worth less than their fee too) to the
 * new wallet's receive address at --to-index (or, with --outputs N, its next N receive addresses,
 * equal amounts), with no change. The PSBT is built by the
 * one PSBT creator (src/core/btc/create.ts, its send-max path) and the output carries the new
 * wallet's key fields, so the signer can prove the destination by rebuilding it from the new
 * wallet's keys (`psbt sign --to-wallet`, src/core/btc/sweep-proof.ts). No secret is read.
 */
import { formatDecimal } from '../../core/amount.js';
import { createPsbt } from '../../core/btc/create.js';
import { parsePrevTxs } from '../../core/btc/prev-txs.js';
import { prepare } from '../../core/btc/signer.js';
import { parseListUnspent } from '../../core/btc/utxos.js';
import { InputError } from '../../core/errors.js';
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
  const toWallet = to.account.wallet;
  if (opts.toIndex + opts.outputs - 1 > 0x7fffffff) throw new InputError(`--to-index ${opts.toIndex} with ${opts.outputs} outputs passes the last non-hardened index`, '--outputs');
  const dests = Array.from({ length: opts.outputs }, (_, k) => toWallet.at(toWallet.receiveBranch, opts.toIndex + k));
  const dest = dests[0]!;
  const utxos = parseListUnspent(await readInputText(opts.utxos, '--utxos', ctx.io));
  if (utxos.length === 0) throw new InputError('no UTXOs: the old wallet has nothing to sweep', '--utxos');
  const prevTxs = opts.prevTxs ? parsePrevTxs(await readInputText(opts.prevTxs, '--prev-txs', ctx.io)) : undefined;

  const created = createPsbt({
    wallet: from.account.wallet,
    utxos,
    recipients: [],
    sendMax: dests.map((d) => ({ address: d.address, script: d.scripts.script, owner: { key: d, template: toWallet.template } })),
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
  // (The proof runs before the findings: an output a cosigner of both vaults claims is the new vault's, not false change.)
  const sweepTo = { wallet: toWallet, id: to.id, label: to.label, maxIndex: 0x7fffffff };
  const { findings } = await prepare(psbt, { network: net, keys: new DescriptorKeys(from.account.descriptor, net), sweepTo, ...(vault ? { vault } : {}) });
  const out = emitPsbt(psbt, opts.out);
  const receive = dests.map((d) => ({ index: d.index, address: d.address, path: formatPath(d.keys[0]!.path) }));
  const destination = { wallet: to.id, label: to.label, address: dest.address, path: receive[0]!.path, index: opts.toIndex, receive };
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
          ...(receive.length > 1 ? { outputs: receive.length, addresses: receive.map((r) => r.address) } : {}),
          inputs: summary.inputs.length,
          inputTotal: String(total),
          amount: String(summary.outputs.reduce((a, o) => a + o.amount, 0n)),
          fee: String(summary.fee),
          feeRate: result.feeRate,
          ...(opts.out ? { outFile: opts.out } : {}),
          overrides: [],
        },
      },
    ],
    human: (r: typeof result) =>
      renderWithPsbt(ctx, r, [
        `Sweep of wallet ${r.from.wallet} (${r.from.label}) to wallet ${r.to.wallet} (${r.to.label}), ${r.to.receive.length === 1 ? `receive address ${r.to.path}` : `${r.to.receive.length} receive addresses ${r.to.path} … ${r.to.receive[r.to.receive.length - 1]!.path}`}`,
        ...summaryLines(r),
        `Sign with: coldkit psbt sign … --to-wallet <the new wallet's file> (the review proves the destination is wallet ${r.to.wallet})`,
      ]),
  };
};

export default action;
