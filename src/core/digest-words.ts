/**
 * Short word forms of hashes, read aloud or written on paper to compare two machines'
 * views of the same payload or journal head. Words come from the BIP39 English list
 * (11 bits a word, taken from the hash's leading bits).
 */
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { sha256 } from '@noble/hashes/sha2.js';

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

/** The payload digest both sides of the air gap print: `count` words of SHA-256(bytes). */
export function digestWords(bytes: Uint8Array, count = 4): string {
  return hashWords(sha256(bytes), count).join(' ');
}
