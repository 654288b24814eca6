/**
 * BIP32 derivation paths and key origins: parsing ("m/84'/0'/0'", "h" and "H" accepted as hardened markers),
 * formatting, and the hardening rule for account paths (BIP44: purpose, coin type and account
 * "hardened derivation is used at this level").
 */
import { InputError, RefusedError } from '../errors.js';

/** BIP32: indices ≥ 2^31 are hardened. */
export const HARDENED = 0x80000000;

/** Parse a path into child indices (hardened ones offset by 2^31). "m" alone is the root. */
export function parsePath(text: string, field = '--path'): number[] {
  const s = text.trim();
  const parts = s.split('/');
  if (parts[0] !== 'm' && parts[0] !== 'M') throw new InputError(`"${s}" must start with "m/"`, field);
  return parts.slice(1).map((p, i) => {
    const m = /^(\d+)(['hH]?)$/.exec(p);
    if (!m) throw new InputError(`level ${i + 1} "${p}" is not an index like 84' or 0`, field);
    const n = Number(m[1]);
    if (!Number.isSafeInteger(n) || n >= HARDENED) throw new InputError(`level ${i + 1} index ${m[1]} is not below 2^31`, field);
    return m[2] ? n + HARDENED : n;
  });
}

/** A master key fingerprint (BIP32 key origin) as 8 lower-case hex characters. */
export function fingerprintHex(fp: number): string {
  return (fp >>> 0).toString(16).padStart(8, '0');
}

/** Format indices as a path with "h" for hardened (shell-safe; Bitcoin Core accepts both h and '). */
export function formatPath(indices: number[], hardenedMark: "h" | "'" = 'h'): string {
  return ['m', ...indices.map((i) => (i >= HARDENED ? `${i - HARDENED}${hardenedMark}` : String(i)))].join('/');
}

/** Path without the leading "m" (for descriptor key origins: "84h/0h/0h"). */
export function formatOrigin(indices: number[]): string {
  return formatPath(indices).slice(2);
}

/** True if the index is hardened. */
export function isHardened(i: number): boolean {
  return i >= HARDENED;
}

/**
 * Refuse an account path whose first three levels (purpose, coin type, account) are not all
 * hardened: an xpub above an unhardened level plus one child private key reveals the parent.
 */
export function requireHardenedAccount(indices: number[], allow: boolean, field = '--path'): void {
  const levels = Math.min(3, indices.length);
  for (let k = 0; k < levels; k++) {
    if (!isHardened(indices[k]!) && !allow) {
      const names = ['purpose', 'coin type', 'account'];
      throw new RefusedError(
        `${field} level ${k + 1} (${names[k]}) is not hardened; a leaked child private key plus this xpub would expose the account`,
        'unhardened',
      );
    }
  }
}
