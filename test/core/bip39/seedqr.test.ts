/**
 * SeedQR (src/core/bip39/seedqr.ts) against SeedSigner's own vectors, read from the specification
 * file as published (fixtures/seedqr/README.md): words ↔ standard digit stream, words ↔
 * CompactSeedQR bytes (checked against both the bitstream and the Python bytes literal), and each
 * vector's published QR image decoded by coldkit's reader to the same words. @scure/bip39 is the
 * oracle for the entropy.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { entropyToMnemonic, mnemonicToEntropy } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { describe, expect, it } from 'vitest';
import { compactSeedQr, isCompactSeedQr, readSeedQr, readStandardSeedQr, seedQrLabel, standardSeedQr } from '../../../src/core/bip39/seedqr.js';
import { readQrImage } from '../../../src/cli/qr/read-image.js';

const DIR = path.join(import.meta.dirname, '../../../fixtures/seedqr');
const README = fs.readFileSync(path.join(DIR, 'README.md'), 'utf8');

/** A Python bytes literal (b'…' or b"…") → bytes. */
function pyBytes(lit: string): Uint8Array {
  const body = lit.slice(2, -1);
  const out: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      out.push(c.charCodeAt(0));
      continue;
    }
    const e = body[++i]!;
    if (e === 'x') {
      out.push(parseInt(body.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(({ n: 10, r: 13, t: 9, '\\': 92, "'": 39, '"': 34 } as Record<string, number>)[e]!);
  }
  return Uint8Array.from(out);
}

interface Vector { n: number; words: string; digits: string; bits: string; bytes: Uint8Array }

const VECTORS: Vector[] = [...README.matchAll(/# (?:12|24)-word seed:\n(.+)\n\n# Standard SeedQR digit stream:\n(\d+)\n\n# CompactSeedQR bitstream:\n([01]+)\n\n# CompactSeedQR bytestream:\n(b'.*'|b".*")\n/g)].map((m, i) => ({
  n: i + 1,
  words: m[1]!.trim(),
  digits: m[2]!,
  bits: m[3]!,
  bytes: pyBytes(m[4]!),
}));

const bitsToBytes = (bits: string): Uint8Array => Uint8Array.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));

describe('SeedSigner vectors (fixtures/seedqr/README.md)', () => {
  it('the specification holds nine vectors, and 15 published images of them', () => {
    expect(VECTORS.map((v) => v.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(fs.readdirSync(path.join(DIR, 'img')).filter((f) => f.endsWith('.png'))).toHaveLength(15);
  });

  for (const v of VECTORS) {
    describe(`vector ${v.n} (${v.words.split(' ').length} words)`, () => {
      const words = v.words.split(' ');
      it('words → standard digit stream → words', () => {
        expect(standardSeedQr(words)).toBe(v.digits);
        expect(readStandardSeedQr(v.digits)).toEqual(words);
        expect(readSeedQr(new TextEncoder().encode(v.digits))).toEqual({ format: 'standard', words });
      });
      it('words → CompactSeedQR bytes (= bitstream = bytes literal = BIP39 entropy) → words', () => {
        expect(v.bytes).toEqual(bitsToBytes(v.bits));
        expect(compactSeedQr(words)).toEqual(v.bytes);
        expect(compactSeedQr(words)).toEqual(mnemonicToEntropy(v.words, wordlist));
        expect(isCompactSeedQr(v.bytes)).toBe(true);
        expect(readSeedQr(v.bytes)).toEqual({ format: 'compact', words });
        expect(entropyToMnemonic(v.bytes, wordlist)).toBe(v.words);
      });
      for (const format of ['standard', 'compact'] as const) {
        const file = path.join(DIR, 'img', `vector${v.n}_${format}_${words.length}word.png`);
        // Vectors 7–9 are published as CompactSeedQR images only.
        if (!fs.existsSync(file)) continue;
        it(`the published ${format} image decodes to the words`, async () => {
          const q = await readQrImage(file);
          expect(q).not.toBeNull();
          expect(readSeedQr(q!.bytes)).toEqual({ format, words });
        });
      }
    });
  }
});

describe('shapes that are not a SeedQR, and damaged ones', () => {
  it('16/32 printable ASCII bytes are text, not a CompactSeedQR; other lengths neither', () => {
    expect(isCompactSeedQr(new TextEncoder().encode('1BoatSLRHtKNngkdXEeobR76b53LETtp'))).toBe(false);
    expect(isCompactSeedQr(new TextEncoder().encode('0123456789abcdef'))).toBe(false);
    expect(isCompactSeedQr(new Uint8Array(16))).toBe(true);
    expect(readSeedQr(new Uint8Array(20))).toBeUndefined();
    expect(readSeedQr(new TextEncoder().encode('1'.repeat(47)))).toBeUndefined();
    expect(readStandardSeedQr('12345')).toBeUndefined();
  });
  it('an index above 2047 or a wrong checksum is refused without echoing the digits', () => {
    const v = VECTORS[3]!;
    expect(() => readStandardSeedQr('2048' + v.digits.slice(4))).toThrow(/digit group 1 is above 2047/);
    const swapped = v.digits.slice(4, 8) + v.digits.slice(0, 4) + v.digits.slice(8);
    expect(() => readStandardSeedQr(swapped)).toThrow(/fail the BIP39 checksum/);
    try {
      readStandardSeedQr(swapped);
    } catch (e) {
      expect((e as Error).message).not.toContain(swapped.slice(0, 12));
    }
  });
  it('only 12 and 24 words are SeedQR lengths', () => {
    const w15 = entropyToMnemonic(new Uint8Array(20), wordlist).split(' ');
    expect(() => standardSeedQr(w15)).toThrow(/12 or 24 words, not 15/);
    expect(() => compactSeedQr(w15)).toThrow(/12 or 24 words/);
  });
  it('labels say which format and how many words', () => {
    expect(seedQrLabel({ format: 'compact', words: Array(12).fill('abandon') })).toBe('CompactSeedQR (12 words)');
    expect(seedQrLabel({ format: 'standard', words: Array(24).fill('abandon') })).toBe('standard SeedQR (24 words)');
  });
});
