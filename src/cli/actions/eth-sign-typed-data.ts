/**
 * `coldkit eth sign-typed-data`: review EIP-712 typed data (domain, primary type, message,
 * Permit/Permit2 flags), check the domain chain id against --expect-chain-id, confirm, sign the
 * EIP-712 digest (the signature eth_signTypedData_v4 returns: r ‖ s ‖ v with v = 27/28).
 */
import { InputError } from '../../core/errors.js';
import { checkTypedDataPolicy } from '../../core/eth/policy.js';
import { parseTypedData, reviewTypedData, type TypedDataReview } from '../../core/eth/typed-data.js';
import type { Context, Outcome } from '../command.js';
import { readSignInput } from '../eth/input.js';
import { renderTypedDataReview } from '../eth/render.js';
import { answerLines, signReviewedDigest, type DigestSigned } from '../eth/sign-common.js';
import type { ethSignTypedData as ethSignTypedDataTable } from '../commands/eth.js';
import type { OptionsOf } from '../options/spec.js';

export interface TypedDataSignResult extends DigestSigned {
  review: TypedDataReview;
}

export default async function ethSignTypedData(opts: OptionsOf<typeof ethSignTypedDataTable>, ctx: Context, args: string[]): Promise<Outcome<TypedDataSignResult>> {
  const input = await readSignInput(ctx, args[0], opts.fromQr, 'file');
  const req = input.kind === 'request' ? input.request : undefined;
  if (req && req.dataType !== 2) throw new InputError(`this eth-sign-request has data type ${req.dataType}, not 2 (typed data)`, 'file');
  const text = req ? new TextDecoder('utf-8', { fatal: false }).decode(req.signData) : input.kind === 'raw' ? input.text : '';
  const td = parseTypedData(text, 'typed data');
  const review = reviewTypedData(td);
  if (req?.chainId !== undefined && review.domain.chainId !== undefined && req.chainId !== review.domain.chainId) {
    throw new InputError(`the request says chain ${req.chainId} but the typed data's domain says chain ${review.domain.chainId}`, 'eth-sign-request');
  }
  const { signed, key, cbor } = await signReviewedDigest(ctx, opts, req, 'typed data', renderTypedDataReview(review), review.digest, (policy) => checkTypedDataPolicy(review, policy));
  const result: TypedDataSignResult = { review, ...signed };
  return {
    result,
    human: (r) =>
      [`Signed EIP-712 ${r.review.primaryType} by ${r.signer.address} (${r.signer.path})`, `digest:    ${r.review.digest}`, `signature: ${r.signature}`, ...answerLines(r)].join('\n'),
    journal: [
      {
        op: 'eth.sign-typed-data',
        data: {
          chainId: review.domain.chainId?.toString() ?? null,
          from: key.address,
          verifyingContract: review.domain.verifyingContract ?? null,
          primaryType: review.primaryType,
          permit: review.permit,
          typedDataHash: review.digest,
          requestId: signed.ethSignature?.requestId ?? null,
          overrides: signed.overrides,
        },
      },
    ],
    payload: cbor ? { kind: 'eth-signature', bytes: cbor, format: 'ur' } : undefined,
  };
}
