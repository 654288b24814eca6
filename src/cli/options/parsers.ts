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

/** A calendar date or an ISO 8601 time (UTC when no zone is given): `2026-12-04` or `2026-12-04T10:00:00Z`. */
export function isoDate(): Parser<Date> {
  return (v, flag) => {
    const s = v.trim();
    const m = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/.exec(s);
    const d = m ? new Date(m[1] && !m[4] ? `${s}Z` : s) : new Date(NaN);
    if (Number.isNaN(d.getTime())) throw new InvalidArgumentError(`${flag} must be a date like 2026-12-04 or 2026-12-04T10:00:00Z, got "${v}"`);
    return d;
  };
}
