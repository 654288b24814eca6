/**
 * `coldkit eth safe sign`: the offline owner's signature of a Safe transaction. Pipeline: read →
 * recompute the hashes → decode → findings (Safe checks, the owner check for this key, the expected
 * hash) → one decision (refused with exit 3 unless every blocking finding has its --allow-… flag)
 * → show the review and confirm → sign the safeTxHash (EIP-712, v 27/28) → recover it as a check →
 * write the signature, the file with it added, the eth-signature answer and QR.
 */
import { InputError, VerificationError } from '../../core/errors.js';
import { safeTxFileJson } from '../../core/eth/safe/file.js';
import { reviewSafeTx, type SafeTxReview } from '../../core/eth/safe/review.js';
import { recoverOwnerSignature } from '../../core/eth/safe/signatures.js';
import { signDigest } from '../../core/eth/sign.js';
import { decide, enforce, sortFindings } from '../../core/findings/decide.js';
import type { Context, Outcome } from '../command.js';
import type { ethSafeSign as table } from '../commands/eth-safe.js';
import { SAFE_OVERRIDES } from '../commands/eth-safe.js';
import { answerLines, confirmSign } from '../eth/sign-common.js';
import { journalAnchorOf, payloadAnchor } from '../payload-anchor.js';
import { formatFingerprint, wipeKey } from '../../core/eth/key.js';
import { makeSignature } from '../../core/eth/request.js';
import { formatUuid } from '../../core/transport/ur/eth.js';
import { expectedHashFindings, readSafeInput, renderSafeReview, reviewOptions } from '../eth/safe.js';
import { loadSigner, resolvePath } from '../eth/signer.js';
import type { JournalAnchorJson } from '../../core/journal/payload-anchor.js';
import { assertWritable, writeFileAtomic } from '../io.js';
import { allowedCodes, overrideFlag } from '../overrides.js';
import { retiredKeyFindings } from '../../core/lifecycle/retire.js';
import { journalPath, retiredKeys } from '../journal-file.js';
import type { OptionsOf } from '../options/spec.js';
import { safeTxFieldsOf, safeTxPayload } from '../../core/policy/eth-payload.js';
import { enforcePolicy, openGate, underGate, underPolicy } from '../policy/gate.js';
import { policyLines, policyResult, type PolicyResult } from '../policy/render.js';

export interface SafeSignResult {
  review: SafeTxReview;
  signer: { address: string; path: string; fingerprint: string };
  /** 65-byte r ‖ s ‖ v (v = 27/28) over the safeTxHash, 0x hex. */
  signature: string;
  ethSignature: { ur: string; requestId: string } | null;
  overrides: string[];
  out?: string;
  outFile?: string;
  outUr?: string;
  /** The signer journal's head before this signature (payload-anchor.ts). */
  journalAnchor?: JournalAnchorJson;
  /** The adopted policy's decision: the Safe transaction judged as the payment it makes. */
  policy?: PolicyResult;
}

