/**
 * `coldkit psbt create`: the watch-only side builds an unsigned PSBT from the account descriptor
 * (--descriptor or --wallet), a listunspent export (--utxos), recipients and a fee rate. No secret
 * is read. Output: binary PSBT to --out or base64 on stdout, a summary, the 4-word digest, and the
 * PSBT as an air-gap payload for --qr-*. The new PSBT is run through the signer's `prepare` with
 * the account as key source, and what `psbt sign` would refuse is listed (exit 0), before the
 * PSBT crosses the gap.
 */
import { InputError } from '../../core/errors.js';
import { formatDecimal, parseDecimal } from '../../core/amount.js';
import { createPsbt, type CreatedPsbt } from '../../core/btc/create.js';
import { parsePrevTxs } from '../../core/btc/prev-txs.js';
import { addressScript, parseRecipient } from '../../core/btc/recipient.js';
import { parseListUnspent } from '../../core/btc/utxos.js';
import { outpointKey, parseOutpoint } from '../../core/btc/coin-control.js';
import { MAX_LABEL_CHARS, type LabelRecord, type ShownLabel } from '../../core/btc/bip329.js';
import { txidBeforeSigning } from '../../core/btc/create.js';
import { journalLabels, labelLines, readLabelBook, shownLabels, writeLabels } from '../psbt/labels.js';
import { prepare } from '../../core/btc/signer.js';
import type { PolicyResult } from '../policy/render.js';
import type { Finding } from '../../core/findings/finding.js';
import { sanitize } from '../../core/text.js';
import { DescriptorKeys } from '../../core/wallet/key-source.js';
import type { Action } from '../command.js';
import { assertWritable, readInputText } from '../io.js';
import { emitPsbt, renderWithPsbt, type PsbtOut } from '../psbt-output.js';
import { wouldRefuse, wouldRefuseLines, type WouldRefuse } from '../psbt/render.js';
import { readWatchAccount, vaultContext } from '../wallet-input.js';
import type { psbtCreate } from '../commands/psbt.js';
import { counted } from '../../core/text.js';

/** Highest fee rate accepted (sat/vB): far above any real market, low enough to catch a typo. */
const MAX_FEE_RATE_MSAT = 100_000_000n;

type Result = Omit<CreatedPsbt, 'psbt'> &
  PsbtOut & {
    network: string;
    feeRate: string;
    /** The signer's findings on this PSBT (at its default limits), most fundamental first. */
    findings: Finding[];
    /** What `psbt sign` would refuse. */
    signWouldRefuse: WouldRefuse[];
    /** Under --policy: the rule it falls under, or each rule's reasons, and what the signer would refuse. */
    policy?: PolicyResult & { signerWouldRefuse: { code: string; message: string }[] };
    /** Labels of the inputs and outputs from --labels (BIP-329). */
    labels?: ShownLabel[];
    /** Coins marked `"spendable": false` in --labels, left out of the selection. */
    frozen?: string[];
    /** --labels-out: the file and the records written. */
    labelsOut?: { file: string; records: LabelRecord[] };
  };

/** Check --label: display-safe text of at most 255 characters. */
function checkLabel(text: string): string {
  if (/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(text)) throw new InputError('must not contain control or bidi characters', '--label');
  if ([...text].length > MAX_LABEL_CHARS) throw new InputError(`is longer than ${MAX_LABEL_CHARS} characters (BIP-329's suggested maximum)`, '--label');
  if (!text.trim()) throw new InputError('is empty', '--label');
  return text;
}

