/**
 * Splitting a stream of concatenated PNG files (ffmpeg's `-f image2pipe -c:v png` output) into
 * one buffer per image, by walking each file's chunks (PNG spec §5: signature, then length, type,
 * data, CRC … up to IEND). Video frames are read this way in memory, so a frame that shows a
 * share or a mnemonic is never written to a temporary file.
 */
import { InputError } from '../../core/errors.js';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const IEND = 0x49454e44;

/** The PNG files in `stream`, in order; a truncated or foreign stream is an InputError on `field`. */
export function splitPngStream(stream: Uint8Array, field: string): Uint8Array[] {
  const view = new DataView(stream.buffer, stream.byteOffset, stream.byteLength);
  const out: Uint8Array[] = [];
  let start = 0;
  while (start < stream.length) {
    if (stream.length - start < 8 || !SIGNATURE.every((b, i) => stream[start + i] === b)) {
      throw new InputError(`frame ${out.length + 1} of the decoded video is not a PNG`, field);
    }
    let at = start + 8;
    for (;;) {
      if (at + 12 > stream.length) throw new InputError(`frame ${out.length + 1} of the decoded video is truncated`, field);
      const len = view.getUint32(at);
      const type = view.getUint32(at + 4);
      at += 12 + len;
      if (at > stream.length) throw new InputError(`frame ${out.length + 1} of the decoded video is truncated`, field);
      if (type === IEND) break;
    }
    out.push(stream.subarray(start, at));
    start = at;
  }
  return out;
}
