/**
 * The review of a Safe transaction: everything an owner must read and compare before signing,
 * shown by `eth safe inspect` and inside `eth safe sign` (and `eth sign-typed-data` of a SafeTx):
 * the Safe, the chain by name, the version and its domain shape, the three hashes, the decoded
 * call tree, the gas refund fields, the nonce, and every finding.
 */
import { formatDecimal } from '../../amount.js';
import type { Finding } from '../../findings/finding.js';
import { sortFindings } from '../../findings/decide.js';
import { chainName } from '../chains.js';
import { decodeSafeCall, type SafeCall } from './decode.js';
import type { LoadedSafeTx } from './file.js';
import { checkSafeTx, hashMismatch, type SafeCheckContext } from './findings.js';
import type { SafeHashes } from './hash.js';

/** The review model. */
export interface SafeTxReview {
  safe: string;
  chainId: bigint;
  chainName: string | null;
  safeVersion: string;
  versionKnown: boolean;
  /** The domain fields hashed: chainId + verifyingContract (≥ 1.3.0) or verifyingContract only. */
  domainFields: string[];
  operation: 'CALL' | 'DELEGATECALL';
  to: string;
  value: bigint;
  valueEth: string;
  nonce: bigint;
  gas: { safeTxGas: bigint; baseGas: bigint; gasPrice: bigint; gasToken: string; refundReceiver: string };
  hashes: SafeHashes;
  call: SafeCall;
  owners: string[] | null;
  threshold: number | null;
  findings: Finding[];
}

/** Options of the review beyond the document (signer, expectations, trusted MultiSends). */
export type ReviewOptions = Omit<SafeCheckContext, 'safe' | 'chainId' | 'versionKnown' | 'version' | 'owners' | 'currentNonce'>;

/** Decode, check and summarise a loaded Safe transaction. */
export function reviewSafeTx(l: LoadedSafeTx, opts: ReviewOptions = {}): SafeTxReview {
  const { doc, hashes } = l;
  const t = doc.tx;
  const call = decodeSafeCall({ operation: t.operation, to: t.to, value: t.value, data: t.data });
  const findings = checkSafeTx(t, call, {
    ...opts,
    safe: doc.safe,
    chainId: doc.chainId,
    versionKnown: l.versionKnown,
    version: doc.safeVersion,
    ...(doc.owners ? { owners: doc.owners } : {}),
    ...(doc.currentNonce !== undefined ? { currentNonce: doc.currentNonce } : {}),
  });
  if (l.claimed && l.claimed.safeTxHash !== hashes.safeTxHash) findings.push(hashMismatch(l.claimed.safeTxHash, hashes.safeTxHash, l.claimed.source));
  return {
    safe: doc.safe,
    chainId: doc.chainId,
    chainName: chainName(doc.chainId),
    safeVersion: doc.safeVersion,
    versionKnown: l.versionKnown,
    domainFields: l.shape.chainIdInDomain ? ['chainId', 'verifyingContract'] : ['verifyingContract'],
    operation: t.operation === 1 ? 'DELEGATECALL' : 'CALL',
    to: t.to,
    value: t.value,
    valueEth: formatDecimal(t.value, 18),
    nonce: t.nonce,
    gas: { safeTxGas: t.safeTxGas, baseGas: t.baseGas, gasPrice: t.gasPrice, gasToken: t.gasToken, refundReceiver: t.refundReceiver },
    hashes,
    call,
    owners: doc.owners ?? null,
    threshold: doc.threshold ?? null,
    findings: sortFindings(findings),
  };
}
