/**
 * ZXing-C++ (the `zxing-wasm` package) as coldkit's primary QR reader, instantiated from the
 * package's own `zxing_reader.wasm` file on disk — never from the network.
 *
 * By default zxing-wasm's `locateFile` points at the jsDelivr CDN and the Emscripten glue
 * `fetch`es the WebAssembly from there. Here the bytes are read with `fs`, checked against the
 * SHA-256 the package itself publishes (`ZXING_WASM_SHA256`), and handed over as `wasmBinary`
 * through `prepareZXingModule({ overrides })`; `locateFile` is also overridden to the local path
 * so no URL is ever formed. test/qr/read-image.test.ts stubs `globalThis.fetch` to throw while
 * the module is instantiated and used.
 *
 * Everything is loaded lazily on the first call, so `coldkit --help` never loads the WebAssembly.
 * In a release bundle the file is `lib/zxing_reader.wasm` of the bundle's folder (no node_modules).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { LIB_DIR } from '../../core/bundle/layout.js';
import { RuntimeFailure } from '../../core/errors.js';
import { bundleRoot } from '../installation.js';

type ZxingReader = typeof import('zxing-wasm/reader');

/** RGBA pixels, row-major, 4 bytes per pixel. */
export interface RgbaImage { data: Uint8ClampedArray | Uint8Array; width: number; height: number }

let loading: Promise<ZxingReader> | undefined;

/** The reader WebAssembly's file name in a release bundle's lib/ folder. */
export const ZXING_WASM_FILE = 'zxing_reader.wasm';

/** Absolute path of the reader WebAssembly: in the bundle's lib/, else inside the installed zxing-wasm package. */
export function zxingWasmPath(): string {
  const root = bundleRoot();
  if (root) return path.join(root, LIB_DIR, ZXING_WASM_FILE);
  return createRequire(import.meta.url).resolve(`zxing-wasm/reader/${ZXING_WASM_FILE}`);
}

async function load(): Promise<ZxingReader> {
  const zxing = await import('zxing-wasm/reader');
  const wasmPath = zxingWasmPath();
  let wasm: Buffer;
  try {
    wasm = readFileSync(wasmPath);
  } catch (e) {
    throw new RuntimeFailure(`cannot read the QR decoder "${wasmPath}": ${(e as NodeJS.ErrnoException).code ?? 'error'}; reinstall coldkit`);
  }
  const sha = createHash('sha256').update(wasm).digest('hex');
  if (sha !== zxing.ZXING_WASM_SHA256) {
    throw new RuntimeFailure(`QR decoder "${wasmPath}" has SHA-256 ${sha}, expected ${zxing.ZXING_WASM_SHA256}; reinstall coldkit`);
  }
  const wasmBinary = wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer;
  await zxing.prepareZXingModule({
    overrides: { wasmBinary, locateFile: () => wasmPath },
    fireImmediately: true,
  });
  return zxing;
}

/** The zxing-wasm reader, instantiated once from the local `.wasm` file. */
export function zxingReader(): Promise<ZxingReader> {
  loading ??= load().catch((e: unknown) => {
    loading = undefined;
    throw e;
  });
  return loading;
}

/**
 * Reader options. tryRotate only helps linear symbologies (a QR finder is rotation invariant) and
 * costs time; tryInvert reads light-on-dark codes (dark-mode screens); tryDownscale finds the
 * large modules of high-resolution photos; one symbol is enough.
 */
const OPTIONS = { formats: ['QRCode' as const], tryHarder: true, tryRotate: false, tryInvert: true, tryDownscale: true, maxNumberOfSymbols: 1 };

/**
 * Binarizers tried in turn: ZXing's default local-average thresholding, then one global
 * histogram threshold, which recovers some strongly tilted frames the local one misses (the
 * second pass only runs when the first finds nothing).
 */
const BINARIZERS = ['LocalAverage', 'GlobalHistogram'] as const;

/**
 * Raw byte content of the QR code ZXing finds in `img` (empty when none; at most one). The bytes
 * are the symbol's data as encoded (byte-mode content verbatim), not a text rendering of it.
 */
export async function zxingDecode(img: RgbaImage): Promise<Uint8Array[]> {
  const zxing = await zxingReader();
  // A plain object, not a DOM ImageData (Node has none): zxing-wasm only reads data/width/height
  // (it converts RGBA to luminance itself); a bare Uint8Array would be taken for an image file.
  const imageData = { data: img.data, width: img.width, height: img.height } as unknown as Parameters<ZxingReader['readBarcodes']>[0];
  for (const binarizer of BINARIZERS) {
    const results = await zxing.readBarcodes(imageData, { ...OPTIONS, binarizer });
    const found = results.filter((r) => r.isValid && r.format === 'QRCode').map((r) => new Uint8Array(r.bytes));
    if (found.length) return found;
  }
  return [];
}
