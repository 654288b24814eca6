/**
 * src/core/journal/native.ts: Node's SHA-256 against @noble/hashes as an oracle (bytes and
 * strings, the empty input, multi-byte text, block-boundary lengths), and strict UTF-8 decoding.
 */
import { describe, expect, it } from 'vitest';
import { sha256 } from '@noble/hashes/sha2.js';
import { decodeUtf8, sha256Hex } from '../../../src/core/journal/native.js';
import { toHex } from '../../../src/core/text.js';
import { seededRandom } from '../../helpers/seeded-bytes.js';

describe('sha256Hex', () => {
  it('equals @noble/hashes on bytes of every length 0…200 and a few large ones', () => {
    const next = seededRandom('native.test');
    for (const n of [...Array.from({ length: 201 }, (_, i) => i), 1000, 65_536, 1_000_003]) {
      const b = next(n);
      expect(sha256Hex(b)).toBe(toHex(sha256(b)));
    }
  });
  it('a string is hashed as its UTF-8 bytes', () => {
    for (const s of ['', 'abc', 'Zoë "quoted" \\ back', 'Céline ✓ 𝄞', '\u2028']) expect(sha256Hex(s)).toBe(toHex(sha256(new TextEncoder().encode(s))));
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'); // FIPS 180-2 example
  });
});

describe('decodeUtf8', () => {
  it('valid UTF-8, a literal U+FFFD included', () => {
    for (const s of ['', 'ascii', 'Céline ✓ 𝄞', '\ufffd']) expect(decodeUtf8(new TextEncoder().encode(s))).toBe(s);
  });
  it('invalid sequences are refused, not replaced', () => {
    for (const bad of [[0xff], [0xc3], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf0, 0x90, 0x80, 0x41], [0xc0, 0xaf]]) {
      expect(decodeUtf8(new Uint8Array([0x61, ...bad]))).toBeUndefined();
    }
  });
  it('decodes a view into a larger buffer (offset and length respected)', () => {
    const all = new TextEncoder().encode('xxhelloyy');
    expect(decodeUtf8(all.subarray(2, 7))).toBe('hello');
  });
});
