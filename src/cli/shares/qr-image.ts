/**
 * Read the text of the one QR code in a PNG image (a share card's QR, a photo saved as PNG)
 * through the QR area's image reader (src/cli/qr/read-image.ts: ZXing-wasm, jsQR fallback).
 * Loaded only when `--from-qr` is used. The QR area's multi-frame scanner assembles one payload
 * from many frames; a share card is one self-contained symbol an image, so each image is read
 * on its own here.
 */
import * as path from 'node:path';
import { InputError } from '../../core/errors.js';

/** Decode the QR code in a PNG file to its text. */
export async function readQrText(file: string, field = '--from-qr'): Promise<string> {
  const { readQrImage } = await import('../qr/read-image.js');
  const found = await readQrImage(file, field);
  if (!found) throw new InputError(`no QR code found in "${path.basename(file)}" (crop to the share's QR, keep the quiet zone, avoid glare)`, field);
  return found.text;
}
