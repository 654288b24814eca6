/**
 * Double an image's resolution (bilinear, luminance only) for a second decoding attempt: ZXing's
 * local thresholding works on fixed 8×8-pixel blocks, and on small, blurred or noisy codes
 * (≈ 3 px per module, blur σ ≥ 0.45 module, noise σ ≥ 35) it finds the code far more often at
 * twice the size (docs/formats/qr-decoding.md has the numbers).
 */
import type { RgbaImage } from './zxing.js';

/** Luminance of an RGBA image (ITU-R BT.601 weights, as ZXing uses). */
function luminance(img: RgbaImage): Float32Array {
  const n = img.width * img.height;
  const y = new Float32Array(n);
  const d = img.data;
  for (let i = 0; i < n; i++) y[i] = 0.299 * d[i * 4]! + 0.587 * d[i * 4 + 1]! + 0.114 * d[i * 4 + 2]!;
  return y;
}

/** `img` at twice the width and height, bilinearly interpolated, grey, opaque. */
export function upscale2x(img: RgbaImage): RgbaImage {
  const { width: w, height: h } = img;
  const src = luminance(img);
  const W = 2 * w, H = 2 * h;
  const out = new Uint8ClampedArray(W * H * 4);
  for (let Y = 0; Y < H; Y++) {
    // Output pixel centre (Y + 0.5) / 2 − 0.5 in source coordinates.
    const fy = Math.min(h - 1, Math.max(0, (Y - 0.5) / 2));
    const y0 = Math.floor(fy), y1 = Math.min(h - 1, y0 + 1), ay = fy - y0;
    for (let X = 0; X < W; X++) {
      const fx = Math.min(w - 1, Math.max(0, (X - 0.5) / 2));
      const x0 = Math.floor(fx), x1 = Math.min(w - 1, x0 + 1), ax = fx - x0;
      const top = src[y0 * w + x0]! * (1 - ax) + src[y0 * w + x1]! * ax;
      const bottom = src[y1 * w + x0]! * (1 - ax) + src[y1 * w + x1]! * ax;
      const o = (Y * W + X) * 4;
      out[o] = out[o + 1] = out[o + 2] = top * (1 - ay) + bottom * ay;
      out[o + 3] = 255;
    }
  }
  return { data: out, width: W, height: H };
}
