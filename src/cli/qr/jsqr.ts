/**
 * jsQR (pure JavaScript) as the fallback QR reader: it decodes some sharp, high-contrast frames
 * ZXing has been seen to miss, but fails on ≤ 2.5 px/module, noise and rotation where ZXing
 * succeeds (docs/formats/qr-decoding.md). Normal polarity only: ZXing already tries inverted
 * codes, and jsQR's inverted pass doubles its cost. Loaded lazily on first use.
 */
import type { RgbaImage } from './zxing.js';
import { cjsExports } from '../cjs.js';

type JsQr = (data: Uint8ClampedArray, w: number, h: number, o?: { inversionAttempts?: 'attemptBoth' | 'dontInvert' }) => { binaryData: number[] } | null;

let jsQR: JsQr | undefined;

/** Raw data bytes of the QR code jsQR finds in `img`, or null. */
export async function jsqrDecode(img: RgbaImage): Promise<Uint8Array | null> {
  if (!jsQR) {
    // jsqr is a CommonJS bundle whose module.exports is the function (with itself as `default`).
    const mod = cjsExports<unknown>(await import('jsqr'));
    jsQR = (typeof mod === 'function' ? mod : (mod as { default: unknown }).default) as JsQr;
  }
  const data = img.data instanceof Uint8ClampedArray ? img.data : new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.width * img.height * 4);
  const found = jsQR(data, img.width, img.height, { inversionAttempts: 'dontInvert' });
  return found ? Uint8Array.from(found.binaryData) : null;
}
