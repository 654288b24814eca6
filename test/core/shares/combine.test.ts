import { describe, expect, it } from 'vitest';
import { combineShares, tryCombine, type LabelledShare } from '../../../src/core/shares/combine.js';
import { shareErrorCode } from '../../../src/core/shares/errors.js';
import { splitEntropy } from '../../../src/core/shares/split.js';
import { shareTag } from '../../../src/core/shares/tag.js';
import { subsets } from '../../../src/core/shares/subsets.js';
import { decodeShare, encodeShare, type ShareV1 } from '../../../src/core/shares/v1.js';
import { combine as privyCombine, split as privySplit } from 'shamir-secret-sharing';
import { seededRandom } from '../../helpers/seeded-bytes.js';

function labelled(texts: string[]): LabelledShare[] {
  return texts.map((t, i) => ({ label: `share ${i + 1}`, share: decodeShare(t, `share ${i + 1}`) }));
}

async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
    return undefined;
  } catch (e) {
    return shareErrorCode(e) ?? String(e);
  }
}

describe.each([
  [2, 3, 16],
  [3, 5, 16],
  [5, 9, 32],
])('%i-of-%i split (%i-byte entropy)', (t, n, L) => {
  it('every subset of ≥ T shares recombines; every smaller subset fails the tag and the count check', async () => {
    const random = seededRandom(`all-subsets-${t}-${n}`);
    const entropy = random(L);
    const set = await splitEntropy(entropy, t, n, random);
    expect(set.texts).toHaveLength(n);
    expect(set.subsetsChecked).toBeGreaterThan(0);
    const shares = labelled(set.texts);
    // Same first 3 words on every share; word count by seed size.
    for (const text of set.texts) {
      expect(text.split(' ').slice(0, 3).join(' ')).toBe(set.setWords);
      expect(text.split(' ')).toHaveLength(L === 16 ? 24 : 36);
    }
    let ok = 0;
    let short = 0;
    for (let size = 1; size <= n; size++) {
      for (const idx of subsets(n, size)) {
        const pick = idx.map((i) => shares[i]!);
        if (size >= t) {
          const got = await combineShares(pick);
          expect(got.entropy).toEqual(entropy);
          expect(got.ordinals).toEqual(idx.map((i) => i + 1));
          ok++;
        } else {
          expect(await codeOf(combineShares(pick))).toBe('too-few');
          if (size >= 2) expect(await tryCombine(pick.map((p) => p.share))).toBeUndefined();
          short++;
        }
      }
    }
    expect(ok + short).toBe(2 ** n - 1);
  });
});

describe('property: random seeds and (t, n)', () => {
  it('300 random splits recombine from a random t-subset and fail below t', async () => {
    const random = seededRandom('property-v1');
    const pick = (max: number) => random(1)[0]! % max;
    for (let round = 0; round < 300; round++) {
      const n = 2 + pick(9); // 2..10 keeps the in-split self-check fast
      const t = 2 + pick(n - 1);
      const L = [16, 20, 24, 28, 32][pick(5)]!;
      const entropy = random(L);
      const set = await splitEntropy(entropy, t, n, random);
      const order = Array.from({ length: n }, (_, i) => i).sort(() => (random(1)[0]! & 1 ? 1 : -1));
      const shares = labelled(set.texts);
      const got = await combineShares(order.slice(0, t).map((i) => shares[i]!));
      expect(got.entropy).toEqual(entropy);
      if (t > 2) expect(await tryCombine(order.slice(0, t - 1).map((i) => shares[i]!.share))).toBeUndefined();
    }
  });
  it('an 8-of-16 split (12870 subsets self-checked) recombines', async () => {
    const random = seededRandom('max-split');
    const entropy = random(32);
    const set = await splitEntropy(entropy, 8, 16, random);
    expect(set.subsetsChecked).toBe(12870);
    expect((await combineShares(labelled(set.texts).slice(8))).entropy).toEqual(entropy);
  });
});

describe('interoperates with the library itself', () => {
  it('our shares combine with the library; the library split shares pass our tag check', async () => {
    const random = seededRandom('interop');
    const entropy = random(16);
    const set = await splitEntropy(entropy, 3, 5, random);
    const raw = set.shares.map((s) => Uint8Array.from([...s.payload, s.x]));
    expect((await privyCombine(raw.slice(1, 4))).slice(0, 16)).toEqual(entropy);
    // Library split of our entropy‖tag, wrapped in v1 fields, combines through coldkit.
    const secret = await privyCombine(raw.slice(0, 3));
    const lib = await privySplit(secret, 4, 2);
    const v1: ShareV1[] = lib.map((r, i) => ({ ...set.shares[0]!, threshold: 2, count: 4, ordinal: i + 1, x: r[r.length - 1]!, payload: r.slice(0, -1) }));
    // The tag binds t and n, so relabelling a 3-of-5 secret as 2-of-4 is caught:
    expect(await codeOf(combineShares(v1.map((s, i) => ({ label: `lib ${i}`, share: decodeShare(encodeShare(s)) }))))).toBe('tag');
    // With the tag made for 2-of-4, the library's own split recombines through coldkit.
    const good = Uint8Array.from([...entropy, ...shareTag(entropy, set.setId, 2, 4)]);
    const lib2 = await privySplit(good, 4, 2);
    const v2: ShareV1[] = lib2.map((r, i) => ({ ...set.shares[0]!, threshold: 2, count: 4, ordinal: i + 1, x: r[r.length - 1]!, payload: r.slice(0, -1) }));
    const got = await combineShares(v2.slice(2).map((s, i) => ({ label: `lib ${i}`, share: decodeShare(encodeShare(s)) })));
    expect(got.entropy).toEqual(entropy);
  });
});

