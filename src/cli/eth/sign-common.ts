/**
 * What the three sign commands share: the policy options (--expect-chain-id, --max-value and the
 * --allow-… overrides), the confirmation prompt, the eth-signature answer and the output files.
 */
import { parseEth, parseUint } from '../../core/amount.js';
import { InputError } from '../../core/errors.js';
import { parseAddress } from '../../core/eth/erc20.js';
import { ALLOW, type EthPolicy } from '../../core/eth/policy.js';
import { makeSignature, type EthSignRequest } from '../../core/eth/request.js';
import { formatFingerprint, type EthKey } from '../../core/eth/key.js';
import { UINT64_MAX } from '../../core/eth/tx.js';
import { toChecksumAddress } from '../../core/hd/eth-account.js';
import { formatUuid } from '../../core/transport/ur/eth.js';
import { toHex } from '../../core/text.js';
import type { Context } from '../command.js';
import { assertWritable, writeFileAtomic } from '../io.js';
import { overrideFlag } from '../overrides.js';
import { signDigest } from '../../core/eth/sign.js';
import { loadSigner, resolvePath, type SignerOptions } from './signer.js';
import type { PolicyEvaluation } from '../../core/policy/evaluate.js';
import type { PolicyPayload } from '../../core/policy/payload.js';
import { enforcePolicy, underGate, type Gate } from '../policy/gate.js';
import { policyLines, policyResult } from '../policy/render.js';

/** A digest signer under an adopted policy: the gate, the journal op, and the payload as the policy sees it once the key is known. */
export interface PolicyJudge {
  gate: Gate;
  op: string;
  extra: Record<string, unknown>;
  payload: (key: EthKey) => PolicyPayload;
}

export interface PolicyOptions extends SignerOptions {
  from?: string;
  expectChainId?: string;
  maxValue?: string;
  maxFee?: string;
  out?: string;
  outUr?: string;
  allowChainIdMismatch?: boolean;
  allowFromMismatch?: boolean;
  allowFingerprintMismatch?: boolean;
  allowMaxValueExceeded?: boolean;
  allowHighFee?: boolean;
  allowUnlimitedApproval?: boolean;
  fromQr?: string[];
  qrPng?: string;
  qrHtml?: string;
  qrTerminal?: boolean;
}

/** The `--allow-…` overrides given, as finding codes. */
export function allowOf(opts: PolicyOptions): Set<string> {
  const allow = new Set<string>();
  if (opts.allowChainIdMismatch) allow.add(ALLOW.chainIdMismatch);
  if (opts.allowFromMismatch) allow.add(ALLOW.fromMismatch);
  if (opts.allowFingerprintMismatch) allow.add(ALLOW.fingerprintMismatch);
  if (opts.allowMaxValueExceeded) allow.add(ALLOW.maxValueExceeded);
  if (opts.allowHighFee) allow.add(ALLOW.highFee);
  if (opts.allowUnlimitedApproval) allow.add(ALLOW.unlimitedApproval);
  return allow;
}

/** The policy for this run: what to expect, which overrides were given. */
export function policyFor(opts: PolicyOptions, key: EthKey, req?: EthSignRequest): EthPolicy {
  const allow = allowOf(opts);
  return {
    expectChainId: opts.expectChainId !== undefined ? parseUint(opts.expectChainId, '--expect-chain-id', UINT64_MAX) : undefined,
    maxValue: opts.maxValue !== undefined ? parseEth(opts.maxValue, '--max-value') : undefined,
    maxFee: opts.maxFee !== undefined ? parseEth(opts.maxFee, '--max-fee') : undefined,
    expectedFrom: expectedFrom(opts, req),
    signer: key.address,
    requestFingerprint: req?.sourceFingerprint,
    seedFingerprint: key.fingerprint,
    allow,
  };
}

/** The sender the request names or --from asserts (they must agree when both are given). */
function expectedFrom(opts: PolicyOptions, req?: EthSignRequest): string | null {
  const fromReq = req?.address ? toChecksumAddress(toHex(req.address)) : null;
  const fromFlag = opts.from !== undefined ? parseAddress(opts.from, '--from') : null;
  if (fromReq && fromFlag && fromReq !== fromFlag) throw new InputError(`is ${fromFlag} but the sign request is for ${fromReq}`, '--from');
  return fromFlag ?? fromReq;
}

/** Check output paths before anything is signed, so a refusal to overwrite loses no work. */
export function checkOutputs(opts: PolicyOptions, hasRequest: boolean): void {
  if (opts.outUr && !hasRequest) throw new InputError('needs an eth-sign-request as input (a raw payload has no request id to answer)', '--out-ur');
  if (opts.out) assertWritable(opts.out, '--out');
  if (opts.outUr) assertWritable(opts.outUr, '--out-ur');
}

