/**
 * `coldkit psbt inspect FILE [--descriptor D | --wallet F]`: the review summary of a PSBT on
 * either side of the air gap, with the signer's own findings (src/core/btc/signer.ts `prepare` at
 * the signer's default limits). With a descriptor, inputs and change are proven against it; without,
 * change claims are shown as claims and only the checks that need no keys apply. What `psbt sign`
 * would refuse is listed (exit 0), so it is known before the PSBT crosses the gap.
 */
import { prepare } from '../../core/btc/signer.js';
import type { PsbtReview } from '../../core/btc/review.js';
import type { Finding } from '../../core/findings/finding.js';
import { DescriptorKeys } from '../../core/wallet/key-source.js';
import type { Context, Outcome } from '../command.js';
import { btcNetwork } from '../network-option.js';
import { readPayloadInput } from '../payload.js';
import { renderReview, warningsOf, wouldRefuse, wouldRefuseLines, type WouldRefuse } from '../psbt/render.js';
import { readWatchAccount, vaultContext } from '../wallet-input.js';
import type { ShownLabel } from '../../core/btc/bip329.js';
import { labelLines, readLabelBook, shownLabels } from '../psbt/labels.js';
import type { psbtInspect as psbtInspectTable } from '../commands/psbt.js';
import type { OptionsOf } from '../options/spec.js';

export interface PsbtInspectResult {
  digest: string;
  bytes: number;
  /** The review; `warnings` are the messages of the warning and note findings. */
  review: PsbtReview & { warnings: string[] };
  /** Every finding, most fundamental first. */
  findings: Finding[];
  /** What `psbt sign` would refuse at its default limits, as far as inspect can tell. */
  signWouldRefuse: WouldRefuse[];
  /** Labels of inputs and outputs from --labels (BIP-329). */
  labels?: ShownLabel[];
}

export default async function psbtInspect(
  opts: OptionsOf<typeof psbtInspectTable>,
  ctx: Context,
  args: string[],
): Promise<Outcome<PsbtInspectResult>> {
  const payload = await readPayloadInput(ctx, { file: args[0], fromQr: opts.fromQr }, 'psbt', { expect: 'psbt' });
  const account = opts.descriptor || opts.wallet ? await readWatchAccount(opts, ctx) : undefined;
  const book = opts.labels ? await readLabelBook(opts.labels, ctx) : undefined;
  const network = account?.net ?? btcNetwork(ctx);
  const keys = account ? new DescriptorKeys(account.descriptor, account.net) : undefined;
  const vault = account ? vaultContext(account) : undefined;
  const { psbt, review, findings } = await prepare(payload.bytes, { network, keys, ...(vault ? { vault } : {}) });
  const labels = shownLabels(book, review);
  return {
    result: { digest: payload.digest, bytes: psbt.bytes.length, review: { ...review, warnings: warningsOf(findings) }, findings, signWouldRefuse: wouldRefuse(findings), ...(labels ? { labels } : {}) },
    human: (r) => [`PSBT ${r.digest} (${r.bytes} bytes)`, renderReview(r.review, r.findings), ...labelLines(r.labels), ...wouldRefuseLines(r.signWouldRefuse)].join('\n'),
  };
}
