/**
 * `coldkit eth sign-message`: sign a file's exact bytes as an EIP-191 personal_sign message
 * (or the message inside an eth-sign-request with data type 3, with --request) through
 * src/core/eth/signer.ts.
 */
import { InputError } from '../../core/errors.js';
import type { MessageReview } from '../../core/eth/message.js';
import { messageSubject } from '../../core/eth/message-subject.js';
import { decodeEthSignRequest, type EthSignRequest } from '../../core/transport/ur/eth.js';
import type { Context, Outcome } from '../command.js';
import { readPayloadInput } from '../payload.js';
import { answerLines, answerPayload, runSigner, type SignedCommon } from '../eth/sign-common.js';
import type { ethSignMessage as ethSignMessageTable } from '../commands/eth.js';
import type { OptionsOf } from '../options/spec.js';

export interface MessageSignResult extends SignedCommon {
  review: MessageReview;
  /** 65-byte r ‖ s ‖ v (v = 27/28) as 0x hex. */
  signature: string;
}

export default async function ethSignMessage(opts: OptionsOf<typeof ethSignMessageTable>, ctx: Context, args: string[]): Promise<Outcome<MessageSignResult>> {
  // Without --request the file is the message itself, read as it is (even if it begins "ur:").
  const payload = await readPayloadInput(ctx, { file: args[0], fromQr: opts.fromQr }, 'file', { urText: Boolean(opts.request) });
  let req: EthSignRequest | undefined;
  if (payload.source === 'qr' || payload.kind !== undefined) {
    const where = payload.source === 'qr' ? 'the QR code' : 'the UR text';
    if (payload.kind !== 'eth-sign-request') throw new InputError(`${where} carries ${payload.kind ?? 'an unknown payload'}, not an eth-sign-request`, payload.source === 'qr' ? '--from-qr' : 'file');
    req = decodeEthSignRequest(payload.bytes);
  } else if (opts.request) {
    throw new InputError('--request: the file holds no ur:eth-sign-request text (one `ur:` line, or the parts of one, a line each)', 'file');
  }
  if (req && req.dataType !== 3) throw new InputError(`this eth-sign-request has data type ${req.dataType}, not 3 (personal message)`, 'file');
  const subject = messageSubject(req ? req.signData : payload.bytes, 'file', req);
  const { prepared, signed, common } = await runSigner(ctx, opts, subject);
  const { review } = prepared;
  const result: MessageSignResult = { review, ...common, signature: signed.signature };
  return {
    result,
    human: (r) => [`Signed ${r.review.bytes}-byte message by ${r.signer.address} (${r.signer.path})`, `digest:    ${r.review.digest}`, `signature: ${r.signature}`, ...answerLines(r)].join('\n'),
    journal: [{ op: 'eth.sign-message', data: { from: common.signer.address, bytes: review.bytes, messageHash: review.digest, requestId: common.ethSignature?.requestId ?? null, overrides: common.overrides } }],
    payload: answerPayload(signed, common),
  };
}
