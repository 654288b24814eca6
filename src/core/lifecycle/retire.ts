/**
 * Retiring a key (custody-controls.md §4: a key's life ends with a recorded retirement). The key
 * must be known to the journal and not already retired; the act's journal data is returned.
 */
import { InputError, VerificationError } from '../errors.js';
import { sanitize } from '../text.js';
import { RANK, refusal, type Finding } from '../findings/finding.js';
import type { Inventory, KeyRecord } from './inventory.js';

/** A master fingerprint as written: 8 hex digits (lower-cased). */
export function parseFingerprint(raw: string, field: string): string {
  const fp = raw.trim().toLowerCase();
  if (!/^[0-9a-f]{8}$/.test(fp)) throw new InputError(`expected a master fingerprint of 8 hex digits, got "${sanitize(raw)}"`, field);
  return fp;
}

/** The journal data of `key.retire` for `fingerprint`, or a refusal naming why it cannot be retired. */
export function retireKey(inv: Pick<Inventory, 'keys'>, fingerprint: string, reason: string): { key: KeyRecord; data: Record<string, unknown> } {
  const why = reason.trim();
  if (why === '') throw new InputError('give the reason the key is retired', '--reason');
  const key = inv.keys.find((k) => k.fingerprint === fingerprint);
  if (!key) throw new VerificationError(`key ${fingerprint} appears in no entry of this journal (coldkit status lists the keys it knows): check the fingerprint and the journal (--journal)`);
  if (key.retired) throw new VerificationError(`key ${fingerprint} was already retired at entry #${key.retired.seq} (${key.retired.ts.slice(0, 10)}): ${sanitize(key.retired.reason)}`);
  return { key, data: { fingerprint, reason: why, createdSeq: key.created?.seq ?? null, signatures: key.signatures } };
}

/** Retired keys as signers need them: fingerprint → when and why. */
export type RetiredKeys = ReadonlyMap<string, { seq: number; ts: string; reason: string }>;

/** A signing with a retired key is refused (overridable, journaled): `retired-key`. */
export function retiredKeyFindings(fingerprints: readonly (string | undefined)[], retired: RetiredKeys | undefined): Finding[] {
  if (!retired) return [];
  const out: Finding[] = [];
  for (const fp of new Set(fingerprints.filter((f): f is string => Boolean(f)).map((f) => f.toLowerCase()))) {
    const r = retired.get(fp);
    if (r) out.push(refusal('retired-key', RANK.identity, `key ${fp} was retired at journal entry #${r.seq} (${r.ts.slice(0, 10)}): ${sanitize(r.reason)} — a retired key should not sign`));
  }
  return out;
}
