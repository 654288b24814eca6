/**
 * `qr encode`/`qr decode` of a QR that carries a secret (a share card, a mnemonic, an xprv): never printed
 * without --reveal (human or --json), --out written mode 0600, journaled without the secret.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tmpDir } from '../../helpers/cli.js';
import { secretKind } from '../../../src/core/secret-text.js';

const MNEMONIC = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
let dir: string;
let shareWords: string;
let sharePng: string;
let mnemonicPng: string;

beforeAll(async () => {
  dir = tmpDir('coldkit-qr-secret-');
  fs.writeFileSync(path.join(dir, 'm.txt'), MNEMONIC + '\n');
  const split = await runCli(['--json', '--network', 'testnet', 'shares', 'split', '--mnemonic-file', path.join(dir, 'm.txt'), '--threshold', '2', '--shares', '2', '--out', path.join(dir, 'cards'), '--reveal']);
  expect(split.code, split.stderr).toBe(0);
  shareWords = split.json().shares[0].text;
  sharePng = path.join(dir, 'cards', 'share-1-qr.png');
  const enc = await runCli(['qr', 'encode', path.join(dir, 'm.txt'), '--type', 'text', '--format', 'plain', '--png', path.join(dir, 'mq')]);
  expect(enc.code, enc.stderr).toBe(0);
  mnemonicPng = path.join(dir, 'mq', 'frame-0001.png');
}, 60_000);

describe('secretKind', () => {
  it('names shares, mnemonics, SeedQR and xprv; not ordinary text', () => {
    expect(secretKind(MNEMONIC)).toBe('BIP39 mnemonic');
    expect(secretKind(shareWords)).toBe('coldkit share');
    expect(secretKind('0'.repeat(48))).toBe('SeedQR');
    expect(secretKind('xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi')).toBe('extended private key');
    expect(secretKind('KwDiBf89QgGbjEhKnhXJuH7LrciVrZi3qYjgd9M7rFU73sVHnoWn')).toBe('WIF private key');
    expect(secretKind('5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ')).toBe('WIF private key');
    expect(secretKind('KwDiBf89QgGbjEhKnhXJuH7LrciVrZi3qYjgd9M7rFU73sVHnoWo')).toBeUndefined();
    expect(secretKind('hello world')).toBeUndefined();
    expect(secretKind('abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon')).toBeUndefined();
  });
});

describe('qr encode of a secret', () => {
  it('image files are written mode 0600 and --json carries no QR text without --reveal', async () => {
    expect(fs.statSync(mnemonicPng).mode & 0o777).toBe(0o600);
    const r = await runCli(['--json', 'qr', 'encode', path.join(dir, 'm.txt'), '--type', 'text', '--format', 'plain', '--gif', path.join(dir, 'm.gif')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().texts).toBeNull();
    expect(r.stdout).not.toContain('abandon');
    expect(fs.statSync(path.join(dir, 'm.gif')).mode & 0o777).toBe(0o600);
    const shown = await runCli(['--json', 'qr', 'encode', path.join(dir, 'm.txt'), '--type', 'text', '--format', 'plain', '--reveal']);
    expect(shown.json().texts[0].trim()).toBe(MNEMONIC);
  });
});

describe('a standard SeedQR (digits only, once guessed to be transaction hex)', () => {
  it('is still a secret: encode writes 0600 and prints no text; decode withholds it', async () => {
    const seedqr = path.join(dir, 'seedqr.txt');
    // "abandon" ×11 "about": word indices 0000 ×11 and 0003.
    fs.writeFileSync(seedqr, '0000'.repeat(11) + '0003\n');
    const enc = await runCli(['--json', 'qr', 'encode', seedqr, '--format', 'plain', '--png', path.join(dir, 'sq')]);
    expect(enc.code, enc.stderr).toBe(0);
    expect(enc.json().secret).toBe('SeedQR');
    expect(enc.json().texts).toBeNull();
    const png = path.join(dir, 'sq', 'frame-0001.png');
    expect(fs.statSync(png).mode & 0o777).toBe(0o600);
    const dec = await runCli(['--json', 'qr', 'decode', png]);
    expect(dec.code, dec.stderr).toBe(0);
    expect(dec.json().secret).toBe('SeedQR');
    expect(dec.json().kind).toBe('seedqr');
    expect(dec.json().payload).toBeNull();
  });
});

describe('qr decode of a secret', () => {
  it('a share card QR: not printed without --reveal, human or --json', async () => {
    const human = await runCli(['qr', 'decode', sharePng]);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout.toLowerCase()).not.toContain(shareWords.split(' ').slice(3, 8).join(' '));
    expect(human.stdout).toContain('coldkit share (not shown');
    const json = await runCli(['--json', 'qr', 'decode', sharePng]);
    expect(json.code, json.stderr).toBe(0);
    expect(json.json().payload).toBeNull();
    expect(json.json().secret).toBe('coldkit share');
    expect(json.stdout.toLowerCase()).not.toContain(shareWords.split(' ').slice(3, 8).join(' '));
  });

  it('--out writes the share mode 0600; --reveal prints it', async () => {
    const out = path.join(dir, 'share.txt');
    const r = await runCli(['qr', 'decode', sharePng, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(out, 'utf8').toLowerCase()).toContain(shareWords.split(' ').slice(3, 8).join(' '));
    const shown = await runCli(['--json', 'qr', 'decode', sharePng, '--reveal']);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.json().payload.toLowerCase()).toBe(shareWords);
  });

  it('a mnemonic QR: withheld, and the journal entry carries no word', async () => {
    const journal = path.join(dir, 'journal.jsonl');
    const r = await runCli(['--journal', journal, 'qr', 'decode', mnemonicPng]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toContain('abandon');
    expect(r.stdout).toContain('BIP39 mnemonic (not shown');
    const j = fs.readFileSync(journal, 'utf8');
    expect(j).not.toContain('abandon');
    expect(j).toContain('"secret":"BIP39 mnemonic"');
  });
});
