/**
 * Render a QR module matrix as a synthetic camera frame: the symbol (with its quiet zone) is a
 * sheet of paper placed on a darker desk, seen through a homography (rotation + perspective
 * tilt), box-filtered by supersampling (grey anti-aliased module edges), then lit unevenly,
 * blurred (Gaussian), and given sensor noise. All randomness comes from the caller's Prng, so a
 * frame is reproducible from its seed.
 */
import type { Prng } from './prng.js';

/** A QR symbol's modules: `size`×`size`, row-major, 1 = dark. */
export interface ModuleMatrix { size: number; dark: Uint8Array }

/** How a frame is degraded. */
export interface FrameParams {
  /** Pixels per module along the symbol's centre line (before tilt). */
  ppm: number;
  /** In-plane rotation in degrees. */
  rotation: number;
  /** Perspective: the far edge is (1 − tilt) and the near edge (1 + tilt) times the nominal width. */
  tilt: number;
  /** Direction of the tilt in degrees (0 = top edge far). */
  tiltAxis: number;
  /** Gaussian blur sigma in pixels (0 = none). */
  blur: number;
  /** Sensor noise sigma on the 0..255 scale. */
  noise: number;
  /** Paper (light module) and ink (dark module) levels on the 0..255 scale. */
  paper: number;
  ink: number;
  /** Uneven lighting: the dim side gets (1 − lighting) of the light of the bright side. */
  lighting: number;
  /** Quiet zone in modules (ISO/IEC 18004 asks for 4). */
  quiet: number;
  /** A fixed frame size with the sheet centred in it (default: the sheet plus a margin). */
  canvas?: { width: number; height: number };
}

/** An RGBA frame. */
export interface Frame { data: Uint8ClampedArray; width: number; height: number }

type Vec = [number, number];

/** Solve the homography mapping `from[i]` → `to[i]` (4 point pairs), h33 = 1. */
export function homography(from: Vec[], to: Vec[]): number[] {
  const a: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = from[i]!;
    const [u, v] = to[i]!;
    a.push([x, y, 1, 0, 0, 0, -x * u, -y * u, u]);
    a.push([0, 0, 0, x, y, 1, -x * v, -y * v, v]);
  }
  for (let c = 0; c < 8; c++) {
    let p = c;
    for (let r = c + 1; r < 8; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[p]![c]!)) p = r;
    [a[c], a[p]] = [a[p]!, a[c]!];
    for (let r = 0; r < 8; r++) {
      if (r === c) continue;
      const f = a[r]![c]! / a[c]![c]!;
      for (let k = c; k < 9; k++) a[r]![k]! -= f * a[c]![k]!;
    }
  }
  return a.map((row, i) => row[8]! / row[i]!);
}

