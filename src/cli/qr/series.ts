/**
 * A payload's QR series, drawn and verified: the frame plan (src/core/transport/frame-plan.ts)
 * with node:zlib for BBQr Z, then every frame rendered and read back from its own pixels.
 * Static outputs (PNG folder, GIF, HTML page) get the plain parts and, for multipart UR, twice as
 * many fountain parts again, so a receiver that misses frames still completes (BCR-2024-001; with
 * 30% of frames lost a fountain receiver needs about 1.9× the fragment count on average, research
 * notes §5.4).
 */
import { InputError } from '../../core/errors.js';
import { planFrames, type FramePlan, type PlanOptions } from '../../core/transport/frame-plan.js';
import type { PayloadKind } from '../../core/transport/payload-kinds.js';
import { renderVerified, type Frame } from './render.js';
import { nodeZlib } from './zlib.js';
import { counted } from '../../core/text.js';

/** Most frames a static output holds. */
export const MAX_STATIC_FRAMES = 2000;

export interface SeriesOptions extends PlanOptions {
  /** Total frames for static outputs (default: the plain parts, tripled with fountain parts for multipart UR). */
  frames?: number;
  /** Pixels per module. */
  scale?: number;
}

export interface Series {
  plan: FramePlan;
  /** Verified frames for static outputs. */
  frames: Frame[];
  /** Draw and verify one more frame (multipart UR: the next fountain part; otherwise cycles). */
  more(): Promise<Frame>;
}

/** Plan, draw and verify a payload's frames. */
export async function buildSeries(kind: PayloadKind, bytes: Uint8Array, opts: SeriesOptions): Promise<Series> {
  const plan = planFrames(kind, bytes, { ...opts, zlib: nodeZlib });
  const count = opts.frames ?? (plan.next ? plan.frames.length * 3 : plan.frames.length);
  if (count < plan.frames.length) throw new InputError(`--frames must be at least ${plan.frames.length} (the plain parts of this payload)`, '--frames');
  if (count > MAX_STATIC_FRAMES) throw new InputError(`--frames ${count} is above ${MAX_STATIC_FRAMES}; use a higher density`, '--frames');
  if (count > plan.frames.length && !plan.next) throw new InputError(`${plan.label} has a fixed ${counted(plan.frames.length, 'frame')}; --frames only adds fountain parts to multipart UR`, '--frames');
  const texts = [...plan.frames];
  while (texts.length < count) texts.push(plan.next!());
  const ropts = { mode: plan.mode, ecc: plan.ecc, version: plan.version, scale: opts.scale };
  const frames: Frame[] = [];
  for (const [i, t] of texts.entries()) frames.push(await renderVerified(t, ropts, `frame ${i + 1}`));
  let cycle = 0;
  return {
    plan,
    frames,
    async more() {
      if (plan.next) return renderVerified(plan.next(), ropts, 'fountain frame');
      return frames[cycle++ % frames.length]!;
    },
  };
}
