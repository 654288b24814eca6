/**
 * Hashes as BIP39 words (11 bits a word, from the hash's leading bits), to read aloud or write on
 * paper. Kept apart from digest-words.ts so that code which only shows a hash it already has (the
 * journal's head) does not load a SHA-256 implementation.
 */
import { wordlist } from '@scure/bip39/wordlists/english.js';

/** The first `count` 11-bit groups of `hash` as BIP39 words. */
export function hashWords(hash: Uint8Array, count: number): string[] {
  const words: string[] = [];
  let acc = 0;
  let bits = 0;
  let i = 0;
  while (words.length < count) {
    acc = (acc << 8) | hash[i++]!;
    bits += 8;
    if (bits >= 11) {
      bits -= 11;
      words.push(wordlist[(acc >> bits) & 0x7ff]!);
      acc &= (1 << bits) - 1;
    }
  }
  return words;
}
