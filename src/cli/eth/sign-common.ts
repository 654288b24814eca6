/**
 * What the three sign commands share, around the core signer (src/core/eth/signer.ts): the
 * limits and overrides from their options, the seed, the review on stderr and the confirmation,
 * and the output files. The commands differ only in how they read their subject and what they
 * return and journal.
 */
import { parseEth, parseUint } from '../../core/amount.js';
import { InputError } from '../../core/errors.js';
import { parseAddress } from '../../core/eth/account.js';
import { formatFingerprint, wipeKey } from '../../core/eth/key.js';
import type { EthLimits } from '../../core/eth/limits.js';
import { decideSigning, expectedSender, prepare, sign, type Prepared, type Signed } from '../../core/eth/signer.js';
import type { EthSubject } from '../../core/eth/subject.js';
import { UINT64_MAX } from '../../core/eth/tx.js';
import { enforce } from '../../core/findings/decide.js';
import type { Finding } from '../../core/findings/finding.js';
import type { JournalAnchorJson } from '../../core/journal/payload-anchor.js';
import { journalAnchorOf, payloadAnchor } from '../payload-anchor.js';
import type { Context, Payload } from '../command.js';
import { assertWritable, writeFileAtomic } from '../io.js';
import { allowedCodes, findingView, OVERRIDES, overrideFlag } from '../overrides.js';
import { renderFindings, renderReview } from './render.js';
import { loadSigner, resolvePath, type SignerOptions } from './signer.js';
import type { EthKey } from '../../core/eth/key.js';
import type { PolicyEvaluation } from '../../core/policy/evaluate.js';
import type { PolicyPayload } from '../../core/policy/payload.js';
import { enforcePolicy, underGate, type Gate } from '../policy/gate.js';
import { policyLines, policyResult } from '../policy/render.js';
import { retiredKeyFindings } from '../../core/lifecycle/retire.js';
import { journalPath, retiredKeys } from '../journal-file.js';

/** A signer under an adopted policy: the gate, the journal op, what a refusal records, and the payload as the policy sees it once the key is known. */
export interface PolicyJudge {
  gate: Gate;
  op: string;
  extra: (p: Prepared) => Record<string, unknown>;
  payload: (p: Prepared, key: EthKey) => PolicyPayload;
}

/** The `--allow-…` overrides given, as finding codes. */
export function allowOf(opts: object): Set<string> {
  return allowedCodes(opts as Record<string, unknown>, Object.keys(OVERRIDES));
}

/** The options of every sign command (the --allow-… flags are read by allowedCodes). */
export interface SignOptions extends SignerOptions {
  from?: string;
  expectChainId?: string;
  maxValue?: string;
  maxFee?: string;
  out?: string;
  outUr?: string;
  fromQr?: string[];
  qrPng?: string;
  qrHtml?: string;
  qrTerminal?: boolean;
}

/** The limits this run checks against. */
export function limitsOf(opts: Pick<SignOptions, 'expectChainId' | 'maxValue' | 'maxFee'>): EthLimits {
  return {
    ...(opts.expectChainId !== undefined ? { expectChainId: parseUint(opts.expectChainId, '--expect-chain-id', UINT64_MAX) } : {}),
    ...(opts.maxValue !== undefined ? { maxValue: parseEth(opts.maxValue, '--max-value') } : {}),
    ...(opts.maxFee !== undefined ? { maxFee: parseEth(opts.maxFee, '--max-fee') } : {}),
  };
}

/** Check output paths before anything is signed, so a refusal to overwrite loses no work. */
function checkOutputs(opts: SignOptions, hasRequest: boolean, kind: EthSubject['kind']): void {
  // The QR output of a digest signer is the eth-signature answering a request; a bare signature has none.
  const qr = opts.qrPng ? '--qr-png' : opts.qrHtml ? '--qr-html' : opts.qrTerminal ? '--qr-terminal' : undefined;
  if (qr && !hasRequest && kind !== 'transaction') throw new InputError('needs an eth-sign-request as input: the QR output is the eth-signature answering it', qr);
  if (opts.outUr && !hasRequest) throw new InputError('needs an eth-sign-request as input (a raw payload has no request id to answer)', '--out-ur');
  if (opts.out) assertWritable(opts.out, '--out');
  if (opts.outUr) assertWritable(opts.outUr, '--out-ur');
}

/** Show the review on stderr and ask; a "no" refuses (exit 3) with nothing signed. */
export async function confirmSign(ctx: Context, reviewLines: string[], question: string): Promise<void> {
  for (const l of reviewLines) ctx.note(l);
  await ctx.prompt.confirm(question);
}

/** Write --out (text) and --out-ur (the eth-signature UR) atomically. */
function writeOutputs(opts: SignOptions, signed: Signed): { out?: string; outUr?: string } {
  const w: { out?: string; outUr?: string } = {};
  if (opts.out) {
    writeFileAtomic(opts.out, signed.text + '\n');
    w.out = opts.out;
  }
  if (opts.outUr && signed.answer) {
    writeFileAtomic(opts.outUr, signed.answer.ur + '\n');
    w.outUr = opts.outUr;
  }
  return w;
}

