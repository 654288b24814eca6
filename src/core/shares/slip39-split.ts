/**
 * Making a new SLIP-0039 share set (§Generating the shares), with every random byte from the
 * caller (the core draws none):
 *
 *   1. If T_i = 1 and N_i > 1 for any i, then abort.
 *   2. Generate a random 15-bit value id.   3. Let ext = 1 (unless told to make an ext = 0 set).
 *   4. EMS = Encrypt(MS, P, e, id, ext).    5. Group shares = SplitSecret(GT, G, EMS).
 *   6. Member shares of group i = SplitSecret(T_i, N_i, group share i).
 *
 * The master secret of a wallet is its BIP32 seed: a new SLIP-39 wallet, not the same wallet as an
 * existing BIP39 mnemonic. A set is proven before it is handed out: every share read back from its
 * words, every member subset of every group and every group subset rebuilding the same values.
 */
import { RuntimeFailure } from '../errors.js';
import { ShareInputError } from './errors.js';
import { splitWithDigest } from './digest-sss.js';
import type { RandomBytes } from './shamir.js';
import { type LabelledSlip39, slip39RecoverEms } from './slip39.js';
import { slip39Decrypt, slip39Encrypt, slip39Passphrase } from './slip39-cipher.js';
import { decodeSlip39Share, slip39SetWords, slip39ShareText } from './slip39-share.js';
import { subsets } from './subsets.js';
import { bytesEqual } from './tag.js';

/** How to split. */
export interface Slip39SplitOptions {
  /** The master secret (a BIP32 seed): at least 16 bytes, an even number. */
  masterSecret: Uint8Array;
  passphrase?: string;
  groupThreshold: number;
  /** Each group's member threshold and size (1-of-1 for a share held by one person). */
  groups: readonly { threshold: number; count: number }[];
  /** PBKDF2 runs 10000 × 2^e iterations in all; default 1, as Trezor and the reference implementation. */
  iterationExponent?: number;
  /** Default true: "In newly created shares ext SHOULD be set to 1." */
  extendable?: boolean;
  random: RandomBytes;
}

/** A new set: the public facts and every share's words, by group. */
export interface Slip39Split {
  identifier: number;
  extendable: boolean;
  iterationExponent: number;
  groupThreshold: number;
  setWords: string;
  groups: { threshold: number; count: number; shares: string[] }[];
}

function checkOptions(o: Slip39SplitOptions): void {
  const G = o.groups.length;
  const n = o.masterSecret.length;
  if (n < 16 || n % 2 !== 0) throw new ShareInputError('bad-params', `the master secret must be at least 128 bits and a multiple of 16 bits, got ${n * 8}`, 'secret');
  if (!Number.isInteger(o.groupThreshold) || G < 1 || G > 16 || o.groupThreshold < 1 || o.groupThreshold > G) {
    throw new ShareInputError('bad-params', `need 1 ≤ group threshold ≤ groups ≤ 16, got ${o.groupThreshold} of ${G}`, '--group-threshold');
  }
  o.groups.forEach((g, i) => {
    if (!Number.isInteger(g.threshold) || !Number.isInteger(g.count) || g.threshold < 1 || g.count < g.threshold || g.count > 16) {
      throw new ShareInputError('bad-params', `group ${i + 1}: need 1 ≤ threshold ≤ count ≤ 16, got ${g.threshold} of ${g.count}`, '--group');
    }
    if (g.threshold === 1 && g.count > 1) {
      throw new ShareInputError('bad-params', `group ${i + 1}: a 1-of-${g.count} group gives ${g.count} copies of one share; SLIP-39 forbids it (use 1-of-1 and copy the share)`, '--group');
    }
  });
  const e = o.iterationExponent ?? 1;
  if (!Number.isInteger(e) || e < 0 || e > 15) throw new ShareInputError('bad-params', 'the iteration exponent is 0 to 15', '--iteration-exponent');
}

