/**
 * `coldkit eth sign`: review an unsigned type 0/1/2 transaction (raw hex or an EIP-4527
 * eth-sign-request), check it against the policy, confirm, sign offline. Output: the signed raw
 * transaction and, for a request, an eth-signature UR bound to its request id.
 */
import { InputError } from '../../core/errors.js';
import { checkTxPolicy } from '../../core/eth/policy.js';
import { reviewTx, type TxReview } from '../../core/eth/review.js';
import { signTx, txSignatureBytes } from '../../core/eth/sign.js';
import { decodeTx, refuseUnsupportedType } from '../../core/eth/tx.js';
import { formatFingerprint } from '../../core/eth/key.js';
import { toHex } from '../../core/text.js';
import type { Context, Outcome } from '../command.js';
import { readSignInput } from '../eth/input.js';
import { renderTxReview } from '../eth/render.js';
import { overrideFlag } from '../overrides.js';
import { allowOf, answerFor, answerLines, checkOutputs, confirmSign, policyFor, signerInfo, writeOutputs } from '../eth/sign-common.js';
import { ethTxPayload, evmTxOf } from '../../core/policy/eth-payload.js';
import { enforcePolicy, openGate, underGate, underPolicy } from '../policy/gate.js';
import { policyLines, policyResult, type PolicyResult } from '../policy/render.js';
import { loadSigner, resolvePath } from '../eth/signer.js';
import { ethSign as ethSignTable } from '../commands/eth.js';
import { parseEth } from '../../core/amount.js';
import { defaults, type OptionsOf } from '../options/spec.js';

export interface EthSignResult {
  review: TxReview;
  signer: { address: string; path: string; fingerprint: string };
  signedHex: string;
  txHash: string;
  v: string;
  yParity: 0 | 1;
  ethSignature: { ur: string; requestId: string } | null;
  overrides: string[];
  out?: string;
  outUr?: string;
  /** The adopted policy's decision: rule matched, approvals counted, every rule's verdict. */
  policy?: PolicyResult;
}

export default async function ethSign(opts: OptionsOf<typeof ethSignTable>, ctx: Context, args: string[]): Promise<Outcome<EthSignResult>> {
  // The adopted policy (if any) is read and the override flags checked before the payload or the seed is.
  const gate = openGate(ctx, opts);
  if (gate) underPolicy(gate, { allow: allowOf(opts), looser: parseEth(opts.maxFee, '--max-fee') > parseEth(defaults(ethSignTable).maxFee, '--max-fee') ? ['--max-fee'] : [] });
  const input = await readSignInput(ctx, args[0], opts.fromQr, 'unsigned_file');
  const req = input.kind === 'request' ? input.request : undefined;
  let hex: string;
  if (req) {
    if (req.dataType === 2) throw new InputError('this eth-sign-request carries EIP-712 typed data; use `coldkit eth sign-typed-data`', 'unsigned_file');
    if (req.dataType === 3) throw new InputError('this eth-sign-request carries a personal message; use `coldkit eth sign-message --request`', 'unsigned_file');
    hex = '0x' + toHex(req.signData);
  } else hex = input.kind === 'raw' ? input.text.trim() : '';
  refuseUnsupportedType(hex);
  const tx = decodeTx(hex, 'unsigned_file');
  if (tx.signed) throw new InputError('is already signed; inspect it with `coldkit eth inspect` or send it with `coldkit eth broadcast`', 'unsigned_file');
  if (req) {
    const legacy = tx.fields.type === 0;
    if ((req.dataType === 1) !== legacy) throw new InputError(`data type ${req.dataType} does not match the payload (a type ${tx.fields.type} transaction)`, 'eth-sign-request');
    if (req.chainId !== undefined && req.chainId !== tx.fields.chainId) {
      throw new InputError(`chain id ${req.chainId} differs from the transaction's chain id ${tx.fields.chainId}`, 'eth-sign-request');
    }
  }
  checkOutputs(opts, Boolean(req));
  const path = resolvePath(opts, req?.path);
  const key = await loadSigner(opts, ctx, path);
  const policy = policyFor(opts, key, req);
  const review = reviewTx(tx, policy.expectedFrom ?? key.address);
  const refused = { signingHash: review.signingHash, chainId: review.chainId.toString() };
  const overrides = underGate(gate, 'eth.sign', refused, () => checkTxPolicy(review, policy)).map(overrideFlag);
  const evaluation = gate ? enforcePolicy(gate, ethTxPayload(evmTxOf(review)), ctx, policy.allow, 'eth.sign', refused) : undefined;
  const policyNote = evaluation ? policyLines(policyResult(evaluation)) : [];
  await confirmSign(ctx, ['Transaction to sign', ...renderTxReview(review), `signing key:     ${key.address} at ${key.path} (seed ${formatFingerprint(key.fingerprint)})`, ...policyNote, ...overrides.map((o) => `OVERRIDE: ${o}`)], `Sign this transaction with ${key.address}?`);
  const signed = signTx(tx.fields, key.privateKey);
  const answer = answerFor(req, req ? txSignatureBytes(signed) : new Uint8Array());
  const written = writeOutputs(opts, signed.rawHex, answer?.ur ?? null);
  const result: EthSignResult = {
    review,
    signer: signerInfo(key),
    signedHex: signed.rawHex,
    txHash: signed.hash,
    v: signed.v.toString(),
    yParity: signed.yParity,
    ethSignature: answer ? { ur: answer.ur, requestId: answer.requestId } : null,
    overrides,
    ...written,
    ...(evaluation ? { policy: policyResult(evaluation) } : {}),
  };
  return {
    result,
    human: (r) =>
      [
        `Signed by ${r.signer.address} (${r.signer.path})`,
        `tx hash: ${r.txHash}`,
        `v: ${r.v} (yParity ${r.yParity})`,
        '',
        'signed raw transaction:',
        r.signedHex,
        '',
        ...answerLines(r),
      ].join('\n'),
    journal: [
      {
        op: 'eth.sign',
        data: {
          type: review.type,
          chainId: review.chainId.toString(),
          from: key.address,
          to: review.to,
          value: review.value.toString(),
          nonce: review.nonce.toString(),
          maxTotalCost: review.maxTotalCost.toString(),
          txHash: signed.hash,
          requestId: answer?.requestId ?? null,
          overrides,
          ...(evaluation ? { policy: evaluation.record } : {}),
        },
      },
    ],
    payload: answer ? { kind: 'eth-signature', bytes: answer.cbor, format: 'ur' } : { kind: 'tx', bytes: new TextEncoder().encode(signed.rawHex), format: 'plain' },
  };
}

