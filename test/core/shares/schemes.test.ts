/**
 * The share-scheme interface and its registry: each scheme splits, reads back, describes and
 * combines through the same calls; the scheme of a share is told from its text in every form it
 * is written in; shares of another scheme than the one asked for, or of two schemes in one set,
 * are refused as such.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/errors.js';
import { ShareInputError, shareErrorCode } from '../../../src/core/shares/errors.js';
import { DEFAULT_SCHEME_ID, SCHEME_IDS, type ShareScheme } from '../../../src/core/shares/scheme.js';
import { seedNew } from '../../../src/cli/commands/seed.js';
import { sharesSplit } from '../../../src/cli/commands/shares.js';
import { DEFAULT_SCHEME, SHARE_SCHEMES, parseShare, parseShareSet, recogniseShare, recoveredMnemonic, schemeById, schemeOf } from '../../../src/core/shares/schemes.js';
import { SSKR_SCHEME } from '../../../src/core/shares/sskr-scheme.js';
import { parseSskrText, sskrToUr } from '../../../src/core/shares/sskr.js';
import { V1_SCHEME } from '../../../src/core/shares/v1-scheme.js';
import { wordIndexOf } from '../../../src/core/shares/words.js';
import { secretKind } from '../../../src/core/secret-text.js';
import { toHex } from '../../../src/core/text.js';
import { seededRandom } from '../../helpers/seeded-bytes.js';

const entropy16 = Uint8Array.from({ length: 16 }, (_, i) => i * 7 + 1);
const entropy32 = Uint8Array.from({ length: 32 }, (_, i) => 255 - i * 3);

async function splitWith(scheme: ShareScheme, entropy: Uint8Array, t: number, n: number, seed = scheme.id) {
  return scheme.split(entropy, t, n, seededRandom(seed));
}

describe('registry', () => {
  it('holds one scheme for every id, v1 the default', () => {
    expect(SHARE_SCHEMES.map((s) => s.id).sort()).toEqual([...SCHEME_IDS].sort());
    expect(DEFAULT_SCHEME).toBe(V1_SCHEME);
    expect(schemeById('SSKR', '--format')).toBe(SSKR_SCHEME);
    expect(() => schemeById('slip77', '--format')).toThrow(/--format: "slip77" is not a share format; use v1 \(default\) or sskr/);
  });
  it('--format of shares split and seed new --split offers these ids, the default scheme\'s first', () => {
    expect(DEFAULT_SCHEME.id).toBe(DEFAULT_SCHEME_ID);
    for (const t of [sharesSplit, seedNew]) {
      expect(t.options.format.choices).toBe(SCHEME_IDS);
      expect(t.options.format.default).toBe(DEFAULT_SCHEME_ID);
    }
  });
});

describe.each([
  ['v1', V1_SCHEME],
  ['SSKR', SSKR_SCHEME],
] as const)('%s through the interface', (_, scheme) => {
  it.each([
    [entropy16, 2, 3],
    [entropy32, 3, 5],
  ])('split → read back → describe → combine (%#)', async (entropy, t, n) => {
    const set = await splitWith(scheme, entropy, t, n);
    expect(set).toMatchObject({ scheme: scheme.id, threshold: t, count: n });
    expect(set.setId).toMatch(/^[0-9a-f]{4}$/);
    expect(set.shares).toHaveLength(n);
    expect(set.subsetsChecked).toBeGreaterThan(0);
    const read = set.shares.map((s, i) => {
      // The words and the QR text (upper case) are both this scheme's and the same share.
      expect(schemeOf(s.text)).toBe(scheme);
      expect(schemeOf(s.qrText)).toBe(scheme);
      const share = scheme.parse(s.text, `share ${i + 1}`);
      expect(scheme.difference(s.text, s.qrText, 'qr')).toBeUndefined();
      const f = scheme.describe(share);
      expect(f).toMatchObject({ scheme: scheme.id, setId: set.setId, setWords: set.setWords, member: i + 1, memberThreshold: t, secretBytes: entropy.length });
      expect(f.group).toEqual({ index: 1, threshold: 1, count: 1 });
      expect(f.words).toBe(s.text.split(' ').length);
      if (scheme === V1_SCHEME) expect(f.memberCount).toBe(n);
      return { label: `share ${i + 1}`, share };
    });
    const got = await scheme.combine(read.slice(n - t));
    expect(got.secretIs).toBe('bip39-entropy');
    expect(toHex(got.secret)).toBe(toHex(entropy));
    expect(got).toMatchObject({ scheme: scheme.id, setId: set.setId, setWords: set.setWords, threshold: t });
    expect(got.used).toHaveLength(t);
    // Too few shares: the scheme's own error, with its code.
    await expect(scheme.combine(read.slice(0, t - 1))).rejects.toSatisfy((e) => shareErrorCode(e) === 'too-few');
  });

  it('names the shares as secrets', async () => {
    const set = await splitWith(scheme, entropy16, 2, 2);
    expect(secretKind(set.shares[0]!.text)).toBe(scheme.secretName);
    expect(secretKind(set.shares[1]!.qrText)).toBe(scheme.secretName);
  });

  it('checks T-of-N, naming the given fields', () => {
    expect(() => scheme.checkParams(3, 2, { threshold: '--threshold', count: '--shares' })).toThrow(/^--(threshold|shares): /);
    expect(() => scheme.checkParams(1, 3, { threshold: '--threshold', count: '--shares' })).toThrow(/^--threshold: /);
    expect(() => scheme.checkParams(2, 17, { threshold: '--threshold', count: '--shares' })).toThrow(/^--(threshold|shares): /);
    expect(() => scheme.checkParams(2, 16, { threshold: '--threshold', count: '--shares' })).not.toThrow();
  });
});

describe('telling the scheme of a share', () => {
  it('reads SSKR in every form: Bytewords, ur:sskr, the deprecated ur:crypto-sskr, upper case', async () => {
    const set = await splitWith(SSKR_SCHEME, entropy16, 2, 3);
    const share = parseSskrText(set.shares[0]!.text, 's').share;
    const legacy = sskrToUr(share).replace('ur:sskr/', 'ur:crypto-sskr/');
    for (const t of [set.shares[0]!.text, set.shares[0]!.qrText, sskrToUr(share), legacy, set.shares[0]!.text.toUpperCase()]) {
      expect(recogniseShare(t)).toBe(SSKR_SCHEME);
    }
  });

  it('reads v1 as written, upper-cased and abbreviated to 4 letters', async () => {
    const set = await splitWith(V1_SCHEME, entropy16, 2, 3);
    const text = set.shares[1]!.text;
    const short = text.split(' ').map((w) => w.slice(0, 4)).join(' ');
    for (const t of [text, text.toUpperCase(), short, `  ${text}\n`]) expect(recogniseShare(t)).toBe(V1_SCHEME);
  });

  it('a damaged v1 share is no scheme\'s by form, and is read as v1 (the default) to say what is wrong', async () => {
    const set = await splitWith(V1_SCHEME, entropy16, 2, 3);
    const words = set.shares[0]!.text.split(' ');
    [words[4], words[5]] = [words[5]!, words[4]!];
    const damaged = words.join(' ');
    expect(recogniseShare(damaged)).toBeUndefined();
    expect(secretKind(damaged)).toBeUndefined();
    expect(schemeOf(damaged)).toBe(V1_SCHEME);
    expect(() => parseShare(damaged, 'share 1')).toThrow(/share 1: checksum mismatch: words 5 and 6 look swapped/);
  });

  it('text that is no share is not recognised', () => {
    for (const t of ['', 'hello world', 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about', 'ur:bytes/hdcxdwinvezm']) {
      expect(recogniseShare(t)).toBeUndefined();
    }
  });
});

describe('wrong-scheme and mixed sets', () => {
  it('a share of another scheme than the one asked for is refused as such, naming it', async () => {
    const sskr = await splitWith(SSKR_SCHEME, entropy16, 2, 3);
    const v1 = await splitWith(V1_SCHEME, entropy16, 2, 3);
    const e1 = (() => { try { parseShare(sskr.shares[0]!.text, 'share-file a.txt', V1_SCHEME); } catch (e) { return e; } })();
    expect(e1).toBeInstanceOf(ShareInputError);
    expect(shareErrorCode(e1)).toBe('wrong-scheme');
    expect((e1 as Error).message).toBe('share-file a.txt: is a share of the SSKR scheme, not coldkit v1; shares of one split have one format');
    expect(() => parseShare(v1.shares[0]!.text, 'share 2', SSKR_SCHEME)).toThrow('share 2: is a share of the coldkit v1 scheme, not SSKR');
    expect(parseShare(v1.shares[0]!.text, 'share 2', V1_SCHEME).scheme).toBe(V1_SCHEME);
  });

  it('a set mixing two schemes is refused, naming the first share of the other scheme', async () => {
    const sskr = await splitWith(SSKR_SCHEME, entropy16, 2, 3);
    const v1 = await splitWith(V1_SCHEME, entropy16, 2, 3);
    const texts = [{ label: 'stdin line 1', text: v1.shares[0]!.text }, { label: 'stdin line 2', text: v1.shares[1]!.text }, { label: 'stdin line 3', text: sskr.shares[0]!.text }];
    const e = (() => { try { parseShareSet(texts); } catch (x) { return x as InputError; } })();
    expect(e).toBeInstanceOf(InputError);
    expect(e!.field).toBe('stdin line 3');
    expect(e!.message).toContain('mixes coldkit v1 and SSKR shares (stdin line 1 is coldkit v1)');
  });

  it('a set of one scheme comes back with that scheme; with an expected scheme, every other share is named', async () => {
    const sskr = await splitWith(SSKR_SCHEME, entropy16, 2, 3);
    const texts = sskr.shares.map((s, i) => ({ label: `qr share-${i + 1}-qr.png`, text: s.qrText }));
    const set = parseShareSet(texts);
    expect(set.scheme).toBe(SSKR_SCHEME);
    expect(toHex((await set.scheme.combine(set.shares)).secret)).toBe(toHex(entropy16));
    expect(() => parseShareSet(texts, V1_SCHEME)).toThrow(/3 shares cannot be read: qr share-1-qr\.png: is a share of the SSKR scheme, not coldkit v1/);
  });
});

describe('v1 word entry', () => {
  const entry = V1_SCHEME.wordEntry!;
  it('is whole at a valid share, says typo at a full-length share one word off, stops at a bad pasted line, and waits for more otherwise', async () => {
    const set = await splitWith(V1_SCHEME, entropy16, 2, 3);
    const idx = set.shares[0]!.text.split(' ').map((w) => wordIndexOf(w)!);
    expect(entry.status(idx, false)).toBe('done');
    expect(entry.status(idx.slice(0, 10), false)).toBe('more');
    expect(entry.status(idx.slice(0, 10), true)).toBe('stop');
    const typo = [...idx];
    typo[7] = (typo[7]! + 1) % 1024;
    expect(entry.status(typo, false)).toBe('typo');
    expect(entry.status([...idx, ...idx].slice(0, entry.maxWords), false)).toBe('stop');
    expect(entry.describeStart(idx.slice(0, 3))).toBe(`set "${set.setWords}": any 2 of 3 shares (format v1)`);
  });

  it('SSKR is pasted as one line', () => {
    expect(SSKR_SCHEME.wordEntry).toBeUndefined();
  });
});

describe('the words of a rebuilt secret', () => {
  it('BIP39 entropy gives its words and is wiped; a BIP32 seed (SLIP-39) has no words and is wiped too', async () => {
    const set = await splitWith(V1_SCHEME, entropy16, 2, 3);
    const got = await V1_SCHEME.combine(set.shares.slice(0, 2).map((s, i) => ({ label: `share ${i + 1}`, share: V1_SCHEME.parse(s.text, 's') })));
    const secret = got.secret;
    expect(recoveredMnemonic(got).split(' ')).toHaveLength(12);
    expect(secret.every((b) => b === 0)).toBe(true);
    const seed = { ...got, secret: new Uint8Array(64).fill(9), secretIs: 'bip32-seed' as const };
    expect(() => recoveredMnemonic(seed)).toThrow('shares: these v1 shares hold a BIP32 seed, not BIP39 words');
    expect(seed.secret.every((b) => b === 0)).toBe(true);
  });
});
