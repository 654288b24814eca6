/**
 * Combine v1 shares into the BIP39 entropy with every check the library lacks, each with its own
 * error (docs/formats/shares-v1.md §Combining): same set (set words shown), no duplicates or
 * conflicting ordinals, at least t shares (missing ordinals listed), then the integrity tag. With
 * more than t shares, t-subsets are tried so the share inconsistent with the rest can be named.
 */
import { ShareInputError, ShareVerificationError } from './errors.js';
import { combineSecret } from './shamir.js';
import { subsets } from './subsets.js';
import { bytesEqual, shareTag } from './tag.js';
import { type ShareV1, TAG_BYTES, setWords } from './v1.js';

/** A decoded share and the label of where it came from ("share-file a.txt", "stdin line 2"). */
export interface LabelledShare {
  label: string;
  share: ShareV1;
}

/** A verified combine: the entropy (secret) and public facts about the set and shares used. */
export interface CombinedSecret {
  entropy: Uint8Array;
  setId: number;
  setWords: string;
  threshold: number;
  count: number;
  /** Ordinals (k) of all shares given, ascending; all were checked consistent. */
  ordinals: number[];
}

function privyShare(s: ShareV1): Uint8Array {
  const out = new Uint8Array(s.payload.length + 1);
  out.set(s.payload);
  out[s.payload.length] = s.x;
  return out;
}

/**
 * Combine exactly these shares (no count or set checks) and check the tag: the entropy, or
 * undefined when the tag fails. Exported so tests can show the tag alone catches too few shares.
 */
export async function tryCombine(shares: ShareV1[]): Promise<Uint8Array | undefined> {
  const first = shares[0]!;
  const secret = await combineSecret(shares.map(privyShare));
  const entropy = secret.slice(0, secret.length - TAG_BYTES);
  const tag = secret.slice(secret.length - TAG_BYTES);
  secret.fill(0);
  if (bytesEqual(tag, shareTag(entropy, first.setId, first.threshold, first.count))) return entropy;
  entropy.fill(0);
  return undefined;
}

/** Refuse shares from other sets, duplicates and conflicts (exit 2); returns unique shares. */
export function checkSet(inputs: readonly LabelledShare[]): LabelledShare[] {
  if (inputs.length === 0) throw new ShareInputError('empty', 'no shares given', 'shares');
  const ref = inputs[0]!;
  const refWords = setWords(ref.share);
  for (const inp of inputs.slice(1)) {
    const s = inp.share;
    if (s.setId !== ref.share.setId || s.threshold !== ref.share.threshold || s.count !== ref.share.count) {
      throw new ShareInputError(
        'other-set',
        `is from another set: its set words are "${setWords(s)}" but ${ref.label} has "${refWords}" — every share of one split starts with the same 3 words`,
        inp.label,
      );
    }
    if (s.payload.length !== ref.share.payload.length) {
      throw new ShareInputError('other-set', `has a different length than ${ref.label} (another seed size): not from the same split`, inp.label);
    }
  }
  const unique: LabelledShare[] = [];
  for (const inp of inputs) {
    const sameK = unique.find((u) => u.share.ordinal === inp.share.ordinal);
    const sameX = unique.find((u) => u.share.x === inp.share.x);
    const twin = sameK ?? sameX;
    if (!twin) {
      unique.push(inp);
      continue;
    }
    if (twin.share.ordinal === inp.share.ordinal && twin.share.x === inp.share.x && bytesEqual(twin.share.payload, inp.share.payload)) {
      throw new ShareInputError('duplicate', `is share ${inp.share.ordinal} again (already given as ${twin.label}); give a different share`, inp.label);
    }
    throw new ShareInputError(
      'conflict',
      `conflicts with ${twin.label}: both claim share ${sameK ? `number ${inp.share.ordinal}` : 'the same x coordinate'} but differ — one of them is corrupted or forged`,
      inp.label,
    );
  }
  return unique;
}

/** Combine shares into a verified secret, or throw the specific error. */
export async function combineShares(inputs: readonly LabelledShare[]): Promise<CombinedSecret> {
  const unique = checkSet(inputs);
  const { threshold: t, count: n, setId } = unique[0]!.share;
  const have = unique.map((u) => u.share.ordinal).sort((a, b) => a - b);
  if (unique.length < t) {
    const missing = Array.from({ length: n }, (_, i) => i + 1).filter((k) => !have.includes(k));
    throw new ShareInputError(
      'too-few',
      `need ${t} shares of this set, have ${unique.length} (share ${have.join(', ')}); add ${t - unique.length} more from share ${missing.join(', ')}`,
      'shares',
    );
  }
  const shares = unique.map((u) => u.share);
  let good: number[] | undefined;
  let entropy: Uint8Array | undefined;
  for (const idx of subsets(shares.length, t)) {
    entropy = await tryCombine(idx.map((i) => shares[i]!));
    if (entropy) {
      good = idx;
      break;
    }
  }
  if (!good || !entropy) {
    throw new ShareVerificationError(
      'tag',
      unique.length === t
        ? `integrity check failed: these ${t} shares do not rebuild the secret — one is corrupted or forged, or they mix different splits; with one more share coldkit can name the bad one`
        : `integrity check failed: no ${t} of these ${unique.length} shares agree — more than one is corrupted or forged`,
    );
  }
  // Every other share must lie on the same polynomial: swap it in for the last of the good subset.
  const base = good.slice(0, t - 1).map((i) => shares[i]!);
  const bad: string[] = [];
  for (let i = 0; i < shares.length; i++) {
    if (good.includes(i)) continue;
    const check = await tryCombine([...base, shares[i]!]);
    if (!check || !bytesEqual(check, entropy)) bad.push(unique[i]!.label);
    check?.fill(0);
  }
  if (bad.length) {
    entropy.fill(0);
    throw new ShareVerificationError(
      'tag',
      `integrity check failed: ${bad.join(', ')} ${bad.length === 1 ? 'is' : 'are'} inconsistent with the other shares (corrupted or forged); the other ${t} agree — leave ${bad.length === 1 ? 'it' : 'them'} out and replace ${bad.length === 1 ? 'it' : 'them'}`,
      bad,
    );
  }
  return { entropy, setId, setWords: setWords(unique[0]!.share), threshold: t, count: n, ordinals: have };
}
