/**
 * The review model of a transaction: everything an operator must read before signing, shown by
 * `coldkit eth inspect` and inside `coldkit eth sign`. Values are wei (bigint); addresses EIP-55.
 * What is risky about it is not decided here but in findings.ts.
 */
import { formatDecimal } from '../amount.js';
import { digestWords } from '../digest-words.js';
import { fromHex, toHex } from '../text.js';
import { chainName } from './chains.js';
import { decodeErc20Call, type Erc20Call } from './erc20.js';
import type { AccessEntry, DecodedTx, TxType } from './tx.js';

export const TYPE_NAMES: Record<TxType, string> = {
  0: 'legacy (EIP-155)',
  1: 'access list (EIP-2930)',
  2: 'dynamic fee (EIP-1559)',
};

/** What `eth inspect` shows and the sign commands check (the checks: findings.ts). */
export interface TxReview {
  type: TxType;
  typeName: string;
  chainId: bigint;
  chainName: string | null;
  /** Known only when signed, or from the sign request's address. */
  from: string | null;
  /** null: contract creation. */
  to: string | null;
  value: bigint;
  valueEth: string;
  nonce: bigint;
  gasLimit: bigint;
  gasPrice?: bigint;
  maxFeePerGas?: bigint;
  maxPriorityFeePerGas?: bigint;
  /** gas limit × (max fee per gas | gas price) + value: the most this tx can take from the sender. */
  maxTotalCost: bigint;
  maxTotalCostEth: string;
  accessList: AccessEntry[];
  data: { bytes: number; hex: string; erc20: Erc20Call | null };
  /** keccak256 of the unsigned payload (what the key signs). */
  signingHash: string;
  /**
   * 4 words of SHA-256 of the payload that crosses the air gap, as its QR caption shows it: the
   * EIP-4527 request's CBOR when the transaction travels in one (eth tx create, a request read by
   * the signer), else the unsigned transaction.
   */
  digest: string;
  signed: null | { hash: string; from: string; v: bigint; yParity: 0 | 1 };
}

/** Build the review of a decoded transaction. `from` is the expected sender when known. */
export function reviewTx(tx: DecodedTx, from: string | null = null): TxReview {
  const f = tx.fields;
  const fee = f.type === 2 ? f.maxFeePerGas! : f.gasPrice!;
  const maxTotalCost = f.gasLimit * fee + f.value;
  const erc20 = decodeErc20Call(f.data);
  const r: TxReview = {
    type: f.type,
    typeName: TYPE_NAMES[f.type],
    chainId: f.chainId,
    chainName: chainName(f.chainId),
    from: tx.signed?.from ?? from,
    to: f.to,
    value: f.value,
    valueEth: formatDecimal(f.value, 18),
    nonce: f.nonce,
    gasLimit: f.gasLimit,
    maxTotalCost,
    maxTotalCostEth: formatDecimal(maxTotalCost, 18),
    accessList: f.accessList ?? [],
    data: { bytes: f.data.length, hex: '0x' + toHex(f.data), erc20 },
    signingHash: tx.signingHash,
    digest: digestWords(fromHex(tx.unsignedHex, 'unsigned')),
    signed: tx.signed ? { hash: tx.signed.hash, from: tx.signed.from, v: tx.signed.signature.v, yParity: tx.signed.signature.yParity } : null,
  };
  if (f.type === 2) {
    r.maxFeePerGas = f.maxFeePerGas;
    r.maxPriorityFeePerGas = f.maxPriorityFeePerGas;
  } else r.gasPrice = f.gasPrice;
  return r;
}
