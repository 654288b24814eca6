import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assembleFrames, type ScannedText } from '../../../src/core/transport/assemble.js';
import { Xoshiro256 } from '../../../src/core/transport/xoshiro.js';
import { toHex } from '../../../src/core/text.js';
import { buildSeries } from '../../../src/cli/qr/series.js';
import { encodePng } from '../../../src/cli/qr/render.js';
import { decodePng, decodeQrPixels } from '../../../src/cli/qr/read-image.js';
import { nodeZlib } from '../../../src/cli/qr/zlib.js';
import type { PayloadKind } from '../../../src/core/transport/payload-ur.js';
import type { SeriesOptions } from '../../../src/cli/qr/series.js';
import { shuffle } from '../../helpers/shuffle.js';

// 4 pixels per module keeps PNG decoding fast; the default ~600 px frames are checked in the CLI tests.
// Encode → PNG file bytes → pixels → QR reader → assemble, through real pixels (no text shortcut).
const psbt = new Uint8Array(readFileSync(new URL('../../../fixtures/bbqr/1in100out.psbt', import.meta.url)));


async function throughPixels(kind: PayloadKind, bytes: Uint8Array, opts: SeriesOptions, pick: (n: number) => number[]) {
  const s = await buildSeries(kind, bytes, opts);
  const pngs = await Promise.all(s.frames.map((f) => encodePng(f.image)));
  const scanned: ScannedText[] = [];
  for (const i of pick(pngs.length)) {
    const q = await decodeQrPixels(await decodePng(pngs[i]!, `frame ${i + 1}`));
    expect(q, `frame ${i + 1} reads`).not.toBeNull();
    scanned.push({ source: `frame ${i + 1}`, text: q!.text });
  }
  return { series: s, result: assembleFrames(scanned, nodeZlib) };
}

const all = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('UR through pixels, 1..60 fragments, shuffled, 30% of frames dropped', () => {
  // 40-byte fragments keep frames small (QR v5), so 60 fragments stay fast.
  it.each([1, 2, 3, 7, 16, 31, 60])('%i fragment(s)', async (n) => {
    const msg = new Xoshiro256(`px${n}`).nextData(n === 1 ? 30 : 40 * n - 10);
    const { series, result } = await throughPixels('bytes', msg, { fragment: 40, scale: 4 }, (count) => {
      const order = shuffle(all(count), `order${n}`);
      return n === 1 ? order : order.slice(0, Math.ceil(count * 0.7));
    });
    expect(series.plan.frames.length).toBe(n);
    expect(series.frames.length).toBe(n === 1 ? 1 : 3 * n);
    expect(toHex(result.bytes)).toBe(toHex(msg));
  });

  it('a 4142-byte PSBT at normal density (21 × v11), shuffled, 30% dropped', async () => {
    const { series, result } = await throughPixels('psbt', psbt, { density: 'normal', scale: 4 }, (c) => shuffle(all(c), 'psbt').slice(0, Math.ceil(c * 0.7)));
    expect(series.plan.version).toBe(11);
    expect(result.kind).toBe('psbt');
    expect(toHex(result.bytes)).toBe(toHex(psbt));
  });
});

describe('BBQr and plain through pixels', () => {
  it('BBQr Z PSBT at max version 12, reversed', async () => {
    const { series, result } = await throughPixels('psbt', psbt, { format: 'bbqr', maxVersion: 12, scale: 4 }, (c) => all(c).reverse());
    expect(series.plan.label).toBe('BBQr Z/P');
    expect(new Set(series.frames.map((f) => f.matrix.version))).toEqual(new Set([series.plan.version]));
    expect(toHex(result.bytes)).toBe(toHex(psbt));
  });

  it('BBQr with a part missing names it', async () => {
    await expect(throughPixels('psbt', psbt, { format: 'bbqr', maxVersion: 12, scale: 4 }, (c) => all(c).slice(1))).rejects.toThrow(/missing parts? 1 of/);
  });

  it('plain base64 PSBT and UTF-8 text', async () => {
    const small = new Uint8Array(readFileSync(new URL('../../../fixtures/bbqr/1in2out.psbt', import.meta.url)));
    expect(toHex((await throughPixels('psbt', small, { format: 'plain' }, all)).result.bytes)).toBe(toHex(small));
    const text = new TextEncoder().encode('coldkit — ünïcode ✓');
    expect(new TextDecoder().decode((await throughPixels('text', text, {}, all)).result.bytes)).toBe('coldkit — ünïcode ✓');
  });
});
