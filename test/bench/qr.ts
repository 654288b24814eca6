/**
 * QR benchmark (issue 5, "Decoding robustness and speed"):
 * 1. frames per second decoded by `decodeQrPixels` on 640×640 camera-like frames (target ≥ 20/s);
 * 2. the robustness set (test/helpers/qr-robustness-set.ts) through jsQR alone, zxing-wasm alone and the
 *    combined reader;
 * 3. QR frames needed for a 1-input and a 50-input PSBT per format and density, beside what
 *    Sparrow's settings need — computed with the transport encoders (UR fountain, BBQr split)
 *    and the ISO/IEC 18004 capacity table.
 */
import * as os from 'node:os';
import { decodeQrPixels } from '../../src/cli/qr/read-image.js';
import { nodeZlib } from '../../src/cli/qr/zlib.js';
import { splitBbqr } from '../../src/core/transport/bbqr/bbqr.js';
import { encodeCbor } from '../../src/core/transport/cbor.js';
import { alnumVersionFor } from '../../src/core/transport/qr-capacity.js';
import { UrEncoder } from '../../src/core/transport/ur/multipart.js';
import { buildPsbt } from '../helpers/build-psbt.js';
import { cameraFrame, type Frame } from '../helpers/camera-frame.js';
import { Prng } from '../helpers/prng.js';
import { STRESS_CONDITIONS, robustnessSet, symbolFor, type FrameSpec } from '../helpers/qr-robustness-set.js';
import { robustnessTable, runRobustness } from '../helpers/qr-robustness-run.js';

const SIDE = 640;

/**
 * coldkit's density presets (`qr encode --density`, src/core/transport/frame-plan.ts): UR maximum
 * fragment bytes and BBQr QR-version cap.
 */
const DENSITY = { low: { ur: 80, bbqr: 12 }, normal: { ur: 200, bbqr: 20 }, high: { ur: 400, bbqr: 25 } } as const;

/**
 * Sparrow 2.x: UR fragments of at most 400 B ("Normal") or 80 B ("Low") (QRDensity.java); BBQr
 * parts of at most 2000 / 1000 base32 characters, balanced, Z encoding (BBQREncoder.java).
 */
const SPARROW = { low: { ur: 80, bbqrChars: 1000 }, normal: { ur: 400, bbqrChars: 2000 } } as const;

/** A 640×640 frame holding the QR of `spec`, filling `fill` of the frame width, mildly degraded. */
async function frame640(spec: FrameSpec, fill: number, seed: number): Promise<Frame> {
  const m = await symbolFor(spec);
  const r = new Prng(seed);
  return cameraFrame(m, {
    ...spec.params,
    ppm: (fill * SIDE) / (m.size + 8),
    rotation: r.range(-6, 6), tilt: r.range(0, 0.1), tiltAxis: r.range(0, 360),
    blur: 0.7, noise: 5, paper: 225, ink: 30, lighting: 0.2,
    canvas: { width: SIDE, height: SIDE },
  }, r);
}

async function decodeRate(frames: Frame[], expect: (Uint8Array | null)[], rounds: number, fallback = true) {
  let ok = 0;
  const t0 = performance.now();
  for (let r = 0; r < rounds; r++) {
    for (const [i, f] of frames.entries()) {
      const got = await decodeQrPixels(f, { fallback });
      const want = expect[i];
      if (want ? got && Buffer.from(got.bytes).equals(Buffer.from(want)) : !got) ok++;
    }
  }
  const n = frames.length * rounds;
  return { fps: (n * 1000) / (performance.now() - t0), ok, n };
}

async function speedSection(): Promise<string[]> {
  const specs = robustnessSet();
  const rows: string[] = [];
  await decodeQrPixels(await frame640(specs[0]!, 0.8, 1)); // instantiate the WebAssembly outside the timing
  let worst = Infinity;
  for (const version of [8, 12, 16, 20, 25]) {
    const pick = specs.filter((s) => s.version === version).slice(0, 6);
    for (const fill of [0.8, 0.5]) {
      const frames = await Promise.all(pick.map((s, i) => frame640(s, fill, 100 * version + i)));
      const { fps, ok, n } = await decodeRate(frames, pick.map((s) => s.payload), 5);
      const ppm = (fill * SIDE) / (17 + 4 * version + 8);
      if (ok === n) worst = Math.min(worst, fps);
      rows.push(`| v${version} | ${Math.round(fill * 100)}% (${ppm.toFixed(1)} px/module) | ${ok}/${n} | ${fps.toFixed(0)} |`);
    }
  }
  const blank = [0, 3, 8].map((noise, i) => cameraFrame({ size: 21, dark: new Uint8Array(441) }, { ...specs[0]!.params, ppm: 0.5, noise, canvas: { width: SIDE, height: SIDE } }, new Prng(i)));
  for (const fallback of [true, false]) {
    const { fps, ok, n } = await decodeRate(blank, blank.map(() => null), 3, fallback);
    rows.push(`| no code (noise σ 0/3/8) | — | ${ok}/${n} null | ${fps.toFixed(fps < 10 ? 1 : 0)} ${fallback ? '(fallback passes on)' : '(`fallback: false`)'} |`);
  }
  return [
    '### Decoding speed, 640×640 frames',
    '',
    '`decodeQrPixels` (zxing-wasm; when it finds nothing, zxing at 2× and jsQR) on 640×640 RGBA frames: the code',
    'fills 80% or 50% of the width, rotated ±6°, tilted ≤ 0.1, blur σ 0.7, noise σ 5, 20% light falloff;',
    '6 payloads per version, each decoded 5 times, one process, WebAssembly already instantiated;',
    `load average at the start ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores.`,
    '',
    '| QR version | code width | decoded | frames/s |',
    '|---|---|---|---|',
    ...rows,
    '',
    `Target ≥ 20 frames/s on frames with a code: ${worst >= 20 ? 'met' : 'NOT met'} (slowest fully decoded row ${worst.toFixed(0)}/s).`,
  ];
}

