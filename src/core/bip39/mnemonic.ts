/**
 * BIP39 mnemonics read from people: normalisation, unique 4-letter prefixes, and precise errors
 * (which word, a suggestion, wrong count, checksum). BIP39: "the wordlist is created in such a way
 * that it's enough to type the first four letters to unambiguously identify the word".
 */
import { entropyToMnemonic, mnemonicToEntropy, validateMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { InputError } from '../errors.js';

/** Valid BIP39 word counts and the entropy bytes each encodes (ENT = 32·words/3 bits minus checksum). */
export const WORD_COUNTS = [12, 15, 18, 21, 24] as const;
export type WordCount = (typeof WORD_COUNTS)[number];

/** Entropy length in bytes for a word count (BIP39: MS = (ENT + CS) / 11, CS = ENT / 32). */
export function entropyBytesFor(words: number): number {
  return (words * 11 * 32) / 33 / 8;
}

const INDEX = new Map(wordlist.map((w, i) => [w, i] as const));

/** Split user text into tokens: whitespace/commas separate; "1." "2)" "03:" numbering is dropped. */
export function tokenize(text: string): string[] {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .split(/[\s,]+/)
    .filter((t) => t.length > 0 && !/^\d+[.):]?$/.test(t));
}

/** Resolve one token to a word-list word: exact, or a unique prefix of at least 4 letters. */
export function resolveWord(token: string): string | undefined {
  if (INDEX.has(token)) return token;
  if (token.length >= 4) {
    const matches = wordlist.filter((w) => w.startsWith(token));
    if (matches.length === 1) return matches[0];
  }
  return undefined;
}

/** The closest word-list word by edit distance (first one on ties). */
export function suggestWord(token: string, list: readonly string[] = wordlist): string {
  let best = list[0]!;
  let bestD = Infinity;
  for (const w of list) {
    const d = editDistance(token, w, bestD);
    if (d < bestD) {
      bestD = d;
      best = w;
    }
  }
  return best;
}

/**
 * Edit distance with adjacent transpositions counted as one edit (optimal string alignment), so
 * the commonest typo, two letters swapped ("recieve"), suggests the intended word. Gives up early
 * once it exceeds `limit`.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, before[j - 2]! + 1);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin >= limit) return limit;
    before = prev;
    prev = cur;
  }
  return prev[b.length]!;
}

/** Unknown words beyond this many are reported by position only: the text is not a mistyped mnemonic. */
const MAX_ECHOED_UNKNOWN = 2;

/**
 * Resolve every token, reporting all unknown words at once (position, token, suggestion). When
 * more than MAX_ECHOED_UNKNOWN are unknown the file is something else (a share, a note), whose
 * words must not be echoed into an error: only their positions are given.
 */
export function resolveWords(tokens: string[], field = 'mnemonic'): string[] {
  const unknown: number[] = [];
  const words = tokens.map((t, i) => {
    const w = resolveWord(t);
    if (!w) unknown.push(i);
    return w ?? '';
  });
  if (unknown.length > MAX_ECHOED_UNKNOWN) {
    const at = unknown.length > 8 ? `${unknown.slice(0, 8).map((i) => i + 1).join(', ')}, …` : unknown.map((i) => i + 1).join(', ');
    throw new InputError(`${unknown.length} of ${tokens.length} words are not in the BIP39 English word list (words ${at}); is this a BIP39 mnemonic? (a share goes to \`coldkit shares combine\`)`, field);
  }
  if (unknown.length) {
    const t = (i: number) => tokens[i]!;
    throw new InputError(unknown.map((i) => `word ${i + 1} "${t(i)}" is not in the BIP39 English word list — did you mean "${suggestWord(t(i))}"?`).join('; '), field);
  }
  return words;
}

/** A checked mnemonic: the canonical words and the entropy they encode. */
export interface CheckedMnemonic {
  words: string[];
  phrase: string;
  entropy: Uint8Array;
}

/**
 * Parse and validate a mnemonic typed or read from a file. Errors say which word is unknown
 * (with a suggestion), that the count is wrong, or that the checksum does not match.
 */
export function parseMnemonic(text: string, field = 'mnemonic'): CheckedMnemonic {
  const tokens = tokenize(text);
  if (tokens.length === 0) throw new InputError('no words found; a BIP39 mnemonic has 12, 15, 18, 21 or 24 words', field);
  const words = resolveWords(tokens, field);
  if (!(WORD_COUNTS as readonly number[]).includes(words.length)) {
    throw new InputError(`has ${words.length} words; a BIP39 mnemonic has 12, 15, 18, 21 or 24`, field);
  }
  const phrase = words.join(' ');
  if (!validateMnemonic(phrase, wordlist)) {
    throw new InputError(
      'checksum mismatch: every word is in the list but the last word does not match the others — a word is wrong or out of order',
      field,
    );
  }
  return { words, phrase, entropy: mnemonicToEntropy(phrase, wordlist) };
}

/** Entropy bytes → mnemonic words (BIP39). */
export function mnemonicFromEntropy(entropy: Uint8Array): string {
  return entropyToMnemonic(entropy, wordlist);
}

/**
 * Every valid final word for 11, 14, 17, 20 or 23 chosen words (hand-made entropy). The last word
 * carries 11 − CS free entropy bits plus CS checksum bits, so there are 2^(11−CS) candidates.
 */
export function finalWordCandidates(text: string, field = 'mnemonic'): string[] {
  const words = resolveWords(tokenize(text), field);
  const total = words.length + 1;
  if (!(WORD_COUNTS as readonly number[]).includes(total)) {
    throw new InputError(`has ${words.length} words; give 11, 14, 17, 20 or 23 words to find the final word`, field);
  }
  const cs = total / 3;
  const free = 11 - cs;
  const out: string[] = [];
  for (let hi = 0; hi < 1 << free; hi++) {
    // Try each checksum value: exactly one completes a valid phrase for this high part.
    for (let c = 0; c < 1 << cs; c++) {
      const cand = wordlist[(hi << cs) | c]!;
      if (validateMnemonic([...words, cand].join(' '), wordlist)) {
        out.push(cand);
        break;
      }
    }
  }
  return out;
}
