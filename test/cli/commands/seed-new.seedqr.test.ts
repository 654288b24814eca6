/**
 * `seed new --seedqr PNG`: the new seed as a CompactSeedQR, mode 0600, said to be a secret. The
 * PNG is decoded back independently with jsQR (its binaryData, the symbol's bytes) and must equal
 * the BIP39 entropy of the words written by --mnemonic-out (@scure/bip39 as the oracle); the
 * image then serves as the seed of `seed check --mnemonic-qr` and `derive --mnemonic-qr`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { mnemonicToEntropy } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tmpDir } from '../../helpers/cli.js';

let dir: string;
beforeAll(() => {
  dir = tmpDir('coldkit-seedqr-new-');
});

/** jsQR's reading of a PNG: the symbol's raw data bytes and its version (size). */
function jsqrRead(file: string): { bytes: Uint8Array; version: number } {
  const png = PNG.sync.read(fs.readFileSync(file));
  const r = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height);
  expect(r).not.toBeNull();
  return { bytes: Uint8Array.from(r!.binaryData), version: r!.version };
}

describe('seed new --seedqr', () => {
  it.each([
    [12, 1],
    [24, 2],
  ])('%i words: a CompactSeedQR (version %i) of the entropy, 0600, said to be a secret; it is the seed again', async (words, version) => {
    const png = path.join(dir, `seed-${words}.png`);
    const wordsFile = path.join(dir, `seed-${words}.txt`);
    const r = await runCli(['seed', 'new', '--words', String(words), '--seedqr', png, '--mnemonic-out', wordsFile]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`CompactSeedQR written to ${png} (mode 0600). It IS the seed`);
    expect(fs.statSync(png).mode & 0o777).toBe(0o600);
    const phrase = fs.readFileSync(wordsFile, 'utf8').trim();
    const read = jsqrRead(png);
    expect(read.version).toBe(version);
    expect(Buffer.from(read.bytes).toString('hex')).toBe(Buffer.from(mnemonicToEntropy(phrase, wordlist)).toString('hex'));

    const a = await runCli(['--json', 'seed', 'check', '--mnemonic-file', wordsFile]);
    const b = await runCli(['--json', 'seed', 'check', '--mnemonic-qr', png]);
    expect(b.code, b.stderr).toBe(0);
    expect(b.stderr).toContain(`mnemonic read from a CompactSeedQR (${words} words)`);
    expect(b.json().fingerprint).toBe(a.json().fingerprint);
    expect(b.stdout + b.stderr).not.toContain(phrase.split(' ').slice(0, 3).join(' '));
  });

  it('--json with only --seedqr keeps the seed (no --reveal needed) and shows no words', async () => {
    const png = path.join(dir, 'json.png');
    const r = await runCli(['--json', 'seed', 'new', '--words', '12', '--seedqr', png]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().seedqrFile).toBe(png);
    expect(r.json().words).toBeUndefined();
    const d = await runCli(['--json', 'derive', '--mnemonic-qr', png, '--path', "m/84'/0'/0'/0/0"]);
    expect(d.code, d.stderr).toBe(0);
  });

  it('refuses word counts SeedQR lacks, and --split (the seed is never shown then)', async () => {
    const r = await runCli(['seed', 'new', '--words', '18', '--seedqr', path.join(dir, 'x.png')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/a SeedQR holds 12 or 24 words/);
    const s = await runCli(['seed', 'new', '--words', '12', '--seedqr', path.join(dir, 'y.png'), '--split', '2-of-3']);
    expect(s.code).toBe(2);
    expect(fs.existsSync(path.join(dir, 'x.png')) || fs.existsSync(path.join(dir, 'y.png'))).toBe(false);
  });
});

describe('--mnemonic-qr', () => {
  it('a QR that is no SeedQR and no mnemonic is refused without echoing its text; it conflicts with --mnemonic-file', async () => {
    const enc = await runCli(['qr', 'encode', '-', '--type', 'text', '--format', 'plain', '--png', path.join(dir, 'note')], { stdin: 'hello there friend\n' });
    expect(enc.code, enc.stderr).toBe(0);
    const r = await runCli(['seed', 'check', '--mnemonic-qr', path.join(dir, 'note', 'frame-0001.png')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--mnemonic-qr/);
    expect(r.stderr).not.toContain('friend');
    const both = await runCli(['seed', 'check', '--mnemonic-qr', 'a.png', '--mnemonic-file', 'b.txt']);
    expect(both.code).toBe(2);
  });
});
