/**
 * SSKR (Blockchain Commons BCR-2020-011, ./sskr.ts) behind the share-scheme interface: coldkit's
 * exit path, recoverable with seedtool. A share is written as standard Bytewords of the tagged
 * CBOR (what seedtool prints) and its QR carries `UR:SSKR/…`; both, and `ur:crypto-sskr`, are read.
 * coldkit splits into one group; it combines any group layout.
 */
import { InputError } from '../errors.js';
import { hexSetId, type ShareScheme } from './scheme.js';
import { type SskrShare, looksLikeSskr, parseSskrText, proveSskr, sskrCombine, sskrSetWords, sskrShareBytes, sskrSplit, sskrToBytewords, sskrToUr } from './sskr.js';
import { bytesEqual } from './tag.js';

/** The SSKR scheme. */
export const SSKR_SCHEME: ShareScheme<SskrShare> = {
  id: 'sskr',
  title: 'SSKR',
  secretName: 'SSKR share',
  recognise: looksLikeSskr,
  parse: (text, field) => parseSskrText(text, field).share,
  describe: (s) => ({
    scheme: 'sskr',
    setId: hexSetId(s.id),
    setWords: sskrSetWords(s),
    group: { index: s.groupIndex + 1, threshold: s.groupThreshold, count: s.groupCount },
    member: s.memberIndex + 1,
    memberThreshold: s.memberThreshold,
    secretBytes: s.value.length,
    words: sskrToBytewords(s).split(' ').length,
  }),
  checkParams(threshold, count, fields) {
    if (threshold < 2 || count < threshold || count > 16) throw new InputError('SSKR shares here need 2 ≤ T ≤ N ≤ 16', fields.threshold);
  },
  async split(entropy, threshold, count, random) {
    const raw = await sskrSplit(entropy, threshold, count, random);
    const subsetsChecked = await proveSskr(entropy, raw, threshold);
    return {
      scheme: 'sskr',
      setId: hexSetId(raw[0]!.id),
      setWords: sskrSetWords(raw[0]!),
      threshold,
      count,
      shares: raw.map((s) => ({ text: sskrToBytewords(s), qrText: sskrToUr(s).toUpperCase() })),
      subsetsChecked,
    };
  },
  async combine(shares) {
    const entropy = await sskrCombine(shares);
    const first = shares[0]!.share;
    return {
      secret: entropy,
      secretIs: 'bip39-entropy',
      scheme: 'sskr',
      setId: hexSetId(first.id),
      setWords: sskrSetWords(first),
      threshold: first.memberThreshold,
      used: shares.map((s) => `group ${s.share.groupIndex + 1} member ${s.share.memberIndex + 1}`),
    };
  },
  difference(shown, typed, field) {
    const a = parseSskrText(shown, 'shown share').share;
    const b = parseSskrText(typed, field).share;
    return bytesEqual(sskrShareBytes(a), sskrShareBytes(b)) ? undefined : 'the share differs from the one shown';
  },
};
