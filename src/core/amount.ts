/**
 * The one strict decimal parser for money. Amounts are bigint base units (sats, wei);
 * decimal input with more fractional digits than the unit allows is refused, never rounded.
 */
import { InputError } from './errors.js';

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/**
 * Parse a non-negative decimal string into base units with `decimals` fractional digits.
 * "0.00001" with decimals 8 → 1000n. Refuses signs, exponents, spaces, excess precision.
 */
export function parseDecimal(text: string, decimals: number, field = 'amount'): bigint {
  const s = text.trim();
  const m = DECIMAL.exec(s);
  if (!m) throw new InputError(`"${clip(text)}" is not a plain decimal number (digits, optional "." and digits)`, field);
  const whole = m[1]!;
  const frac = m[2] ?? '';
  if (frac.length > decimals) {
    throw new InputError(
      `"${clip(text)}" has ${frac.length} decimal places; at most ${decimals} are allowed (give the amount in base units instead)`,
      field,
    );
  }
  return BigInt(whole) * 10n ** BigInt(decimals) + BigInt((frac + '0'.repeat(decimals)).slice(0, decimals) || '0');
}

/** Format base units as a decimal string with trailing zeros trimmed ("1000n, 8" → "0.00001"). */
export function formatDecimal(units: bigint, decimals: number): string {
  const neg = units < 0n;
  const abs = neg ? -units : units;
  const base = 10n ** BigInt(decimals);
  const whole = abs / base;
  let frac = (abs % base).toString().padStart(decimals, '0').replace(/0+$/, '');
  return `${neg ? '-' : ''}${whole}${frac ? '.' + frac : ''}`;
}

/** Parse a BTC amount: "0.001" (BTC) or "1000sat"/"1000sats" → sats. */
export function parseBtc(text: string, field = 'amount'): bigint {
  const s = text.trim().toLowerCase();
  const m = /^(.*?)\s*(sats?|btc)$/.exec(s);
  if (m) return m[2] === 'btc' ? parseDecimal(m[1]!, 8, field) : parseDecimal(m[1]!, 0, field);
  return parseDecimal(s, 8, field);
}

/** Parse an ETH amount: "0.1" (ETH), "21gwei", "5wei", "1eth" → wei. */
export function parseEth(text: string, field = 'amount'): bigint {
  const s = text.trim().toLowerCase();
  const m = /^(.*?)\s*(wei|gwei|eth|ether)$/.exec(s);
  if (m) {
    const unit = m[2]!;
    if (unit === 'wei') return parseDecimal(m[1]!, 0, field);
    // 1 gwei = 10^9 wei, so a gwei decimal has 9 fractional digits of wei.
    if (unit === 'gwei') return parseDecimal(m[1]!, 9, field);
    return parseDecimal(m[1]!, 18, field);
  }
  return parseDecimal(s, 18, field);
}

/** Parse a non-negative integer (no sign, no decimals) as bigint, refusing anything else. */
export function parseUint(text: string, field: string, max?: bigint): bigint {
  const s = text.trim();
  if (!/^\d+$/.test(s)) throw new InputError(`"${clip(text)}" is not a whole non-negative number`, field);
  const v = BigInt(s);
  if (max !== undefined && v > max) throw new InputError(`${s} is above the maximum ${max}`, field);
  return v;
}

function clip(s: string): string {
  const t = s.replace(/[\u0000-\u001f\u007f]/g, '?');
  return t.length > 40 ? t.slice(0, 40) + '…' : t;
}
