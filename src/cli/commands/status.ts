/** `coldkit status`: the custody inventory from the verified journal, and what is due. */
import { command } from '../options/spec.js';
import { int, isoDate } from '../options/parsers.js';

export const status = command({
  name: 'status',
  options: {
    strict: { flag: '--strict', help: 'exit 3 when something is due (a drill overdue, never made or failed; a key past its rotation age): for cron on the online side' },
    drillEvery: { flag: '--drill-every <days>', help: "share sets must be proven by a matching drill this often (default: the adopted policy's drills.every, else 365)", parse: int(1, 36_500) },
    rotateAfter: { flag: '--rotate-after <days>', help: 'keys older than this are due for rotation (default: no rotation date)', parse: int(1, 36_500) },
    asOf: { flag: '--as-of <date>', help: 'the inventory as it stood at this date: later acts are left out and due dates are judged then, by the rules of the policy adopted now (audits of the past)', parse: isoDate() },
  },
  helpAfter: "\nReads only the journal, verifying it as it streams, and the adopted policy's drills.every and rotation dates. Exit 0; with --strict, 3 when something is due.",
});

export const COMMANDS = [status];
