/**
 * The one Ethereum signer, for transactions, EIP-712 typed data and EIP-191 messages alike:
 *
 *   subject (what to sign: decoded payload, and the EIP-4527 request it came in)
 *     → prepare (review + every finding; without a key for the online side)
 *     → decide  (findings + the overrides given → go or refuse, src/core/findings/decide.ts)
 *     → sign    (only a decision that goes; RFC 6979 deterministic, low-s)
 *     → verify  (recover the address from the signature and compare it with the key's)
 *     → assemble (signed tx hex or 65-byte signature, and the eth-signature answering the request).
 *
 * `eth inspect`, `eth tx create` and the three sign commands call these same functions; the CLI
 * only reads secrets and files, shows the review, asks, and writes. Subjects: subject.ts and
 * message-subject.ts.
 */
import { recoverAddress } from 'ethers';
import { InputError, VerificationError } from '../errors.js';
import { decide, enforce, type Decision } from '../findings/decide.js';
import type { Finding } from '../findings/finding.js';
import { toHex } from '../text.js';
import { digestWords } from '../digest-words.js';
import { formatUuid, type EthSignRequest } from '../transport/ur/eth.js';
import { sameAddress, toChecksumAddress } from './account.js';
import { parsePath } from '../hd/path.js';
import { identityFindings, messageFindings, pathFindings, requestFindings, txFindings, typedDataFindings } from './findings.js';
import type { EthKey } from './key.js';
import type { EthLimits } from './limits.js';
import { reviewMessage, type MessageReview } from './message.js';
import { makeSignature } from './request.js';
import { reviewTx, type TxReview } from './review.js';
import { signDigest, signTx, txSignatureBytes, type SignedTx } from './sign.js';
import type { EthSubject } from './subject.js';
import { reviewTypedData, type TypedDataReview } from './typed-data.js';
import { safeTxFromTypedData } from './safe/file.js';
import { reviewSafeTx, type ReviewOptions as SafeReviewOptions, type SafeTxReview } from './safe/review.js';

/** What prepare checks against. */
export interface PrepareOptions {
  limits: EthLimits;
  /** The sender the operator names (--from); the request's own address is read from the request. */
  from?: string | null;
  /** The key that would sign (offline); without it the identity checks are left out. */
  signer?: Pick<EthKey, 'address' | 'fingerprint'> & { path?: string };
  /** MultiSend contracts the operator trusts beyond the published deployments (SafeTx typed data). */
  trustedMultiSend?: SafeReviewOptions['trustedMultiSend'];
}

interface PreparedBase {
  subject: EthSubject;
  /** The 32-byte hash the key signs (0x hex). */
  digest: string;
  /** The sender the request or the operator names (null: none). */
  expectedFrom: string | null;
  /** Every finding, in the order found (decide() sorts them). */
  findings: Finding[];
  signer?: Pick<EthKey, 'address' | 'fingerprint'>;
}

/** A reviewed subject and everything found about it. */
export type Prepared =
  | (PreparedBase & { kind: 'transaction'; review: TxReview })
  | (PreparedBase & { kind: 'typed-data'; review: TypedDataReview; /** A SafeTx: the Safe transaction it authorises, decoded and checked as `eth safe sign` does. */ safe?: SafeTxReview })
  | (PreparedBase & { kind: 'message'; review: MessageReview });

/**
 * The sender a subject names: --from and the request's address must agree when both are given
 * (an input error otherwise, before any key is read).
 */
export function expectedSender(request: EthSignRequest | undefined, from: string | null | undefined, field = '--from'): string | null {
  const fromReq = request?.address ? toChecksumAddress(toHex(request.address)) : null;
  if (fromReq && from && !sameAddress(fromReq, from)) throw new InputError(`is ${from} but the sign request is for ${fromReq}`, field);
  return from ?? fromReq;
}

/** The prepared form of a subject of kind K. */
export type PreparedOf<K extends EthSubject['kind']> = Extract<Prepared, { kind: K }>;

/** Review the subject and collect every finding (the identity ones only when a signer is given). */
export function prepare<S extends EthSubject>(subject: S, opts: PrepareOptions): PreparedOf<S['kind']> {
  return prepareAny(subject, opts) as PreparedOf<S['kind']>;
}

