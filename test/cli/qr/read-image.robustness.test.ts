/**
 * QR decoding robustness of `decodeQrPixels` (src/cli/qr/read-image.ts): 210 real QR symbols
 * (qrcode encoder, versions 5–25, ECC L/M/Q/H, binary and UR-style payloads) rendered as
 * degraded camera frames — rotation, perspective, blur, noise, low contrast with uneven light,
 * 2–3 px/module — generated at test time from fixed seeds. `decodeQrPixels` must decode ≥ 99%
 * and must never return a payload other than the one encoded. Harder stress frames show the
 * 2× upscaled ZXing pass at work. jsQR alone is measured by the benchmark (test/bench/qr.ts):
 * it is too slow to run on every frame here.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { createHash } from 'node:crypto';
import QRCode from 'qrcode';
import { decodeQrPixels } from '../../../src/cli/qr/read-image.js';
import { cameraFrame } from '../../helpers/camera-frame.js';
import { Prng } from '../../helpers/prng.js';
import { CONDITIONS, STRESS_CONDITIONS, renderFrame, robustnessSet, symbolFor } from '../../helpers/qr-robustness-set.js';
import { robustnessTable, runRobustness, type RobustnessResult } from '../../helpers/qr-robustness-run.js';

const specs = robustnessSet();

describe('the frame set', () => {
  test('≥ 200 frames over versions 5–25, all ECC levels, binary and alphanumeric payloads, every condition', () => {
    expect(specs.length).toBeGreaterThanOrEqual(200);
    expect(new Set(specs.map((s) => s.version))).toEqual(new Set(Array.from({ length: 21 }, (_, i) => i + 5)));
    expect(new Set(specs.map((s) => s.ecc))).toEqual(new Set(['L', 'M', 'Q', 'H']));
    expect(new Set(specs.map((s) => s.mode))).toEqual(new Set(['byte', 'alphanumeric']));
    expect(new Set(specs.map((s) => s.condition))).toEqual(new Set(Object.keys(CONDITIONS)));
    const lowRes = specs.filter((s) => s.condition.startsWith('low-res')).map((s) => s.params.ppm);
    expect(Math.min(...lowRes)).toBeLessThan(2.2);
    expect(Math.max(...lowRes)).toBeLessThanOrEqual(3);
  });

  test('frames are deterministic (same seed, same pixels)', async () => {
    const hash = async (s: (typeof specs)[number]) => createHash('sha256').update((await renderFrame(s)).data).digest('hex');
    expect(await hash(specs[37]!)).toBe(await hash(robustnessSet()[37]!));
    expect(await hash(specs[37]!)).not.toBe(await hash(specs[38]!));
  });

  test('the symbol read from qrcode\'s PNG is the encoder\'s module matrix', async () => {
    for (const spec of [specs[0]!, specs[1]!, specs.find((s) => s.version === 25)!]) {
      const data = spec.mode === 'byte' ? spec.payload : new TextDecoder().decode(spec.payload);
      const qr = QRCode.create([{ data, mode: spec.mode } as QRCode.QRCodeSegment], { version: spec.version, errorCorrectionLevel: spec.ecc });
      const m = await symbolFor(spec);
      expect(m.size).toBe(qr.modules.size);
      expect(Buffer.from(m.dark).equals(Buffer.from(qr.modules.data))).toBe(true);
    }
  });

  test('the generator can defeat the decoder (1.2 px/module, heavy blur and noise)', async () => {
    const spec = specs.find((s) => s.version === 25)!;
    const frame = cameraFrame(await symbolFor(spec), { ...spec.params, ppm: 1.2, blur: 1.5, noise: 40 }, new Prng(1));
    expect(await decodeQrPixels(frame)).toBeNull();
  });
});

describe('decoding the degraded frames', () => {
  let result: RobustnessResult;
  beforeAll(async () => {
    result = await runRobustness(specs);
    console.log(`QR robustness (${result.total.frames} frames)\n${robustnessTable(result)}\nmissed: ${result.missed.join('; ') || 'none'}`);
  }, 120_000);

  test('every frame went through zxing alone and through decodeQrPixels', () => {
    expect(result.total.frames).toBe(specs.length);
    const perCondition = Object.values(result.byCondition).reduce((n, t) => n + t.frames, 0);
    expect(perCondition).toBe(specs.length);
  });

  test('never a wrong payload', () => {
    expect(result.wrong).toEqual([]);
  });

  test('≥ 99% of frames decoded to the original payload', () => {
    expect(result.total.combined / result.total.frames).toBeGreaterThanOrEqual(0.99);
  });

  test('≥ 95% in every condition', () => {
    for (const [cond, t] of Object.entries(result.byCondition)) {
      expect(t.combined / t.frames, cond).toBeGreaterThanOrEqual(0.95);
    }
  });
});

describe('stress frames beyond the set (heavy blur, heavy noise, very low contrast, 1.2–1.4 px/module)', () => {
  const stressSpecs = robustnessSet(8, 777, STRESS_CONDITIONS);
  let result: RobustnessResult;
  beforeAll(async () => {
    result = await runRobustness(stressSpecs);
    console.log(`QR stress (${result.total.frames} frames)\n${robustnessTable(result)}`);
  }, 120_000);

  test('every stress condition is in the set, and every frame was decoded or counted as missed', () => {
    expect(new Set(stressSpecs.map((s) => s.condition))).toEqual(new Set(Object.keys(STRESS_CONDITIONS)));
    expect(result.total.frames).toBe(stressSpecs.length);
    expect(result.total.combined + result.missed.length).toBe(stressSpecs.length);
  });

  test('never a wrong payload', () => {
    expect(result.wrong).toEqual([]);
  });

  test('the 2× upscaled pass recovers frames ZXing misses at native resolution', () => {
    expect(result.total.combined / result.total.frames).toBeGreaterThanOrEqual(0.7);
    expect(result.total.combined - result.total.zxing).toBeGreaterThanOrEqual(result.total.frames / 4);
  });
});
