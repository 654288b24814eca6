/**
 * src/cli/qr/read-image.ts: the zxing-wasm reader loads its WebAssembly from the local package
 * (fetch is stubbed to throw while it is instantiated and used), binary byte-mode content
 * round-trips through both decoders, PNG files are read (transparency composited over white),
 * anything but PNG is refused with exit 2, and `coldkit --help` does not load any decoder.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import QRCode from 'qrcode';
import { PNG } from 'pngjs';
import { InputError } from '../../../src/core/errors.js';
import { bytesToText, decodePng, decodeQrPixels, readQrImage } from '../../../src/cli/qr/read-image.js';
import { zxingDecode, zxingWasmPath } from '../../../src/cli/qr/zxing.js';
import { jsqrDecode } from '../../../src/cli/qr/jsqr.js';
import { upscale2x } from '../../../src/cli/qr/upscale.js';
import { ROOT, tmpDir } from '../../helpers/cli.js';

/** A clean QR image of `data` in byte mode (qrcode's own PNG renderer). */
async function qrPng(data: Uint8Array | string, opts: QRCode.QRCodeToBufferOptions = {}): Promise<Buffer> {
  const seg = typeof data === 'string' ? data : [{ data, mode: 'byte' as const }];
  return QRCode.toBuffer(seg as string, { errorCorrectionLevel: 'L', scale: 4, margin: 4, ...opts });
}

function pixels(png: Buffer) {
  const img = PNG.sync.read(png);
  return { data: new Uint8ClampedArray(img.data), width: img.width, height: img.height };
}

const ALL_BYTES = Uint8Array.from({ length: 256 }, (_, i) => i);

describe('zxing-wasm loads offline', () => {
  const realFetch = globalThis.fetch;
  const calls: string[] = [];
  beforeAll(() => {
    globalThis.fetch = ((input: unknown) => {
      calls.push(String(input));
      throw new Error(`network access attempted: ${String(input)}`);
    }) as typeof fetch;
  });
  afterAll(() => {
    globalThis.fetch = realFetch;
  });

  // The first decode in this file instantiates the module, with fetch throwing.
  test('first decode instantiates the local .wasm with fetch stubbed to throw', async () => {
    const found = await zxingDecode(pixels(await qrPng(ALL_BYTES)));
    expect(found.length).toBe(1);
    expect([...found[0]!]).toEqual([...ALL_BYTES]);
    expect(calls).toEqual([]);
  });

  test('the wasm path is inside the installed package', () => {
    const p = zxingWasmPath();
    expect(p).toBe(path.join(ROOT, 'node_modules', 'zxing-wasm', 'dist', 'reader', 'zxing_reader.wasm'));
    expect(fs.statSync(p).size).toBeGreaterThan(100_000);
  });

  test('the stub really throws (the test can fail)', () => {
    expect(() => fetch('https://fastly.jsdelivr.net/x')).toThrow(/network access attempted/);
    calls.length = 0;
  });
});

describe('binary content round-trips', () => {
  test('all 256 byte values through zxing', async () => {
    const [bytes] = await zxingDecode(pixels(await qrPng(ALL_BYTES, { errorCorrectionLevel: 'M' })));
    expect(Buffer.from(bytes!).equals(Buffer.from(ALL_BYTES))).toBe(true);
  });

  test('all 256 byte values through jsQR', async () => {
    const bytes = await jsqrDecode(pixels(await qrPng(ALL_BYTES, { errorCorrectionLevel: 'M' })));
    expect(bytes && Buffer.from(bytes).equals(Buffer.from(ALL_BYTES))).toBe(true);
  });

  test('decodeQrPixels returns bytes and a Latin-1 text for non-UTF-8 bytes', async () => {
    const got = await decodeQrPixels(pixels(await qrPng(ALL_BYTES)));
    expect(got).not.toBeNull();
    expect([...got!.bytes]).toEqual([...ALL_BYTES]);
    expect(got!.text).toBe(String.fromCharCode(...ALL_BYTES));
  });

  test('UTF-8 text comes back as text', async () => {
    const s = 'coldkit ₿ héllo — UR:CRYPTO-PSBT/1-2/LPAD';
    const got = await decodeQrPixels(pixels(await qrPng(new TextEncoder().encode(s))));
    expect(got!.text).toBe(s);
  });

  test('alphanumeric mode content comes back as its ASCII bytes', async () => {
    const s = 'UR:CRYPTO-PSBT/12-34/LPADCSKGCFXYYNLATOMUNEWTTYAXKTIAMSECZMNBN';
    const got = await decodeQrPixels(pixels(await qrPng(s)));
    expect(new TextDecoder().decode(got!.bytes)).toBe(s);
    expect(got!.text).toBe(s);
  });

  test('a light-on-dark (inverted) code is read', async () => {
    const png = await qrPng('dark mode screen', { color: { dark: '#ffffffff', light: '#000000ff' } });
    expect((await decodeQrPixels(pixels(png), { fallback: false }))!.text).toBe('dark mode screen');
  });

  test('an image without a QR code gives null', async () => {
    const blank = { data: new Uint8ClampedArray(200 * 200 * 4).fill(255), width: 200, height: 200 };
    expect(await decodeQrPixels(blank)).toBeNull();
  });

  test('Uint8Array pixels (not clamped) are accepted', async () => {
    const p = pixels(await qrPng('plain text'));
    const got = await decodeQrPixels({ data: new Uint8Array(p.data.buffer), width: p.width, height: p.height });
    expect(got!.text).toBe('plain text');
  });

  test('bytesToText: UTF-8 when valid, else Latin-1', () => {
    expect(bytesToText(new TextEncoder().encode('₿'))).toBe('₿');
    expect(bytesToText(Uint8Array.of(0xe9, 0x41))).toBe('éA');
  });
});

