/**
 * A wallet's birthday for Bitcoin Core's `importdescriptors`: the `timestamp` from which Core
 * rescans the chain for the descriptors' coins. Core takes a UNIX time (or "now", which skips the
 * rescan: right only for a seed made moments ago, never for a restored one) — not a block height,
 * and a height cannot be turned into a time offline (that needs the chain). So coldkit takes a
 * date, a UNIX time, or 0 (rescan everything), and "now" only when asked for.
 */
import { InputError } from '../errors.js';

/** Bitcoin's genesis block time (2009-01-03T18:15:05Z): no coin is older. */
export const GENESIS_TIME = 1231006505;

/** The `timestamp` of an importdescriptors request: UNIX seconds, or "now". */
export type CoreTimestamp = number | 'now';

/**
 * Parse `--birthday`: `now`, `0` (full rescan), a UNIX time in seconds, a date `YYYY-MM-DD`
 * (midnight UTC) or an ISO 8601 time with its zone. A block height is refused with the reason.
 */
export function parseBirthday(text: string, field = '--birthday'): CoreTimestamp {
  const t = text.trim();
  if (t === 'now') return 'now';
  if (/^\d+$/.test(t)) {
    const n = Number(t);
    if (n === 0) return 0;
    if (n < GENESIS_TIME) {
      throw new InputError(`${t} looks like a block height; Bitcoin Core's importdescriptors takes a time, not a height, and coldkit cannot look the height's time up offline: give the date of the wallet's first deposit (YYYY-MM-DD, a little early is safe), a UNIX time, or 0 to rescan everything`, field);
    }
    if (!Number.isSafeInteger(n)) throw new InputError(`${t} is not a UNIX time in seconds`, field);
    return n;
  }
  const day = /^\d{4}-\d{2}-\d{2}$/.test(t);
  const time = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(t);
  const ms = day ? Date.parse(`${t}T00:00:00Z`) : time ? Date.parse(t) : NaN;
  // A calendar date that does not exist (2024-02-30) would roll over: refused, not moved.
  if (!Number.isFinite(ms) || (day && new Date(ms).toISOString().slice(0, 10) !== t)) {
    throw new InputError(`"${t.slice(0, 40)}" is not a date; use YYYY-MM-DD (UTC), an ISO 8601 time with its zone, a UNIX time in seconds, 0 (rescan everything) or now (no rescan: only for a seed made just now)`, field);
  }
  const s = Math.floor(ms / 1000);
  if (s < GENESIS_TIME) return 0;
  return s;
}

/** In words, for the output: which rescan Core will do. */
export function birthdayText(ts: CoreTimestamp): string {
  if (ts === 'now') return 'timestamp "now": Core does not rescan (only right for a seed made just now)';
  if (ts === 0) return 'timestamp 0: Core rescans the whole chain (slow, finds every coin; give --birthday DATE to start later)';
  return `timestamp ${ts} (${new Date(ts * 1000).toISOString().replace('.000Z', 'Z')}): Core rescans from then`;
}
