/**
 * Read the QR code in an image: RGBA pixels (or a PNG file) → the symbol's content.
 *
 * Decoder choice (docs/formats/qr-decoding.md has the measurements): ZXing-C++ compiled to
 * WebAssembly (`zxing-wasm`, loaded from the local package file, see ./zxing.ts) first; when it
 * finds nothing, ZXing again at twice the resolution (./upscale.ts), then jsQR. Every pass
 * returns the symbol's raw data bytes, so binary byte-mode content round-trips exactly; `text`
 * is those bytes as UTF-8 when they are valid UTF-8, else as Latin-1 (ISO/IEC 18004: without an
 * ECI, byte mode is ISO/IEC 8859-1).
 *
 * The decoders and the PNG reader are imported lazily on first use. Images other than PNG are refused with a
 * message saying how to convert them: no JPEG decoder is installed, and adding one only for
 * this is not worth the supply-chain cost.
 */
import { InputError, RuntimeFailure } from '../../core/errors.js';
import { readInputFile } from '../io.js';
import type { RgbaImage } from './zxing.js';
import { cjsExports } from '../cjs.js';

export type { RgbaImage } from './zxing.js';

/** What one QR symbol carried. */
export interface QrContent {
  /** `bytes` as UTF-8 when valid, else as Latin-1. */
  text: string;
  /** The symbol's data bytes, verbatim (byte-mode content as encoded; other modes as ASCII). */
  bytes: Uint8Array;
}

/** Largest image side accepted (pixels); bigger PNGs are refused before being inflated. */
export const MAX_IMAGE_SIDE = 8192;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Decoding options. */
export interface DecodeOptions {
  /**
   * When ZXing finds nothing, try harder (default true): ZXing again on a 2× upscaled copy (for
   * images up to MAX_UPSCALE_SIDE), then jsQR. These passes only run on frames where the fast
   * pass failed, but then they are slow — ≈ 600 ms on a noisy 640×640 frame with no code at all,
   * mostly jsQR — so a caller scanning many video frames may turn them off.
   */
  fallback?: boolean;
}

/** Largest image side that gets the 2× upscaled ZXing pass (larger images have pixels to spare). */
export const MAX_UPSCALE_SIDE = 1024;

/**
 * Decode the QR code in RGBA pixels (4 bytes per pixel, row-major). Returns null when no QR
 * code is found. Tries ZXing (WebAssembly) first; when it finds nothing, ZXing on a 2× upscaled
 * copy and then jsQR (unless `fallback: false`).
 */
export async function decodeQrPixels(img: RgbaImage, opts: DecodeOptions = {}): Promise<QrContent | null> {
  checkImage(img);
  const { zxingDecode } = await import('./zxing.js');
  let bytes: Uint8Array | null = (await zxingDecode(img))[0] ?? null;
  if (!bytes && opts.fallback !== false && Math.max(img.width, img.height) <= MAX_UPSCALE_SIDE) {
    const { upscale2x } = await import('./upscale.js');
    bytes = (await zxingDecode(upscale2x(img)))[0] ?? null;
  }
  if (!bytes && opts.fallback !== false) {
    const { jsqrDecode } = await import('./jsqr.js');
    bytes = await jsqrDecode(img);
  }
  return bytes ? { text: bytesToText(bytes), bytes } : null;
}

/**
 * Decode the QR code in a PNG file. Returns null when the image holds no readable QR code;
 * throws InputError (exit 2) when the file cannot be read or is not a PNG.
 */
export async function readQrImage(path: string, field = 'image', opts: DecodeOptions = {}): Promise<QrContent | null> {
  const file = await readInputFile(path, field);
  return decodeQrPixels(await decodePng(file, path, field), opts);
}

/**
 * PNG bytes → 8-bit RGBA pixels (any PNG colour type and bit depth) composited over white, so a
 * transparent background reads as paper. `name` only labels error messages.
 */
export async function decodePng(file: Uint8Array, name: string, field = 'image'): Promise<RgbaImage> {
  if (!PNG_SIGNATURE.every((b, i) => file[i] === b)) {
    const kind = file[0] === 0xff && file[1] === 0xd8 ? 'a JPEG' : 'not a PNG';
    throw new InputError(`"${name}" is ${kind}; QR images must be PNG (convert first, e.g. \`ffmpeg -i IN -frames:v 1 OUT.png\`)`, field);
  }
  // IHDR starts at byte 8: length(4) "IHDR"(4) width(4) height(4), big-endian.
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const width = file.length >= 24 ? view.getUint32(16) : 0;
  const height = file.length >= 24 ? view.getUint32(20) : 0;
  if (width < 1 || height < 1 || width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE) {
    throw new InputError(`"${name}" is ${width}×${height} pixels; QR images must be 1..${MAX_IMAGE_SIDE} pixels on each side`, field);
  }
  const { PNG } = cjsExports<typeof import('pngjs')>(await import('pngjs'));
  let png: { data: Buffer; width: number; height: number };
  try {
    png = PNG.sync.read(Buffer.from(file.buffer, file.byteOffset, file.byteLength));
  } catch (e) {
    throw new InputError(`"${name}" is not a valid PNG (${(e as Error).message})`, field);
  }
  return { data: overWhite(png.data), width: png.width, height: png.height };
}

/** Composite RGBA over a white background in place, then make every pixel opaque. */
function overWhite(rgba: Uint8Array): Uint8Array {
  for (let i = 3; i < rgba.length; i += 4) {
    const a = rgba[i]!;
    if (a === 255) continue;
    for (let c = i - 3; c < i; c++) rgba[c] = Math.round((rgba[c]! * a + 255 * (255 - a)) / 255);
    rgba[i] = 255;
  }
  return rgba;
}

function checkImage(img: RgbaImage): void {
  const { width, height, data } = img;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1 || width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE) {
    throw new RuntimeFailure(`image is ${width}×${height} pixels; expected 1..${MAX_IMAGE_SIDE} on each side`);
  }
  if (data.length < width * height * 4) {
    throw new RuntimeFailure(`image data has ${data.length} bytes; ${width}×${height} RGBA needs ${width * height * 4}`);
  }
}

/** Bytes as text: UTF-8 when valid, else Latin-1 (the QR byte-mode default charset). */
export function bytesToText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    let s = '';
    for (const b of bytes) s += String.fromCharCode(b);
    return s;
  }
}
