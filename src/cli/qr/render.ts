/**
 * Drawing QR frames: text → module matrix (the `qrcode` package, ECC and version fixed, one
 * explicit segment so UR/BBQr stay in alphanumeric mode) → RGBA pixels → PNG, and the half-block
 * terminal form. Each rendered frame is decoded back from its own pixels (./read-image.ts) and
 * compared with the text before anyone sees it: a mismatch is an error, never a shown frame.
 */
import { RuntimeFailure } from '../../core/errors.js';
import type { Ecc } from '../../core/transport/qr-capacity.js';
import type { RgbaImage } from './read-image.js';
import { cjsExports } from '../cjs.js';

/** A QR symbol as a square of dark (1) / light (0) modules. */
export interface QrMatrix {
  size: number;
  modules: Uint8Array;
  version: number;
}

/** One drawn and verified frame. */
export interface Frame {
  text: string;
  matrix: QrMatrix;
  image: RgbaImage;
}

export interface RenderOptions {
  mode: 'alphanumeric' | 'byte';
  ecc: Ecc;
  /** Preferred version (the series' fixed version); a longer text falls back to the smallest that fits. */
  version?: number;
  /** Pixels per module (default: chosen so the image is about 600 px wide, at least 4). */
  scale?: number;
  /** Quiet zone in modules (default 4). */
  margin?: number;
}

type QrLib = typeof import('qrcode');
let qrLib: QrLib | undefined;

async function lib(): Promise<QrLib> {
  qrLib ??= cjsExports<QrLib>(await import('qrcode'));
  return qrLib;
}

/** Encode `text` (or, in byte mode, raw bytes) as a QR matrix. */
export async function qrMatrix(text: string | Uint8Array, opts: Pick<RenderOptions, 'mode' | 'ecc' | 'version'>): Promise<QrMatrix> {
  const q = await lib();
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  const seg = opts.mode === 'alphanumeric' && typeof text === 'string' ? { mode: 'alphanumeric' as const, data: text } : { mode: 'byte' as const, data: bytes };
  let code;
  try {
    code = q.create([seg], { errorCorrectionLevel: opts.ecc, version: opts.version });
  } catch {
    // Text longer than the series' version (a late fountain part): take the smallest that fits.
    code = q.create([seg], { errorCorrectionLevel: opts.ecc });
  }
  return { size: code.modules.size, modules: code.modules.data, version: code.version };
}

/** Pixels for a matrix: black modules on white, `scale` px per module, `margin` modules of quiet zone. */
export function matrixToRgba(m: QrMatrix, scale: number, margin: number): RgbaImage {
  const side = (m.size + 2 * margin) * scale;
  const data = new Uint8Array(side * side * 4).fill(255);
  for (let r = 0; r < m.size; r++) {
    for (let c = 0; c < m.size; c++) {
      if (!m.modules[r * m.size + c]) continue;
      for (let y = 0; y < scale; y++) {
        const row = ((r + margin) * scale + y) * side;
        for (let x = 0; x < scale; x++) {
          const o = (row + (c + margin) * scale + x) * 4;
          data[o] = data[o + 1] = data[o + 2] = 0;
        }
      }
    }
  }
  return { data, width: side, height: side };
}

/** Default pixels per module: about 600 px across, never below 4. */
export function defaultScale(size: number, margin = 4): number {
  return Math.max(4, Math.floor(600 / (size + 2 * margin)));
}

/** Draw one frame and check it decodes back to exactly `text` from its own pixels. */
export async function renderVerified(text: string, opts: RenderOptions, label = 'frame'): Promise<Frame> {
  const matrix = await qrMatrix(text, opts);
  const margin = opts.margin ?? 4;
  const image = matrixToRgba(matrix, opts.scale ?? defaultScale(matrix.size, margin), margin);
  const { decodeQrPixels } = await import('./read-image.js');
  const back = await decodeQrPixels(image);
  if (!back) throw new RuntimeFailure(`${label} was drawn but could not be read back from its pixels; nothing was shown or written`);
  const got = new TextDecoder().decode(back.bytes);
  if (got !== text) throw new RuntimeFailure(`${label} reads back different from what was encoded; nothing was shown or written`);
  return { text, matrix, image };
}

/**
 * One byte-mode QR of binary `data` (e.g. a CompactSeedQR), drawn, read back from its own pixels
 * and compared byte for byte — never through a text form, which would mangle binary content.
 */
export async function renderBinaryVerified(data: Uint8Array, ecc: Ecc, label = 'QR code'): Promise<{ matrix: QrMatrix; image: RgbaImage }> {
  const matrix = await qrMatrix(data, { mode: 'byte', ecc });
  const image = matrixToRgba(matrix, defaultScale(matrix.size), 4);
  const { decodeQrPixels } = await import('./read-image.js');
  const back = await decodeQrPixels(image);
  if (!back || back.bytes.length !== data.length || back.bytes.some((b, i) => b !== data[i])) {
    throw new RuntimeFailure(`${label} was drawn but does not read back the same from its pixels; nothing was written`);
  }
  return { matrix, image };
}

/** PNG file bytes of a frame (1-bit black and white). */
export async function encodePng(img: RgbaImage): Promise<Uint8Array> {
  const { encodePng1Bit } = await import('./png-1bit.js');
  return encodePng1Bit(img);
}

/**
 * Terminal form: two module rows per text line with half-block characters, light modules drawn
 * as spaces on a dark-on-light inverted background so phones read it from a dark terminal.
 */
export function matrixToTerminal(m: QrMatrix, margin = 2): string {
  const n = m.size + 2 * margin;
  const dark = (r: number, c: number): boolean => {
    const rr = r - margin;
    const cc = c - margin;
    return rr >= 0 && cc >= 0 && rr < m.size && cc < m.size && m.modules[rr * m.size + cc] === 1;
  };
  const lines: string[] = [];
  for (let r = 0; r < n; r += 2) {
    let line = '\x1b[47;30m';
    for (let c = 0; c < n; c++) {
      const top = dark(r, c);
      const bottom = r + 1 < n && dark(r + 1, c);
      line += top && bottom ? '█' : top ? '▀' : bottom ? '▄' : ' ';
    }
    lines.push(line + '\x1b[0m');
  }
  return lines.join('\n');
}
