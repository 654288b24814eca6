import { readFileSync } from 'node:fs';
import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { rs1024Create, rs1024Verify } from '../../../src/core/shares/rs1024.js';
import { SLIP39_WORDS } from '../../../src/core/shares/slip39-wordlist.js';
import { wordIndexOf } from '../../../src/core/shares/words.js';
import { toHex } from '../../../src/core/text.js';

type Vector = [string, string[], string, string];
const vectors = JSON.parse(readFileSync(new URL('../../../fixtures/slip39/vectors.json', import.meta.url), 'utf8')) as Vector[];

describe('SLIP-39 word list copy', () => {
  it('matches the upstream file hash, is sorted and has unique 4-letter prefixes', () => {
    const file = new TextEncoder().encode(SLIP39_WORDS.join('\n') + '\n');
    expect(toHex(sha256(file))).toBe('bcc4555340332d169718aed8bf31dd9d5248cb7da6e5d355140ef4f1e601eec3');
    expect(SLIP39_WORDS.length).toBe(1024);
    expect([...SLIP39_WORDS].sort()).toEqual([...SLIP39_WORDS]);
    expect(new Set(SLIP39_WORDS.map((w) => w.slice(0, 4))).size).toBe(1024);
  });
  it('resolves exact words and ≥4-letter prefixes, and refuses shorter or wrong prefixes', () => {
    expect(wordIndexOf('academic')).toBe(0);
    expect(wordIndexOf('acad')).toBe(0);
    expect(wordIndexOf('acade')).toBe(0);
    expect(wordIndexOf('aca')).toBeUndefined();
    expect(wordIndexOf('acadx')).toBeUndefined();
    expect(wordIndexOf('zero')).toBe(SLIP39_WORDS.indexOf('zero'));
  });
});

describe('RS1024 against the official SLIP-39 vectors', () => {
  const cases = vectors.flatMap(([desc, mnemonics]) => mnemonics.map((m, i) => [`${desc} #${i + 1}`, m] as const));
  it.each(cases)('%s', (desc, mnemonic) => {
    const words = mnemonic.split(' ').map((w) => {
      const i = SLIP39_WORDS.indexOf(w);
      expect(i, w).toBeGreaterThanOrEqual(0);
      return i;
    });
    // SLIP-39: the extendable flag is bit 15 of the share (after the 15-bit id): word 2, bit 4.
    const ext = (words[1]! >> 4) & 1;
    const ok = rs1024Verify(words, ext ? 'shamir_extendable' : 'shamir');
    expect(ok).toBe(!/invalid checksum/i.test(desc));
    if (ok) {
      // The checksum we create over the data words is the one printed.
      expect(rs1024Create(words.slice(0, -3), ext ? 'shamir_extendable' : 'shamir')).toEqual(words.slice(-3));
      // And a valid SLIP-39 share never validates under coldkit's customisation string.
      expect(rs1024Verify(words, 'coldkit-shares-v1')).toBe(false);
    }
  });
});
