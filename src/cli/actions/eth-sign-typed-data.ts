/**
 * `coldkit eth sign-typed-data`: review EIP-712 typed data (domain, primary type, message,
 * Permit/Permit2 flags), check the domain chain id against --expect-chain-id, confirm, sign the
 * EIP-712 digest (the signature eth_signTypedData_v4 returns: r ‖ s ‖ v with v = 27/28).
 */
import { InputError } from '../../core/errors.js';
import { checkTypedDataPolicy } from '../../core/eth/policy.js';
import { parseTypedData, reviewTypedData, type TypedData, type TypedDataReview } from '../../core/eth/typed-data.js';
import type { Context, Outcome } from '../command.js';
import { readSignInput } from '../eth/input.js';
import { renderTypedDataReview } from '../eth/render.js';
import { allowOf, answerLines, signReviewedDigest, type DigestSigned } from '../eth/sign-common.js';
import type { EthKey } from '../../core/eth/key.js';
import { safeTxPayload, typedDataPayload } from '../../core/policy/eth-payload.js';
import type { PolicyPayload } from '../../core/policy/payload.js';
import { looksLikeSafeTx, safeTxFromJson } from '../../core/policy/safe-tx.js';
import { openGate, underPolicy } from '../policy/gate.js';
import { policyResult, type PolicyResult } from '../policy/render.js';
import type { ethSignTypedData as ethSignTypedDataTable } from '../commands/eth.js';
import type { OptionsOf } from '../options/spec.js';
import { safeTxFromTypedData } from '../../core/eth/safe/file.js';
import { reviewSafeTx } from '../../core/eth/safe/review.js';
import { decide, enforce } from '../../core/findings/decide.js';
import { SAFE_OVERRIDES } from '../commands/eth-safe.js';
import { renderSafeReview, reviewOptions } from '../eth/safe.js';
import { allowedCodes, overrideFlag } from '../overrides.js';

export interface TypedDataSignResult extends DigestSigned {
  review: TypedDataReview;
  /** The adopted policy's decision (a SafeTx is judged as the Safe's transaction; other typed data no rule allows). */
  policy?: PolicyResult;
}

/** Typed data as the policy sees it: a SafeTx as the Safe transaction it authorises, anything else unbounded. */
function typedDataPolicyPayload(td: TypedData, review: TypedDataReview, from: string): PolicyPayload {
  // A SafeTx is judged as the Safe's transaction only when the digest signed is the safeTxHash of
  // its fields (Safe >= 1.3.0 domain): any other domain or shape stays unbounded typed data.
  if (looksLikeSafeTx(td)) {
    let safeTx: ReturnType<typeof safeTxFromJson> | undefined;
    try {
      safeTx = safeTxFromJson(td, undefined, 'typed data');
    } catch {
      safeTx = undefined;
    }
    if (safeTx && safeTx.safeTxHash === review.digest.toLowerCase()) return safeTxPayload(safeTx);
  }
  return typedDataPayload({ ...(review.domain.chainId !== undefined ? { chainId: review.domain.chainId } : {}), from, primaryType: review.primaryType, digest: review.digest });
}

export default async function ethSignTypedData(opts: OptionsOf<typeof ethSignTypedDataTable>, ctx: Context, args: string[]): Promise<Outcome<TypedDataSignResult>> {
  // The adopted policy (if any) is read and the override flags checked before the payload or the seed is.
  const gate = openGate(ctx, opts);
  if (gate) underPolicy(gate, { allow: allowOf(opts) });
  const input = await readSignInput(ctx, args[0], opts.fromQr, 'file');
  const req = input.kind === 'request' ? input.request : undefined;
  if (req && req.dataType !== 2) throw new InputError(`this eth-sign-request has data type ${req.dataType}, not 2 (typed data)`, 'file');
  const text = req ? new TextDecoder('utf-8', { fatal: false }).decode(req.signData) : input.kind === 'raw' ? input.text : '';
  const td = parseTypedData(text, 'typed data');
  const review = reviewTypedData(td);
  if (req?.chainId !== undefined && review.domain.chainId !== undefined && req.chainId !== review.domain.chainId) {
    throw new InputError(`the request says chain ${req.chainId} but the typed data's domain says chain ${review.domain.chainId}`, 'eth-sign-request');
  }
  const judged = gate ? { gate, op: 'eth.sign-typed-data', extra: { typedDataHash: review.digest, primaryType: review.primaryType }, payload: (key: EthKey) => typedDataPolicyPayload(td, review, key.address) } : undefined;
  // A SafeTx is a Safe transaction: the same decoder, findings and refusals as `eth safe sign` (no side door).
  const safeTx = safeTxFromTypedData(td);
  const safeCheck = (signer: string): string[] => {
    if (!safeTx) return [];
    const r = reviewSafeTx(safeTx, { ...reviewOptions({ expectChainId: opts.expectChainId }), signer });
    for (const l of renderSafeReview(r)) ctx.note(l);
    return enforce(decide(r.findings, allowedCodes(opts, SAFE_OVERRIDES))).overrides.map(overrideFlag);
  };
  const { signed, key, cbor, evaluation } = await signReviewedDigest(
    ctx,
    opts,
    req,
    'typed data',
    renderTypedDataReview(review),
    review.digest,
    (policy) => [...checkTypedDataPolicy(review, policy), ...safeCheck(policy.signer)].filter((f, i, all) => all.indexOf(f) === i),
    judged,
  );
  const result: TypedDataSignResult = { review, ...signed, ...(evaluation ? { policy: policyResult(evaluation) } : {}) };
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
          ...(evaluation ? { policy: evaluation.record } : {}),
        },
      },
    ],
    payload: cbor ? { kind: 'eth-signature', bytes: cbor, format: 'ur' } : undefined,
  };
}