/** Render `m` as a degraded camera frame. */
export function cameraFrame(m: ModuleMatrix, p: FrameParams, rng: Prng): Frame {
  const n = m.size + 2 * p.quiet; // the sheet, in modules
  const half = (n * p.ppm) / 2;
  const rad = (d: number) => (d * Math.PI) / 180;
  const rot = (v: Vec, deg: number): Vec => {
    const c = Math.cos(rad(deg)), s = Math.sin(rad(deg));
    return [v[0] * c - v[1] * s, v[0] * s + v[1] * c];
  };
  // Sheet corners TL, TR, BR, BL around the origin; tilt along the tilt axis, then rotate.
  const corners = ([[-half, -half], [half, -half], [half, half], [-half, half]] as Vec[]).map((c) => {
    const t = rot(c, -p.tiltAxis);
    const w = 1 + p.tilt * (t[1] / half);
    return rot(rot([t[0] * w, t[1] * (1 + p.tilt * 0.3 * (t[1] / half))], p.tiltAxis), p.rotation);
  });
  const xs = corners.map((c) => c[0]), ys = corners.map((c) => c[1]);
  const pad = Math.max(12, Math.round(half * 0.15));
  let ox = -Math.min(...xs) + pad + rng.range(0, pad), oy = -Math.min(...ys) + pad + rng.range(0, pad);
  let width = Math.ceil(Math.max(...xs) + ox + pad), height = Math.ceil(Math.max(...ys) + oy + pad);
  if (p.canvas) {
    ({ width, height } = p.canvas);
    ox = width / 2;
    oy = height / 2;
  }
  const quad = corners.map((c) => [c[0] + ox, c[1] + oy] as Vec);
  const h = homography(quad, [[0, 0], [n, 0], [n, n], [0, n]]);

  // Reflectance, box-filtered over ss×ss samples per pixel: walk the supersampled grid row by
  // row, stepping the homography's numerators and denominator incrementally.
  const ss = p.ppm < 3 ? 3 : 2;
  const desk = p.ink + (p.paper - p.ink) * 0.45;
  const img = new Float32Array(width * height);
  const step = 1 / ss;
  const [h0, h1, h2, h3, h4, h5, h6, h7] = h as [number, number, number, number, number, number, number, number];
  for (let row = 0; row < height * ss; row++) {
    const sy = (row + 0.5) * step, sx = 0.5 * step;
    let nu = h0 * sx + h1 * sy + h2, nv = h3 * sx + h4 * sy + h5, w = h6 * sx + h7 * sy + 1;
    const base = Math.floor(row / ss) * width;
    for (let col = 0; col < width * ss; col++) {
      const u = nu / w, v = nv / w;
      let value = desk;
      if (u >= 0 && v >= 0 && u < n && v < n) {
        const mx = Math.floor(u) - p.quiet, my = Math.floor(v) - p.quiet;
        value = mx >= 0 && my >= 0 && mx < m.size && my < m.size && m.dark[my * m.size + mx] === 1 ? p.ink : p.paper;
      }
      img[base + Math.floor(col / ss)]! += value;
      nu += h0 * step;
      nv += h3 * step;
      w += h6 * step;
    }
  }
  for (let i = 0; i < img.length; i++) img[i]! /= ss * ss;

  // Uneven lighting: a linear falloff across the frame in a random direction.
  if (p.lighting > 0) {
    const dir = rng.range(0, 2 * Math.PI), dx = Math.cos(dir), dy = Math.sin(dir);
    const span = Math.abs(dx) * width + Math.abs(dy) * height;
    const x0 = dx < 0 ? width : 0, y0 = dy < 0 ? height : 0;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const t = ((x - x0) * dx + (y - y0) * dy) / span;
        img[y * width + x]! *= 1 - p.lighting * t;
      }
    }
  }
  const blurred = p.blur > 0 ? gaussianBlur(img, width, height, p.blur) : img;

  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const g = blurred[i]! + (p.noise > 0 ? p.noise * rng.normal() : 0);
    data[i * 4] = g;
    data[i * 4 + 1] = g;
    data[i * 4 + 2] = g;
    data[i * 4 + 3] = 255;
  }
  return { data, width, height };
}

/** Separable Gaussian blur, edges clamped. */
function gaussianBlur(src: Float32Array, w: number, h: number, sigma: number): Float32Array {
  const r = Math.max(1, Math.ceil(sigma * 3));
  const k = new Float32Array(2 * r + 1);
  let sum = 0;
  for (let i = -r; i <= r; i++) sum += k[i + r] = Math.exp(-(i * i) / (2 * sigma * sigma));
  for (let i = 0; i < k.length; i++) k[i]! /= sum;
  const pass = (from: Float32Array, to: Float32Array, len: number, lines: number, at: (line: number, i: number) => number) => {
    const buf = new Float32Array(len + 2 * r);
    for (let line = 0; line < lines; line++) {
      for (let i = -r; i < len + r; i++) buf[i + r] = from[at(line, Math.min(len - 1, Math.max(0, i)))]!;
      for (let i = 0; i < len; i++) {
        let acc = 0;
        for (let t = 0; t < k.length; t++) acc += k[t]! * buf[i + t]!;
        to[at(line, i)] = acc;
      }
    }
  };
  const tmp = new Float32Array(w * h), out = new Float32Array(w * h);
  pass(src, tmp, w, h, (y, x) => y * w + x);
  pass(tmp, out, h, w, (x, y) => y * w + x);
  return out;
}
