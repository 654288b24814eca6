import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mnemonicFromEntropy } from '../../../src/core/bip39/mnemonic.js';
import { combineShares } from '../../../src/core/shares/combine.js';
import { shareErrorCode } from '../../../src/core/shares/errors.js';
import { decodeShare, encodeShare, setWords } from '../../../src/core/shares/v1.js';
import { toHex } from '../../../src/core/text.js';

interface Valid { description: string; entropy: string; mnemonic: string; threshold: number; count: number; setId: string; setWords: string; shares: string[]; combine: number[][] }
interface Invalid { description: string; shares: string[]; error: string; exit: number; message: string }
const doc = JSON.parse(readFileSync(new URL('../../../fixtures/shares-v1/vectors.json', import.meta.url), 'utf8')) as { valid: Valid[]; invalid: Invalid[] };

describe('frozen v1 vectors: valid', () => {
  it('cover every seed length and the extremes of t and n', () => {
    expect(new Set(doc.valid.map((v) => v.entropy.length / 2))).toEqual(new Set([16, 20, 24, 28, 32]));
    expect(doc.valid.some((v) => v.threshold === 16 && v.count === 16)).toBe(true);
    expect(doc.valid.some((v) => v.count === 16 && v.threshold === 2)).toBe(true);
  });
  it.each(doc.valid.map((v) => [v.description, v] as const))('%s', async (_, v) => {
    for (const [i, text] of v.shares.entries()) {
      const s = decodeShare(text);
      expect(s.ordinal).toBe(i + 1);
      expect([s.threshold, s.count, s.setId.toString(16).padStart(4, '0')]).toEqual([v.threshold, v.count, v.setId]);
      expect(setWords(s)).toBe(v.setWords);
      // Byte-exact round trip, and the QR (upper case) and 4-letter forms read the same.
      expect(encodeShare(s)).toBe(text);
      expect(decodeShare(text.toUpperCase())).toEqual(s);
      expect(decodeShare(text.split(' ').map((w) => w.slice(0, 4)).join(' '))).toEqual(s);
    }
    for (const ks of v.combine) {
      const got = await combineShares(ks.map((k) => ({ label: `share ${k}`, share: decodeShare(v.shares[k - 1]!) })));
      expect(toHex(got.entropy)).toBe(v.entropy);
      expect(mnemonicFromEntropy(got.entropy)).toBe(v.mnemonic);
      expect(got.setWords).toBe(v.setWords);
    }
  });
});

describe('frozen v1 vectors: invalid, each with its own error', () => {
  it('every error code of the format is exercised', () => {
    expect(new Set(doc.invalid.map((v) => v.error))).toEqual(
      new Set(['unknown-word', 'wrong-length', 'checksum', 'version', 'reserved', 'padding', 'bad-x', 'bad-params', 'other-set', 'duplicate', 'too-few', 'tag']),
    );
  });
  it.each(doc.invalid.map((v) => [v.description, v] as const))('%s', async (_, v) => {
    const err = await (async () => {
      const shares = v.shares.map((t, i) => ({ label: `share ${i + 1}`, share: decodeShare(t, `share ${i + 1}`) }));
      await combineShares(shares);
    })().then(
      () => undefined,
      (e: unknown) => e as Error & { exitCode: number },
    );
    expect(err, 'must be refused').toBeDefined();
    expect(shareErrorCode(err)).toBe(v.error);
    expect(err!.exitCode).toBe(v.exit);
    expect(err!.message).toContain(v.message);
  });
});
