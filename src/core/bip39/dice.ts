/**
 * Dice entropy. Mixed mode: SHA-256 over CSPRNG bytes and the rolls, so dice can only add
 * entropy, never replace it. Dice-only mode: entropy = leading bytes of SHA-256 of the roll
 * string as entered, the convention of Coldcard and SeedSigner ("123456" → "mirror reject …"),
 * so anyone can re-derive the seed with independent tools (docs/dice.md).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { InputError, RefusedError } from '../errors.js';

/** Bits of entropy in one fair die roll: log2(6). */
export const BITS_PER_ROLL = Math.log2(6);

/**
 * Rolls required for a word count. ceil(bits / log2 6) with SeedSigner's tolerance of a
 * fraction of a bit, giving 50 rolls for 128 bits and 99 for 256 (99 · 2.585 = 255.9).
 */
export function rollsNeeded(entropyBits: number): number {
  return Math.ceil(entropyBits / BITS_PER_ROLL - 0.1);
}

/** Parse roll text: faces 1–6, whitespace ignored; any other character is an error with its position. */
export function parseRolls(text: string, field = 'dice rolls'): string {
  let rolls = '';
  let pos = 0;
  for (const ch of text) {
    pos++;
    if (/\s/.test(ch)) continue;
    if (ch < '1' || ch > '6') throw new InputError(`character ${pos} "${printable(ch)}" is not a die face 1-6`, field);
    rolls += ch;
  }
  return rolls;
}

/** Counts of each face 1..6 (index 0 = face 1). */
export function faceCounts(rolls: string): number[] {
  const c = [0, 0, 0, 0, 0, 0];
  for (const ch of rolls) c[ch.charCodeAt(0) - 49]!++;
  return c;
}

/** Statistics recorded in the journal: counts and bits credited (never the rolls). */
export interface DiceStats {
  rolls: number;
  faces: number[];
  bitsCredited: number;
  biased: boolean;
}

/**
 * Check the rolls against the word count: enough of them, and not lopsided (once there are 30
 * or more rolls, no face may exceed 30%) unless `allowBiased`.
 */
export function checkRolls(rolls: string, entropyBits: number, allowBiased: boolean, field = 'dice rolls'): DiceStats {
  const need = rollsNeeded(entropyBits);
  if (rolls.length < need) {
    throw new InputError(`${rolls.length} rolls give ${(rolls.length * BITS_PER_ROLL).toFixed(1)} bits; ${entropyBits} bits need at least ${need} rolls`, field);
  }
  const faces = faceCounts(rolls);
  const lopsided = lopsidedFace(rolls);
  if (lopsided && !allowBiased) {
    throw new RefusedError(
      `face ${lopsided.face} came up ${lopsided.count} times in ${rolls.length} rolls (over 30%): the die or the recording looks biased`,
      'biased-dice',
    );
  }
  return { rolls: rolls.length, faces, bitsCredited: Math.min(entropyBits, Math.floor(rolls.length * BITS_PER_ROLL)), biased: lopsided !== undefined };
}

/** Once there are 30 or more rolls, the most frequent face when it exceeds 30% of them (a lopsided die or recording). */
export function lopsidedFace(rolls: string): { face: number; count: number } | undefined {
  if (rolls.length < 30) return undefined;
  const faces = faceCounts(rolls);
  const worst = faces.indexOf(Math.max(...faces));
  return faces[worst]! / rolls.length > 0.3 ? { face: worst + 1, count: faces[worst]! } : undefined;
}

const MIX_DOMAIN = new TextEncoder().encode('coldkit/dice-mix/v1');

/** Mixed entropy: SHA-256("coldkit/dice-mix/v1" ‖ csprng ‖ rolls)[0..bytes). */
export function mixDiceEntropy(csprng: Uint8Array, rolls: string, bytes: number): Uint8Array {
  if (csprng.length < 32) throw new InputError('need 32 bytes of CSPRNG output to mix with dice', 'csprng');
  const roll = new TextEncoder().encode(rolls);
  const buf = new Uint8Array(MIX_DOMAIN.length + csprng.length + roll.length);
  buf.set(MIX_DOMAIN, 0);
  buf.set(csprng, MIX_DOMAIN.length);
  buf.set(roll, MIX_DOMAIN.length + csprng.length);
  return sha256(buf).slice(0, bytes);
}

/** Dice-only entropy (Coldcard/SeedSigner convention): SHA-256(roll string)[0..bytes). */
export function diceOnlyEntropy(rolls: string, bytes: number): Uint8Array {
  return sha256(new TextEncoder().encode(rolls)).slice(0, bytes);
}

function printable(ch: string): string {
  return /[\u0000-\u001f\u007f]/.test(ch) ? `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}` : ch;
}
