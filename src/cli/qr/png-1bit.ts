/**
 * A minimal PNG writer for QR frames (PNG spec, ISO/IEC 15948): one IHDR (grey, bit depth 1), one
 * IDAT (filter type 0 per row, DEFLATE by node:zlib), IEND; each chunk closed by the CRC-32 of
 * its type and data. A 600-pixel frame is ~5 KB and written in about a millisecond, where a
 * general RGBA encoder spends tens of milliseconds.
 */
import { deflateSync } from 'node:zlib';
import { crc32 } from '../../core/transport/crc32.js';
import type { RgbaImage } from './read-image.js';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  dv.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** PNG bytes of `img` as black/white (a pixel is black when its red channel is below 128). */
export function encodePng1Bit(img: RgbaImage): Uint8Array {
  const { width, height, data } = img;
  const rowBytes = Math.ceil(width / 8);
  const raw = new Uint8Array((rowBytes + 1) * height);
  for (let y = 0; y < height; y++) {
    const o = y * (rowBytes + 1); // raw[o] = 0: filter type None
    for (let x = 0; x < width; x++) {
      // Bit 1 = white (grey level 1), most significant bit first.
      if (data[(y * width + x) * 4]! >= 128) raw[o + 1 + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  const ihdr = new Uint8Array(13);
  const dv = new DataView(ihdr.buffer);
  dv.setUint32(0, width);
  dv.setUint32(4, height);
  ihdr.set([1, 0, 0, 0, 0], 8); // bit depth 1, colour type 0 (grey), deflate, filter 0, no interlace
  const parts = [Uint8Array.from(SIGNATURE), chunk('IHDR', ihdr), chunk('IDAT', new Uint8Array(deflateSync(raw, { level: 9 }))), chunk('IEND', new Uint8Array(0))];
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}
