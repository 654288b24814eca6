/**
 * Rebuild the BIP39 entropy from shares read by read-shares.ts, for combine and drill: v1 through
 * core/shares/combine.ts (set, duplicate, count and tag checks), SSKR through core/shares/sskr.ts.
 * Returns the secret with the public facts of what was used.
 */
import { combineShares } from '../../core/shares/combine.js';
import { sskrCombine, sskrSetWords } from '../../core/shares/sskr.js';
import type { ReadShares } from './read-shares.js';

/** A rebuilt secret and public facts about the shares used. */
export interface Rebuilt {
  entropy: Uint8Array;
  format: 'v1' | 'sskr';
  setId: string;
  setWords: string;
  threshold: number;
  /** Shares in the set (v1 only: SSKR does not record its member count). */
  count?: number;
  /** v1: share numbers k given (all checked); SSKR: "group g member m" (1-based). */
  ordinals: string[];
  /** Where each share came from, in the order given. */
  sources: string[];
}

/** Combine the shares; throws the specific share error on any problem. */
export async function rebuild(read: ReadShares): Promise<Rebuilt> {
  const sources = read.shares.map((s) => s.label);
  if (read.format === 'v1') {
    const c = await combineShares(read.shares);
    return { entropy: c.entropy, format: 'v1', setId: c.setId.toString(16).padStart(4, '0'), setWords: c.setWords, threshold: c.threshold, count: c.count, ordinals: c.ordinals.map(String), sources };
  }
  const entropy = await sskrCombine(read.shares);
  const first = read.shares[0]!.share;
  return {
    entropy,
    format: 'sskr',
    setId: first.id.toString(16).padStart(4, '0'),
    setWords: sskrSetWords(first),
    threshold: first.memberThreshold,
    ordinals: read.shares.map((s) => `group ${s.share.groupIndex + 1} member ${s.share.memberIndex + 1}`),
    sources,
  };
}
