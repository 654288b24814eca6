/**
 * The signing policy (docs/formats/policy.md, docs/formats/policy.schema.json): who may approve,
 * which admins change the policy, and the rules a payload must fall under before the offline
 * signer signs it — destinations, per-transaction and rolling-window limits, approval quorums,
 * Ethereum contracts and methods, fee limits, segregation of duties, drill intervals. This file
 * holds the model the parser (parse.ts) builds; amounts are bigint base units of the rule's asset.
 */
import type { Descriptor } from '../wallet/descriptor.js';
import type { NetworkName } from '../network.js';
import type { SshKeyLine } from '../ssh/public-key.js';

/** What a rule's payloads are: Bitcoin PSBTs, Ethereum transactions, Safe transactions. */
export type Chain = 'btc' | 'eth' | 'safe';
export const CHAINS: readonly Chain[] = ['btc', 'eth', 'safe'];

/** A named approver and the SSH public key that speaks for them. */
export interface Approver {
  name: string;
  key: SshKeyLine;
  /** The key line as written in the policy. */
  text: string;
}

/** M of a named group. */
export interface Group {
  quorum: number;
  of: string[];
}

/** An ERC-20 token a rule moves instead of the native coin. */
export interface Token {
  /** EIP-55 contract address. */
  contract: string;
  decimals: number;
  symbol: string;
}

/** An allowed contract call: the contract and the method (its Solidity signature and 4-byte selector). */
export interface AllowedCall {
  /** EIP-55 contract address. */
  to: string;
  /** `transfer(address,uint256)`. */
  method: string;
  /** keccak256(method)[0..4] as 8 hex digits. */
  selector: string;
}

/** An allowed destination: one address, or every address of a descriptor up to the rule's scan depth. */
export type Destination =
  | { kind: 'address'; text: string; /** Bitcoin: output script hex; Ethereum: lower-case address. */ match: string }
  | { kind: 'descriptor'; text: string; descriptor: Descriptor };

/** The unit a rule's amounts are in. */
export interface Unit {
  /** `BTC`, `ETH` or `erc20:<contract>`: what velocity sums per. */
  asset: string;
  symbol: string;
  decimals: number;
}

/** One rule: a payload falls under it when everything about the payload is within it. */
export interface Rule {
  id: string;
  description?: string;
  chain: Chain;
  /** Bitcoin network (default mainnet). */
  network?: NetworkName;
  /** Ethereum chain ids (default [1]). */
  chainIds?: bigint[];
  /** Wallets the rule spends from: master fingerprints (btc) or sender / Safe addresses (eth, safe); absent = any. */
  wallets?: string[];
  /** Allowed destinations; absent = any destination. */
  destinations?: Destination[];
  /** Addresses of a descriptor destination searched on each of its branches. */
  destinationScan: number;
  token?: Token;
  calls?: AllowedCall[];
  maxPerTx?: bigint;
  /** The rolling window of `maxPerWindow`. */
  window?: { text: string; ms: number };
  maxPerWindow?: bigint;
  /** Approvals needed (quorum 0: none). */
  approvals: Group;
  unit: Unit;
}

/** Fee limits every payload must keep, whatever rule it falls under. */
export interface PolicyLimits {
  /** Bitcoin: highest fee rate, milli-sat per vB. */
  maxFeeRateMsat?: bigint;
  /** Bitcoin: highest fee as hundredths of a percent of the amount sent. */
  maxFeePercentHundredths?: bigint;
  /** Ethereum: the most gas may cost (gas limit × max fee per gas), in wei. */
  maxFeeWei?: bigint;
}

/** A parsed, valid policy. */
export interface Policy {
  version: 1;
  name: string;
  description?: string;
  approvers: Map<string, Approver>;
  admins: Group;
  rules: Rule[];
  limits: PolicyLimits;
  segregation: { signerMayApprove: boolean };
  drills?: { text: string; ms: number };
  ceremony: { requireOffline: boolean };
  /** Dates (YYYY-MM-DD, UTC end of day) after which the policy wants review, or an approver key stops counting. */
  rotation: { reviewBy?: string; approvers: Map<string, string> };
  /** The longest an approval request may stay valid. */
  requests: { maxLifetimeMs: number };
  /**
   * Finding codes of the signer's own checks that an operator may still override under this policy
   * (`--allow-<code>`, journaled). Every other override is refused while the policy is adopted.
   */
  overrides: string[];
  /** SHA-256 (hex) of the file's exact bytes: what admins sign and the journal records. */
  sha256: string;
}

/** Default depth of a descriptor destination: indices 0…999 of each branch. */
export const DEFAULT_DESTINATION_SCAN = 1000;
/** Deepest descriptor scan a rule may ask for. */
export const MAX_DESTINATION_SCAN = 100_000;
/** Default longest request lifetime (7 days). */
export const DEFAULT_MAX_REQUEST_LIFETIME_MS = 7 * 86_400_000;

/** SSH signature namespaces: admins sign policy files, approvers sign requests (never interchangeable). */
export const NAMESPACE = { policy: 'coldkit-policy', approval: 'coldkit-approval' } as const;

/** End of a YYYY-MM-DD day (UTC) in ms. */
export function endOfDay(date: string): number {
  return Date.parse(`${date}T23:59:59.999Z`);
}