/** Parse --fee-rate (sat/vB, up to 3 decimals) into milli-sat per vB. */
export function parseFeeRate(text: string | undefined): bigint {
  if (text === undefined) throw new InputError('is required: the fee rate in sat/vB, e.g. --fee-rate 2 (see your node\'s estimatesmartfee)', '--fee-rate');
  const msat = parseDecimal(text, 3, '--fee-rate');
  if (msat < 100n) throw new InputError(`${text} sat/vB is below 0.1 sat/vB, the lowest rate nodes relay`, '--fee-rate');
  if (msat > MAX_FEE_RATE_MSAT) throw new InputError(`${text} sat/vB is above 100000 sat/vB; that is surely a typo`, '--fee-rate');
  return msat;
}

const action: Action<typeof psbtCreate> = async (opts, ctx) => {
  if (opts.out) assertWritable(opts.out, '--out');
  if (opts.labelsOut) assertWritable(opts.labelsOut, '--labels-out');
  const label = opts.label !== undefined ? checkLabel(opts.label) : undefined;
  const book = opts.labels ? await readLabelBook(opts.labels, ctx) : undefined;
  const rateMsat = parseFeeRate(opts.feeRate);
  const account = await readWatchAccount(opts, ctx);
  const wallet = account.wallet.requireOrigins(account.field);
  const net = account.net;
  const recipients = (opts.to ?? []).map((t, i) => parseRecipient(t, net, (opts.to?.length ?? 0) > 1 ? `--to #${i + 1}` : '--to'));
  const sendMax = opts.sendMax !== undefined ? { address: opts.sendMax.trim(), script: addressScript(opts.sendMax, net, '--send-max') } : undefined;
  const utxos = parseListUnspent(await readInputText(opts.utxos, '--utxos', ctx.io));
  const coinControl = {
    include: (opts.utxo ?? []).map((t) => parseOutpoint(t, '--utxo')),
    exclude: (opts.excludeUtxo ?? []).map((t) => parseOutpoint(t, '--exclude-utxo')),
  };
  // BIP-329 "spendable": false marks a frozen coin: left out of the selection unless named by --utxo.
  const named = new Set([...coinControl.include, ...coinControl.exclude].map(outpointKey));
  const listed = new Set(utxos.map(outpointKey));
  const frozen = (book?.frozen() ?? []).filter((k) => listed.has(k) && !named.has(k));
  coinControl.exclude.push(...frozen.map((k) => parseOutpoint(k, '--labels')));
  const prevTxs = opts.prevTxs ? parsePrevTxs(await readInputText(opts.prevTxs, '--prev-txs', ctx.io)) : undefined;

  const created = createPsbt({
    wallet,
    utxos,
    recipients,
    sendMax,
    rateMsat,
    prevTxs,
    changeIndex: opts.changeIndex,
    rbf: opts.rbf !== false,
    lockTime: opts.locktime,
    gapLimit: opts.gapLimit,
    changePosition: (n) => (n === 0 ? 0 : ctx.random(1)[0]! % (n + 1)),
    coinControl,
  });
  const { psbt, ...summary } = created;
  const vault = vaultContext(account);
  const { findings, review } = await prepare(psbt, { network: net, keys: new DescriptorKeys(account.descriptor, net), ...(vault ? { vault } : {}) });
  const policy = opts.policy ? await (await import('../policy/online.js')).onlinePolicyCheck(opts.policy, (await import('../../core/policy/btc-payload.js')).btcPayload(review), ctx) : undefined;
  const txid = txidBeforeSigning(psbt);
  const labels = shownLabels(book, { ...(txid ? { txid } : {}), inputs: summary.inputs.map((i) => ({ outpoint: `${i.txid}:${i.vout}`, address: i.address })), outputs: summary.outputs.map((o, index) => ({ index, address: o.address })) });
  const records: LabelRecord[] = [];
  if (label !== undefined) {
    if (txid) records.push({ type: 'tx', ref: txid, label });
    summary.outputs.forEach((o, i) => {
      if (o.change) return;
      if (txid) records.push({ type: 'output', ref: `${txid}:${i}`, label });
      records.push({ type: 'addr', ref: o.address, label });
    });
  }
  const out = emitPsbt(psbt, opts.out);
  if (opts.labelsOut) writeLabels(opts.labelsOut, records);
  const result: Result = {
    network: net.name,
    ...summary,
    feeRate: formatDecimal(summary.feeRateMsat, 3),
    ...out.result,
    findings,
    signWouldRefuse: wouldRefuse(findings),
    ...(policy ? { policy } : {}),
    ...(labels ? { labels } : {}),
    ...(frozen.length ? { frozen } : {}),
    ...(opts.labelsOut ? { labelsOut: { file: opts.labelsOut, records } } : {}),
  };
  const change = summary.outputs.find((o) => o.change);
  return {
    result,
    payload: out.payload,
    journal: [
      {
        op: 'psbt.create',
        data: {
          network: net.name,
          digest: out.result.digest,
          inputs: summary.inputs.length,
          inputTotal: String(summary.inputs.reduce((a, i) => a + i.amount, 0n)),
          recipients: summary.outputs.filter((o) => !o.change).map((o) => ({ address: o.address, amount: String(o.amount) })),
          change: change ? { address: change.address, amount: String(change.amount), path: change.path } : null,
          fee: String(summary.fee),
          feeRate: result.feeRate,
          rbf: summary.rbf,
          ...(coinControl.include.length || coinControl.exclude.length ? { coinControl: { utxo: coinControl.include.map((o) => `${o.txid}:${o.vout}`), excludeUtxo: coinControl.exclude.map((o) => `${o.txid}:${o.vout}`) } } : {}),
          ...(opts.out ? { outFile: opts.out } : {}),
          ...journalLabels(labels),
          ...(frozen.length ? { frozen } : {}),
          ...(opts.labelsOut ? { labelsOut: opts.labelsOut, label } : {}),
          overrides: [],
        },
      },
    ],
    human: (r: Result) =>
      renderWithPsbt(ctx, r, [
        ...summaryLines(r),
        ...(r.frozen?.length ? [`  ${r.frozen.length} coin(s) marked unspendable in --labels left out: ${r.frozen.join(', ')}`] : []),
        ...labelLines(r.labels),
        ...(r.labelsOut ? [`BIP-329 labels written to ${r.labelsOut.file} (${r.labelsOut.records.length} records)`] : []),
      ]),
  };
};

