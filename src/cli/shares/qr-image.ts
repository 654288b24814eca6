/**
 * Read the text of the one QR code in a PNG image (a share card's QR, a photo saved as PNG),
 * through real pixels: pngjs decodes the file, jsQR finds and decodes the symbol. Loaded only when
 * `--from-qr` is used. (The QR area's multi-frame scanner assembles one payload from many frames;
 * a share card is one self-contained symbol per image, so each image is read on its own here.)
 */
import * as path from 'node:path';
import { InputError } from '../../core/errors.js';
import { readInputFile } from '../io.js';

/** Decode the QR code in a PNG file to its text. */
export async function readQrText(file: string, field = '--from-qr'): Promise<string> {
  const bytes = await readInputFile(file, field);
  const { PNG } = await import('pngjs');
  let png: { width: number; height: number; data: Buffer };
  try {
    png = PNG.sync.read(Buffer.from(bytes));
  } catch (e) {
    throw new InputError(`"${path.basename(file)}" is not a readable PNG image (${(e as Error).message}); save the photo or scan as PNG`, field);
  }
  // jsqr is CommonJS: its module object is the function, also exported as `.default`.
  const mod = (await import('jsqr')).default;
  const jsQR = mod.default;
  const found = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength), png.width, png.height, { inversionAttempts: 'attemptBoth' });
  if (!found || !found.data) throw new InputError(`no QR code found in "${path.basename(file)}" (crop to the share's QR, keep the quiet zone, avoid glare)`, field);
  return found.data;
}
