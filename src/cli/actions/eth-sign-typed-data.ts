/**
 * `coldkit eth sign-typed-data`: review EIP-712 typed data (domain, primary type, message,
 * Permit/Permit2 flags), check it, confirm, sign the EIP-712 digest (the signature
 * eth_signTypedData_v4 returns: r ‖ s ‖ v with v = 27/28) through src/core/eth/signer.ts.
 */
import { InputError } from '../../core/errors.js';
import { typedDataSubject } from '../../core/eth/subject.js';
import type { TypedData, TypedDataReview } from '../../core/eth/typed-data.js';
import { safeTxFieldsOf, safeTxPayload, typedDataPayload } from '../../core/policy/eth-payload.js';
import { safeTxFromTypedData } from '../../core/eth/safe/file.js';
import type { PolicyPayload } from '../../core/policy/payload.js';
import { openGate, underPolicy } from '../policy/gate.js';
import { policyResult, type PolicyResult } from '../policy/render.js';
import type { Context, Outcome } from '../command.js';
import { readSignInput } from '../eth/input.js';
import { allowOf, answerLines, answerPayload, runSigner, type PolicyJudge, type SignedCommon } from '../eth/sign-common.js';
import type { ethSignTypedData as ethSignTypedDataTable } from '../commands/eth.js';
import type { OptionsOf } from '../options/spec.js';
import type { SafeTxReview } from '../../core/eth/safe/review.js';

export interface TypedDataSignResult extends SignedCommon {
  review: TypedDataReview;
  /** 65-byte r ‖ s ‖ v (v = 27/28) as 0x hex. */
  signature: string;
  /** A SafeTx: the Safe transaction it authorises, decoded and checked as by `eth safe sign`. */
  safe?: SafeTxReview;
  /** The adopted policy's decision (a SafeTx is judged as the Safe's transaction; other typed data no rule allows). */
  policy?: PolicyResult;
}

/** Typed data as the policy sees it: a SafeTx as the Safe transaction it authorises, anything else unbounded. */
function typedDataPolicyPayload(td: TypedData, review: TypedDataReview, from: string): PolicyPayload {
  // A SafeTx is judged as the Safe's transaction only when the digest signed is the safeTxHash the
  // Safe module recomputes for its version's domain: any other shape stays unbounded typed data.
  let loaded: ReturnType<typeof safeTxFromTypedData> = null;
  try {
    loaded = safeTxFromTypedData(td);
  } catch {
    loaded = null;
  }
  if (loaded && loaded.hashes.safeTxHash === review.digest.toLowerCase()) return safeTxPayload(safeTxFieldsOf(loaded));
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
  const subject = typedDataSubject(text, 'typed data', req);
  const judge: PolicyJudge | undefined = gate
    ? {
        gate,
        op: 'eth.sign-typed-data',
        extra: (p) => ({ typedDataHash: p.digest, primaryType: subject.typedData.primaryType }),
        payload: (p, key) => typedDataPolicyPayload(subject.typedData, p.review as TypedDataReview, key.address),
      }
    : undefined;
  const { prepared, signed, common, evaluation } = await runSigner(ctx, opts, subject, judge);
  const { review } = prepared;
  const result: TypedDataSignResult = { review, ...common, signature: signed.signature, ...(prepared.safe ? { safe: prepared.safe } : {}), ...(evaluation ? { policy: policyResult(evaluation) } : {}) };
  return {
    result,
    human: (r) => [`Signed EIP-712 ${r.review.primaryType} by ${r.signer.address} (${r.signer.path})`, `digest:    ${r.review.digest}`, `signature: ${r.signature}`, ...answerLines(r)].join('\n'),
    journal: [
      {
        op: 'eth.sign-typed-data',
        data: {
          chainId: review.domain.chainId?.toString() ?? null,
          from: common.signer.address,
          verifyingContract: review.domain.verifyingContract ?? null,
          primaryType: review.primaryType,
          permit: review.permit,
          typedDataHash: review.digest,
          requestId: common.ethSignature?.requestId ?? null,
          overrides: common.overrides,
          ...(evaluation ? { policy: evaluation.record } : {}),
        },
      },
    ],
    payload: answerPayload(signed, common),
  };
}
