/**
 * `coldkit eth inspect`: show a transaction (unsigned or signed hex) or an eth-sign-request in
 * full — the same review the sign commands show — without any key.
 */
import { InputError } from '../../core/errors.js';
import { toChecksumAddress } from '../../core/hd/eth-account.js';
import { formatFingerprint } from '../../core/eth/key.js';
import { reviewMessage, type MessageReview } from '../../core/eth/message.js';
import { reviewTx, type TxReview } from '../../core/eth/review.js';
import { decodeTx } from '../../core/eth/tx.js';
import { parseTypedData, reviewTypedData, type TypedDataReview } from '../../core/eth/typed-data.js';
import { formatUuid } from '../../core/transport/ur/eth.js';
import { sanitize, toHex } from '../../core/text.js';
import type { Context, Outcome } from '../command.js';
import { readSignInput } from '../eth/input.js';
import { renderMessageReview, renderTxReview, renderTypedDataReview } from '../eth/render.js';
import type { ethInspect as ethInspectTable } from '../commands/eth.js';
import type { OptionsOf } from '../options/spec.js';

export interface InspectResult {
  kind: 'transaction' | 'typed-data' | 'message';
  request: null | { requestId: string; dataType: number; path: string; sourceFingerprint: string | null; address: string | null; chainId: string | null; origin: string | null };
  transaction?: TxReview;
  typedData?: TypedDataReview;
  message?: MessageReview;
}

export default async function ethInspect(opts: OptionsOf<typeof ethInspectTable>, ctx: Context, args: string[]): Promise<Outcome<InspectResult>> {
  const input = await readSignInput(ctx, args[0], opts.fromQr, 'file');
  const result: InspectResult = { kind: 'transaction', request: null };
  if (input.kind === 'request') {
    const q = input.request;
    const address = q.address ? toChecksumAddress(toHex(q.address)) : null;
    result.request = {
      requestId: formatUuid(q.requestId),
      dataType: q.dataType,
      path: q.path,
      sourceFingerprint: q.sourceFingerprint === undefined ? null : formatFingerprint(q.sourceFingerprint),
      address,
      chainId: q.chainId?.toString() ?? null,
      // Free text from whoever made the request: stripped of control characters before it is shown.
      origin: q.origin !== undefined ? sanitize(q.origin) : null,
    };
    if (q.dataType === 1 || q.dataType === 4) {
      const tx = reviewTx(decodeTx('0x' + toHex(q.signData), 'sign-data'), address);
      if (q.chainId !== undefined && q.chainId !== tx.chainId) tx.warnings.push(`the request says chain ${q.chainId} but the transaction is for chain ${tx.chainId}: eth sign refuses it`);
      if ((q.dataType === 1) !== (tx.type === 0)) tx.warnings.push(`data type ${q.dataType} does not match a type ${tx.type} transaction: eth sign refuses it`);
      result.transaction = tx;
    }
    else if (q.dataType === 2) {
      result.kind = 'typed-data';
      result.typedData = reviewTypedData(parseTypedData(new TextDecoder().decode(q.signData), 'sign-data'));
    } else {
      result.kind = 'message';
      result.message = reviewMessage(q.signData);
    }
  } else {
    const text = input.text.trim();
    if (text.startsWith('{')) {
      result.kind = 'typed-data';
      result.typedData = reviewTypedData(parseTypedData(text, 'file'));
    } else {
      if (!text) throw new InputError('is empty', 'file');
      result.transaction = reviewTx(decodeTx(text, 'file'));
    }
  }
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
      if (r.transaction) lines.push(...renderTxReview(r.transaction));
      if (r.typedData) lines.push(...renderTypedDataReview(r.typedData));
      if (r.message) lines.push(...renderMessageReview(r.message));
      return lines.join('\n');
    },
  };
}
