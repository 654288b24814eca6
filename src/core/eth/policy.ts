/**
 * Signing policy for Ethereum: each risky act is refused (exit 3) unless its loudly named
 * override is given; the overrides used are returned so the caller journals them.
 */
import { formatDecimal } from '../amount.js';
import { RefusedError } from '../errors.js';
import { describeChain } from './chains.js';
import { formatFingerprint } from './key.js';
import type { TxReview } from './review.js';
import type { TypedDataReview } from './typed-data.js';

/** The finding codes of the named overrides (the CLI's flag is `--allow-<code>`) and what each one permits. */
export const ALLOW = {
  /** Sign although the chain id differs from --expect-chain-id. */
  chainIdMismatch: 'chain-id-mismatch',
  /** Sign although the request's from/address is not the key at the path. */
  fromMismatch: 'from-mismatch',
  /** Sign although the maximum total cost is above --max-value. */
  maxValueExceeded: 'max-value-exceeded',
  /** Sign although the request's source fingerprint is not this seed's. */
  fingerprintMismatch: 'fingerprint-mismatch',
  /** Sign although the maximum fee (gas limit × max fee per gas) is above --max-fee. */
  highFee: 'high-fee',
  /** Sign an ERC-20 approve of an unlimited (≥ 2^255) allowance. */
  unlimitedApproval: 'unlimited-approval',
} as const;

export type AllowFlag = (typeof ALLOW)[keyof typeof ALLOW];

/** What the signer knows and was told to expect. */
export interface EthPolicy {
  expectChainId?: bigint;
  maxValue?: bigint;
  /** Largest acceptable fee, gas limit × (max fee per gas | gas price), in wei (always set: a default applies). */
  maxFee?: bigint;
  /** The address the request says it is for (null: the request names none). */
  expectedFrom?: string | null;
  /** The address of the key at the path. */
  signer: string;
  requestFingerprint?: number;
  seedFingerprint: number;
  /** Overrides the operator gave. */
  allow: ReadonlySet<string>;
}

/** Refuse `message` unless `flag` is allowed; record the override when it is. */
function gate(cond: boolean, flag: AllowFlag, message: string, policy: EthPolicy, used: string[]): void {
  if (!cond) return;
  if (!policy.allow.has(flag)) throw new RefusedError(message, flag);
  used.push(flag);
}

/** Checks common to every signature: chain id, sender, fingerprint. Returns the overrides used. */
export function checkCommon(chainId: bigint | null, policy: EthPolicy, used: string[] = []): string[] {
  if (policy.expectChainId !== undefined && chainId !== null) {
    gate(chainId !== policy.expectChainId, ALLOW.chainIdMismatch, `chain id is ${describeChain(chainId)}, not the expected ${describeChain(policy.expectChainId)}`, policy, used);
  }
  if (policy.expectedFrom) {
    gate(
      policy.expectedFrom.toLowerCase() !== policy.signer.toLowerCase(),
      ALLOW.fromMismatch,
      `the sender should be ${policy.expectedFrom} (from the sign request or --from) but the key at this path is ${policy.signer}`,
      policy,
      used,
    );
  }
  if (policy.requestFingerprint !== undefined) {
    gate(
      policy.requestFingerprint !== policy.seedFingerprint,
      ALLOW.fingerprintMismatch,
      `the request is for master fingerprint ${formatFingerprint(policy.requestFingerprint)} but this seed is ${formatFingerprint(policy.seedFingerprint)}`,
      policy,
      used,
    );
  }
  return used;
}

/** All transaction checks; returns the overrides used (to be journaled). */
export function checkTxPolicy(review: TxReview, policy: EthPolicy): string[] {
  const used = checkCommon(review.chainId, policy);
  if (policy.maxValue !== undefined) {
    gate(
      review.maxTotalCost > policy.maxValue,
      ALLOW.maxValueExceeded,
      `maximum total cost ${formatDecimal(review.maxTotalCost, 18)} ETH is above --max-value ${formatDecimal(policy.maxValue, 18)} ETH`,
      policy,
      used,
    );
  }
  if (policy.maxFee !== undefined) {
    const maxFee = review.maxTotalCost - review.value;
    gate(
      maxFee > policy.maxFee,
      ALLOW.highFee,
      `the fee can reach ${formatDecimal(maxFee, 18)} (gas limit × max fee per gas), above --max-fee ${formatDecimal(policy.maxFee, 18)} — a mistyped gas price or limit?`,
      policy,
      used,
    );
  }
  const c = review.data.erc20;
  gate(c?.method === 'approve' && c.unlimited, ALLOW.unlimitedApproval, `this is an UNLIMITED ERC-20 approval to ${c && 'spender' in c ? c.spender : '?'}`, policy, used);
  return used;
}

/** Typed-data checks: the domain chain id, sender, fingerprint, and an unlimited Permit/Permit2 allowance. */
export function checkTypedDataPolicy(review: TypedDataReview, policy: EthPolicy): string[] {
  const used = checkCommon(review.domain.chainId ?? null, policy);
  if (policy.expectChainId !== undefined && review.domain.chainId === undefined) {
    gate(true, ALLOW.chainIdMismatch, `the typed data's domain has no chainId (valid on every chain), but --expect-chain-id ${policy.expectChainId} was given`, policy, used);
  }
  gate(review.permit !== null && review.unlimited, ALLOW.unlimitedApproval, `this ${review.permit} grants an UNLIMITED allowance`, policy, used);
  return used;
}