describe('readQrImage', () => {
  const dir = tmpDir('coldkit-qr-img-');
  const file = (name: string, bytes: Uint8Array | Buffer) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, bytes);
    return p;
  };

  test('reads a PNG file', async () => {
    const got = await readQrImage(file('a.png', await qrPng('cHNidP8BAHECAAAAAQ==')));
    expect(got!.text).toBe('cHNidP8BAHECAAAAAQ==');
  });

  test('a transparent background reads as white paper', async () => {
    const png = await qrPng('transparent', { color: { dark: '#000000ff', light: '#00000000' } });
    // Without compositing the light modules would be RGB 0 = black, like the dark ones.
    const raw = PNG.sync.read(png);
    expect(raw.data[3]).toBe(0);
    expect((await readQrImage(file('t.png', png)))!.text).toBe('transparent');
  });

  test('grey, grey+alpha and 16-bit PNGs are read', async () => {
    const src = PNG.sync.read(await qrPng('any colour type'));
    for (const [colorType, bitDepth] of [[0, 8], [0, 16], [4, 8], [2, 16], [6, 16]] as const) {
      const png = PNG.sync.write(src, { colorType, bitDepth, inputColorType: 6, inputHasAlpha: true });
      expect((await readQrImage(file(`c${colorType}-${bitDepth}.png`, png)))!.text, `${colorType}/${bitDepth}`).toBe('any colour type');
    }
  });

  test('a PNG with no QR code gives null', async () => {
    const p = new PNG({ width: 64, height: 64 });
    p.data.fill(255);
    expect(await readQrImage(file('blank.png', PNG.sync.write(p)))).toBeNull();
  });

  test('JPEG is refused with exit 2, naming PNG', async () => {
    const jpeg = Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1);
    const err = await readQrImage(file('a.jpg', jpeg)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).exitCode).toBe(2);
    expect((err as Error).message).toMatch(/is a JPEG; QR images must be PNG/);
  });

  test('other bytes are refused as not a PNG', async () => {
    await expect(readQrImage(file('x.png', new TextEncoder().encode('hello')))).rejects.toThrow(/is not a PNG; QR images must be PNG/);
  });

  test('a missing file is an InputError naming the field', async () => {
    await expect(readQrImage(path.join(dir, 'nope.png'), '--from-qr')).rejects.toThrow(/^--from-qr: cannot read .*nope\.png.*: no such file$/);
  });

  test('a truncated PNG is an InputError', async () => {
    const png = await qrPng('truncated');
    await expect(readQrImage(file('trunc.png', png.subarray(0, png.length - 40)))).rejects.toThrow(/is not a valid PNG/);
  });

  test('a PNG claiming huge dimensions is refused before inflating', async () => {
    const png = Buffer.from(await qrPng('huge'));
    png.writeUInt32BE(100_000, 16);
    await expect(decodePng(png, 'huge.png')).rejects.toThrow(/100000×\d+ pixels; QR images must be 1\.\.8192/);
  });
});

test('coldkit --help loads no QR decoder, image or QR library', () => {
  // A resolve hook on the loader thread prints every specifier resolved but Node's built-ins. The QR
  // packages stay outside dist/app (src/build/app.ts), so loading one would resolve its bare name.
  const hook = 'export async function resolve(s, c, n) { if (!s.startsWith("node:")) process.stderr.write("RESOLVE " + s + "\\n"); return n(s, c); }';
  const reg = `import { register } from "node:module"; register("data:text/javascript,${encodeURIComponent(hook)}");`;
  const run = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(reg)}`, path.join(ROOT, 'bin', 'coldkit'), '--help'], {
    cwd: ROOT, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' },
  });
  expect(run.status).toBe(0);
  expect(run.stdout).toMatch(/Usage/);
  expect(run.stderr).toMatch(/RESOLVE \.\.\/dist\/app\/main\.js/);
  expect(run.stderr).not.toMatch(/RESOLVE (zxing-wasm|jsqr|pngjs|qrcode)/);
});

test('upscale2x doubles the size, keeps edge values and interpolates between pixels', () => {
  // 2×1 image: black, white (RGBA).
  const up = upscale2x({ data: Uint8ClampedArray.of(0, 0, 0, 255, 255, 255, 255, 255), width: 2, height: 1 });
  expect([up.width, up.height]).toEqual([4, 2]);
  const row = [0, 1, 2, 3].map((x) => up.data[x * 4]);
  // Output centres map to source x = -0.25 (clamped 0), 0.25, 0.75, 1.25 (clamped 1).
  expect(row).toEqual([0, 64, 191, 255]);
  expect(up.data[(4 + 1) * 4]).toBe(64);
  expect(up.data[3]).toBe(255);
});
