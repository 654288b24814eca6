/**
 * Ethereum transactions and Safe transactions as the policy sees them. Value sent is an ETH
 * transfer to `to`; calldata is a call to `to` (its 4-byte selector); ERC-20 `transfer` and
 * `transferFrom` are token transfers to their recipient, and `approve` counts as a transfer of the
 * allowance to the spender (an allowance is money the spender may take: an unlimited one exceeds
 * every limit). The fee is the most gas can cost (gas limit × max fee per gas).
 *
 * A Safe transaction (SafeTx, EIP-712) spends from the Safe: CALL only — a DELEGATECALL runs
 * another contract's code as the Safe (the Bybit loss, February 2025) and no rule allows it; a
 * non-zero gasPrice pays a refund the policy cannot bound (to refundReceiver, in gasToken), so it
 * is unbounded too. Safe signatures themselves are built elsewhere (src/core/eth/safe/); this file
 * only needs the SafeTx fields and its safeTxHash.
 */
import type { LoadedSafeTx } from '../eth/safe/file.js';
import { toChecksumAddress } from '../eth/account.js';
import { decodeErc20Call } from '../eth/erc20.js';
import type { TxReview } from '../eth/review.js';
import { fromHex, toHex } from '../text.js';
import type { Call, PolicyPayload, Transfer } from './payload.js';

/** The fields of an Ethereum transaction the policy reads. */
export interface EvmTx {
  chainId: bigint;
  /** The sender, when known (the key's address on the signer). */
  from: string | null;
  /** null: contract creation. */
  to: string | null;
  value: bigint;
  data: Uint8Array;
  /** gas limit × (max fee per gas | gas price). */
  maxFee: bigint;
  /** keccak256 of the unsigned payload (0x hex). */
  signingHash: string;
}

/** The fields of a Safe transaction the policy reads. */
export interface SafeTxFields {
  /** The Safe (verifyingContract). */
  safe: string;
  chainId: bigint;
  to: string;
  value: bigint;
  data: Uint8Array;
  /** 0 CALL, 1 DELEGATECALL. */
  operation: number;
  gasPrice: bigint;
  gasToken: string;
  refundReceiver: string;
  nonce: bigint;
  /** The EIP-712 hash the owners sign (0x hex). */
  safeTxHash: string;
}

/** The EvmTx of the Ethereum review (src/core/eth/review.ts). */
export function evmTxOf(r: Pick<TxReview, 'chainId' | 'from' | 'to' | 'value' | 'data' | 'maxTotalCost' | 'signingHash'>): EvmTx {
  return { chainId: r.chainId, from: r.from, to: r.to, value: r.value, data: fromHex(r.data.hex, 'data'), maxFee: r.maxTotalCost - r.value, signingHash: r.signingHash };
}

const lower = (a: string) => a.toLowerCase();

/** Transfers and calls of one call (to, value, data) on an EVM chain. */
function callEffects(to: string, value: bigint, data: Uint8Array): { transfers: Transfer[]; calls: Call[] } {
  const sum = toChecksumAddress(to);
  const transfers: Transfer[] = [];
  const calls: Call[] = [];
  if (value > 0n) transfers.push({ to: sum, match: lower(sum), asset: 'ETH', amount: value, what: 'value' });
  if (data.length > 0) {
    const erc20 = decodeErc20Call(data);
    calls.push({ to: sum, selector: data.length >= 4 ? toHex(data.subarray(0, 4)) : '', ...(erc20 ? { method: erc20.method } : {}) });
    const asset = `erc20:${sum}`;
    if (erc20?.method === 'transfer' || erc20?.method === 'transferFrom') transfers.push({ to: erc20.to, match: lower(erc20.to), asset, amount: erc20.amount, what: `ERC-20 ${erc20.method}` });
    else if (erc20?.method === 'approve' || erc20?.method === 'increaseAllowance') transfers.push({ to: erc20.spender, match: lower(erc20.spender), asset, amount: erc20.amount, what: `ERC-20 approve (allowance${erc20.unlimited ? ', UNLIMITED' : ''})` });
  }
  return { transfers, calls };
}

/** The policy payload of an Ethereum transaction. */
export function ethTxPayload(tx: EvmTx): PolicyPayload {
  const unbounded: string[] = [];
  let effects: { transfers: Transfer[]; calls: Call[] } = { transfers: [], calls: [] };
  if (tx.to === null) unbounded.push('a contract creation: the deployed code is not a transfer a rule can bound');
  else effects = callEffects(tx.to, tx.value, tx.data);
  if (!tx.from) unbounded.push('the sender is unknown');
  return {
    chain: 'eth',
    chainId: tx.chainId,
    wallets: tx.from ? [lower(tx.from)] : [],
    walletLabel: tx.from ? toChecksumAddress(tx.from) : 'unknown',
    ...effects,
    change: [],
    fee: tx.maxFee,
    unbounded,
    digest: { kind: 'eth-tx', signingHash: lower(tx.signingHash) },
  };
}

/** The policy payload of a Safe transaction. */
/** The policy's view of a Safe transaction read by the Safe module (any Safe version; hashes recomputed there). */
export function safeTxFieldsOf(l: LoadedSafeTx): SafeTxFields {
  const t = l.doc.tx;
  return {
    safe: l.doc.safe,
    chainId: l.doc.chainId,
    to: t.to,
    value: t.value,
    data: t.data,
    operation: t.operation,
    gasPrice: t.gasPrice,
    gasToken: t.gasToken,
    refundReceiver: t.refundReceiver,
    nonce: t.nonce,
    safeTxHash: l.hashes.safeTxHash,
  };
}

export function safeTxPayload(tx: SafeTxFields): PolicyPayload {
  const unbounded: string[] = [];
  const effects = callEffects(tx.to, tx.value, tx.data);
  if (tx.operation !== 0) unbounded.push(`operation ${tx.operation} (DELEGATECALL) to ${toChecksumAddress(tx.to)}: it runs that contract's code as the Safe`);
  if (tx.gasPrice !== 0n) unbounded.push(`a gas refund (gasPrice ${tx.gasPrice} in ${tx.gasToken} to ${tx.refundReceiver}) the policy cannot bound`);
  const safe = toChecksumAddress(tx.safe);
  return {
    chain: 'safe',
    chainId: tx.chainId,
    wallets: [lower(safe)],
    walletLabel: `Safe ${safe} nonce ${tx.nonce}`,
    ...effects,
    change: [],
    unbounded,
    digest: { kind: 'safe-tx', safeTxHash: lower(tx.safeTxHash) },
  };
}

/**
 * The policy payload of EIP-712 typed data other than a SafeTx: a signature, not a transaction —
 * yet a Permit, a Permit2 grant or an exchange order moves funds when someone submits it, by an
 * amount and to a party no rule's fields describe. Unbounded, so no rule allows it: under an
 * adopted policy such data is refused (a new policy cannot allow it either; sign it elsewhere).
 */
export function typedDataPayload(o: { chainId?: bigint; from: string; primaryType: string; digest: string }): PolicyPayload {
  const from = toChecksumAddress(o.from);
  return {
    chain: 'eth',
    ...(o.chainId !== undefined ? { chainId: o.chainId } : {}),
    wallets: [lower(from)],
    walletLabel: from,
    transfers: [],
    calls: [],
    change: [],
    unbounded: [`EIP-712 ${o.primaryType} typed data: a signature whose effects no rule can bound (only a SafeTx is judged as a transaction)`],
    digest: { kind: 'eth-typed-data', hash: lower(o.digest) },
  };
}