const btc = (sats: bigint): string => `${formatDecimal(sats, 8)} BTC`;

/** The human summary: inputs, outputs (change marked), fee and rate, digest. */
export function summaryLines(r: Result): string[] {
  const total = r.inputs.reduce((a, i) => a + i.amount, 0n);
  return [
    `Unsigned PSBT (${r.network}): ${r.inputs.length} input${r.inputs.length === 1 ? '' : 's'}, ${r.outputs.length} output${r.outputs.length === 1 ? '' : 's'}; coins chosen by ${r.algorithm === 'chosen' ? 'the operator (--utxo)' : r.algorithm}`,
    ...r.inputs.map((i) => `  in   ${btc(i.amount).padStart(18)}  ${i.txid}:${i.vout}  ${i.path}`),
    `  in total ${btc(total)}`,
    ...r.outputs.map((o) => `  out  ${btc(o.amount).padStart(18)}  ${sanitize(o.address)}${o.change ? `  (change, ${o.path})` : ''}`),
    `  fee  ${btc(r.fee)} = ${r.fee} sat for ${r.vsize} vB (${r.feeRate} sat/vB)`,
    `  RBF ${r.rbf ? 'signalled' : 'off'}, locktime ${r.lockTime}${r.uneconomical ? `; ${counted(r.uneconomical, 'UTXO')} left out as worth less than their fee` : ''}`,
    `  digest: ${r.digest}`,
    ...r.findings.filter((f) => f.severity !== 'refuse').map((f) => `  ! ${sanitize(f.message)}`),
    ...wouldRefuseLines(r.signWouldRefuse),
  ];
}

export default action;
