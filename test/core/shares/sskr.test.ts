import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { shareErrorCode } from '../../../src/core/shares/errors.js';
import { type LabelledSskr, looksLikeSskr, parseSskrShareBytes, parseSskrText, sskrCombine, sskrShareBytes, sskrSplit, sskrToBytewords, sskrToUr } from '../../../src/core/shares/sskr.js';
import { subsets } from '../../../src/core/shares/subsets.js';
import { fromHex, toHex } from '../../../src/core/text.js';
import { seededRandom } from '../../helpers/seeded-bytes.js';

/** The BCR-2020-011 example vector, read from the paper stored verbatim. */
function paper(name: string) {
  const md = readFileSync(new URL(`../../../fixtures/sskr/${name}`, import.meta.url), 'utf8');
  const ex = md.slice(md.indexOf('### Example/Test Vector'));
  const secret = /^([0-9a-f]{32})$/m.exec(ex)![1]!;
  const hex = ex.match(/^[0-9a-f]{42}$/gm)!;
  const allBw = ex.slice(ex.indexOf('All shares as Bytewords'));
  const bytewords = allBw.match(/^tuna( [a-z]{4}){28}$/gm)!;
  const urs = ex.slice(ex.indexOf('All shares as ur:'), ex.indexOf('Annotated Minimal')).match(/^ur:(crypto-)?sskr\/[a-z]+$/gm)!;
  return { secret, hex, bytewords, urs };
}

const current = paper('bcr-2020-011-sskr.md');
const legacy = paper('bcr-2020-011-sskr-v1-tag309.md');

const lab = (shares: ReturnType<typeof parseSskrText>['share'][]): LabelledSskr[] => shares.map((share, i) => ({ label: `share ${i + 1}`, share }));

describe.each([
  ['current (tag 40309, ur:sskr)', current],
  ['legacy (tag 309, ur:crypto-sskr)', legacy],
])('BCR-2020-011 example vector, %s', (_, v) => {
  it('has the 8 shares in every form', () => {
    expect(v.hex).toHaveLength(8);
    expect(v.bytewords).toHaveLength(8);
    expect(v.urs).toHaveLength(8);
  });
  it('every form decodes to the same share bytes, and re-encodes to the printed text', () => {
    for (let i = 0; i < 8; i++) {
      const bytes = fromHex(v.hex[i]!, 'hex');
      const fromBw = parseSskrText(v.bytewords[i]!, 'bw');
      const fromUr = parseSskrText(v.urs[i]!, 'ur');
      expect(toHex(sskrShareBytes(fromBw.share))).toBe(v.hex[i]);
      expect(toHex(sskrShareBytes(fromUr.share))).toBe(v.hex[i]);
      expect(parseSskrShareBytes(bytes, 'hex')).toEqual(fromUr.share);
      expect(looksLikeSskr(v.bytewords[i]!)).toBe(true);
      expect(looksLikeSskr(v.urs[i]!.toUpperCase())).toBe(true);
      if (v === current) {
        expect(sskrToBytewords(fromUr.share)).toBe(v.bytewords[i]);
        expect(sskrToUr(fromUr.share)).toBe(v.urs[i]);
        expect(fromUr.form).toBe('ur:sskr');
      } else {
        expect(fromUr.form).toBe('ur:crypto-sskr');
      }
    }
  });
  it('every quorum (2 of group 1 and 3 of group 2) rebuilds the master secret', async () => {
    const shares = v.urs.slice(0, 8).map((u) => parseSskrText(u, 'ur').share);
    let n = 0;
    for (const g1 of subsets(3, 2)) {
      for (const g2 of subsets(5, 3)) {
        const pick = [...g1.map((i) => shares[i]!), ...g2.map((i) => shares[3 + i]!)];
        expect(toHex(await sskrCombine(lab(pick)))).toBe(v.secret);
        n++;
      }
    }
    expect(n).toBe(30);
    expect(v.secret).toBe('7daa851251002874e1a1995f0897e6b1');
  });
  it('too few, duplicate, corrupted', async () => {
    const shares = v.urs.slice(0, 8).map((u) => parseSskrText(u, 'ur').share);
    expect(shareErrorCode(await sskrCombine(lab([shares[0]!, shares[1]!, shares[3]!, shares[4]!])).catch((e) => e))).toBe('too-few');
    expect(shareErrorCode(await sskrCombine(lab([shares[0]!, shares[0]!])).catch((e) => e))).toBe('duplicate');
    const bad = { ...shares[1]!, value: shares[1]!.value.map((b, i) => (i === 3 ? b ^ 1 : b)) };
    expect(shareErrorCode(await sskrCombine(lab([shares[0]!, bad, shares[3]!, shares[4]!, shares[5]!])).catch((e) => e))).toBe('sskr-digest');
  });
});

describe('SSKR split (single group)', () => {
  it.each([
    [2, 3, 16],
    [3, 5, 32],
    [1, 1, 16],
  ])('%i-of-%i of %i bytes: every T-subset recombines through every text form', async (t, n, len) => {
    const random = seededRandom(`sskr-${t}-${n}`);
    const secret = random(len);
    const shares = await sskrSplit(secret, t, n, random);
    expect(shares).toHaveLength(n);
    for (const idx of subsets(n, t)) {
      const texts = idx.map((i, k) => (k % 2 ? sskrToBytewords(shares[i]!) : sskrToUr(shares[i]!).toUpperCase()));
      expect(await sskrCombine(lab(texts.map((x) => parseSskrText(x, 'x').share)))).toEqual(secret);
    }
    if (t > 1) expect(shareErrorCode(await sskrCombine(lab(shares.slice(0, t - 1))).catch((e) => e))).toBe('too-few');
  });
  it('shares from two splits of the same secret are refused', async () => {
    const secret = seededRandom('s')(16);
    const a = await sskrSplit(secret, 2, 3, seededRandom('a'));
    const b = await sskrSplit(secret, 2, 3, seededRandom('b'));
    expect(shareErrorCode(await sskrCombine(lab([a[0]!, b[1]!])).catch((e) => e))).toBe('other-set');
  });
  it('a malformed ur:sskr never echoes its body in the error (stray "/", a bad letter pair)', async () => {
    const ur = sskrToUr((await sskrSplit(seededRandom('leak')(16), 2, 2, seededRandom('leak2')))[0]!);
    const body = ur.slice('ur:sskr/'.length);
    const errorOf = (t: string): Error => { try { parseSskrText(t, 'x'); } catch (e) { return e as Error; } throw new Error('parsed'); };
    const slash = errorOf(`${ur}/x`);
    expect(shareErrorCode(slash)).toBe('sskr-format');
    expect(slash.message.toLowerCase()).not.toContain(body.slice(4, 20));
    const bad = `ur:sskr/${body.slice(0, 20)}qy${body.slice(22)}`;
    expect(errorOf(bad).message).not.toContain('"qy"');
    expect(errorOf(bad).message).not.toContain(body.slice(4, 20));
  });
  it('a damaged Bytewords share fails its CRC32', () => {
    const text = current.bytewords[0]!.split(' ');
    text[10] = text[10] === 'able' ? 'acid' : 'able';
    expect(shareErrorCode((() => { try { parseSskrText(text.join(' '), 'x'); } catch (e) { return e; } })())).toBe('sskr-format');
  });
});
