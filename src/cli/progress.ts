/**
 * Progress of long work on stderr: one line redrawn in place ("searching: 12000/100000 (12%)"),
 * at most every quarter second, and erased when the work ends. Only on a terminal and never with
 * --json: a script or a log sees nothing, and stdout is never touched.
 */
import type { Context } from './command.js';

/** A progress line; `done()` erases it. Both do nothing when progress is not shown. */
export interface Progress {
  update(done: number, total: number): void;
  done(): void;
}

const NONE: Progress = { update: () => {}, done: () => {} };

/** The progress line of `label` for this run (silent unless stderr is a terminal and --json is off). */
export function progressLine(ctx: Pick<Context, 'io' | 'globals'>, label: string, everyMs = 250, now: () => number = Date.now): Progress {
  const err = ctx.io.stderr;
  if (!err.isTTY || ctx.globals.json) return NONE;
  let last = -Infinity;
  let shown = false;
  return {
    update(done, total) {
      const t = now();
      if (t - last < everyMs) return;
      last = t;
      shown = true;
      err.write(`\r\x1b[2K${label}: ${done}/${total} (${Math.floor((100 * done) / Math.max(total, 1))}%)`);
    },
    done() {
      if (shown) err.write('\r\x1b[2K');
      shown = false;
    },
  };
}