const WHAT: Record<Prepared['kind'], string> = { transaction: 'transaction', 'typed-data': 'typed data', message: 'message' };

/** What every sign command returns besides its review. */
export interface SignedCommon {
  signer: { address: string; path: string; fingerprint: string };
  ethSignature: { ur: string; requestId: string } | null;
  /** The overrides used (`--allow-…`), to journal. */
  overrides: string[];
  /** Every finding, most fundamental first (overridden refusals, warnings, notes). */
  findings: (Finding & { override?: string })[];
  out?: string;
  outUr?: string;
  /** The signer journal's head before this signature (payload-anchor.ts), for the online side to record. */
  journalAnchor?: JournalAnchorJson;
}

/** One run of the signer on a subject of kind K: what was prepared, what was signed, the common result fields. */
export interface SignRun<K extends EthSubject['kind']> {
  prepared: Extract<Prepared, { kind: K }>;
  /** The adopted policy's evaluation (under a gate only). */
  evaluation?: PolicyEvaluation;
  signed: Extract<Signed, { kind: K extends 'transaction' ? 'transaction' : 'typed-data' | 'message' }>;
  common: SignedCommon;
}

/**
 * Sign a subject: check outputs and limits, read the seed, prepare and decide (refusing with every
 * blocking finding at once), show the review and ask, sign and verify, write the outputs.
 */
export async function runSigner<S extends EthSubject>(ctx: Context, opts: SignOptions, subject: S, judge?: PolicyJudge): Promise<SignRun<S['kind']>> {
  checkOutputs(opts, Boolean(subject.request), subject.kind);
  const limits = limitsOf(opts);
  const from = opts.from !== undefined ? parseAddress(opts.from, '--from') : null;
  expectedSender(subject.request, from); // a contradiction is an input error before the seed is read
  const key = await loadSigner(opts, ctx, resolvePath(opts, subject.request?.path));
  try {
    const prepared = prepare(subject, { limits, from, signer: key });
    // A key the journal records as retired (`coldkit key retire`) is refused as on psbt sign.
    prepared.findings.push(...retiredKeyFindings([formatFingerprint(key.fingerprint)], retiredKeys(journalPath(ctx.globals.journal, ctx.env))));
    const allow = allowOf(opts);
    // Under a policy, a refusal of the signer's own checks is journaled as policy.refuse too.
    const decision = underGate(judge?.gate, judge?.op ?? '', judge ? judge.extra(prepared) : {}, () => enforce(decideSigning(prepared, allow)));
    const evaluation = judge ? enforcePolicy(judge.gate, judge.payload(prepared, key), ctx, allow, judge.op, judge.extra(prepared)) : undefined;
    const policyNote = evaluation ? policyLines(policyResult(evaluation)) : [];
    const fp = formatFingerprint(key.fingerprint);
    await confirmSign(
      ctx,
      [...(prepared.kind === 'transaction' ? ['Transaction to sign'] : []), ...renderReview(prepared), `signing key:     ${key.address} at ${key.path} (seed ${fp})`, ...policyNote, ...renderFindings(decision.findings, 'signer')],
      `Sign this ${WHAT[prepared.kind]} with ${key.address}?`,
    );
    const signed = sign(prepared, decision, key);
    const common: SignedCommon = {
      signer: { address: key.address, path: key.path, fingerprint: fp },
      ethSignature: signed.answer ? { ur: signed.answer.ur, requestId: signed.answer.requestId } : null,
      overrides: decision.overrides.map(overrideFlag),
      findings: decision.findings.map(findingView),
      ...writeOutputs(opts, signed),
      ...journalAnchorOf(ctx),
    };
    // prepare() and sign() keep the subject's kind.
    return { prepared, signed, common, ...(evaluation ? { evaluation } : {}) } as SignRun<S['kind']>;
  } finally {
    wipeKey(key);
  }
}

/** The human lines for the eth-signature answer and the files written. */
export function answerLines(r: Pick<SignedCommon, 'ethSignature' | 'out' | 'outUr'>): string[] {
  return [
    ...(r.ethSignature ? [`eth-signature (request ${r.ethSignature.requestId}):`, r.ethSignature.ur] : []),
    ...(r.out ? [`written: ${r.out}`] : []),
    ...(r.outUr ? [`written: ${r.outUr}`] : []),
  ];
}

/** The air-gap payload of a digest signature: the eth-signature answer, when there is a request (with the signer journal's head it is shown with). */
export function answerPayload(signed: Signed, common: Pick<SignedCommon, 'journalAnchor'>): Payload | undefined {
  return signed.answer ? { kind: 'eth-signature', bytes: signed.answer.cbor, format: 'ur', ...payloadAnchor(common) } : undefined;
}

