/**
 * Where a verified series goes: numbered PNG frames in a folder, one looping GIF, one offline
 * HTML page, the terminal. Shared by `coldkit qr encode` and every command's --qr-png/--qr-html/
 * --qr-terminal (./emit.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError } from '../../core/errors.js';
import { DEFAULT_FPS } from '../../core/transport/choices.js';
import type { Context } from '../command.js';
import { assertCreatable, writeFileAtomic } from '../io.js';
import { encodeGif } from './gif.js';
import { htmlPage } from './html-page.js';
import { encodePng } from './render.js';
import type { Series } from './series.js';
import { showTerminal } from './terminal.js';

export interface OutputTargets {
  png?: string;
  gif?: string;
  html?: string;
  terminal?: boolean;
  fps?: number;
  seconds?: number;
  /** File mode of every written file (0600 when the payload is a secret; default 0644). */
  mode?: number;
}

/** What was written. */
export interface Written {
  png?: string[];
  gif?: string;
  html?: string;
}

/** PNG frame file name: frame-0001.png … (sorts in order). */
export function frameName(i: number): string {
  return `frame-${String(i + 1).padStart(4, '0')}.png`;
}

/** Write the series to every requested target; `caption` names format, digest and count. */
export async function writeOutputs(series: Series, targets: OutputTargets, ctx: Context, caption: { title: string; lines: string[] }): Promise<Written> {
  const fps = targets.fps ?? DEFAULT_FPS;
  if (!(fps > 0 && fps <= 30)) throw new InputError('--fps must be between 0 and 30', '--fps');
  if (targets.gif) assertCreatable(targets.gif, 'file', '--gif');
  if (targets.html) assertCreatable(targets.html, 'file', '--html');
  const out: Written = {};
  const fileOpts = { mode: targets.mode ?? 0o644 };
  let pngs: Uint8Array[] | undefined;
  const getPngs = async (): Promise<Uint8Array[]> => (pngs ??= await Promise.all(series.frames.map((f) => encodePng(f.image))));
  if (targets.png) {
    const dir = targets.png;
    assertCreatable(dir, 'dir', '--png');
    fs.mkdirSync(dir, { recursive: true });
    const stale = fs.readdirSync(dir).filter((f) => /^frame-\d{4}\.png$/.test(f));
    if (stale.length) throw new InputError(`"${dir}" already holds frame PNGs; choose an empty folder so old frames are not mixed in`, '--png');
    out.png = [];
    for (const [i, p] of (await getPngs()).entries()) {
      const f = path.join(dir, frameName(i));
      writeFileAtomic(f, p, fileOpts);
      out.png.push(f);
    }
  }
  if (targets.gif) {
    writeFileAtomic(targets.gif, await encodeGif(series.frames.map((f) => f.image), Math.round(1000 / fps)), fileOpts);
    out.gif = targets.gif;
  }
  if (targets.html) {
    writeFileAtomic(targets.html, htmlPage(await getPngs(), { title: caption.title, lines: caption.lines, fps }), fileOpts);
    out.html = targets.html;
  }
  if (targets.terminal) await showTerminal(series, ctx, { fps, seconds: targets.seconds, caption: `${caption.title} · ${caption.lines.join(' · ')}` });
  return out;
}
