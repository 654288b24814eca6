/**
 * Short word forms of hashes, read aloud or written on paper to compare two machines'
 * views of the same payload or journal head. Words come from the BIP39 English list
 * (11 bits a word, taken from the hash's leading bits).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { hashWords } from './hash-words.js';

export { hashWords };

/** The payload digest both sides of the air gap print: `count` words of SHA-256(bytes). */
export function digestWords(bytes: Uint8Array, count = 4): string {
  return hashWords(sha256(bytes), count).join(' ');
}