describe('set errors', () => {
  it('two splits of the SAME seed are refused as another set, naming both set words', async () => {
    const random = seededRandom('same-seed');
    const entropy = random(16);
    const a = await splitEntropy(entropy, 2, 3, seededRandom('split-a'));
    const b = await splitEntropy(entropy, 2, 3, seededRandom('split-b'));
    expect(a.setId).not.toBe(b.setId);
    const mixed = [labelled(a.texts)[0]!, { ...labelled(b.texts)[1]!, label: 'share-file b2' }];
    const err = await combineShares(mixed).catch((e) => e);
    expect(shareErrorCode(err)).toBe('other-set');
    expect(err.message).toContain(a.setWords);
    expect(err.message).toContain(b.setWords);
    expect(err.message).toContain('share-file b2');
    expect(err.exitCode).toBe(2);
  });
  it('same set id by chance: the tag still refuses shares of two splits', async () => {
    const entropy = seededRandom('collide')(16);
    // Both splits draw the same set id (first 2 bytes) but different polynomials.
    const mk = (tail: string) => {
      const r = seededRandom(tail);
      let first = true;
      return (n: number) => (first && n === 2 ? ((first = false), Uint8Array.of(0x12, 0x34)) : r(n));
    };
    const a = await splitEntropy(entropy, 2, 3, mk('a'));
    const b = await splitEntropy(entropy, 2, 3, mk('b'));
    expect(a.setId).toBe(b.setId);
    const sa = labelled(a.texts)[0]!;
    const sb = { ...labelled(b.texts)[1]!, label: 'other' };
    if (sa.share.x === sb.share.x) return; // would be a "conflict" instead; not this seed
    expect(await codeOf(combineShares([sa, sb]))).toBe('tag');
  });
  it('duplicates, conflicts, too few (missing ordinals listed)', async () => {
    const random = seededRandom('dups');
    const set = await splitEntropy(random(16), 3, 5, random);
    const s = labelled(set.texts);
    const dup = await combineShares([s[0]!, s[1]!, { ...s[0]!, label: 'stdin line 3' }]).catch((e) => e);
    expect(shareErrorCode(dup)).toBe('duplicate');
    expect(dup.message).toMatch(/stdin line 3.*share 1 again/);
    const conflict = { label: 'x', share: { ...s[2]!.share, ordinal: 1 } };
    expect(await codeOf(combineShares([s[0]!, conflict, s[3]!]))).toBe('conflict');
    const few = await combineShares([s[1]!, s[3]!]).catch((e) => e);
    expect(shareErrorCode(few)).toBe('too-few');
    expect(few.message).toContain('need 3 shares of this set, have 2 (share 2, 4); add 1 more from share 1, 3, 5');
  });
  it('a forged share with a valid checksum: tag failure with T shares, the culprit named with more', async () => {
    const random = seededRandom('forge');
    const entropy = random(16);
    const set = await splitEntropy(entropy, 3, 5, random);
    const s = labelled(set.texts);
    const payload = s[2]!.share.payload.slice();
    payload[0]! ^= 1;
    const forged = { label: 'share-file forged.txt', share: decodeShare(encodeShare({ ...s[2]!.share, payload })) };
    const three = await combineShares([s[0]!, s[1]!, forged]).catch((e) => e);
    expect(shareErrorCode(three)).toBe('tag');
    expect(three.exitCode).toBe(3);
    const four = await combineShares([s[0]!, forged, s[1]!, s[3]!]).catch((e) => e);
    expect(shareErrorCode(four)).toBe('tag');
    expect(four.culprits).toEqual(['share-file forged.txt']);
    expect(four.message).toContain('share-file forged.txt is inconsistent');
    // Two bad of five: no 3 agree only if the good ones are < t; here 3 good remain → both named.
    const forged2 = { label: 'f2', share: decodeShare(encodeShare({ ...s[4]!.share, payload: s[4]!.share.payload.map((b) => b ^ 2) })) };
    const five = await combineShares([s[0]!, s[1]!, s[3]!, forged, forged2]).catch((e) => e);
    expect(five.culprits).toEqual(['share-file forged.txt', 'f2']);
  });
});
