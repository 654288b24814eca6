/**
 * Combining SLIP-0039 shares (§Combining the shares) into the master secret, with every check of
 * the spec and one error for each way a set can be wrong, naming the share (its label) and why:
 *
 * - "All shares MUST have the same identifier id, extendable backup flag ext, iteration exponent
 *   e, group threshold GT, group count G and length."                  → other-set
 * - shares of one group carry one member threshold                     → other-set
 * - member indices pairwise distinct                                   → duplicate / conflict
 * - "the number of pairwise distinct group indices … MUST be equal to GT" and each group's count
 *   "MUST be equal to T_i"                                             → too-few / too-many
 * - each group, then the groups, rebuilt with RecoverSecret's digest   → digest (exit 3)
 * - MS = Decrypt(EMS, passphrase, e, id, ext)
 *
 * Per-share checks (words, length, checksum, padding) are in slip39-share.ts. The master secret is
 * the BIP32 seed of a SLIP-39 wallet: it cannot be shown as, or turned into, a BIP39 mnemonic.
 */
import { ShareInputError, ShareVerificationError } from './errors.js';
import { recoverWithDigest } from './digest-sss.js';
import { slip39Decrypt, slip39Passphrase } from './slip39-cipher.js';
import { type Slip39Share, decodeSlip39Share, slip39SetWords } from './slip39-share.js';
import { bytesEqual } from './tag.js';

/** A decoded share and where it came from ("share-file a.txt", "share 2"). */
export interface LabelledSlip39 {
  label: string;
  share: Slip39Share;
}

/** Public facts about a combined set (nothing secret). */
export interface Slip39SetInfo {
  identifier: number;
  extendable: boolean;
  iterationExponent: number;
  groupThreshold: number;
  groupCount: number;
  /** The first two words of every share of the set. */
  setWords: string;
  /** The groups used (1-based numbers), each with its member threshold and the members given (1-based). */
  groups: { group: number; threshold: number; members: number[] }[];
}

/** Decode labelled share texts; the first bad one throws, named by its label. */
export function readSlip39Shares(inputs: readonly { label: string; text: string }[]): LabelledSlip39[] {
  return inputs.map((i) => ({ label: i.label, share: decodeSlip39Share(i.text, i.label) }));
}

const SET_FIELDS: [keyof Slip39Share, string][] = [
  ['identifier', 'identifier'],
  ['extendable', 'extendable flag'],
  ['iterationExponent', 'iteration exponent'],
  ['groupThreshold', 'group threshold'],
  ['groupCount', 'group count'],
];

function checkSameSet(inputs: readonly LabelledSlip39[]): void {
  const ref = inputs[0]!;
  for (const inp of inputs.slice(1)) {
    for (const [key, name] of SET_FIELDS) {
      if (inp.share[key] !== ref.share[key]) {
        const words = key === 'identifier' || key === 'extendable' || key === 'iterationExponent' ? ' (its first two words differ)' : '';
        throw new ShareInputError('other-set', `is from another SLIP-39 set than ${ref.label}: the ${name} differs${words}`, inp.label);
      }
    }
    if (inp.share.value.length !== ref.share.value.length) {
      throw new ShareInputError('other-set', `is from another SLIP-39 set than ${ref.label}: it carries a ${inp.share.value.length * 8}-bit value, that one ${ref.share.value.length * 8}-bit`, inp.label);
    }
  }
}

function groupShares(inputs: readonly LabelledSlip39[]): Map<number, { threshold: number; members: LabelledSlip39[] }> {
  const groups = new Map<number, { threshold: number; members: LabelledSlip39[] }>();
  for (const inp of inputs) {
    const s = inp.share;
    const g = groups.get(s.groupIndex) ?? { threshold: s.memberThreshold, members: [] };
    const first = g.members[0];
    if (first && g.threshold !== s.memberThreshold) {
      throw new ShareInputError('other-set', `says group ${s.groupIndex + 1} needs ${s.memberThreshold} shares, ${first.label} says ${g.threshold}: one is corrupted or from another set`, inp.label);
    }
    const twin = g.members.find((m) => m.share.memberIndex === s.memberIndex);
    if (twin) {
      if (bytesEqual(twin.share.value, s.value)) throw new ShareInputError('duplicate', `is the same share as ${twin.label} (member ${s.memberIndex + 1} of group ${s.groupIndex + 1}); give another member's share`, inp.label);
      throw new ShareInputError('conflict', `claims to be member ${s.memberIndex + 1} of group ${s.groupIndex + 1}, like ${twin.label}, with another value: one of them is corrupted or forged`, inp.label);
    }
    g.members.push(inp);
    groups.set(s.groupIndex, g);
  }
  return groups;
}

