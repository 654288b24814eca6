/**
 * `coldkit eth inspect`: show a transaction (unsigned or signed hex), typed data or an
 * eth-sign-request in full — the same review the sign commands show — without any key, with the
 * findings the signer would make (src/core/eth/signer.ts prepare): what it would refuse is listed
 * here first, exit 0, so it can be fixed before the payload crosses the air gap.
 */
import { toChecksumAddress } from '../../core/eth/account.js';
import { formatFingerprint } from '../../core/eth/key.js';
import { DEFAULT_MAX_FEE } from '../../core/eth/limits.js';
import type { MessageReview } from '../../core/eth/message.js';
import type { TxReview } from '../../core/eth/review.js';
import { prepare } from '../../core/eth/signer.js';
import { textSubject } from '../../core/eth/subject.js';
import type { TypedDataReview } from '../../core/eth/typed-data.js';
import type { Finding } from '../../core/findings/finding.js';
import { sortFindings } from '../../core/findings/decide.js';
import { formatUuid } from '../../core/transport/ur/eth.js';
import { sanitize, toHex } from '../../core/text.js';
import type { Context, Outcome } from '../command.js';
import { readSignInput } from '../eth/input.js';
import { renderFindings, renderReview } from '../eth/render.js';
import { findingView } from '../overrides.js';
import type { ethInspect as ethInspectTable } from '../commands/eth.js';
import type { OptionsOf } from '../options/spec.js';

export interface InspectResult {
  kind: 'transaction' | 'typed-data' | 'message';
  request: null | { requestId: string; dataType: number; path: string; sourceFingerprint: string | null; address: string | null; chainId: string | null; origin: string | null };
  transaction?: TxReview;
  typedData?: TypedDataReview;
  message?: MessageReview;
  /** What the signer would find without a seed (its default limits), most fundamental first. */
  findings: (Finding & { override?: string })[];
}

export default async function ethInspect(opts: OptionsOf<typeof ethInspectTable>, ctx: Context, args: string[]): Promise<Outcome<InspectResult>> {
  const input = await readSignInput(ctx, args[0], opts.fromQr, 'file');
  // A request may carry a message: its reader (with the secret detectors) loads only then.
  const subject = input.kind === 'request' ? (await import('../../core/eth/message-subject.js')).requestSubject(input.request, 'sign-data', 'inspect', input.cbor) : textSubject(input.text, 'file', 'inspect');
  const p = prepare(subject, { limits: { maxFee: DEFAULT_MAX_FEE } });
  const q = subject.request;
  const result: InspectResult = {
    kind: p.kind,
    request: q
      ? {
          requestId: formatUuid(q.requestId),
          dataType: q.dataType,
          path: q.path,
          sourceFingerprint: q.sourceFingerprint === undefined ? null : formatFingerprint(q.sourceFingerprint),
          address: q.address ? toChecksumAddress(toHex(q.address)) : null,
          chainId: q.chainId?.toString() ?? null,
          // Free text from whoever made the request: stripped of control characters before it is shown.
          origin: q.origin !== undefined ? sanitize(q.origin) : null,
        }
      : null,
    ...(p.kind === 'transaction' ? { transaction: p.review } : p.kind === 'typed-data' ? { typedData: p.review } : { message: p.review }),
    findings: sortFindings(p.findings).map(findingView),
  };
  return {
    result,
    human: (r) => {
      const lines: string[] = [];
      if (r.request) {
        lines.push(
          `eth-sign-request ${r.request.requestId} (data type ${r.request.dataType})`,
          `path:            ${r.request.path}  fingerprint ${r.request.sourceFingerprint ?? '(none)'}`,
          ...(r.request.origin ? [`origin:          ${r.request.origin}`] : []),
        );
      }
      lines.push(...renderReview(p), ...renderFindings(r.findings, 'online'));
      return lines.join('\n');
    },
  };
}
