/**
 * Value parsers for option tables. Each refuses with commander's InvalidArgumentError, so a bad
 * value is a usage error (exit 2) naming the flag before the command does any work.
 */
import { InvalidArgumentError } from 'commander';
import type { Parser } from './spec.js';

/** A whole number in [min, max]. */
export function int(min = 0, max = Number.MAX_SAFE_INTEGER): Parser<number> {
  return (v, flag) => {
    if (!/^\d+$/.test(v.trim())) throw new InvalidArgumentError(`${flag} must be a whole number, got "${v}"`);
    const n = Number(v);
    if (n < min || n > max) throw new InvalidArgumentError(`${flag} must be between ${min} and ${max}, got ${n}`);
    return n;
  };
}

/** A decimal number above 0 and at most `max` (frame rates). */
export function rate(max: number): Parser<number> {
  return (v, flag) => {
    const n = Number(v);
    if (!/^\d+(\.\d+)?$/.test(v.trim()) || !(n > 0 && n <= max)) throw new InvalidArgumentError(`${flag} must be a number above 0 and at most ${max}, got "${v}"`);
    return n;
  };
}
