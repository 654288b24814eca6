/**
 * QR in the terminal (stderr, so stdout stays the command's result): a still code when one frame
 * suffices; otherwise, on a terminal, an animation redrawn in place at `fps` until Ctrl-C or
 * `seconds` (multipart UR keeps producing fresh fountain parts, each verified before it is drawn).
 * Without a terminal the static frames are printed once, one after another.
 */
import type { Context } from '../command.js';
import { matrixToTerminal, type Frame } from './render.js';
import type { Series } from './series.js';

export interface TerminalOptions {
  fps: number;
  /** Stop after this many seconds (default: until Ctrl-C on a terminal). */
  seconds?: number;
  /** Caption line under each frame. */
  caption: string;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Show the series on stderr. */
export async function showTerminal(series: Series, ctx: Context, opts: TerminalOptions): Promise<void> {
  const err = ctx.io.stderr;
  const draw = (f: Frame, n: number): string => `${matrixToTerminal(f.matrix)}\n${opts.caption}${series.frames.length > 1 ? ` · frame ${n}` : ''}\n`;
  const cols = (err as { columns?: number }).columns;
  const need = series.frames[0]!.matrix.size + 4;
  if (cols && cols < need) ctx.note(`the terminal is ${cols} columns wide and this QR needs ${need}: widen it, shrink the font, or use --density low / --max-version`);
  if (series.frames.length === 1 || !err.isTTY) {
    for (const [i, f] of series.frames.entries()) err.write(draw(f, i + 1));
    return;
  }
  const period = 1000 / opts.fps;
  const deadline = opts.seconds !== undefined ? Date.now() + opts.seconds * 1000 : Infinity;
  let stop = false;
  const onInt = (): void => {
    stop = true;
  };
  process.once('SIGINT', onInt);
  err.write('\x1b[?25l');
  let lines = 0;
  try {
    for (let n = 1; !stop && Date.now() < deadline; n++) {
      const started = Date.now();
      const f = n <= series.frames.length ? series.frames[n - 1]! : await series.more();
      const text = draw(f, n);
      if (lines) err.write(`\x1b[${lines}A\x1b[J`);
      err.write(text);
      lines = text.split('\n').length - 1;
      await sleep(Math.max(0, period - (Date.now() - started)));
    }
  } finally {
    process.removeListener('SIGINT', onInt);
    err.write('\x1b[?25h');
  }
}