export default async function ethSafeSign(opts: OptionsOf<typeof table>, ctx: Context, args: string[]): Promise<Outcome<SafeSignResult>> {
  // Under an adopted policy an owner's signature is a payment like any other: the same gate as eth sign.
  const gate = openGate(ctx, opts);
  const allow = allowedCodes(opts, SAFE_OVERRIDES);
  if (gate) underPolicy(gate, { allow });
  const input = await readSafeInput(ctx, args[0], opts.fromQr, opts.chainId);
  const req = input.request;
  if (opts.outUr && !req) throw new InputError('needs an eth-sign-request as input (a file has no request id to answer)', '--out-ur');
  if (opts.out) assertWritable(opts.out, '--out');
  if (opts.outFile) assertWritable(opts.outFile, '--out-file');
  if (opts.outUr) assertWritable(opts.outUr, '--out-ur');
  const key = await loadSigner(opts, ctx, resolvePath(opts, req?.path));
  try {
    const review = reviewSafeTx(input.loaded, reviewOptions(opts, key.address));
    const retired = retiredKeyFindings([formatFingerprint(key.fingerprint)], retiredKeys(journalPath(ctx.globals.journal, ctx.env)));
    review.findings = sortFindings([...review.findings, ...expectedHashFindings(review, opts.expectSafeTxHash), ...retired]);
    const lines = renderSafeReview(review);
    // The operator sees the whole review (DELEGATECALL first) before any refusal or question.
    for (const l of lines) ctx.note(l);
    const refused = { safe: review.safe, chainId: review.chainId.toString(), safeTxHash: review.hashes.safeTxHash };
    const decision = underGate(gate, 'eth.safe.sign', refused, () => enforce(decide(review.findings, allow)));
    const evaluation = gate ? enforcePolicy(gate, safeTxPayload(safeTxFieldsOf(input.loaded)), ctx, allow, 'eth.safe.sign', refused) : undefined;
    const overrides = decision.overrides.map(overrideFlag);
    await confirmSign(ctx, [`signing key:     ${key.address} at ${key.path}`, ...(evaluation ? policyLines(policyResult(evaluation)) : []), ...overrides.map((o) => `OVERRIDE: ${o}`)], `Sign safeTxHash ${review.hashes.safeTxHash} with ${key.address}?`);
    const sig = signDigest(review.hashes.safeTxHash, key.privateKey);
    const back = recoverOwnerSignature(review.hashes.safeTxHash, sig.signature);
    if (back.owner !== key.address) throw new VerificationError(`the signature recovers ${back.owner}, not the signing key ${key.address}`);
    // EIP-4527: the eth-signature answering the request, bound to its request id.
    const answer = req ? { ...makeSignature({ requestId: req.requestId, signature: sig.bytes, origin: 'coldkit' }), requestId: formatUuid(req.requestId) } : null;
    const result: SafeSignResult = { review, signer: { address: key.address, path: key.path, fingerprint: formatFingerprint(key.fingerprint) }, signature: sig.signature, ethSignature: answer ? { ur: answer.ur, requestId: answer.requestId } : null, overrides, ...journalAnchorOf(ctx), ...(evaluation ? { policy: policyResult(evaluation) } : {}) };
    if (opts.out) {
      writeFileAtomic(opts.out, sig.signature + '\n');
      result.out = opts.out;
    }
    if (opts.outFile) {
      const doc = { ...input.loaded.doc, signatures: [...(input.loaded.doc.signatures ?? []).filter((s) => s.toLowerCase() !== sig.signature), sig.signature] };
      writeFileAtomic(opts.outFile, JSON.stringify(safeTxFileJson({ ...input.loaded, doc }), null, 2) + '\n');
      result.outFile = opts.outFile;
    }
    if (opts.outUr && answer) {
      writeFileAtomic(opts.outUr, answer.ur + '\n');
      result.outUr = opts.outUr;
    }
    return {
      result,
      human: (r) =>
        [
          `Signed Safe transaction ${r.review.hashes.safeTxHash} as owner ${r.signer.address} (${r.signer.path})`,
          `signature: ${r.signature}`,
          ...(r.outFile ? [`written: ${r.outFile}`] : []),
          ...answerLines(r),
        ].join('\n'),
      journal: [
        {
          op: 'eth.safe.sign',
          data: {
            safe: review.safe,
            chainId: review.chainId.toString(),
            safeVersion: review.safeVersion,
            nonce: review.nonce.toString(),
            operation: review.operation,
            to: review.to,
            domainHash: review.hashes.domainHash,
            messageHash: review.hashes.messageHash,
            safeTxHash: review.hashes.safeTxHash,
            signer: key.address,
            requestId: answer?.requestId ?? null,
            overrides,
            ...(evaluation ? { policy: evaluation.record } : {}),
          },
        },
      ],
      payload: { ...(answer ? { kind: 'eth-signature' as const, bytes: answer.cbor, format: 'ur' as const } : { kind: 'text' as const, bytes: new TextEncoder().encode(sig.signature) }), ...payloadAnchor(result) },
    };
  } finally {
    wipeKey(key);
  }
}