function prepareAny(subject: EthSubject, opts: PrepareOptions): Prepared {
  const req = subject.request;
  const expectedFrom = expectedSender(req, opts.from);
  const findings: Finding[] = [];
  if (opts.signer) {
    findings.push(...identityFindings({ signer: opts.signer.address, seedFingerprint: opts.signer.fingerprint, requestFingerprint: req?.sourceFingerprint, expectedFrom }));
  }
  // The key's path: the signer's (offline), else the one the request names (online).
  const path = opts.signer?.path ?? req?.path;
  if (path !== undefined) findings.push(...pathFindings(parsePath(path, 'path'), path));
  const base = { subject, expectedFrom, findings, ...(opts.signer ? { signer: opts.signer } : {}) };
  switch (subject.kind) {
    case 'transaction': {
      const review = reviewTx(subject.tx, expectedFrom ?? opts.signer?.address ?? null);
      // One payload, one digest: a transaction that came in a request is known by the request's digest, as its QR is.
      if (subject.requestBytes) review.digest = digestWords(subject.requestBytes);
      if (req) findings.push(...requestFindings(req, { txType: review.type, chainId: review.chainId }));
      findings.push(...txFindings(review, opts.limits));
      return { ...base, kind: 'transaction', review, digest: subject.tx.signingHash };
    }
    case 'typed-data': {
      const review = reviewTypedData(subject.typedData);
      if (req) findings.push(...requestFindings(req, { chainId: review.domain.chainId }));
      findings.push(...typedDataFindings(review, opts.limits));
      // A SafeTx is a Safe transaction: the same decoder and findings as `eth safe sign` (no side door
      // for a DELEGATECALL, an owner change or a gas-token drain). A code both raise is reported once.
      const loaded = safeTxFromTypedData(subject.typedData);
      if (!loaded) return { ...base, kind: 'typed-data', review, digest: review.digest };
      const safe = reviewSafeTx(loaded, {
        ...(opts.limits.expectChainId !== undefined ? { expectChainId: opts.limits.expectChainId } : {}),
        ...(opts.signer ? { signer: opts.signer.address } : {}),
        ...(opts.trustedMultiSend ? { trustedMultiSend: opts.trustedMultiSend } : {}),
      });
      const seen = new Set(findings.map((f) => f.code));
      findings.push(...safe.findings.filter((f) => !seen.has(f.code)));
      return { ...base, kind: 'typed-data', review, digest: review.digest, safe };
    }
    case 'message': {
      const review = reviewMessage(subject.message);
      findings.push(...messageFindings(subject.message));
      return { ...base, kind: 'message', review, digest: review.digest };
    }
  }
}

/** The decision on a prepared subject, given the finding codes the operator allows. */
export function decideSigning(p: Prepared, allow: ReadonlySet<string>): Decision {
  return decide(p.findings, allow);
}

/** The EIP-4527 eth-signature answering the subject's request. */
export interface EthAnswer {
  ur: string;
  cbor: Uint8Array;
  requestId: string;
}

/** The assembled result of signing. */
export type Signed = (
  | { kind: 'transaction'; tx: SignedTx }
  | {
      kind: 'typed-data' | 'message';
      /** 65-byte r ‖ s ‖ v (v = 27/28) as 0x hex, as eth_signTypedData_v4 and personal_sign return it. */
      signature: string;
    }
) & {
  /** What --out holds: the signed raw transaction, or the signature. */
  text: string;
  /** r ‖ s ‖ v as an eth-signature carries it. */
  rsv: Uint8Array;
  answer: EthAnswer | null;
};

/**
 * Sign a prepared subject: only when the decision (made on these very findings, for this key)
 * goes; then verify the signature recovers the key's address and assemble the outputs.
 */
export function sign(p: Prepared, decision: Decision, key: EthKey): Signed {
  enforce(decision);
  if (!p.findings.every((f) => decision.findings.includes(f))) throw new VerificationError('internal check: the decision was not made on these findings; nothing was signed');
  if (!p.signer || !sameAddress(p.signer.address, key.address) || p.signer.fingerprint !== key.fingerprint) {
    throw new VerificationError('internal check: the findings were made for another key than the one signing; nothing was signed');
  }
  let out: Signed;
  if (p.kind === 'transaction') {
    if (p.subject.kind !== 'transaction' || p.subject.tx.signed) throw new InputError('is already signed', 'transaction');
    const tx = signTx(p.subject.tx.fields, key.privateKey);
    if (tx.signingHash !== p.digest) throw new VerificationError('the signed transaction is not the one reviewed (its signing hash differs); nothing was written');
    verify(tx.from, key.address);
    out = { kind: 'transaction', tx, text: tx.rawHex, rsv: txSignatureBytes(tx), answer: null };
  } else {
    const sig = signDigest(p.digest, key.privateKey);
    verify(recoverAddress(p.digest, sig.signature), key.address);
    out = { kind: p.kind, signature: sig.signature, text: sig.signature, rsv: sig.bytes, answer: null };
  }
  const req = p.subject.request;
  if (req) out.answer = { ...makeSignature({ requestId: req.requestId, signature: out.rsv, origin: 'coldkit' }), requestId: formatUuid(req.requestId) };
  return out;
}

function verify(recovered: string, address: string): void {
  if (!sameAddress(recovered, address)) throw new VerificationError(`the signature recovers ${recovered}, not the signing key's address ${address}; nothing was written`);
}
