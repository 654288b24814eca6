import { describe, expect, it } from 'vitest';
import { renderVerified, matrixToTerminal, qrMatrix } from '../../../src/cli/qr/render.js';
import { encodePng1Bit } from '../../../src/cli/qr/png-1bit.js';
import { decodePng, decodeQrPixels } from '../../../src/cli/qr/read-image.js';

describe('renderVerified', () => {
  it('draws at the series version and reads the text back from the pixels', async () => {
    const f = await renderVerified('UR:BYTES/HDCXAEAE', { mode: 'alphanumeric', ecc: 'L', version: 5 });
    expect(f.matrix.version).toBe(5);
    expect(f.image.width).toBe((37 + 8) * Math.floor(600 / 45));
  });

  it('a text longer than the series version falls back to the smallest version that fits', async () => {
    const m = await qrMatrix('A'.repeat(200), { mode: 'alphanumeric', ecc: 'L', version: 2 });
    expect(m.version).toBe(7);
  });
});

describe('1-bit PNG writer', () => {
  it('round-trips through the PNG reader and the QR decoder', async () => {
    const f = await renderVerified('hello, png', { mode: 'byte', ecc: 'M' });
    const png = encodePng1Bit(f.image);
    const img = await decodePng(png, 'x.png');
    expect(img.width).toBe(f.image.width);
    expect(Buffer.from(img.data).equals(Buffer.from(f.image.data))).toBe(true);
    expect((await decodeQrPixels(img))!.text).toBe('hello, png');
  });
});

describe('terminal form', () => {
  it('two module rows per line, quiet zone 2', async () => {
    const m = await qrMatrix('X', { mode: 'byte', ecc: 'L' });
    const lines = matrixToTerminal(m).split('\n');
    expect(lines.length).toBe(Math.ceil((m.size + 4) / 2));
    expect(lines[1]).toContain('▀'); // top finder pattern edge
  });
});
