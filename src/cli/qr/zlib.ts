/** node:zlib raw DEFLATE with a 1 KiB window (BBQr Z: "zlib wbits=10, no header"), for the pure BBQr codec. */
import { deflateRawSync, inflateRawSync, constants } from 'node:zlib';
import type { Zlib } from '../../core/transport/bbqr/bbqr.js';

export const nodeZlib: Zlib = {
  deflateRaw: (data) => new Uint8Array(deflateRawSync(data, { windowBits: 10, level: constants.Z_BEST_COMPRESSION })),
  inflateRaw: (data, maxBytes) => new Uint8Array(inflateRawSync(data, { windowBits: 10, maxOutputLength: maxBytes })),
};
