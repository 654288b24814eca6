/** Splitting ffmpeg's image2pipe PNG stream in memory (video frames never touch a temp file). */
import { describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { splitPngStream } from '../../../src/cli/qr/png-stream.js';
import { InputError } from '../../../src/core/errors.js';

function png(w: number, h: number, grey: number): Uint8Array {
  const p = new PNG({ width: w, height: h });
  p.data.fill(grey);
  return new Uint8Array(PNG.sync.write(p));
}

describe('splitPngStream', () => {
  const a = png(3, 2, 10);
  const b = png(5, 4, 200);
  const stream = new Uint8Array([...a, ...b, ...a]);
  it('returns each PNG file byte for byte, in order', () => {
    const parts = splitPngStream(stream, '--video');
    expect(parts.map((p) => Buffer.from(p).toString('hex'))).toEqual([a, b, a].map((p) => Buffer.from(p).toString('hex')));
    expect(PNG.sync.read(Buffer.from(parts[1]!)).width).toBe(5);
  });
  it('an empty stream has no frames', () => expect(splitPngStream(new Uint8Array(), '--video')).toEqual([]));
  it('a truncated last frame is an InputError naming the frame', () => {
    expect(() => splitPngStream(stream.subarray(0, stream.length - 5), '--video')).toThrow(/frame 3 .* truncated/);
    expect(() => splitPngStream(stream.subarray(0, stream.length - 5), '--video')).toThrow(InputError);
  });
  it('bytes that are not PNG are refused', () => {
    expect(() => splitPngStream(new Uint8Array([...a, 1, 2, 3, 4, 5, 6, 7, 8, 9]), '--video')).toThrow(/frame 2 .* not a PNG/);
  });
});