/**
 * Rebuild the encrypted master secret (no passphrase involved) from exactly a qualifying set of
 * shares, with the set facts. Exported for the split self-check, which compares EMS values.
 */
export async function slip39RecoverEms(inputs: readonly LabelledSlip39[]): Promise<{ ems: Uint8Array; info: Slip39SetInfo }> {
  if (inputs.length === 0) throw new ShareInputError('empty', 'no shares given', 'shares');
  checkSameSet(inputs);
  const ref = inputs[0]!.share;
  const groups = groupShares(inputs);
  const GT = ref.groupThreshold;
  const list = [...groups.entries()].sort(([a], [b]) => a - b);
  const describe = list.map(([i, g]) => `group ${i + 1}: ${g.members.length} of ${g.threshold}`).join(', ');
  if (list.length < GT) throw new ShareInputError('too-few', `need shares of ${GT} group(s) of ${ref.groupCount}, have ${list.length} (${describe})`, 'shares');
  if (list.length > GT) throw new ShareInputError('too-many', `SLIP-39 combines shares of exactly ${GT} group(s), these are of ${list.length} (${describe}); leave out the extra group(s)`, 'shares');
  for (const [i, g] of list) {
    if (g.members.length < g.threshold) throw new ShareInputError('too-few', `group ${i + 1} needs ${g.threshold} share(s), has ${g.members.length} (${describe})`, 'shares');
    if (g.members.length > g.threshold) throw new ShareInputError('too-many', `group ${i + 1} is combined from exactly ${g.threshold} share(s), ${g.members.length} were given; leave out ${g.members.length - g.threshold}`, 'shares');
  }
  const groupPoints: { x: number; y: Uint8Array }[] = [];
  for (const [i, g] of list) {
    const y = await recoverWithDigest(g.members.map((m) => ({ x: m.share.memberIndex, y: m.share.value })));
    if (!y) {
      groupPoints.forEach((p) => p.y.fill(0));
      const labels = g.members.map((m) => m.label);
      throw new ShareVerificationError('digest', `the SLIP-39 digest of group ${i + 1} does not match: one of ${labels.join(', ')} is corrupted or forged, or they come from different splits`, labels);
    }
    groupPoints.push({ x: i, y });
  }
  const ems = await recoverWithDigest(groupPoints);
  groupPoints.forEach((p) => p.y.fill(0));
  if (!ems) {
    throw new ShareVerificationError('digest', 'the SLIP-39 digest across the groups does not match: a group was rebuilt from corrupted or forged shares, or the groups come from different splits', inputs.map((i) => i.label));
  }
  const info: Slip39SetInfo = {
    identifier: ref.identifier,
    extendable: ref.extendable,
    iterationExponent: ref.iterationExponent,
    groupThreshold: GT,
    groupCount: ref.groupCount,
    setWords: slip39SetWords(ref),
    groups: list.map(([i, g]) => ({ group: i + 1, threshold: g.threshold, members: g.members.map((m) => m.share.memberIndex + 1).sort((a, b) => a - b) })),
  };
  return { ems, info };
}

/**
 * Combine shares and decrypt with `passphrase` (empty if none): the master secret, i.e. the BIP32
 * seed of the SLIP-39 wallet. Any passphrase gives a secret; only the right one gives the wallet.
 */
export async function slip39Combine(inputs: readonly LabelledSlip39[], passphrase = ''): Promise<{ masterSecret: Uint8Array; info: Slip39SetInfo }> {
  const pass = slip39Passphrase(passphrase);
  const { ems, info } = await slip39RecoverEms(inputs);
  const masterSecret = slip39Decrypt(ems, pass, info);
  ems.fill(0);
  return { masterSecret, info };
}
