/**
 * Token calldata (EIP-20, ERC-721/1155, Permit2 + Solidity ABI): the calls a custodian signs most,
 * and the approvals by another name an attacker uses instead of approve(MAX).
 *   transfer(address,uint256)              selector a9059cbb
 *   approve(address,uint256)               selector 095ea7b3
 *   transferFrom(address,address,uint256)  selector 23b872dd
 *   increaseAllowance(address,uint256)     selector 39509351   decreaseAllowance: a457c2d7
 *   setApprovalForAll(address,bool)        selector a22cb465   (ERC-721 and ERC-1155)
 *   approve(address,address,uint160,uint48) selector 87517c45  (Permit2)
 * Decoding is strict: address words with 12 zero bytes in front; bytes past the arguments are
 * reported (`trailing`), not hidden. Anything else is shown as raw hex by the review.
 */
import { InputError } from '../errors.js';
import { toHex } from '../text.js';
import { parseAddress, toChecksumAddress } from './account.js';

export const SELECTOR = {
  transfer: 'a9059cbb',
  approve: '095ea7b3',
  transferFrom: '23b872dd',
  /** OpenZeppelin's increaseAllowance(address,uint256) / decreaseAllowance(address,uint256). */
  increaseAllowance: '39509351',
  decreaseAllowance: 'a457c2d7',
  /** ERC-721 and ERC-1155 setApprovalForAll(address operator, bool approved). */
  setApprovalForAll: 'a22cb465',
  /** Uniswap Permit2 approve(address token, address spender, uint160 amount, uint48 expiration). */
  permit2Approve: '87517c45',
} as const;
export const MAX_UINT256 = (1n << 256n) - 1n;

/**
 * A decoded token call. Addresses are EIP-55 checksummed. `trailing` (only when > 0): bytes after
 * the ABI arguments, which the token ignores but a front end can use to hide or smuggle data.
 */
export type Erc20Call = (
  | { method: 'transfer'; to: string; amount: bigint }
  | { method: 'approve' | 'increaseAllowance'; spender: string; amount: bigint; unlimited: boolean }
  | { method: 'decreaseAllowance'; spender: string; amount: bigint }
  | { method: 'transferFrom'; from: string; to: string; amount: bigint }
  | { method: 'setApprovalForAll'; operator: string; approved: boolean }
  | { method: 'permit2Approve'; token: string; spender: string; amount: bigint; expiration: bigint; unlimited: boolean }
) & { trailing?: number };

/**
 * The "token-supply comparison" without a network: no total supply is known offline, so an
 * allowance at or above 2^128 (≈ 3.4·10^38 base units: 3.4·10^20 tokens of 18 decimals, far above
 * any real token's total supply — SHIB's 10^15 tokens are 10^33 base units) is treated as
 * "unlimited". Wallets write MAX_UINT256, or a value just below it to slip past a check for the
 * exact maximum, or 2^255, 2^200, 2^128… for an infinite allowance.
 */
export const UNLIMITED_ALLOWANCE = 1n << 128n;

/** Permit2 amounts are uint160: from 2^150 an allowance is unlimited in practice. */
export const PERMIT2_UNLIMITED = 1n << 150n;
/** A Permit2 allowance expiring after 2100-01-01 (or at uint48's maximum) never expires in practice. */
export const PERMIT2_FAR_EXPIRATION = 4_102_444_800n;

/** Is an ERC-20 / EIP-2612 allowance amount unlimited in practice (≥ UNLIMITED_ALLOWANCE)? */
export function isUnlimited(amount: bigint): boolean {
  return amount >= UNLIMITED_ALLOWANCE;
}

function word(data: Uint8Array, i: number): Uint8Array {
  return data.subarray(4 + 32 * i, 4 + 32 * (i + 1));
}

function wordToBigint(w: Uint8Array): bigint {
  return w.length === 0 ? 0n : BigInt('0x' + toHex(w));
}

function wordToAddress(w: Uint8Array): string | null {
  for (let i = 0; i < 12; i++) if (w[i] !== 0) return null;
  return toChecksumAddress(toHex(w.subarray(12)));
}

/** The 4-byte selector of calldata as 8 hex digits (null: shorter than 4 bytes). */
export function selectorOf(data: Uint8Array): string | null {
  return data.length < 4 ? null : toHex(data.subarray(0, 4));
}

/**
 * Decode a token call (ERC-20 transfer/approve/transferFrom/increaseAllowance/decreaseAllowance,
 * ERC-721/1155 setApprovalForAll, Permit2 approve), or null when it is anything else. Address words
 * must have 12 zero bytes in front, a bool word must be 0 or 1, and a uint160/uint48 word must fit.
 * Bytes after the arguments are reported as `trailing`, not dropped.
 */
