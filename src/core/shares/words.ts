/**
 * Share text ↔ 10-bit word indices over the SLIP-0039 word list. Input accepts any case and any
 * prefix of at least 4 letters (SLIP-0039: "the wordlist ... has the property that the first four
 * letters of each word are unique"), so the upper-case QR text and abbreviated hand copies read back.
 */
import { suggestWord, tokenize } from '../bip39/mnemonic.js';
import { ShareInputError } from './errors.js';
import { SLIP39_WORDS } from './slip39-wordlist.js';

const INDEX = new Map(SLIP39_WORDS.map((w, i) => [w, i] as const));
const PREFIX4 = new Map(SLIP39_WORDS.map((w, i) => [w.slice(0, 4), i] as const));

/** The word-list index of `token` (lower case): exact word, or a ≥4-letter prefix of exactly one word. */
export function wordIndexOf(token: string): number | undefined {
  const exact = INDEX.get(token);
  if (exact !== undefined) return exact;
  if (token.length < 4) return undefined;
  const i = PREFIX4.get(token.slice(0, 4));
  return i !== undefined && SLIP39_WORDS[i]!.startsWith(token) ? i : undefined;
}

/** Words starting with `prefix` (for prompt completion). */
export function completeWord(prefix: string): string[] {
  const p = prefix.toLowerCase();
  return SLIP39_WORDS.filter((w) => w.startsWith(p));
}

/** The closest SLIP-39 word to an unknown token (same 4-letter prefix first, else edit distance). */
export function suggestShareWord(token: string): string {
  const i = token.length >= 4 ? PREFIX4.get(token.slice(0, 4)) : undefined;
  return i !== undefined ? SLIP39_WORDS[i]! : suggestWord(token, SLIP39_WORDS);
}

/** Split share text into tokens (any case; spaces, commas, newlines; "1." style numbering dropped). */
export function shareTokens(text: string): string[] {
  return tokenize(text);
}

/**
 * Resolve share text to word indices. The first unknown word is reported with its position; the
 * suggestion rides on the error (never in the message: share words are secret).
 */
export function wordsToIndices(text: string, field: string): number[] {
  const tokens = shareTokens(text);
  if (tokens.length === 0) throw new ShareInputError('empty', 'no words found', field);
  return tokens.map((t, i) => {
    const v = wordIndexOf(t);
    if (v === undefined) {
      throw new ShareInputError(
        'unknown-word',
        `word ${i + 1} is not in the SLIP-39 word list (check its spelling; 4 letters are enough)`,
        field,
        { position: i + 1, suggestion: suggestShareWord(t) },
      );
    }
    return v;
  });
}

/** Word indices → lower-case share text (words separated by single spaces). */
export function indicesToWords(indices: readonly number[]): string {
  return indices.map((i) => SLIP39_WORDS[i]!).join(' ');
}
