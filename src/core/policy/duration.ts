/**
 * Durations of a policy (velocity windows, drill intervals, request lifetimes): a whole number and
 * one unit — `m` minutes, `h` hours, `d` days — such as "30m", "24h", "7d", "365d". No months or
 * years (their length varies), no fractions, no combinations; at most 3660 days.
 */
import { InputError } from '../errors.js';

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** The longest duration accepted: ten years of days. */
export const MAX_DURATION_MS = 3660 * UNIT_MS.d;

/** Parse "24h" into milliseconds; undefined when the text is not a duration (the caller reports it). */
export function durationMs(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const m = /^([1-9]\d{0,6})([mhd])$/.exec(text);
  if (!m) return undefined;
  const ms = Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
  return ms <= MAX_DURATION_MS ? ms : undefined;
}

/** Parse a duration or throw an InputError naming the field. */
export function parseDuration(text: string, field: string): number {
  const ms = durationMs(text);
  if (ms === undefined) throw new InputError(`"${String(text).slice(0, 20)}" is not a duration: a whole number and m, h or d (e.g. 30m, 24h, 7d), at most 3660d`, field);
  return ms;
}

/** The shortest text for a duration in whole minutes ("1440m" → "24h" → "1d"). */
export function formatDuration(ms: number): string {
  if (ms % UNIT_MS.d === 0) return `${ms / UNIT_MS.d}d`;
  if (ms % UNIT_MS.h === 0) return `${ms / UNIT_MS.h}h`;
  return `${Math.round(ms / UNIT_MS.m)}m`;
}
