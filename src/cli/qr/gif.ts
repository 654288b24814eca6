/**
 * Animated GIF of verified QR frames (gifenc, two-colour palette, loops forever). Every frame
 * must have the same size: the series is drawn at one QR version.
 */
import { RuntimeFailure } from '../../core/errors.js';
import type { RgbaImage } from './read-image.js';
import { cjsExports } from '../cjs.js';

/** GIF bytes showing `images` in order, `delayMs` each, looping. */
export async function encodeGif(images: RgbaImage[], delayMs: number): Promise<Uint8Array> {
  // gifenc ships CommonJS as "main".
  const { GIFEncoder } = cjsExports<typeof import('gifenc')>(await import('gifenc'));
  const gif = GIFEncoder();
  const { width, height } = images[0]!;
  const palette = [
    [255, 255, 255],
    [0, 0, 0],
  ];
  for (const [n, img] of images.entries()) {
    if (img.width !== width || img.height !== height) throw new RuntimeFailure(`GIF frame ${n + 1} is ${img.width}×${img.height}, not ${width}×${height}; use --png or --html`);
    const index = new Uint8Array(width * height);
    for (let i = 0; i < index.length; i++) index[i] = img.data[i * 4]! < 128 ? 1 : 0;
    gif.writeFrame(index, width, height, { palette, delay: delayMs, repeat: 0 });
  }
  gif.finish();
  return gif.bytes();
}
