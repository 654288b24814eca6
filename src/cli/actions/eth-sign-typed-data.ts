/**
 * `coldkit eth sign-typed-data`: review EIP-712 typed data (domain, primary type, message,
 * Permit/Permit2 flags), check the domain chain id against --expect-chain-id, confirm, sign the
 * EIP-712 digest (the signature eth_signTypedData_v4 returns: r ‖ s ‖ v with v = 27/28).
 */
import { InputError } from '../../core/errors.js';
import { formatFingerprint } from '../../core/eth/key.js';
import { checkTypedDataPolicy } from '../../core/eth/policy.js';
import { signDigest } from '../../core/eth/sign.js';
import { parseTypedData, reviewTypedData, type TypedDataReview } from '../../core/eth/typed-data.js';
import type { Context, Outcome } from '../command.js';
import { readSignInput } from '../eth/input.js';
import { renderTypedDataReview } from '../eth/render.js';
import { answerFor, checkOutputs, confirmSign, policyFor, writeOutputs, type PolicyOptions } from '../eth/sign-common.js';
import { loadSigner, resolvePath } from '../eth/signer.js';

export interface TypedDataSignResult {
  review: TypedDataReview;
  signer: { address: string; path: string; fingerprint: string };
  signature: string;
  ethSignature: { ur: string; requestId: string } | null;
  overrides: string[];
  out?: string;
  outUr?: string;
}

export default async function ethSignTypedData(opts: PolicyOptions, ctx: Context, args: string[]): Promise<Outcome<TypedDataSignResult>> {
  const input = await readSignInput(ctx, args[0], opts.fromQr, 'file');
  const req = input.kind === 'request' ? input.request : undefined;
  if (req && req.dataType !== 2) throw new InputError(`this eth-sign-request has data type ${req.dataType}, not 2 (typed data)`, 'file');
  const text = req ? new TextDecoder('utf-8', { fatal: false }).decode(req.signData) : input.kind === 'raw' ? input.text : '';
  const td = parseTypedData(text, 'typed data');
  const review = reviewTypedData(td);
  if (req?.chainId !== undefined && review.domain.chainId !== undefined && req.chainId !== review.domain.chainId) {
    throw new InputError(`the request says chain ${req.chainId} but the typed data's domain says chain ${review.domain.chainId}`, 'eth-sign-request');
  }
  checkOutputs(opts, Boolean(req));
  const key = await loadSigner(opts, ctx, resolvePath(opts, req?.path));
  const overrides = checkTypedDataPolicy(review, policyFor(opts, key, req));
  await confirmSign(ctx, [...renderTypedDataReview(review), `signing key:        ${key.address} at ${key.path}`, ...overrides.map((o) => `OVERRIDE: ${o}`)], `Sign this typed data with ${key.address}?`);
  const sig = signDigest(review.digest, key.privateKey);
  const answer = answerFor(req, sig.bytes);
  const written = writeOutputs(opts, sig.signature, answer?.ur ?? null);
  const result: TypedDataSignResult = {
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
        `Signed EIP-712 ${r.review.primaryType} by ${r.signer.address} (${r.signer.path})`,
        `digest:    ${r.review.digest}`,
        `signature: ${r.signature}`,
        ...(r.ethSignature ? [`eth-signature (request ${r.ethSignature.requestId}):`, r.ethSignature.ur] : []),
        ...(r.out ? [`written: ${r.out}`] : []),
        ...(r.outUr ? [`written: ${r.outUr}`] : []),
      ].join('\n'),
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
          requestId: answer?.requestId ?? null,
          overrides,
        },
      },
    ],
    payload: answer ? { kind: 'eth-signature', bytes: answer.cbor, format: 'ur' } : undefined,
  };
}