/** Show the review on stderr and ask; a "no" refuses (exit 3) with nothing signed. */
export async function confirmSign(ctx: Context, reviewLines: string[], question: string): Promise<void> {
  for (const l of reviewLines) ctx.note(l);
  await ctx.prompt.confirm(question);
}

/** The eth-signature answer (r ‖ s ‖ v, v in as many bytes as it needs) for a request (null without one). */
export function answerFor(req: EthSignRequest | undefined, rsv: Uint8Array): { ur: string; cbor: Uint8Array; requestId: string } | null {
  if (!req) return null;
  const s = makeSignature({ requestId: req.requestId, signature: rsv, origin: 'coldkit' });
  return { ...s, requestId: formatUuid(req.requestId) };
}

/** Write --out (text) and --out-ur (the eth-signature UR) atomically. */
export function writeOutputs(opts: PolicyOptions, outText: string, urText: string | null): { out?: string; outUr?: string } {
  const w: { out?: string; outUr?: string } = {};
  if (opts.out) {
    writeFileAtomic(opts.out, outText + '\n');
    w.out = opts.out;
  }
  if (opts.outUr) {
    if (!urText) throw new InputError('needs an eth-sign-request as input', '--out-ur');
    writeFileAtomic(opts.outUr, urText + '\n');
    w.outUr = opts.outUr;
  }
  return w;
}

/** Who signed: address, path and seed fingerprint (public). */
export function signerInfo(key: EthKey): { address: string; path: string; fingerprint: string } {
  return { address: key.address, path: key.path, fingerprint: formatFingerprint(key.fingerprint) };
}

/** The human lines for the eth-signature answer and the files written. */
export function answerLines(r: { ethSignature: { ur: string; requestId: string } | null; out?: string; outUr?: string }): string[] {
  return [
    ...(r.ethSignature ? [`eth-signature (request ${r.ethSignature.requestId}):`, r.ethSignature.ur] : []),
    ...(r.out ? [`written: ${r.out}`] : []),
    ...(r.outUr ? [`written: ${r.outUr}`] : []),
  ];
}

/** What sign-typed-data and sign-message return after signing a 32-byte digest. */
export interface DigestSigned {
  signer: { address: string; path: string; fingerprint: string };
  /** 65-byte r ‖ s ‖ v (v = 27/28) as 0x hex. */
  signature: string;
  ethSignature: { ur: string; requestId: string } | null;
  overrides: string[];
  out?: string;
  outUr?: string;
}

/**
 * The shared flow of the digest signers (EIP-712, EIP-191): check outputs, derive the key, run the
 * policy `check`, show `reviewLines` and confirm, sign `digest`, answer the request, write outputs.
 */
export async function signReviewedDigest(
  ctx: Context,
  opts: PolicyOptions,
  req: EthSignRequest | undefined,
  what: string,
  reviewLines: string[],
  digest: string,
  check: (policy: EthPolicy) => string[],
  judged?: PolicyJudge,
): Promise<{ signed: DigestSigned; key: EthKey; cbor: Uint8Array | null; evaluation?: PolicyEvaluation }> {
  // The QR output of a digest signer is the eth-signature answering a request; a bare signature has none.
  const qr = opts.qrPng ? '--qr-png' : opts.qrHtml ? '--qr-html' : opts.qrTerminal ? '--qr-terminal' : undefined;
  if (qr && !req) throw new InputError('needs an eth-sign-request as input: the QR output is the eth-signature answering it', qr);
  checkOutputs(opts, Boolean(req));
  const key = await loadSigner(opts, ctx, resolvePath(opts, req?.path));
  const policy = policyFor(opts, key, req);
  const overrides = underGate(judged?.gate, judged?.op ?? '', judged?.extra ?? {}, () => check(policy)).map(overrideFlag);
  const evaluation = judged ? enforcePolicy(judged.gate, judged.payload(key), ctx, policy.allow, judged.op, judged.extra) : undefined;
  const policyNote = evaluation ? policyLines(policyResult(evaluation)) : [];
  await confirmSign(ctx, [...reviewLines, `signing key:        ${key.address} at ${key.path}`, ...policyNote, ...overrides.map((o) => `OVERRIDE: ${o}`)], `Sign this ${what} with ${key.address}?`);
  const sig = signDigest(digest, key.privateKey);
  const answer = answerFor(req, sig.bytes);
  const written = writeOutputs(opts, sig.signature, answer?.ur ?? null);
  const signed: DigestSigned = {
    signer: signerInfo(key),
    signature: sig.signature,
    ethSignature: answer ? { ur: answer.ur, requestId: answer.requestId } : null,
    overrides,
    ...written,
  };
  return { signed, key, cbor: answer?.cbor ?? null, ...(evaluation ? { evaluation } : {}) };
}
