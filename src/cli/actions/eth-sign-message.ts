/**
 * `coldkit eth sign-message`: sign a file's exact bytes as an EIP-191 personal_sign message
 * (or the message inside an eth-sign-request with data type 3, with --request).
 */
import { InputError } from '../../core/errors.js';
import { formatFingerprint } from '../../core/eth/key.js';
import { reviewMessage, type MessageReview } from '../../core/eth/message.js';
import { checkCommon } from '../../core/eth/policy.js';
import { parseSignRequestUr } from '../../core/eth/request.js';
import { signDigest } from '../../core/eth/sign.js';
import { decodeEthSignRequest, type EthSignRequest } from '../../core/transport/ur/eth.js';
import type { Context, Outcome } from '../command.js';
import { readPayloadInput } from '../payload.js';
import { renderMessageReview } from '../eth/render.js';
import { answerFor, checkOutputs, confirmSign, policyFor, writeOutputs, type PolicyOptions } from '../eth/sign-common.js';
import { loadSigner, resolvePath } from '../eth/signer.js';

export interface MessageSignResult {
  review: MessageReview;
  signer: { address: string; path: string; fingerprint: string };
  signature: string;
  ethSignature: { ur: string; requestId: string } | null;
  overrides: string[];
  out?: string;
  outUr?: string;
}

export default async function ethSignMessage(opts: PolicyOptions & { request?: boolean }, ctx: Context, args: string[]): Promise<Outcome<MessageSignResult>> {
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
  const review = reviewMessage(message);
  checkOutputs(opts, Boolean(req));
  const key = await loadSigner(opts, ctx, resolvePath(opts, req?.path));
  const overrides = checkCommon(null, policyFor(opts, key, req));
  await confirmSign(ctx, [...renderMessageReview(review), `signing key: ${key.address} at ${key.path}`, ...overrides.map((o) => `OVERRIDE: ${o}`)], `Sign this message with ${key.address}?`);
  const sig = signDigest(review.digest, key.privateKey);
  const answer = answerFor(req, sig.bytes);
  const written = writeOutputs(opts, sig.signature, answer?.ur ?? null);
  const result: MessageSignResult = {
    review,
    signer: { address: key.address, path: key.path, fingerprint: formatFingerprint(key.fingerprint) },
    signature: sig.signature,
    ethSignature: answer ? { ur: answer.ur, requestId: answer.requestId } : null,
    overrides,
    ...written,
  };
  return {
    result,
    human: (r) =>
      [
        `Signed ${r.review.bytes}-byte message by ${r.signer.address} (${r.signer.path})`,
        `digest:    ${r.review.digest}`,
        `signature: ${r.signature}`,
        ...(r.ethSignature ? [`eth-signature (request ${r.ethSignature.requestId}):`, r.ethSignature.ur] : []),
        ...(r.out ? [`written: ${r.out}`] : []),
        ...(r.outUr ? [`written: ${r.outUr}`] : []),
      ].join('\n'),
    journal: [{ op: 'eth.sign-message', data: { from: key.address, bytes: review.bytes, messageHash: review.digest, requestId: answer?.requestId ?? null, overrides } }],
    payload: answer ? { kind: 'eth-signature', bytes: answer.cbor, format: 'ur' } : undefined,
  };
}
