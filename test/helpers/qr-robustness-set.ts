/**
 * The QR decoding robustness set: real QR PNGs written by the `qrcode` package (versions 5–25,
 * ECC L/M/Q/H, binary byte-mode payloads and upper-case UR-style alphanumeric payloads filling
 * 60–95% of the version), each rendered as a degraded camera frame (./camera-frame.ts). Seven
 * conditions × 30 frames = 210 frames, generated on the fly from fixed seeds: nothing is stored.
 */
import { createRequire } from 'node:module';
import QRCode from 'qrcode';
import { PNG } from 'pngjs';
import { cameraFrame, type Frame, type FrameParams, type ModuleMatrix } from './camera-frame.js';
import { Prng } from './prng.js';

export type Ecc = 'L' | 'M' | 'Q' | 'H';

/** One frame of the set: what it encodes and how it is degraded. */
export interface FrameSpec {
  name: string;
  condition: string;
  version: number;
  ecc: Ecc;
  mode: 'byte' | 'alphanumeric';
  /** The payload as it must come back (alphanumeric content as its ASCII bytes). */
  payload: Uint8Array;
  params: FrameParams;
  seed: number;
}

const BASE: FrameParams = { ppm: 3.5, rotation: 0, tilt: 0, tiltAxis: 0, blur: 0.4, noise: 3, paper: 235, ink: 25, lighting: 0, quiet: 4 };

/** The conditions the issue lists, each a function of a per-frame Prng. */
export const CONDITIONS: Record<string, (r: Prng) => Partial<FrameParams>> = {
  'low-res 2–3 px/module': (r) => ({ ppm: r.range(2, 3) }),
  rotation: (r) => ({ ppm: r.range(3, 4), rotation: r.range(0, 360) }),
  perspective: (r) => ({ ppm: r.range(3, 4), tilt: r.range(0.12, 0.3), tiltAxis: r.range(0, 360), rotation: r.range(-10, 10) }),
  blur: (r) => ({ ppm: r.range(3, 4), blur: r.range(0.8, 1.3) }),
  noise: (r) => ({ ppm: r.range(3, 4), noise: r.range(15, 30) }),
  'low contrast + uneven light': (r) => {
    const paper = r.range(150, 210);
    return { ppm: r.range(3, 4), paper, ink: paper - r.range(50, 80), lighting: r.range(0.3, 0.5) };
  },
  combined: (r) => {
    const paper = r.range(180, 235);
    return {
      ppm: r.range(3, 3.6), rotation: r.range(-15, 15), tilt: r.range(0, 0.15), tiltAxis: r.range(0, 360),
      blur: r.range(0.5, 0.8), noise: r.range(6, 12), paper, ink: paper - r.range(120, 180), lighting: r.range(0, 0.3),
    };
  },
};

/**
 * Harder than the conditions, beyond what a camera aimed at a screen usually gives: where
 * ZXing's first pass starts to fail and the 2× upscaled pass matters. Not part of the ≥ 99% set.
 */
export const STRESS_CONDITIONS: Record<string, (r: Prng) => Partial<FrameParams>> = {
  'heavy blur σ 1.4–1.5 px at 3 px/module': (r) => ({ ppm: 3, rotation: r.range(-5, 5), blur: r.range(1.4, 1.5) }),
  'heavy noise σ 42–50': (r) => ({ ppm: 3, rotation: r.range(-5, 5), blur: 0.5, noise: r.range(42, 50) }),
  'very low contrast (14–20 levels)': (r) => {
    const paper = r.range(120, 200);
    return { ppm: 3, rotation: r.range(-5, 5), paper, ink: paper - r.range(14, 20), noise: 4 };
  },
  '1.2–1.4 px/module': (r) => ({ ppm: r.range(1.2, 1.4), rotation: r.range(-5, 5) }),
};

const ECCS: Ecc[] = ['L', 'M', 'Q', 'H'];
const UR_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

const require = createRequire(import.meta.url);
// qrcode's own capacity table (ISO/IEC 18004 Table 7), so payloads fill the intended version.
const qrVersion = require('qrcode/lib/core/version.js') as { getCapacity(v: number, ecl: unknown, mode: unknown): number };
const qrEcl = require('qrcode/lib/core/error-correction-level.js') as Record<Ecc, unknown>;
const qrMode = require('qrcode/lib/core/mode.js') as { BYTE: unknown; ALPHANUMERIC: unknown };

/** The frame specs, `perCondition` frames per condition (versions 5–25 spread over them). */
export function robustnessSet(perCondition = 30, seed = 20261126, conditions = CONDITIONS): FrameSpec[] {
  const specs: FrameSpec[] = [];
  Object.entries(conditions).forEach(([condition, make], ci) => {
    for (let k = 0; k < perCondition; k++) {
      const frameSeed = (seed + ci * 1000 + k) >>> 0;
      const r = new Prng(frameSeed);
      const version = 5 + ((k * 8 + ci * 3) % 21);
      const ecc = ECCS[(k + ci) % 4]!;
      const mode = k % 2 === 0 ? 'byte' : 'alphanumeric';
      const cap = qrVersion.getCapacity(version, qrEcl[ecc], mode === 'byte' ? qrMode.BYTE : qrMode.ALPHANUMERIC);
      // Fill 60–95% of the version, but never fall into the version below.
      const below = version > 1 ? qrVersion.getCapacity(version - 1, qrEcl[ecc], mode === 'byte' ? qrMode.BYTE : qrMode.ALPHANUMERIC) : 0;
      const len = Math.max(below + 1, Math.floor(cap * r.range(0.6, 0.95)));
      const payload = mode === 'byte' ? r.bytes(len) : urText(r, len);
      const params = { ...BASE, ...make(r) };
      specs.push({ name: `${condition} #${k} v${version}-${ecc} ${mode}`, condition, version, ecc, mode, payload, params, seed: frameSeed });
    }
  });
  return specs;
}

/** Upper-case bytewords-like text: "UR:CRYPTO-PSBT/12-34/" then letters (alphanumeric mode). */
function urText(r: Prng, len: number): Uint8Array {
  let s = `UR:CRYPTO-PSBT/${r.int(1, 99)}-${r.int(1, 99)}/`;
  while (s.length < len) s += UR_CHARS[r.int(0, 25)];
  return new TextEncoder().encode(s.slice(0, len));
}

/**
 * The QR symbol for a spec, at exactly its version and ECC level: the PNG `qrcode` writes (one
 * pixel per module, no margin — the camera model adds the quiet zone and resamples it).
 */
export async function symbolFor(spec: FrameSpec): Promise<ModuleMatrix> {
  const data = spec.mode === 'byte' ? spec.payload : new TextDecoder().decode(spec.payload);
  const png = PNG.sync.read(await QRCode.toBuffer([{ data, mode: spec.mode } as QRCode.QRCodeSegment], { version: spec.version, errorCorrectionLevel: spec.ecc, scale: 1, margin: 0 }));
  if (png.width !== 17 + 4 * spec.version || png.height !== png.width) throw new Error(`${spec.name}: encoder drew ${png.width}×${png.height}`);
  const dark = new Uint8Array(png.width * png.width);
  for (let i = 0; i < dark.length; i++) dark[i] = png.data[i * 4]! < 128 ? 1 : 0;
  return { size: png.width, dark };
}

/** Render a spec's frame (deterministic: the same spec always gives the same pixels). */
export async function renderFrame(spec: FrameSpec): Promise<Frame> {
  return cameraFrame(await symbolFor(spec), spec.params, new Prng(spec.seed ^ 0x5eed));
}
