/**
 * `coldkit eth sign-message`: sign a file's exact bytes as an EIP-191 personal_sign message
 * (or the message inside an eth-sign-request with data type 3, with --request).
 */
import { InputError } from '../../core/errors.js';
import { secretKind } from '../../core/secret-text.js';
import { reviewMessage, type MessageReview } from '../../core/eth/message.js';
import { checkCommon } from '../../core/eth/policy.js';
import { parseSignRequestUr } from '../../core/eth/request.js';
import { decodeEthSignRequest, type EthSignRequest } from '../../core/transport/ur/eth.js';
import type { Context, Outcome } from '../command.js';
import { readPayloadInput } from '../payload.js';
import { renderMessageReview } from '../eth/render.js';
import { answerLines, signReviewedDigest, type DigestSigned } from '../eth/sign-common.js';
import type { ethSignMessage as ethSignMessageTable } from '../commands/eth.js';
import type { OptionsOf } from '../options/spec.js';

export interface MessageSignResult extends DigestSigned {
  review: MessageReview;
}

export default async function ethSignMessage(opts: OptionsOf<typeof ethSignMessageTable>, ctx: Context, args: string[]): Promise<Outcome<MessageSignResult>> {
  const payload = await readPayloadInput(ctx, { file: args[0], fromQr: opts.fromQr }, 'file');
  let req: EthSignRequest | undefined;
  let message = payload.bytes;
  if (payload.source === 'qr') {
    if (payload.kind !== 'eth-sign-request') throw new InputError(`the QR code carries ${payload.kind ?? 'an unknown payload'}, not an eth-sign-request`, '--from-qr');
    req = decodeEthSignRequest(payload.bytes);
  } else if (opts.request) {
    req = parseSignRequestUr(new TextDecoder().decode(payload.bytes).trim());
  }
  if (req) {
    if (req.dataType !== 3) throw new InputError(`this eth-sign-request has data type ${req.dataType}, not 3 (personal message)`, 'file');
    message = req.signData;
  }
  // A message that is itself a secret (a mnemonic, a share, a private key) would be shown in the review: never sign it.
  const secret = secretKind(new TextDecoder('utf-8', { fatal: false }).decode(message));
  if (secret) throw new InputError(`the message is a ${secret}; coldkit does not show or sign a secret as a message (is this the right file?)`, 'file');
  const review = reviewMessage(message);
  const { signed, key, cbor } = await signReviewedDigest(ctx, opts, req, 'message', renderMessageReview(review), review.digest, (policy) => checkCommon(null, policy));
  const result: MessageSignResult = { review, ...signed };
  return {
    result,
    human: (r) =>
      [`Signed ${r.review.bytes}-byte message by ${r.signer.address} (${r.signer.path})`, `digest:    ${r.review.digest}`, `signature: ${r.signature}`, ...answerLines(r)].join('\n'),
    journal: [{ op: 'eth.sign-message', data: { from: key.address, bytes: review.bytes, messageHash: review.digest, requestId: signed.ethSignature?.requestId ?? null, overrides: signed.overrides } }],
    payload: cbor ? { kind: 'eth-signature', bytes: cbor, format: 'ur' } : undefined,
  };
}
