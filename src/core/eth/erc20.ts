/**
 * ERC-20 calldata (EIP-20 + Solidity ABI): the three calls a custodian signs most.
 *   transfer(address,uint256)              selector a9059cbb
 *   approve(address,uint256)               selector 095ea7b3
 *   transferFrom(address,address,uint256)  selector 23b872dd
 * Decoding is strict: exactly 4 + 32·n bytes, address words with 12 zero bytes in front.
 * Anything else is shown as raw hex by the review.
 */
import { InputError } from '../errors.js';
import { toHex } from '../text.js';
import { parseAddress, toChecksumAddress } from './account.js';

export const SELECTOR = { transfer: 'a9059cbb', approve: '095ea7b3', transferFrom: '23b872dd' } as const;
export const MAX_UINT256 = (1n << 256n) - 1n;

/** A decoded ERC-20 call. Addresses are EIP-55 checksummed. */
export type Erc20Call =
  | { method: 'transfer'; to: string; amount: bigint }
  | { method: 'approve'; spender: string; amount: bigint; unlimited: boolean }
  | { method: 'transferFrom'; from: string; to: string; amount: bigint };

/**
 * Allowances at or above 2^200 are treated as "unlimited": wallets write MAX_UINT256 (or a value
 * just below it, to slip past a check for the exact maximum) for an infinite allowance, and no
 * real token supply comes near 2^200 (≈ 1.6·10^42 units of 18 decimals).
 */
export const UNLIMITED_ALLOWANCE = 1n << 200n;

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

/** Decode ERC-20 transfer/approve/transferFrom calldata, or null when it is anything else. */
export function decodeErc20Call(data: Uint8Array): Erc20Call | null {
  if (data.length < 4) return null;
  const sel = toHex(data.subarray(0, 4));
  const words = (n: number) => data.length === 4 + 32 * n;
  if (sel === SELECTOR.transfer && words(2)) {
    const to = wordToAddress(word(data, 0));
    if (!to) return null;
    return { method: 'transfer', to, amount: wordToBigint(word(data, 1)) };
  }
  if (sel === SELECTOR.approve && words(2)) {
    const spender = wordToAddress(word(data, 0));
    if (!spender) return null;
    const amount = wordToBigint(word(data, 1));
    return { method: 'approve', spender, amount, unlimited: isUnlimited(amount) };
  }
  if (sel === SELECTOR.transferFrom && words(3)) {
    const from = wordToAddress(word(data, 0));
    const to = wordToAddress(word(data, 1));
    if (!from || !to) return null;
    return { method: 'transferFrom', from, to, amount: wordToBigint(word(data, 2)) };
  }
  return null;
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
