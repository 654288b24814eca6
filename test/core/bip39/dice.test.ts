/**
 * Dice entropy (src/core/bip39/dice.ts): the dice-only vectors of fixtures/dice (SeedSigner's test
 * suite and Coldcard's published sample: entropy = SHA-256 of the roll string), the roll counts per
 * word count, roll parsing, the bias refusal and the mixing of dice with CSPRNG output.
 */
import { describe, expect, it } from 'vitest';
import { sha256 } from '@noble/hashes/sha2.js';
import { InputError, RefusedError } from '../../../src/core/errors.js';
import { BITS_PER_ROLL, checkRolls, diceOnlyEntropy, faceCounts, mixDiceEntropy, parseRolls, rollsNeeded } from '../../../src/core/bip39/dice.js';
import { entropyBytesFor, mnemonicFromEntropy, parseMnemonic } from '../../../src/core/bip39/mnemonic.js';
import { fixtureText } from '../../helpers/spec-text.js';

const { vectors } = JSON.parse(fixtureText('dice/vectors.json')) as { vectors: { name: string; rolls: string; words: number; mnemonic: string }[] };

describe('dice-only vectors (fixtures/dice)', () => {
  it('7 vectors in the fixture', () => {
    expect(vectors).toHaveLength(7);
  });
  it.each(vectors.map((v) => [v.name, v] as const))('%s', (_n, v) => {
    const rolls = parseRolls(v.rolls);
    const entropy = diceOnlyEntropy(rolls, entropyBytesFor(v.words));
    expect(mnemonicFromEntropy(entropy)).toBe(v.mnemonic);
    // The re-derivation recipe: the first bytes of sha256 of the roll text as typed.
    expect(entropy).toEqual(sha256(new TextEncoder().encode(v.rolls)).slice(0, entropyBytesFor(v.words)));
    expect(parseMnemonic(v.mnemonic).entropy).toEqual(entropy);
    if (v.rolls.length >= rollsNeeded(v.words * 32 / 3)) {
      // Enough rolls for the CLI (the 6-roll Coldcard sample is not): accepted when not lopsided, else refused.
      const faces = faceCounts(rolls);
      const lopsided = faces.some((n) => n / rolls.length > 0.3);
      if (lopsided) expect(() => checkRolls(rolls, (v.words * 32) / 3, false)).toThrow(RefusedError);
      else expect(checkRolls(rolls, (v.words * 32) / 3, false).biased).toBe(false);
    }
  });
});

describe('rolls needed per word count (2.585 bits a roll)', () => {
  it.each([
    [12, 128, 50],
    [15, 160, 62],
    [18, 192, 75],
    [21, 224, 87],
    [24, 256, 99],
  ])('%i words (%i bits): %i rolls', (words, bits, rolls) => {
    expect(entropyBytesFor(words) * 8).toBe(bits);
    expect(rollsNeeded(bits)).toBe(rolls);
    // One roll fewer carries clearly less than the entropy (more than 0.1 roll short).
    expect((rolls - 1) * BITS_PER_ROLL).toBeLessThan(bits - 0.1 * BITS_PER_ROLL);
  });
});

describe('parseRolls', () => {
  it('keeps faces 1-6 and ignores whitespace', () => {
    expect(parseRolls(' 1 2\n3\t4\r\n5 6 ')).toBe('123456');
  });
  it.each([
    ['0', 1, '0'],
    ['7', 1, '7'],
    ['12x4', 3, 'x'],
    ['1,2', 2, ','],
    ['12\u00074', 3, '\\x07'],
    ['١٢', 1, '١'], // Arabic-Indic digit one is not a die face
  ])('%j: character %i "%s" refused', (text, pos, shown) => {
    expect(() => parseRolls(text, '--dice-rolls')).toThrow(new InputError(`character ${pos} "${shown}" is not a die face 1-6`, '--dice-rolls'));
  });
});

describe('checkRolls', () => {
  const fair = (n: number) => Array.from({ length: n }, (_, i) => String((i % 6) + 1)).join('');
  it('too few rolls: the count, bits and rolls needed', () => {
    expect(() => checkRolls(fair(49), 128, false, '--dice-rolls')).toThrow(
      new InputError('49 rolls give 126.7 bits; 128 bits need at least 50 rolls', '--dice-rolls'),
    );
    expect(() => checkRolls(fair(98), 256, false)).toThrow(/98 rolls give 253\.3 bits; 256 bits need at least 99 rolls/);
  });
  it('enough fair rolls: bits credited, capped at the entropy size', () => {
    expect(checkRolls(fair(50), 128, false)).toEqual({ rolls: 50, faces: [9, 9, 8, 8, 8, 8], bitsCredited: 128, biased: false });
    expect(checkRolls(fair(99), 256, false).bitsCredited).toBe(255);
    expect(checkRolls(fair(120), 256, false).bitsCredited).toBe(256);
  });
  it('a face over 30% is refused, naming the face and the override', () => {
    const rolls = '1'.repeat(16) + fair(34); // face 1: 16 + 6 = 22 of 50 = 44%
    let err: unknown;
    try {
      checkRolls(rolls, 128, false);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(RefusedError);
    expect((err as RefusedError).overrides).toEqual(['biased-dice']);
    expect((err as RefusedError).exitCode).toBe(3);
    expect((err as Error).message).toBe(
      'face 1 came up 22 times in 50 rolls (over 30%): the die or the recording looks biased',
    );
    expect(checkRolls(rolls, 128, true).biased).toBe(true);
  });
  it('exactly 30% is not lopsided; just over is', () => {
    const at30 = '1'.repeat(15) + '23456'.repeat(7); // 15 of 50
    expect(faceCounts(at30)[0]).toBe(15);
    expect(checkRolls(at30, 128, false).biased).toBe(false);
    const over = '1'.repeat(16) + '23456'.repeat(7) + '2'; // 16 of 52
    expect(() => checkRolls(over, 128, false)).toThrow(RefusedError);
  });
});

describe('mixing dice with the CSPRNG', () => {
  const csprng = new Uint8Array(32).map((_, i) => i * 7);
  const rolls = '123456'.repeat(17);
  it('deterministic for the same inputs, and the domain-separated SHA-256 of both', () => {
    const pre = new TextEncoder().encode('coldkit/dice-mix/v1');
    const buf = new Uint8Array([...pre, ...csprng, ...new TextEncoder().encode(rolls)]);
    expect(mixDiceEntropy(csprng, rolls, 32)).toEqual(sha256(buf));
    expect(mixDiceEntropy(csprng, rolls, 16)).toEqual(sha256(buf).slice(0, 16));
  });
  it('differs from dice-only and changes with either input', () => {
    const mixed = mixDiceEntropy(csprng, rolls, 32);
    expect(mixed).not.toEqual(diceOnlyEntropy(rolls, 32));
    expect(mixDiceEntropy(csprng, rolls.slice(0, -1) + '1', 32)).not.toEqual(mixed);
    const other = csprng.slice();
    other[0] ^= 1;
    expect(mixDiceEntropy(other, rolls, 32)).not.toEqual(mixed);
  });
  it('refuses to mix without 32 CSPRNG bytes', () => {
    expect(() => mixDiceEntropy(new Uint8Array(16), rolls, 32)).toThrow(InputError);
  });
});