/** Frames × QR version of a UR fountain series at `fragment` bytes (fixed-rate part count). */
function urFrames(psbt: Uint8Array, fragment: number): string {
  const make = () => new UrEncoder({ type: 'crypto-psbt', cbor: encodeCbor(psbt) }, fragment);
  const e = make();
  const n = e.seqLen;
  let longest = 0;
  // Later fountain parts carry longer sequence numbers: size the version over 2×seqLen parts.
  for (let i = 0; i < (n === 1 ? 1 : 2 * n); i++) longest = Math.max(longest, e.nextPart().toUpperCase().length);
  return `${n} × v${alnumVersionFor(longest) ?? '>40'}`;
}

/** coldkit's BBQr split (fewest parts, then lowest version, Z encoding, version cap). */
function bbqrFrames(psbt: Uint8Array, maxVersion: number): string {
  const s = splitBbqr(psbt, 'P', { encoding: 'Z', maxVersion, zlib: nodeZlib });
  return `${s.parts.length} × v${s.version}`;
}

/** Sparrow's BBQr split: ceil(len / maxChars) parts, balanced, rounded up to whole base32 groups. */
function sparrowBbqrFrames(psbt: Uint8Array, maxChars: number): string {
  const z = nodeZlib.deflateRaw(psbt);
  const b32 = Math.ceil((Math.min(z.length, psbt.length) * 8) / 5);
  const count = Math.ceil(b32 / maxChars);
  let per = count === 1 ? b32 : Math.ceil(b32 / count);
  per += (8 - (per % 8)) % 8;
  const parts = Math.ceil(b32 / per);
  return `${parts} × v${alnumVersionFor(8 + Math.min(per, b32)) ?? '>40'}`;
}

function framesSection(): string[] {
  const psbts: [string, Uint8Array][] = [
    ['1-in/2-out P2WPKH, witness_utxo only', buildPsbt({ kind: 'wpkh', inputs: 1, nonWitness: false })],
    ['1-in/2-out P2WPKH + non_witness_utxo', buildPsbt({ kind: 'wpkh', inputs: 1 })],
    ['50-in/2-out P2WPKH, witness_utxo only', buildPsbt({ kind: 'wpkh', inputs: 50, nonWitness: false })],
    ['50-in/2-out P2WPKH + non_witness_utxo', buildPsbt({ kind: 'wpkh', inputs: 50 })],
  ];
  const rows: string[] = [];
  for (const [label, psbt] of psbts) {
    const size = `${label} (${psbt.length} B)`;
    rows.push(`| ${size} | UR crypto-psbt | ${(['low', 'normal', 'high'] as const).map((d) => urFrames(psbt, DENSITY[d].ur)).join(' | ')} | ${urFrames(psbt, SPARROW.low.ur)} | ${urFrames(psbt, SPARROW.normal.ur)} |`);
    rows.push(`| ${size} | BBQr Z | ${(['low', 'normal', 'high'] as const).map((d) => bbqrFrames(psbt, DENSITY[d].bbqr)).join(' | ')} | ${sparrowBbqrFrames(psbt, SPARROW.low.bbqrChars)} | ${sparrowBbqrFrames(psbt, SPARROW.normal.bbqrChars)} |`);
  }
  return [
    '### Frames per PSBT',
    '',
    'Fixed-rate frame count × QR version (ECC L, upper-case alphanumeric) of a complete series; a UR',
    'receiver that joins late needs ≈ 20% more fountain parts. coldkit densities: UR fragments',
    `${DENSITY.low.ur}/${DENSITY.normal.ur}/${DENSITY.high.ur} B, BBQr version cap ${DENSITY.low.bbqr}/${DENSITY.normal.bbqr}/${DENSITY.high.bbqr}. Sparrow: UR fragments ${SPARROW.low.ur} B (Low) / ${SPARROW.normal.ur} B (Normal),`,
    `BBQr ≤ ${SPARROW.low.bbqrChars} / ${SPARROW.normal.bbqrChars} base32 characters per part. PSBTs from test/helpers/build-psbt.ts.`,
    '',
    '| PSBT | format | coldkit low | coldkit normal | coldkit high | Sparrow Low | Sparrow Normal |',
    '|---|---|---|---|---|---|---|',
    ...rows,
  ];
}

/** Run the QR benchmark; returns its Markdown section. */
export default async function qr(): Promise<string> {
  const speed = await speedSection();
  const robust = await runRobustness(robustnessSet(), { jsqr: true });
  const stress = await runRobustness(robustnessSet(20, 777, STRESS_CONDITIONS), { jsqr: true });
  return [
    '## QR decoding and frame counts',
    '',
    ...speed,
    '',
    '### Robustness set',
    '',
    `${robust.total.frames} degraded camera frames (test/helpers/qr-robustness-set.ts: versions 5–25, ECC L/M/Q/H, binary and UR-style`,
    'payloads, 30 frames per condition); a frame counts when the decoder returns exactly the encoded payload.',
    `Wrong payloads returned: ${robust.wrong.length ? robust.wrong.join('; ') : 'none'}.`,
    '',
    robustnessTable(robust),
    '',
    '### Stress frames',
    '',
    `${stress.total.frames} frames harder than the set (test/helpers/qr-robustness-set.ts STRESS_CONDITIONS, 20 per condition, versions 5–25).`,
    `Wrong payloads returned: ${stress.wrong.length ? stress.wrong.join('; ') : 'none'}.`,
    '',
    robustnessTable(stress),
    '',
    ...framesSection(),
  ].join('\n');
}
