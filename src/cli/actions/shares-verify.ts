/**
 * `coldkit shares verify`: check each share on its own — words, word count, RS1024 checksum,
 * version and fields (v1), or CRC32 and metadata (SSKR) — and print its public facts: set words,
 * share k of n, threshold. No secret is rebuilt, so a holder can check their card yearly on any
 * offline machine. Every share given is checked; all problems are listed at once.
 */
import { shareErrorCode } from '../../core/shares/errors.js';
import { looksLikeSskr, parseSskrText, sskrSetWords } from '../../core/shares/sskr.js';
import { V1_WORDS_FOR_ENTROPY, decodeShare, setWords } from '../../core/shares/v1.js';
import { sanitize } from '../../core/text.js';
import type { Action, Context } from '../command.js';
import { hintSuggestion, readShareTexts, type ShareInputOptions } from '../shares/read-shares.js';

type Checked =
  | { source: string; valid: true; format: 'v1'; setWords: string; setId: string; share: number; count: number; threshold: number; words: number; seedWords: number }
  | { source: string; valid: true; format: 'sskr'; setWords: string; setId: string; group: number; groupCount: number; groupThreshold: number; member: number; memberThreshold: number; seedBytes: number }
  | { source: string; valid: false; error: string; code: string };

interface Result {
  allValid: boolean;
  sets: number;
  shares: Checked[];
}

function check(source: string, text: string, ctx: Context): Checked {
  try {
    if (looksLikeSskr(text)) {
      const { share: s } = parseSskrText(text, source);
      return {
        source, valid: true, format: 'sskr', setWords: sskrSetWords(s), setId: s.id.toString(16).padStart(4, '0'),
        group: s.groupIndex + 1, groupCount: s.groupCount, groupThreshold: s.groupThreshold, member: s.memberIndex + 1, memberThreshold: s.memberThreshold, seedBytes: s.value.length,
      };
    }
    const s = decodeShare(text, source);
    const entropy = s.payload.length - 4;
    return {
      source, valid: true, format: 'v1', setWords: setWords(s), setId: s.setId.toString(16).padStart(4, '0'),
      share: s.ordinal, count: s.count, threshold: s.threshold, words: V1_WORDS_FOR_ENTROPY.get(entropy)!, seedWords: (entropy * 8 * 33) / 32 / 11,
    };
  } catch (e) {
    const code = shareErrorCode(e);
    if (!code) throw e;
    hintSuggestion(e, ctx);
    return { source, valid: false, error: (e as Error).message, code };
  }
}

const action: Action<ShareInputOptions> = async (opts, ctx) => {
  const texts = await readShareTexts(opts, ctx, 'verify', true);
  const shares = texts.map((t) => check(t.label, t.text, ctx));
  const sets = new Set(shares.flatMap((s) => (s.valid ? [`${s.format}:${s.setId}`] : []))).size;
  const allValid = shares.every((s) => s.valid);
  return {
    result: { allValid, sets, shares },
    exitCode: allValid ? 0 : 2,
    journal: [
      {
        op: 'shares.verify',
        data: {
          shares: shares.map((s) =>
            s.valid
              ? s.format === 'v1'
                ? { source: s.source, valid: true, format: s.format, setWords: s.setWords, share: s.share, count: s.count, threshold: s.threshold }
                : { source: s.source, valid: true, format: s.format, setWords: s.setWords, group: s.group, member: s.member }
              : { source: s.source, valid: false, code: s.code },
          ),
        },
      },
    ],
    human: (r: Result) => {
      const lines = r.shares.map((s) => {
        if (!s.valid) return `${sanitize(s.source)}: INVALID — ${s.error}`;
        if (s.format === 'v1') {
          return `${sanitize(s.source)}: OK — set "${s.setWords}", share ${s.share} of ${s.count}, any ${s.threshold} rebuild the seed (${s.words} words, a ${s.seedWords}-word seed)`;
        }
        return `${sanitize(s.source)}: OK — SSKR set "${s.setWords}", group ${s.group} of ${s.groupCount} (${s.groupThreshold} needed), member ${s.member}, ${s.memberThreshold} members needed (${s.seedBytes}-byte seed)`;
      });
      if (r.sets > 1) lines.push(`Note: these shares come from ${r.sets} different sets; only shares with the same set words combine.`);
      lines.push(r.allValid ? 'Each share is well-formed. Only a drill (coldkit shares drill) proves that they rebuild the wallet.' : 'Some shares are invalid (see above).');
      return lines.join('\n');
    },
  };
};
export default action;