export function decodeErc20Call(data: Uint8Array): Erc20Call | null {
  const sel = selectorOf(data);
  if (sel === null) return null;
  const n = { [SELECTOR.transfer]: 2, [SELECTOR.approve]: 2, [SELECTOR.transferFrom]: 3, [SELECTOR.increaseAllowance]: 2, [SELECTOR.decreaseAllowance]: 2, [SELECTOR.setApprovalForAll]: 2, [SELECTOR.permit2Approve]: 4 }[sel];
  if (n === undefined || data.length < 4 + 32 * n) return null;
  const extra = data.length - 4 - 32 * n;
  const call = decodeWords(sel, data);
  if (!call) return null;
  return extra > 0 ? { ...call, trailing: extra } : call;
}

function decodeWords(sel: string, data: Uint8Array): Erc20Call | null {
  const addr = (i: number) => wordToAddress(word(data, i));
  const uint = (i: number) => wordToBigint(word(data, i));
  if (sel === SELECTOR.transfer) {
    const to = addr(0);
    return to ? { method: 'transfer', to, amount: uint(1) } : null;
  }
  if (sel === SELECTOR.approve || sel === SELECTOR.increaseAllowance) {
    const spender = addr(0);
    if (!spender) return null;
    const amount = uint(1);
    return { method: sel === SELECTOR.approve ? 'approve' : 'increaseAllowance', spender, amount, unlimited: isUnlimited(amount) };
  }
  if (sel === SELECTOR.decreaseAllowance) {
    const spender = addr(0);
    return spender ? { method: 'decreaseAllowance', spender, amount: uint(1) } : null;
  }
  if (sel === SELECTOR.transferFrom) {
    const from = addr(0);
    const to = addr(1);
    return from && to ? { method: 'transferFrom', from, to, amount: uint(2) } : null;
  }
  if (sel === SELECTOR.setApprovalForAll) {
    const operator = addr(0);
    const flag = uint(1);
    return operator && flag <= 1n ? { method: 'setApprovalForAll', operator, approved: flag === 1n } : null;
  }
  // Permit2 approve(token, spender, uint160 amount, uint48 expiration)
  const token = addr(0);
  const spender = addr(1);
  const amount = uint(2);
  const expiration = uint(3);
  if (!token || !spender || amount >= 1n << 160n || expiration >= 1n << 48n) return null;
  return { method: 'permit2Approve', token, spender, amount, expiration, unlimited: amount >= PERMIT2_UNLIMITED || expiration >= PERMIT2_FAR_EXPIRATION };
}

function uintWord(v: bigint): string {
  if (v < 0n || v > MAX_UINT256) throw new InputError('amount does not fit in uint256', '--amount');
  return v.toString(16).padStart(64, '0');
}

/** Calldata for ERC-20 `transfer(to, amount)`. */
export function encodeErc20Transfer(to: string, amount: bigint): Uint8Array {
  const addr = parseAddress(to, '--to').slice(2).toLowerCase();
  const hex = SELECTOR.transfer + addr.padStart(64, '0') + uintWord(amount);
  return Uint8Array.from(hex.match(/../g)!, (b) => parseInt(b, 16));
}

/** One line saying what a decoded token call does: what is moved or granted, to whom. */
export function describeTokenCall(c: Erc20Call): string {
  const units = (a: bigint) => `${a} base units`;
  let s: string;
  switch (c.method) {
    case 'transfer':
      s = `ERC-20 transfer(to ${c.to}, amount ${units(c.amount)})`;
      break;
    case 'transferFrom':
      s = `ERC-20 transferFrom(from ${c.from}, to ${c.to}, amount ${units(c.amount)})`;
      break;
    case 'approve':
    case 'increaseAllowance':
      s = `ERC-20 ${c.method}(spender ${c.spender}, ${c.method === 'approve' ? 'amount' : 'added'} ${c.unlimited ? 'UNLIMITED' : units(c.amount)})`;
      break;
    case 'decreaseAllowance':
      s = `ERC-20 decreaseAllowance(spender ${c.spender}, subtracted ${units(c.amount)})`;
      break;
    case 'setApprovalForAll':
      s = `ERC-721/1155 setApprovalForAll(operator ${c.operator}, ${c.approved ? 'true: EVERY token of this collection, now and later' : 'false: revokes the operator'})`;
      break;
    case 'permit2Approve':
      s = `Permit2 approve(token ${c.token}, spender ${c.spender}, amount ${c.amount >= PERMIT2_UNLIMITED ? 'UNLIMITED' : units(c.amount)}, expiration ${c.expiration}${c.expiration >= PERMIT2_FAR_EXPIRATION ? ' (never, in practice)' : ''})`;
      break;
  }
  return c.trailing ? `${s} + ${c.trailing} TRAILING BYTES` : s;
}
