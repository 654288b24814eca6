/**
 * SeedQR: a BIP39 mnemonic as a QR code, SeedSigner's two formats (docs/seed_qr/README.md of
 * SeedSigner/seedsigner; vectors in fixtures/seedqr/).
 * - Standard SeedQR: "We take the indices of the mnemonic seed phrase and concatenate them into
 *   one long stream of digits. Each index must be exactly four digits" — 48 digits for 12 words,
 *   96 for 24, in QR numeric mode.
 * - CompactSeedQR: the words' 11-bit indices concatenated without the checksum bits, in QR byte
 *   mode — which is the BIP39 entropy itself: 16 bytes for 12 words, 32 for 24.
 * SeedSigner defines both for 12 and 24 words only; those are the lengths read and written here.
 */
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { InputError } from '../errors.js';
import { entropyOf, wordsOf } from './mnemonic.js';

/** The two formats. */
export type SeedQrFormat = 'standard' | 'compact';

/** A SeedQR read back: its format and the mnemonic words. */
export interface SeedQr {
  format: SeedQrFormat;
  words: string[];
}

/** Word counts SeedQR defines. */
const SEEDQR_WORDS = [12, 24];
const INDEX = new Map(wordlist.map((w, i) => [w, i] as const));

/** The standard SeedQR digit stream of a 12- or 24-word mnemonic (4 zero-padded digits per word index). */
export function standardSeedQr(words: readonly string[]): string {
  checkCount(words.length);
  return words
    .map((w) => {
      const i = INDEX.get(w);
      if (i === undefined) throw new InputError(`word ${JSON.stringify(w)} is not in the BIP39 English list`, 'mnemonic');
      return String(i).padStart(4, '0');
    })
    .join('');
}

/** The CompactSeedQR bytes of a 12- or 24-word mnemonic: its entropy (the 11-bit indices without the checksum bits). */
export function compactSeedQr(words: readonly string[]): Uint8Array {
  checkCount(words.length);
  const entropy = entropyOf(words);
  if (!entropy) throw new InputError('the mnemonic checksum does not match', 'mnemonic');
  return entropy;
}

/**
 * A standard SeedQR's digit stream → the words, or undefined when `text` is not 48 or 96 digits.
 * Throws InputError when it has the shape but an index is above 2047 or the checksum is wrong
 * (a damaged or mistranscribed SeedQR; the digits are never echoed).
 */
export function readStandardSeedQr(text: string): string[] | undefined {
  const t = text.trim();
  if (!/^(\d{48}|\d{96})$/.test(t)) return undefined;
  const words: string[] = [];
  for (let i = 0; i < t.length; i += 4) {
    const index = Number(t.slice(i, i + 4));
    if (index >= wordlist.length) throw new InputError(`SeedQR digit group ${i / 4 + 1} is ${index > 2047 ? 'above 2047' : 'invalid'}: not a BIP39 word index (a damaged or mistranscribed SeedQR)`, 'SeedQR');
    words.push(wordlist[index]!);
  }
  if (!entropyOf(words)) throw new InputError(`the SeedQR's ${words.length} words fail the BIP39 checksum (a damaged or mistranscribed SeedQR)`, 'SeedQR');
  return words;
}

/**
 * True when a QR's raw data bytes have a CompactSeedQR's shape: 16 or 32 bytes that are not all
 * printable ASCII. Any 16 or 32 bytes are valid entropy, so the shape is all there is to go on; a
 * 16- or 32-character text QR (an address, a hex string) is printable and stays text. A real seed
 * is all printable with probability (95/256)^16 ≈ 1.3·10⁻⁷ (12 words) or ≈ 1.8·10⁻¹⁴ (24 words).
 */
export function isCompactSeedQr(bytes: Uint8Array): boolean {
  return (bytes.length === 16 || bytes.length === 32) && bytes.some((b) => b < 0x20 || b > 0x7e);
}

/**
 * The SeedQR in a QR symbol's raw data bytes, or undefined when it is neither format: a
 * CompactSeedQR (binary, see isCompactSeedQr) or a standard SeedQR (ASCII digits). The bytes must
 * be the symbol's own (never a text decoding of them: a CompactSeedQR is not text).
 */
export function readSeedQr(bytes: Uint8Array): SeedQr | undefined {
  if (isCompactSeedQr(bytes)) return { format: 'compact', words: wordsOf(bytes) };
  if (bytes.length !== 48 && bytes.length !== 96) return undefined;
  let digits = '';
  for (const b of bytes) {
    if (b < 0x30 || b > 0x39) return undefined;
    digits += String.fromCharCode(b);
  }
  const words = readStandardSeedQr(digits);
  return words ? { format: 'standard', words } : undefined;
}

/** "CompactSeedQR (12 words)", "standard SeedQR (24 words)". */
export function seedQrLabel(q: SeedQr): string {
  return `${q.format === 'compact' ? 'CompactSeedQR' : 'standard SeedQR'} (${q.words.length} words)`;
}

function checkCount(n: number): void {
  if (!SEEDQR_WORDS.includes(n)) throw new InputError(`SeedQR holds 12 or 24 words, not ${n}`, 'mnemonic');
}
