/**
 * Leak checks for tests: does `text` contain a secret word sequence? Single words collide with
 * ordinary text ("false" is a SLIP-39 word; set words repeat inside shares), so a leak is either
 * two consecutive secret words, or more than a few of them anywhere (a numbered word grid).
 */
import { expect } from 'vitest';

const tokens = (s: string) => s.toLowerCase().match(/[a-z]+/g) ?? [];

/** Assert `text` does not contain the secret words (share words after the 3 public set words, or a mnemonic). */
export function expectNoWords(text: string, secret: string, skip = 0, what = 'secret'): void {
  const words = secret.toLowerCase().split(/\s+/).slice(skip);
  const seen = new Set(tokens(text));
  const present = words.filter((w) => seen.has(w));
  expect(present.length, `${what}: ${present.length} of its words appear`).toBeLessThanOrEqual(3);
  const flat = ` ${tokens(text).join(' ')} `;
  for (let i = 0; i + 1 < words.length; i++) expect(flat.includes(` ${words[i]} ${words[i + 1]} `), `${what}: words ${i + skip + 1}-${i + skip + 2} appear together`).toBe(false);
}

/** Assert `text` DOES contain every word of `secret` (so the leak check can fail). */
export function expectAllWords(text: string, secret: string): void {
  const seen = new Set(tokens(text));
  for (const w of secret.toLowerCase().split(/\s+/)) expect(seen.has(w), w).toBe(true);
}
