/**
 * What the policy judges: a chain-neutral summary of one payload — where value goes (transfers),
 * which contracts it calls, its fee, the wallet it spends from, and its digest — built from the
 * signer's own review (btc-payload.ts for PSBTs, eth-payload.ts for Ethereum and Safe
 * transactions). Proven change is not a transfer; anything the policy cannot bound (a DELEGATECALL,
 * a contract creation, a Safe gas refund, an unknown fee) is listed in `unbounded`, and no rule
 * allows a payload that has any.
 */
import type { NetworkName } from '../network.js';
import type { Chain } from './policy.js';

/** Value leaving the wallet. */
export interface Transfer {
  /** Shown to people: a Bitcoin address (or `script <hex>`), an EIP-55 address. */
  to: string;
  /** Compared with destinations: output script hex (btc) or lower-case address (eth, safe). */
  match: string;
  /** The output script (btc), for descriptor destinations. */
  script?: Uint8Array;
  /** `BTC`, `ETH` or `erc20:<contract>`. */
  asset: string;
  amount: bigint;
  /** Where in the payload: "output 1", "value", "ERC-20 transfer", "ERC-20 approve (allowance)". */
  what: string;
}

/** A contract call. */
export interface Call {
  /** EIP-55 contract address. */
  to: string;
  /** The 4-byte selector (8 hex), or "" for data shorter than 4 bytes. */
  selector: string;
  /** The method when known (ERC-20), for people. */
  method?: string;
}

/** Our own output (Bitcoin change proven by re-deriving it), shown in requests, never a destination. */
export interface OwnOutput {
  to: string;
  amount: bigint;
  path: string;
}

/** The payload's digest, as approvers and the signer compute it. */
export type PayloadDigest =
  | { kind: 'psbt'; txid: string; unsignedTxSha256: string }
  | { kind: 'eth-tx'; signingHash: string }
  | { kind: 'safe-tx'; safeTxHash: string }
  | { kind: 'eth-typed-data'; hash: string };

/** One payload, as the policy sees it. */
export interface PolicyPayload {
  chain: Chain;
  network?: NetworkName;
  chainId?: bigint;
  /** What it spends from, compared with a rule's `wallets`: fingerprints (btc, lower-case hex) or addresses (lower-case). */
  wallets: string[];
  /** The wallet for people: "fingerprint 73c5da0a", "0xAbC…", "Safe 0x…". */
  walletLabel: string;
  transfers: Transfer[];
  calls: Call[];
  change: OwnOutput[];
  /** The fee in the chain's coin (btc: sats; eth: the most gas can cost, wei); undefined when unknown. */
  fee?: bigint;
  /** Bitcoin fee rate, milli-sat per vB. */
  feeRateMsat?: bigint;
  /** What the policy cannot bound; any entry makes every rule refuse. */
  unbounded: string[];
  digest: PayloadDigest;
}

/** The id velocity de-duplicates signings by (the same transaction signed twice counts once). */
export function payloadId(d: PayloadDigest): string {
  switch (d.kind) {
    case 'psbt':
      return `psbt:${d.txid}`;
    case 'eth-tx':
      return `eth-tx:${d.signingHash}`;
    case 'safe-tx':
      return `safe-tx:${d.safeTxHash}`;
    case 'eth-typed-data':
      return `eth-typed-data:${d.hash}`;
  }
}

/** The sum of transfers of one asset. */
export function totalOf(transfers: readonly Transfer[], asset: string): bigint {
  return transfers.filter((t) => t.asset === asset).reduce((s, t) => s + t.amount, 0n);
}
