/**
 * Reading QR frames from image files, folders of frames, or a video (through ffmpeg when it is
 * installed), then assembling one payload (src/core/transport/assemble.ts) and checking its
 * structure (the payload table, src/core/transport/payload-kinds.ts) before anyone uses it. Progress goes to stderr.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError, RuntimeFailure } from '../../core/errors.js';
import { sanitize } from '../../core/text.js';
import { assembleFrames, type AssembledPayload, type ScannedText } from '../../core/transport/assemble.js';
import { validatePayload } from '../../core/transport/payload-kinds.js';
import type { Context } from '../command.js';
import { readInputFile } from '../io.js';
import { splitPngStream } from './png-stream.js';
import { nodeZlib } from './zlib.js';
import { counted } from '../../core/text.js';

/** Largest number of images read in one run. */
export const MAX_IMAGES = 5000;

/** Expand files and folders (a folder's PNGs in name order) into image paths. */
export function expandImagePaths(paths: string[], field: string): string[] {
  const out: string[] = [];
  for (const p of paths) {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch {
      throw new InputError(`"${p}" does not exist`, field);
    }
    if (st.isDirectory()) {
      const pngs = fs
        .readdirSync(p)
        .filter((f) => /\.png$/i.test(f))
        .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
        .map((f) => path.join(p, f));
      if (pngs.length === 0) throw new InputError(`folder "${p}" holds no .png images`, field);
      out.push(...pngs);
    } else out.push(p);
  }
  if (out.length > MAX_IMAGES) throw new InputError(`${out.length} images is more than ${MAX_IMAGES}`, field);
  return out;
}

/** Files read through ffmpeg rather than as PNG: videos and animated GIFs. */
export const VIDEO_FILE = /\.(mp4|m4v|mov|webm|mkv|avi|gif)$/i;

/**
 * Scan a mix of PNG images, folders of PNGs and video/GIF files (through ffmpeg at `fps`).
 * Used by --from-qr and `qr decode IMAGES…`.
 */
export async function scanPaths(paths: string[], ctx: Context, field: string, fps = 10): Promise<ScannedText[]> {
  const videos = paths.filter((p) => VIDEO_FILE.test(p) && fs.existsSync(p) && fs.statSync(p).isFile());
  const images = paths.filter((p) => !videos.includes(p));
  const out: ScannedText[] = images.length ? await scanImages(expandImagePaths(images, field), ctx, field) : [];
  for (const v of videos) out.push(...(await scanVideo(v, fps, ctx)));
  return out;
}

/** Decode every image; images without a readable QR code are noted and skipped. */
export async function scanImages(files: string[], ctx: Context, field: string): Promise<ScannedText[]> {
  return scanFrames(files.map((f) => ({ name: path.basename(f), read: () => readInputFile(f, field) })), ctx, field);
}

/** Decode frames (PNG bytes, read when their turn comes); frames without a readable QR code are noted and skipped. */
async function scanFrames(frames: Array<{ name: string; read: () => Promise<Uint8Array> }>, ctx: Context, field: string): Promise<ScannedText[]> {
  const { decodePng, decodeQrPixels } = await import('./read-image.js');
  const out: ScannedText[] = [];
  let empty = 0;
  for (const [i, f] of frames.entries()) {
    const q = await decodeQrPixels(await decodePng(await f.read(), f.name, field));
    if (q) out.push({ source: f.name, text: q.text, bytes: q.bytes });
    else empty++;
    if (ctx.io.stderr.isTTY) ctx.io.stderr.write(`\rreading images ${i + 1}/${frames.length}`);
  }
  if (ctx.io.stderr.isTTY) ctx.io.stderr.write('\n');
  if (empty) ctx.note(`${empty} of ${counted(frames.length, 'image')} held no readable QR code`);
  return out;
}

/** ffmpeg on PATH? */
export function hasFfmpeg(): boolean {
  const r = spawnSync('ffmpeg', ['-version'], { stdio: 'ignore' });
  return !r.error && r.status === 0;
}

/**
 * Decode the frames of a video at `fps` with ffmpeg, piped as PNGs into memory (never a temp
 * file: the frames may show a share or a mnemonic).
 */
export async function scanVideo(file: string, fps: number, ctx: Context): Promise<ScannedText[]> {
  if (!fs.existsSync(file)) throw new InputError(`"${file}" does not exist`, '--video');
  if (!hasFfmpeg()) {
    throw new RuntimeFailure('reading video needs ffmpeg, which is not installed (e.g. `apt-get install ffmpeg`); or extract PNG frames elsewhere and use --dir');
  }
  const r = spawnSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-nostdin', '-i', file, '-vf', `fps=${fps}`, '-f', 'image2pipe', '-c:v', 'png', '-'], {
    maxBuffer: MAX_VIDEO_PNG_BYTES,
  });
  if (r.error) throw new InputError(`ffmpeg could not read "${file}": ${(r.error as NodeJS.ErrnoException).code === 'ENOBUFS' ? 'too many frames; lower the frame rate or cut the video' : r.error.message}`, '--video');
  if (r.status !== 0) throw new InputError(`ffmpeg could not read "${file}": ${sanitize((r.stderr?.toString() || '').trim().split('\n').pop() ?? '')}`, '--video');
  const frames = splitPngStream(new Uint8Array(r.stdout), '--video');
  if (frames.length > MAX_IMAGES) throw new InputError(`${frames.length} frames is more than ${MAX_IMAGES}; lower the frame rate`, '--video');
  ctx.note(`extracted ${counted(frames.length, 'frame')} from the video at ${fps} per second`);
  return scanFrames(frames.map((bytes, i) => ({ name: `${path.basename(file)} frame ${i + 1}`, read: async () => bytes })), ctx, '--video');
}

/** Largest decoded-frame stream read from ffmpeg. */
const MAX_VIDEO_PNG_BYTES = 1 << 30;

/** Assemble and validate one payload from scanned texts, with progress and notes on stderr. */
export function assembleScanned(scanned: ScannedText[], ctx: Context): AssembledPayload {
  let last = '';
  const tty = Boolean(ctx.io.stderr.isTTY);
  const p = assembleFrames(scanned, nodeZlib, {
    note: (l) => ctx.note(l),
    progress: (have, need) => {
      const line = `parts ${have}/${need}`;
      if (line === last) return;
      last = line;
      if (tty) ctx.io.stderr.write(`\r${line}`);
      // Without a terminal: a line at each quarter and at the end, not one per frame.
      else if (have === need || have % Math.max(1, Math.ceil(need / 4)) === 0) ctx.note(line);
    },
  });
  if (tty && last) ctx.io.stderr.write('\n');
  validatePayload(p.kind, p.bytes);
  return p;
}
