/**
 * Showing shares on the ceremony terminal one holder at a time, clearing the screen (and its
 * scrollback) between holders, and `--confirm`: each holder re-enters their share from paper
 * and it must match before the split counts as done (the Trezor firmware #400 lesson: prove the
 * paper copy, not the screen). Everything goes to stderr, where the prompts are.
 */
import { VerificationError } from '../../core/errors.js';
import { ShareInputError } from '../../core/shares/errors.js';
import { parseSskrText, sskrShareBytes } from '../../core/shares/sskr.js';
import { bytesEqual } from '../../core/shares/tag.js';
import { wordsToIndices } from '../../core/shares/words.js';
import type { Context } from '../command.js';
import { renderNumberedWords } from '../render/wallet-card.js';
import type { CardSet, CardShare } from './cards.js';
import { clearScreen, promptOneShare } from './prompt-entry.js';

/** Tries a holder gets to re-enter a share under --confirm. */
export const CONFIRM_ATTEMPTS = 3;

function who(s: CardShare): string {
  return s.holder ?? `the holder of share ${s.ordinal}`;
}

/** Show each share on its own screen, waiting for the holder before and after. */
export async function showOnTerminal(ctx: Context, shares: CardShare[], set: CardSet): Promise<void> {
  const err = ctx.io.stderr;
  for (const s of shares) {
    clearScreen(ctx);
    err.write(`Share ${s.ordinal} of ${s.count} — ${who(s)}. Any ${s.threshold} shares rebuild the seed.\n`);
    await ctx.prompt.input(`Only ${who(s)} should see the screen now. Press Enter to show share ${s.ordinal}`);
    err.write(`\nSet words (same on every share): ${set.setWords}\n\n${renderNumberedWords(s.text.split(' '))}\n\n`);
    await ctx.prompt.input('Write every word on the card, read it back, then press Enter to clear the screen');
    clearScreen(ctx);
  }
}

/** Where a re-entered share differs from the original (1-based word), or undefined when equal. */
function difference(original: CardShare, typed: string, format: CardSet['format']): string | undefined {
  if (format === 'sskr') {
    const a = parseSskrText(original.text, 'original').share;
    const b = parseSskrText(typed, `share ${original.ordinal}`).share;
    return bytesEqual(sskrShareBytes(a), sskrShareBytes(b)) ? undefined : 'the share differs from the one shown';
  }
  const a = wordsToIndices(original.text, 'original');
  const b = wordsToIndices(typed, `share ${original.ordinal}`);
  if (a.length !== b.length) return `it has ${b.length} words, the card should have ${a.length}`;
  const at = a.findIndex((v, i) => v !== b[i]);
  return at < 0 ? undefined : `word ${at + 1} differs from the share shown`;
}

/** `--confirm`: every holder re-enters their share; three misses stop the ceremony (exit 3). */
export async function confirmShares(ctx: Context, shares: CardShare[], set: CardSet): Promise<void> {
  for (const s of shares) {
    let ok = false;
    for (let attempt = 1; attempt <= CONFIRM_ATTEMPTS && !ok; attempt++) {
      clearScreen(ctx);
      ctx.note(`coldkit: ${who(s)}: type share ${s.ordinal} of ${s.count} from your card (attempt ${attempt} of ${CONFIRM_ATTEMPTS})`);
      try {
        const typed = set.format === 'sskr' ? (await ctx.prompt.input(`share ${s.ordinal} (ur:sskr… or Bytewords):`)).trim() : await promptOneShare(ctx, `share ${s.ordinal}`);
        ctx.addSecret(typed);
        const diff = difference(s, typed, set.format);
        if (diff) ctx.note(`coldkit: share ${s.ordinal} does not match: ${diff}; check the card`);
        else ok = true;
      } catch (e) {
        if (!(e instanceof ShareInputError)) throw e;
        ctx.note(`coldkit: ${e.message}`);
      }
    }
    clearScreen(ctx);
    if (!ok) {
      throw new VerificationError(
        `share ${s.ordinal} (${who(s)}) was not re-entered correctly in ${CONFIRM_ATTEMPTS} tries: the set is NOT confirmed — destroy its cards and split again`,
      );
    }
    ctx.note(`coldkit: share ${s.ordinal} confirmed`);
  }
}
