/**
 * Reading mnemonics from people (src/core/bip39/mnemonic.ts): the exact error messages (unknown
 * word with a suggestion, wrong count, checksum), unique 4-letter prefixes, tolerated numbering
 * and separators, `seed finish` candidates checked against a brute-force oracle, and the BIP39
 * entropy/checksum packing against @scure/bip39.
 */
import { describe, expect, it } from 'vitest';
import { entropyToMnemonic as scureEntropyToMnemonic, validateMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import {
  editDistance,
  entropyBytesFor,
  entropyOf,
  finalWordCandidates,
  mnemonicFromEntropy,
  parseMnemonic,
  resolveWord,
  suggestWord,
  tokenize,
} from '../../../src/core/bip39/mnemonic.js';
import { inputError } from '../../helpers/expect-error.js';

const ABOUT = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
const ZOO24 = 'zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo vote';


describe('mnemonic error messages', () => {
  it('unknown word: position, the token and a suggestion', () => {
    const e = inputError(() => parseMnemonic(ABOUT.replace(/^((?:abandon ){6})abandon/, '$1abandn'), '--mnemonic-file'));
    expect(e.message).toBe('--mnemonic-file: word 7 "abandn" is not in the BIP39 English word list — did you mean "abandon"?');
    expect(e.field).toBe('--mnemonic-file');
  });

  it('every unknown word is reported at once, in order', () => {
    const words = ABOUT.split(' ');
    words[1] = 'abandoon';
    words[10] = 'zzzz';
    const e = inputError(() => parseMnemonic(words.join(' ')));
    expect(e.message).toMatch(/^mnemonic: word 2 "abandoon" .*did you mean "abandon"\?; word 11 "zzzz" is not in the BIP39 English word list — did you mean "\w+"\?$/);
  });

  it.each([
    ['11 words', ABOUT.split(' ').slice(0, 11).join(' '), 'mnemonic: has 11 words; a BIP39 mnemonic has 12, 15, 18, 21 or 24'],
    ['13 words', ABOUT + ' abandon', 'mnemonic: has 13 words; a BIP39 mnemonic has 12, 15, 18, 21 or 24'],
    ['25 words', ZOO24 + ' zoo', 'mnemonic: has 25 words; a BIP39 mnemonic has 12, 15, 18, 21 or 24'],
    ['no words', ' \n\t ', 'mnemonic: no words found; a BIP39 mnemonic has 12, 15, 18, 21 or 24 words'],
    ['only numbering', '1. 2. 3.', 'mnemonic: no words found; a BIP39 mnemonic has 12, 15, 18, 21 or 24 words'],
  ])('wrong count: %s', (_name, text, message) => {
    expect(inputError(() => parseMnemonic(text)).message).toBe(message);
  });

  it.each([
    ['last word wrong', ABOUT.replace(/about$/, 'abandon')],
    ['two words swapped', 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about abandon'],
    ['24 words, last word wrong', ZOO24.replace(/vote$/, 'zoo')],
  ])('checksum mismatch: %s', (_name, text) => {
    expect(inputError(() => parseMnemonic(text)).message).toBe(
      'mnemonic: checksum mismatch: every word is in the list but the last word does not match the others — a word is wrong or out of order',
    );
  });

  it('messages never repeat the other (correct) words', () => {
    const e = inputError(() => parseMnemonic(ZOO24.replace('vote', 'votte')));
    expect(e.message.match(/zoo/g)).toBeNull();
  });
});

describe('accepted input forms', () => {
  it('unique 4-letter prefixes resolve, for every word of the list', () => {
    for (const w of wordlist) expect(resolveWord(w.slice(0, 4))).toBe(w);
  });
  it('a 4-letter-prefix mnemonic parses to the canonical words', () => {
    const m = parseMnemonic('aban aban aban aban aban aban aban aban aban aban aban abou');
    expect(m.phrase).toBe(ABOUT);
    expect(m.entropy).toEqual(new Uint8Array(16));
  });
  it('longer unique prefixes resolve; 3 letters do not', () => {
    expect(resolveWord('abando')).toBe('abandon');
    expect(resolveWord('aba')).toBeUndefined();
    expect(resolveWord('zo')).toBeUndefined();
    expect(resolveWord('zoo')).toBe('zoo'); // a whole 3-letter word is exact
    expect(inputError(() => parseMnemonic(ABOUT.replace(/^abandon/, 'aba'))).message).toMatch(/word 1 "aba" is not in the BIP39 English word list/);
  });
  it('numbering, commas, upper case and extra whitespace are tolerated', () => {
    const text = ABOUT.split(' ')
      .map((w, i) => `${i + 1}${['.', ')', ':', ''][i % 4]} ${i % 2 ? w.toUpperCase() : w}`)
      .join(i18nSep());
    expect(parseMnemonic(text).phrase).toBe(ABOUT);
    expect(tokenize(' 01. Abandon,abandon\r\n')).toEqual(['abandon', 'abandon']);
  });
  it('NFKD normalisation: full-width letters read as ASCII', () => {
    expect(parseMnemonic(ABOUT.replace(/about$/, 'ａｂｏｕｔ')).phrase).toBe(ABOUT);
  });
  it('entropy round trip for every word count', () => {
    for (const n of [12, 15, 18, 21, 24]) {
      const entropy = new Uint8Array(entropyBytesFor(n)).map((_, i) => (i * 37 + n) & 255);
      const phrase = mnemonicFromEntropy(entropy);
      expect(phrase.split(' ')).toHaveLength(n);
      expect(parseMnemonic(phrase).entropy).toEqual(entropy);
    }
  });
});

function i18nSep(): string {
  return ' ,\n  ';
}

describe('suggestions', () => {
  it.each([
    ['abandn', 'abandon'],
    ['abuot', 'about'],
    ['zooo', 'zoo'],
    ['recieve', 'receive'],
    ['bicycel', 'bicycle'],
  ])('%s → %s', (typo, word) => {
    expect(suggestWord(typo)).toBe(word);
  });
  it('suggestWord of a very long token (a whole file read as one word) compares only its first 16 characters', () => {
    const long = 'abandonx' + '{"a":'.repeat(60_000);
    expect(suggestWord(long)).toBe(suggestWord(long.slice(0, 16)));
  });
  it('editDistance: Levenshtein plus adjacent transpositions (OSA)', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
    expect(editDistance('recieve', 'receive')).toBe(1);
    expect(editDistance('ca', 'abc')).toBe(3); // OSA, not full Damerau (which gives 2)
    expect(editDistance('abcdef', 'a', 2)).toBe(2); // gives up at the limit
  });
});

describe('seed finish: every valid final word', () => {
  // BIP39: the last word holds 11 − CS entropy bits and CS = words/3 checksum bits.
  const cases = [
    [11, 128],
    [14, 64],
    [17, 32],
    [20, 16],
    [23, 8],
  ] as const;
  it.each(cases)('%i words give %i candidates, exactly those a brute force over the list finds', (given, count) => {
    const words = Array.from({ length: given }, (_, i) => wordlist[(i * 211 + given * 7) % 2048]!);
    const got = finalWordCandidates(words.join(' '));
    expect(got).toHaveLength(count);
    const oracle = wordlist.filter((w) => validateMnemonic([...words, w].join(' '), wordlist));
    expect(got).toEqual(oracle);
  });
  it('the "abandon ×11" candidates include "about" and are in word-list order', () => {
    const got = finalWordCandidates(ABOUT.split(' ').slice(0, 11).join(' '));
    expect(got).toContain('about');
    expect([...got].sort((a, b) => wordlist.indexOf(a) - wordlist.indexOf(b))).toEqual(got);
  });
  it.each([10, 12, 13, 24])('%i words is refused with the allowed counts', (n) => {
    expect(inputError(() => finalWordCandidates(Array(n).fill('abandon').join(' '))).message).toBe(
      `mnemonic: has ${n} words; give 11, 14, 17, 20 or 23 words to find the final word`,
    );
  });
  it('unknown words are reported with suggestions', () => {
    expect(inputError(() => finalWordCandidates('abandon '.repeat(10) + 'abandn')).message).toMatch(/word 11 "abandn" .*"abandon"/);
  });
});

describe('entropy ↔ words (BIP39 bit packing and checksum) against @scure/bip39', () => {
  it('every length, 200 random entropies each: the same words both ways, and checksums the library accepts', () => {
    let x = 0x9e3779b9;
    const next = () => ((x = (Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0), x & 0xff);
    for (const n of [16, 20, 24, 28, 32]) {
      for (let k = 0; k < 200; k++) {
        const entropy = Uint8Array.from({ length: n }, next);
        const phrase = scureEntropyToMnemonic(entropy, wordlist);
        expect(mnemonicFromEntropy(entropy)).toBe(phrase);
        expect(Buffer.from(entropyOf(phrase.split(' '))!).toString('hex')).toBe(Buffer.from(entropy).toString('hex'));
      }
    }
  });
  it('a wrong last word fails the checksum exactly when the library says so', () => {
    const words = mnemonicFromEntropy(new Uint8Array(16).fill(0x5a)).split(' ');
    let valid = 0;
    for (let i = 0; i < 2048; i++) {
      const cand = [...words.slice(0, 11), wordlist[i]!];
      expect(entropyOf(cand) !== undefined).toBe(validateMnemonic(cand.join(' '), wordlist));
      if (entropyOf(cand)) valid++;
    }
    expect(valid).toBe(128); // 2^(11 − CS) with CS = 4
    expect(entropyOf(['abandon'])).toBeUndefined();
    expect(entropyOf([...words.slice(0, 11), 'notaword'])).toBeUndefined();
  });
});
