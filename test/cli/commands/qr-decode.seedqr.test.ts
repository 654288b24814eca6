/**
 * `qr decode` of a SeedQR: a CompactSeedQR (binary, byte mode — generated here with the qrcode
 * package from SeedSigner's vector bytes, and SeedSigner's own published images) and a standard
 * SeedQR (digits) are recognised as a seed: labelled "SeedQR (secret)", never printed without
 * --reveal (human or --json), written 0600 as the words `--mnemonic-file` reads, and refused as
 * the payload of another command. The bytes are read as bytes: vector 2 holds a NUL byte and
 * vectors 7–9 hold \n, \r and \r\n.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import QRCode from 'qrcode';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tmpDir, ROOT } from '../../helpers/cli.js';

const IMG = path.join(ROOT, 'fixtures/seedqr/img');
// SeedSigner vectors 4, 2 and 9 (fixtures/seedqr/README.md): words and CompactSeedQR bytes.
const V4 = { words: 'forum undo fragile fade shy sign arrest garment culture tube off merit', hex: '5bbd9d71a8ec7990831aff359d426545' };
const V2 = { words: 'atom solve joy ugly ankle message setup typical bean era cactus various odor refuse element afraid meadow quick medal plate wisdom swap noble shallow', hex: '0e59dde276009317f1275f1389888078c99368d1e82489b5f629531fc5b6a56e' };
const V9 = { words: 'vocal tray giggle tool duck letter category pattern train magnet excite swamp', hex: 'f55cf587f2543d01090d0ae710bd3b6d' };
let dir: string;

/** A CompactSeedQR PNG drawn by the qrcode package: one byte-mode segment, error correction L (SeedSigner's choice). */
async function compactPng(name: string, hex: string): Promise<string> {
  const file = path.join(dir, name);
  await QRCode.toFile(file, [{ data: Buffer.from(hex, 'hex'), mode: 'byte' }], { errorCorrectionLevel: 'L' });
  return file;
}

beforeAll(() => {
  dir = tmpDir('coldkit-seedqr-');
});

describe('qr decode of a CompactSeedQR', () => {
  it.each([
    ['vector 4 (12 words)', V4],
    ['vector 2 (24 words, a NUL byte)', V2],
    ['vector 9 (12 words, \\r\\n in the bytes)', V9],
  ])('%s drawn by qrcode in byte mode: a secret, withheld, its words with --reveal', async (name, v) => {
    const png = await compactPng(`${name.replace(/\W+/g, '-')}.png`, v.hex);
    const human = await runCli(['qr', 'decode', png]);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toContain(`SeedQR (secret) from CompactSeedQR (${v.words.split(' ').length} words)`);
    expect(human.stdout).toContain('a SeedQR (not shown; --reveal prints it');
    for (const w of v.words.split(' ').slice(0, 4)) expect(human.stdout + human.stderr).not.toMatch(new RegExp(`\\b${w}\\b`));
    const json = await runCli(['--json', 'qr', 'decode', png]);
    expect(json.json()).toMatchObject({ kind: 'seedqr', secret: 'SeedQR', payload: null, detail: `CompactSeedQR (${v.words.split(' ').length} words)` });
    const shown = await runCli(['qr', 'decode', png, '--reveal']);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout.trim()).toBe(v.words);
  });

  it('--out writes the words, mode 0600, and they are the seed another command reads', async () => {
    const png = await compactPng('v4.png', V4.hex);
    const out = path.join(dir, 'v4-words.txt');
    const r = await runCli(['qr', 'decode', png, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('(mode 0600: it holds a secret)');
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(out, 'utf8')).toBe(V4.words + '\n');
    const check = await runCli(['--json', 'seed', 'check', '--mnemonic-file', out]);
    const viaQr = await runCli(['--json', 'seed', 'check', '--mnemonic-qr', png]);
    expect(viaQr.code, viaQr.stderr).toBe(0);
    expect(viaQr.json().fingerprint).toBe(check.json().fingerprint);
  });

  it("SeedSigner's published images, compact and standard, are SeedQRs too", async () => {
    for (const [file, detail] of [['vector1_compact_24word.png', 'CompactSeedQR (24 words)'], ['vector4_standard_12word.png', 'standard SeedQR (12 words)']]) {
      const r = await runCli(['--json', 'qr', 'decode', path.join(IMG, file)]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.json()).toMatchObject({ kind: 'seedqr', secret: 'SeedQR', payload: null, detail });
    }
  });
});

describe('a SeedQR is not a payload', () => {
  it('psbt sign --from-qr and address verify --from-qr refuse it without echoing it', async () => {
    const png = await compactPng('v4-payload.png', V4.hex);
    fs.writeFileSync(path.join(dir, 'm.txt'), V4.words + '\n');
    for (const args of [
      ['psbt', 'sign', '--from-qr', png, '--mnemonic-file', path.join(dir, 'm.txt')],
      ['address', 'verify', '--from-qr', png, '--mnemonic-file', path.join(dir, 'm.txt')],
    ]) {
      const r = await runCli(args);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/is a SeedQR: a seed \(a secret\), not a payload; .*--mnemonic-qr IMAGE/);
      expect(r.stdout + r.stderr).not.toContain('forum');
    }
  });
});