/** Generate a share set. Every random byte comes from `random`. */
export async function slip39Split(o: Slip39SplitOptions): Promise<Slip39Split> {
  checkOptions(o);
  const pass = slip39Passphrase(o.passphrase ?? '', '--passphrase');
  const idBytes = o.random(2);
  const params = { identifier: ((idBytes[0]! << 8) | idBytes[1]!) & 0x7fff, extendable: o.extendable ?? true, iterationExponent: o.iterationExponent ?? 1 };
  const ems = slip39Encrypt(o.masterSecret, pass, params);
  const groupValues = await splitWithDigest(ems, o.groupThreshold, o.groups.length, o.random);
  ems.fill(0);
  const groups: Slip39Split['groups'] = [];
  for (const [gi, g] of o.groups.entries()) {
    const values = await splitWithDigest(groupValues[gi]!, g.threshold, g.count, o.random);
    const shares = values.map((value, memberIndex) => {
      const text = slip39ShareText({ ...params, groupIndex: gi, groupThreshold: o.groupThreshold, groupCount: o.groups.length, memberIndex, memberThreshold: g.threshold, value });
      value.fill(0);
      return text;
    });
    groups.push({ threshold: g.threshold, count: g.count, shares });
  }
  groupValues.forEach((v) => v.fill(0));
  return { ...params, groupThreshold: o.groupThreshold, setWords: slip39SetWords(params), groups };
}

/**
 * Prove a fresh set before it is shown: every share decodes from its words; within each group,
 * every T_i-subset rebuilds the same group value (checked as the EMS with the same other groups);
 * every GT-subset of groups rebuilds the same EMS; that EMS decrypts to the master secret. By
 * linearity this covers every qualifying combination. Returns the number of combinations run.
 */
export async function proveSlip39Split(split: Slip39Split, masterSecret: Uint8Array, passphrase = ''): Promise<number> {
  const parsed: LabelledSlip39[][] = split.groups.map((g, gi) => g.shares.map((text, mi) => ({ label: `group ${gi + 1} share ${mi + 1}`, share: decodeSlip39Share(text, `group ${gi + 1} share ${mi + 1}`) })));
  const fail = (what: string): never => {
    throw new RuntimeFailure(`self-check failed: ${what} do not rebuild the secret; nothing was shown`);
  };
  const first = (gi: number): LabelledSlip39[] => parsed[gi]!.slice(0, split.groups[gi]!.threshold);
  const groupIdx = Array.from({ length: split.groups.length }, (_, i) => i);
  const baseGroups = groupIdx.slice(0, split.groupThreshold);
  const reference = (await slip39RecoverEms(baseGroups.flatMap(first))).ems;
  let runs = 1;
  // Every group subset, each group from its first T_i members.
  for (const gs of subsets(groupIdx.length, split.groupThreshold)) {
    const { ems } = await slip39RecoverEms(gs.flatMap(first));
    if (!bytesEqual(ems, reference)) fail(`groups ${gs.map((g) => g + 1).join(', ')}`);
    runs++;
  }
  // Every member subset of each group, with the other groups of a qualifying group subset.
  for (const gi of groupIdx) {
    const others = [gi, ...groupIdx.filter((g) => g !== gi)].slice(0, split.groupThreshold).filter((g) => g !== gi);
    for (const ms of subsets(parsed[gi]!.length, split.groups[gi]!.threshold)) {
      const { ems } = await slip39RecoverEms([...ms.map((m) => parsed[gi]![m]!), ...others.flatMap(first)]);
      if (!bytesEqual(ems, reference)) fail(`members ${ms.map((m) => m + 1).join(', ')} of group ${gi + 1}`);
      runs++;
    }
  }
  const ms = slip39Decrypt(reference, slip39Passphrase(passphrase), split);
  const ok = bytesEqual(ms, masterSecret);
  ms.fill(0);
  reference.fill(0);
  if (!ok) fail('the shares (decrypted with the passphrase)');
  return runs;
}
