/**
 * Run the robustness set (./qr-robustness-set.ts) through the decoders and tally, per condition,
 * how many frames each decoded to exactly the original payload — and which, if any, came back
 * with a different payload (which must never happen). Shared by
 * test/cli/qr/read-image.robustness.test.ts and the benchmark (test/bench/qr.ts), which also runs
 * jsQR alone.
 */
import { decodeQrPixels } from '../../src/cli/qr/read-image.js';
import { zxingDecode } from '../../src/cli/qr/zxing.js';
import { jsqrDecode } from '../../src/cli/qr/jsqr.js';
import { renderFrame, type FrameSpec } from './qr-robustness-set.js';

export type DecoderName = 'zxing' | 'jsqr' | 'combined';

/** Frames decoded per decoder for one condition (or in total). */
export interface Tally { frames: number; zxing: number; jsqr: number; combined: number }

export interface RobustnessResult {
  byCondition: Record<string, Tally>;
  total: Tally;
  /** Frames some decoder returned a different payload for: `decoder: frame name`. */
  wrong: string[];
  /** Frames `decodeQrPixels` (zxing, zxing on 2× upscaled, jsQR) did not decode. */
  missed: string[];
  /** Milliseconds spent rendering and in each decoder, over all frames. */
  ms: { render: number } & Record<DecoderName, number>;
  /** Whether jsQR alone was run (it is slow: ~60 ms per frame). */
  jsqrRun: boolean;
}

function same(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** Decode every frame of `specs` with zxing alone, the combined reader and optionally jsQR alone. */
export async function runRobustness(specs: FrameSpec[], opts: { jsqr?: boolean } = {}): Promise<RobustnessResult> {
  const empty = (): Tally => ({ frames: 0, zxing: 0, jsqr: 0, combined: 0 });
  const res: RobustnessResult = { byCondition: {}, total: empty(), wrong: [], missed: [], ms: { render: 0, zxing: 0, jsqr: 0, combined: 0 }, jsqrRun: !!opts.jsqr };
  const time = async <T>(k: keyof RobustnessResult['ms'], f: () => T | Promise<T>): Promise<T> => {
    const t = performance.now();
    const v = await f();
    res.ms[k] += performance.now() - t;
    return v;
  };
  for (const spec of specs) {
    const frame = await time('render', () => renderFrame(spec));
    const got: Partial<Record<DecoderName, Uint8Array | null>> = {
      zxing: (await time('zxing', () => zxingDecode(frame)))[0] ?? null,
      combined: (await time('combined', () => decodeQrPixels(frame)))?.bytes ?? null,
    };
    if (opts.jsqr) got.jsqr = await time('jsqr', () => jsqrDecode(frame));
    const c = (res.byCondition[spec.condition] ??= empty());
    for (const t of [c, res.total]) t.frames++;
    for (const [name, bytes] of Object.entries(got) as [DecoderName, Uint8Array | null][]) {
      if (!bytes) continue;
      if (!same(bytes, spec.payload)) {
        res.wrong.push(`${name}: ${spec.name}`);
        continue;
      }
      for (const t of [c, res.total]) t[name]++;
    }
    if (!got.combined) res.missed.push(spec.name);
  }
  return res;
}

/** The result as a Markdown table: decoded/frames per condition and decoder. */
export function robustnessTable(r: RobustnessResult): string {
  const pct = (n: number, d: number) => `${n}/${d} (${((100 * n) / d).toFixed(1)}%)`;
  const cols: DecoderName[] = r.jsqrRun ? ['jsqr', 'zxing', 'combined'] : ['zxing', 'combined'];
  const head = { jsqr: 'jsQR 1.4.0 alone', zxing: 'zxing-wasm 3.1.4 alone', combined: 'coldkit `decodeQrPixels`' };
  const lines = [`| condition | ${cols.map((c) => head[c]).join(' | ')} |`, `|---|${cols.map(() => '---|').join('')}`];
  for (const [cond, t] of [...Object.entries(r.byCondition), ['**all**', r.total] as const]) {
    lines.push(`| ${cond} | ${cols.map((c) => pct(t[c], t.frames)).join(' | ')} |`);
  }
  const n = r.total.frames;
  const ms = cols.map((c) => `${head[c]} ${(r.ms[c] / n).toFixed(1)} ms`).join(', ');
  lines.push('', `Mean time per frame: ${ms}; rendering ${(r.ms.render / n).toFixed(1)} ms.`);
  return lines.join('\n');
}
