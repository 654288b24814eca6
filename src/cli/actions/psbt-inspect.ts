/**
 * `coldkit psbt inspect FILE [--descriptor D | --wallet F]`: the review summary of a PSBT on
 * either side of the air gap. With a descriptor, inputs and change are proven against it and the
 * findings `psbt sign` would refuse (at its default limits) are listed; without, change claims are
 * shown as claims.
 */
import { findings } from '../../core/btc/policy.js';
import { readPsbt } from '../../core/btc/psbt-read.js';
import { WatchKeys } from '../../core/btc/key-source.js';
import { reviewPsbt, type PsbtReview } from '../../core/btc/review.js';
import type { Context, Outcome } from '../command.js';
import { btcNetwork } from '../network-option.js';
import { readPayloadInput } from '../payload.js';
import { overrideFlag } from '../overrides.js';
import { policyFrom } from '../psbt/limits.js';
import { renderReview } from '../psbt/render.js';
import { readWatchAccount } from '../wallet-input.js';

export interface PsbtInspectResult {
  digest: string;
  bytes: number;
  review: PsbtReview;
  /** What `psbt sign` would refuse at its default limits (only with --descriptor/--wallet). */
  signWouldRefuse: { override: string; message: string }[];
}

export default async function psbtInspect(
  opts: { fromQr?: string[]; descriptor?: string; wallet?: string },
  ctx: Context,
  args: string[],
): Promise<Outcome<PsbtInspectResult>> {
  const payload = await readPayloadInput(ctx, { file: args[0], fromQr: opts.fromQr }, 'psbt');
  const { view: tx, bytes } = readPsbt(payload.bytes, 'psbt');
  let review: PsbtReview;
  if (opts.descriptor || opts.wallet) {
    const acc = await readWatchAccount(opts, ctx);
    review = reviewPsbt(tx, acc.net, new WatchKeys(acc.descriptor, acc.net));
  } else review = reviewPsbt(tx, btcNetwork(ctx));
  const signWouldRefuse = review.ourFingerprint ? findings(review, policyFrom({})).map((f) => ({ ...f, override: overrideFlag(f.override) })) : [];
  return {
    result: { digest: payload.digest, bytes: bytes.length, review, signWouldRefuse },
    human: (r) =>
      [
        `PSBT ${r.digest} (${r.bytes} bytes)`,
        renderReview(r.review),
        ...(r.signWouldRefuse.length ? ['== psbt sign would refuse', ...r.signWouldRefuse.map((f) => `  ${f.message} (${f.override})`)] : []),
      ].join('\n'),
  };
}
