/**
 * `coldkit eth safe inspect`: recompute and show a Safe transaction's hashes and decoded calls with
 * every finding, without any key. A hash that differs from the one the file claims or from
 * --expect-safe-tx-hash exits 3 (the transaction is not the one the other side saw).
 */
import { sortFindings } from '../../core/findings/decide.js';
import { safeTxTypedData } from '../../core/eth/safe/hash.js';
import { reviewSafeTx, type SafeTxReview } from '../../core/eth/safe/review.js';
import { EXIT } from '../../core/errors.js';
import type { Context, Outcome } from '../command.js';
import type { ethSafeInspect as table } from '../commands/eth-safe.js';
import { expectedHashFindings, readSafeInput, renderSafeReview, reviewOptions } from '../eth/safe.js';
import type { OptionsOf } from '../options/spec.js';

export interface SafeInspectResult {
  source: 'file' | 'typed-data' | 'eth-sign-request';
  review: SafeTxReview;
  /** The EIP-712 typed data whose digest is the safeTxHash (what a wallet's eth_signTypedData_v4 gets). */
  typedData: ReturnType<typeof safeTxTypedData>;
}

export default async function ethSafeInspect(opts: OptionsOf<typeof table>, ctx: Context, args: string[]): Promise<Outcome<SafeInspectResult>> {
  const input = await readSafeInput(ctx, args[0], opts.fromQr, opts.chainId);
  const review = reviewSafeTx(input.loaded, reviewOptions(opts));
  review.findings = sortFindings([...review.findings, ...expectedHashFindings(review, opts.expectSafeTxHash)]);
  const { doc, shape } = input.loaded;
  const mismatch = review.findings.some((f) => f.code === 'safe-hash-mismatch');
  return {
    result: { source: input.source, review, typedData: safeTxTypedData(shape, doc.chainId, doc.safe, doc.tx) },
    human: (r) => renderSafeReview(r.review).join('\n'),
    ...(mismatch ? { exitCode: EXIT.refused } : {}),
  };
}
