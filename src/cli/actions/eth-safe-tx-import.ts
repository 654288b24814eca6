/**
 * `coldkit eth safe tx import`: the Safe transaction service's JSON of one pending transaction →
 * a coldkit Safe transaction file, only when the service's safeTxHash equals the one recomputed
 * from its fields for --chain-id and --safe-version (otherwise exit 3: the fields shown would not
 * be what the owners sign). The confirmations' signatures are kept, to be verified by `collect`.
 */
import { parseUint } from '../../core/amount.js';
import { refusedBy } from '../../core/findings/decide.js';
import { parseServiceJson, safeTxFileJson } from '../../core/eth/safe/file.js';
import { hashMismatch } from '../../core/eth/safe/findings.js';
import { reviewSafeTx, type SafeTxReview } from '../../core/eth/safe/review.js';
import { UINT64_MAX } from '../../core/eth/tx.js';
import type { Context, Outcome } from '../command.js';
import type { ethSafeTxImport as table } from '../commands/eth-safe.js';
import { renderSafeReview } from '../eth/safe.js';
import { readInputText, assertWritable, writeFileAtomic } from '../io.js';
import type { OptionsOf } from '../options/spec.js';

export interface SafeImportResult {
  file: Record<string, unknown>;
  review: SafeTxReview;
  out?: string;
}

export default async function ethSafeTxImport(opts: OptionsOf<typeof table>, ctx: Context, args: string[]): Promise<Outcome<SafeImportResult>> {
  if (opts.out) assertWritable(opts.out, '--out');
  const text = await readInputText(args[0] ?? '-', 'file', ctx.io);
  const loaded = parseServiceJson(text, parseUint(opts.chainId, '--chain-id', UINT64_MAX), opts.safeVersion, 'file');
  if (loaded.claimed && loaded.claimed.safeTxHash !== loaded.hashes.safeTxHash) {
    const f = hashMismatch(loaded.claimed.safeTxHash, loaded.hashes.safeTxHash, 'the transaction service JSON');
    throw refusedBy([{ ...f, message: `${f.message} (check --chain-id ${opts.chainId} and --safe-version ${opts.safeVersion})` }]);
  }
  const review = reviewSafeTx(loaded);
  const file = safeTxFileJson(loaded);
  const result: SafeImportResult = { file, review };
  if (opts.out) {
    writeFileAtomic(opts.out, JSON.stringify(file, null, 2) + '\n');
    result.out = opts.out;
  }
  return {
    result,
    human: (r) => (r.out ? [...renderSafeReview(r.review), `safeTxHash matches the service's. written: ${r.out}`].join('\n') : JSON.stringify(r.file, null, 2)),
    journal: [{ op: 'eth.safe.import', data: { safe: review.safe, chainId: review.chainId.toString(), safeVersion: review.safeVersion, nonce: review.nonce.toString(), safeTxHash: review.hashes.safeTxHash } }],
  };
}
