/**
 * Split BIP39 entropy into a v1 share set with injected randomness, then prove it before anything
 * is shown: every share is decoded back from its words and every t-subset is recombined and its
 * tag checked (issue #3: "Before anything is shown, every T-subset is recombined in memory").
 */
import { RuntimeFailure } from '../errors.js';
import { combineShares } from './combine.js';
import { ShareInputError } from './errors.js';
import { type RandomBytes, splitSecret } from './shamir.js';
import type { ThresholdFields } from './scheme.js';
import { subsets } from './subsets.js';
import { bytesEqual, shareTag } from './tag.js';
import { MAX_SHARES, type ShareV1, V1_VERSION, V1_WORDS_FOR_ENTROPY, decodeShare, encodeShare, setWords } from './v1.js';

/** A made and checked share set. `texts[i]` is share i+1 as words (secret). */
export interface ShareSet {
  setId: number;
  setWords: string;
  threshold: number;
  count: number;
  shares: ShareV1[];
  texts: string[];
  /** Number of t-subsets recombined and verified. */
  subsetsChecked: number;
}

/** Validate T-of-N for v1 (2 ≤ T ≤ N ≤ 16), naming the field on error. */
export function checkThreshold(threshold: number, count: number, fields: ThresholdFields = { threshold: 'threshold', count: 'count' }): void {
  if (!Number.isInteger(threshold) || threshold < 2 || threshold > MAX_SHARES) {
    throw new ShareInputError('bad-params', 'must be a whole number from 2 to 16 (1-of-N would be plain copies of the seed)', fields.threshold);
  }
  if (!Number.isInteger(count) || count < threshold || count > MAX_SHARES) {
    throw new ShareInputError('bad-params', `must be a whole number from the threshold (${threshold}) to 16`, fields.count);
  }
}

/** Split `entropy` (16/20/24/28/32 bytes) T-of-N; randomness (set id, x, coefficients) from `random`. */
export async function splitEntropy(entropy: Uint8Array, threshold: number, count: number, random: RandomBytes): Promise<ShareSet> {
  checkThreshold(threshold, count);
  if (!V1_WORDS_FOR_ENTROPY.has(entropy.length)) {
    throw new ShareInputError('bad-params', `entropy of ${entropy.length} bytes cannot be split; a BIP39 seed has 16–32 bytes`, 'seed');
  }
  const idBytes = random(2);
  const setId = (idBytes[0]! << 8) | idBytes[1]!;
  const secret = new Uint8Array(entropy.length + 4);
  secret.set(entropy);
  secret.set(shareTag(entropy, setId, threshold, count), entropy.length);
  const raw = await splitSecret(secret, count, threshold, random);
  secret.fill(0);
  const shares: ShareV1[] = raw.map((r, i) => ({
    version: V1_VERSION,
    setId,
    threshold,
    count,
    ordinal: i + 1,
    x: r[r.length - 1]!,
    payload: r.slice(0, r.length - 1),
  }));
  raw.forEach((r) => r.fill(0));
  const texts = shares.map(encodeShare);
  const subsetsChecked = await proveSet(entropy, texts, threshold);
  return { setId, setWords: setWords(shares[0]!), threshold, count, shares, texts, subsetsChecked };
}

/** Decode every share from its words and recombine every t-subset; throws RuntimeFailure on any miss. */
export async function proveSet(entropy: Uint8Array, texts: string[], threshold: number): Promise<number> {
  const decoded = texts.map((t, i) => ({ label: `share ${i + 1}`, share: decodeShare(t, `share ${i + 1}`) }));
  let checked = 0;
  for (const idx of subsets(decoded.length, threshold)) {
    const got = await combineShares(idx.map((i) => decoded[i]!));
    const ok = bytesEqual(got.entropy, entropy);
    got.entropy.fill(0);
    if (!ok) throw new RuntimeFailure(`self-check failed: shares ${idx.map((i) => i + 1).join(', ')} do not rebuild the seed; nothing was shown`);
    checked++;
  }
  return checked;
}
