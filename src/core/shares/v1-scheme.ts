/**
 * coldkit's v1 share format (docs/formats/shares-v1.md) behind the share-scheme interface:
 * words of the SLIP-39 list with an RS1024 checksum under "coldkit-shares-v1", one group of up to
 * 16 shares, an integrity tag checked on every combine (./v1.ts, ./split.ts, ./combine.ts).
 */
import { combineShares } from './combine.js';
import { rs1024Verify } from './rs1024.js';
import { hexSetId, type ShareScheme, type WordEntry } from './scheme.js';
import { checkThreshold, splitEntropy } from './split.js';
import { TAG_BYTES, V1_CUSTOMISATION, V1_WORDS_FOR_ENTROPY, type ShareV1, decodeShare, describeSetWords, locateSingleWordError, locateSwap, setWords } from './v1.js';
import { indicesToWords, shareTokens, wordsToIndices } from './words.js';

const LENGTHS = new Set(V1_WORDS_FOR_ENTROPY.values());
/** Fewest and most words a v1 share has (a 12-word and a 24-word seed's share). */
const MIN_WORDS = Math.min(...LENGTHS);
const MAX_WORDS = Math.max(...LENGTHS);

/**
 * Word-by-word entry: a share is whole when its word count is a v1 length and the checksum holds.
 * A full-length share one substitution or one swap away from valid is a share with a typo, not a
 * longer share still being typed (a random syndrome is that close with p ≈ 5·10⁻⁵), so entry
 * stops and the decoder names the likely word; so does a pasted line (a whole share) and anything
 * past the longest length.
 */
const wordEntry: WordEntry = {
  maxWords: MAX_WORDS,
  status(indices, pasted) {
    const full = LENGTHS.has(indices.length);
    if (full && rs1024Verify(indices, V1_CUSTOMISATION)) return 'done';
    if (full && (locateSingleWordError(indices) !== undefined || locateSwap(indices) !== undefined)) return 'typo';
    return pasted || indices.length >= MAX_WORDS ? 'stop' : 'more';
  },
  describeStart: (indices) => (indices.length >= 3 ? describeSetWords(indicesToWords(indices.slice(0, 3))) : undefined),
};

/** The v1 scheme. */
export const V1_SCHEME: ShareScheme<ShareV1> = {
  id: 'v1',
  title: 'coldkit v1',
  secretName: 'coldkit share',
  wordEntry,
  recognise(text) {
    if (shareTokens(text).length < MIN_WORDS) return false;
    try {
      decodeShare(text);
      return true;
    } catch {
      return false;
    }
  },
  parse: (text, field) => decodeShare(text, field),
  describe(s) {
    const secretBytes = s.payload.length - TAG_BYTES;
    return {
      scheme: 'v1',
      setId: hexSetId(s.setId),
      setWords: setWords(s),
      group: { index: 1, threshold: 1, count: 1 },
      member: s.ordinal,
      memberThreshold: s.threshold,
      memberCount: s.count,
      secretBytes,
      words: V1_WORDS_FOR_ENTROPY.get(secretBytes)!,
    };
  },
  checkParams: (threshold, count, fields) => checkThreshold(threshold, count, fields),
  async split(entropy, threshold, count, random) {
    const set = await splitEntropy(entropy, threshold, count, random);
    return {
      scheme: 'v1',
      setId: hexSetId(set.setId),
      setWords: set.setWords,
      threshold,
      count,
      // The QR form is the same words upper-cased (QR alphanumeric mode).
      shares: set.texts.map((text) => ({ text, qrText: text.toUpperCase() })),
      subsetsChecked: set.subsetsChecked,
    };
  },
  async combine(shares) {
    const c = await combineShares(shares);
    return { secret: c.entropy, secretIs: 'bip39-entropy', scheme: 'v1', setId: hexSetId(c.setId), setWords: c.setWords, threshold: c.threshold, count: c.count, used: c.ordinals.map(String) };
  },
  difference(shown, typed, field) {
    const a = wordsToIndices(shown, 'shown share');
    const b = wordsToIndices(typed, field);
    if (a.length !== b.length) return `it has ${b.length} words, the card should have ${a.length}`;
    const at = a.findIndex((v, i) => v !== b[i]);
    return at < 0 ? undefined : `word ${at + 1} differs from the share shown`;
  },
};
