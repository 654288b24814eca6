/**
 * `coldkit eth sign`: review an unsigned type 0/1/2 transaction (raw hex or an EIP-4527
 * eth-sign-request), check it, confirm, sign offline (src/core/eth/signer.ts). Output: the signed
 * raw transaction and, for a request, an eth-signature UR bound to its request id.
 */
import { InputError } from '../../core/errors.js';
import type { TxReview } from '../../core/eth/review.js';
import { txSubject } from '../../core/eth/subject.js';
import { toHex } from '../../core/text.js';
import type { Context, Outcome } from '../command.js';
import { payloadAnchor } from '../payload-anchor.js';
import { readSignInput } from '../eth/input.js';
import { allowOf, answerLines, answerPayload, runSigner, type PolicyJudge, type SignedCommon } from '../eth/sign-common.js';
import { ethTxPayload, evmTxOf } from '../../core/policy/eth-payload.js';
import { openGate, underPolicy } from '../policy/gate.js';
import { policyResult, type PolicyResult } from '../policy/render.js';
import { ethSign as ethSignTable } from '../commands/eth.js';
import { parseEth } from '../../core/amount.js';
import { defaults, type OptionsOf } from '../options/spec.js';

export interface EthSignResult extends SignedCommon {
  review: TxReview;
  signedHex: string;
  txHash: string;
  v: string;
  yParity: 0 | 1;
  /** The adopted policy's decision: rule matched, approvals counted, every rule's verdict. */
  policy?: PolicyResult;
}

export default async function ethSign(opts: OptionsOf<typeof ethSignTable>, ctx: Context, args: string[]): Promise<Outcome<EthSignResult>> {
  const field = 'unsigned transaction';
  // The adopted policy (if any) is read and the override flags checked before the payload or the seed is.
  const gate = openGate(ctx, opts);
  if (gate) underPolicy(gate, { allow: allowOf(opts), looser: parseEth(opts.maxFee, '--max-fee') > parseEth(defaults(ethSignTable).maxFee, '--max-fee') ? ['--max-fee'] : [] });
  const input = await readSignInput(ctx, args[0], opts.fromQr, field);
  const req = input.kind === 'request' ? input.request : undefined;
  if (req?.dataType === 2) throw new InputError('this eth-sign-request carries EIP-712 typed data; use `coldkit eth sign-typed-data`', field);
  if (req?.dataType === 3) throw new InputError('this eth-sign-request carries a personal message; use `coldkit eth sign-message --request`', field);
  const subject = req ? txSubject('0x' + toHex(req.signData), field, 'sign', req, input.kind === 'request' ? input.cbor : undefined) : txSubject(input.kind === 'raw' ? input.text : '', field, 'sign');
  const judge: PolicyJudge | undefined = gate
    ? {
        gate,
        op: 'eth.sign',
        extra: (p) => ({ signingHash: p.digest, chainId: (p.review as TxReview).chainId.toString() }),
        payload: (p) => ethTxPayload(evmTxOf(p.review as TxReview)),
      }
    : undefined;
  const { prepared, signed, common, evaluation } = await runSigner(ctx, opts, subject, judge);
  const { review } = prepared;
  const tx = signed.tx;
  const result: EthSignResult = { review, ...common, signedHex: tx.rawHex, txHash: tx.hash, v: tx.v.toString(), yParity: tx.yParity, ...(evaluation ? { policy: policyResult(evaluation) } : {}) };
  return {
    result,
    human: (r) => [`Signed by ${r.signer.address} (${r.signer.path})`, `tx hash: ${r.txHash}`, `v: ${r.v} (yParity ${r.yParity})`, '', 'signed raw transaction:', r.signedHex, '', ...answerLines(r)].join('\n'),
    journal: [
      {
        op: 'eth.sign',
        data: {
          type: review.type,
          chainId: review.chainId.toString(),
          from: common.signer.address,
          to: review.to,
          value: review.value.toString(),
          nonce: review.nonce.toString(),
          maxTotalCost: review.maxTotalCost.toString(),
          txHash: tx.hash,
          requestId: common.ethSignature?.requestId ?? null,
          overrides: common.overrides,
          ...(evaluation ? { policy: evaluation.record } : {}),
        },
      },
    ],
    payload: answerPayload(signed, common) ?? { kind: 'tx', bytes: new TextEncoder().encode(tx.rawHex), format: 'plain', ...payloadAnchor(common) },
  };
}
