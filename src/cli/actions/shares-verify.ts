/**
 * `coldkit shares verify`: check each share on its own — words, word count, RS1024 checksum,
 * version and fields (v1), CRC32 and metadata (SSKR), RS1024 checksum and metadata (SLIP-39) — and print its public facts: set words,
 * share k of n, threshold. No secret is rebuilt, so a holder can check their card yearly on any
 * offline machine. Every share given is checked; all problems are listed at once.
 */
import { shareErrorCode } from '../../core/shares/errors.js';
import { parseShare } from '../../core/shares/schemes.js';
import { sanitize } from '../../core/text.js';
import { journalPath } from '../journal-file.js';
import { findShareSet, recordedShareSets } from '../shares/recorded-set.js';
import type { Action, Context } from '../command.js';
import { hintSuggestion, readShareTexts } from '../shares/read-shares.js';
import type { sharesVerify } from '../commands/shares.js';

type Checked =
  | { source: string; valid: true; format: 'v1'; setWords: string; setId: string; share: number; count: number; threshold: number; words: number; seedWords: number }
  | { source: string; valid: true; format: 'sskr' | 'slip39'; setWords: string; setId: string; group: number; groupCount: number; groupThreshold: number; member: number; memberThreshold: number; seedBytes: number }
  | { source: string; valid: false; error: string; code: string };

interface Result {
  allValid: boolean;
  sets: number;
  shares: Checked[];
  /** Sets of these shares that the journal records as retired. */
  retired?: Retired[];
}

interface Retired {
  setId: string;
  setWords: string;
  seq: number;
  ts: string;
  reason: string;
  supersededBy: string | null;
}

function check(source: string, text: string, ctx: Context): Checked {
  try {
    const { scheme, share } = parseShare(text, source);
    const f = scheme.describe(share);
    if (f.scheme !== 'v1') {
      return {
        source, valid: true, format: f.scheme, setWords: f.setWords, setId: f.setId,
        group: f.group.index, groupCount: f.group.count, groupThreshold: f.group.threshold, member: f.member, memberThreshold: f.memberThreshold, seedBytes: f.secretBytes,
      };
    }
    return {
      source, valid: true, format: 'v1', setWords: f.setWords, setId: f.setId,
      // BIP39: every 32 bits of entropy make 3 words.
      share: f.member, count: f.memberCount!, threshold: f.memberThreshold, words: f.words, seedWords: (f.secretBytes * 3) / 4,
    };
  } catch (e) {
    const code = shareErrorCode(e);
    if (!code) throw e;
    hintSuggestion(e, ctx);
    return { source, valid: false, error: (e as Error).message, code };
  }
}

const action: Action<typeof sharesVerify> = async (opts, ctx) => {
  const texts = await readShareTexts(opts, ctx, 'verify', true);
  const shares = texts.map((t) => check(t.label, t.text, ctx));
  const sets = new Set(shares.flatMap((s) => (s.valid ? [`${s.format}:${s.setId}`] : []))).size;
  const allValid = shares.every((s) => s.valid);
  // A share of a set this journal records as retired (reissued) is named as such.
  const valid = shares.filter((s): s is Extract<Checked, { valid: true }> => s.valid);
  const known = valid.length ? recordedShareSets(journalPath(ctx.globals.journal, ctx.env)) : [];
  const retired: Retired[] = [];
  for (const s of valid) {
    const r = findShareSet(known, s.setId, s.setWords)?.retired;
    if (r && !retired.some((x) => x.setId === s.setId)) retired.push({ setId: s.setId, setWords: s.setWords, seq: r.seq, ts: r.ts, reason: r.reason, supersededBy: r.supersededBy });
  }
  return {
    result: { allValid, sets, shares, ...(retired.length ? { retired } : {}) },
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
          ...(retired.length ? { retiredSets: retired.map((x) => ({ setId: x.setId, seq: x.seq, supersededBy: x.supersededBy })) } : {}),
        },
      },
    ],
    human: (r: Result) => {
      const lines = r.shares.map((s) => {
        if (!s.valid) return `${sanitize(s.source)}: INVALID — ${s.error}`;
        if (s.format === 'v1') {
          return `${sanitize(s.source)}: OK — set "${s.setWords}", share ${s.share} of ${s.count}, any ${s.threshold} rebuild the seed (${s.words} words, a ${s.seedWords}-word seed)`;
        }
        const what = s.format === 'slip39' ? `${s.seedBytes * 8}-bit SLIP-39 master secret` : `${s.seedBytes}-byte seed`;
        return `${sanitize(s.source)}: OK — ${s.format === 'slip39' ? 'SLIP-39' : 'SSKR'} set "${s.setWords}", group ${s.group} of ${s.groupCount} (${s.groupThreshold} needed), member ${s.member}, ${s.memberThreshold} members needed (${what})`;
      });
      for (const x of r.retired ?? []) {
        lines.push(`RETIRED SET — set "${x.setWords}" was retired at journal #${x.seq} (${x.ts.slice(0, 10)}, ${sanitize(x.reason)}${x.supersededBy ? `; superseded by set ${sanitize(x.supersededBy)}` : ''}): this share should have been destroyed.`);
      }
      if (r.sets > 1) lines.push(`Note: these shares come from ${r.sets} different sets; only shares with the same set words combine.`);
      lines.push(r.allValid ? 'Each share is well-formed. Only a drill (coldkit shares drill) proves that they rebuild the wallet.' : 'Some shares are invalid (see above).');
      return lines.join('\n');
    },
  };
};
export default action;
