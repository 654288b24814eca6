/**
 * Showing shares on the ceremony terminal one holder at a time, clearing the screen (and its
 * scrollback) between holders, and `--confirm`: each holder re-enters their share from paper
 * and it must match before the split counts as done (the Trezor firmware #400 lesson: prove the
 * paper copy, not the screen). Everything goes to stderr, where the prompts are.
 */
import { VerificationError } from '../../core/errors.js';
import { ShareInputError } from '../../core/shares/errors.js';
import { parseShare, schemeById } from '../../core/shares/schemes.js';
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

/** `--confirm`: every holder re-enters their share; three misses stop the ceremony (exit 3). */
export async function confirmShares(ctx: Context, shares: CardShare[], set: CardSet): Promise<void> {
  const scheme = schemeById(set.format, 'format');
  for (const s of shares) {
    let ok = false;
    // What was wrong with the last try: shown again after the screen is cleared (the clear wipes
    // the typed words, and with them this line), so the holder sees which word to check.
    let miss: string | undefined;
    for (let attempt = 1; attempt <= CONFIRM_ATTEMPTS && !ok; attempt++) {
      clearScreen(ctx);
      if (miss) ctx.note(`coldkit: the last try: ${miss}`);
      miss = undefined;
      ctx.note(`coldkit: ${who(s)}: type share ${s.ordinal} of ${s.count} from your card (attempt ${attempt} of ${CONFIRM_ATTEMPTS})`);
      try {
        const field = `share ${s.ordinal}`;
        const typed = scheme.wordEntry ? await promptOneShare(ctx, field) : (await ctx.prompt.input(`${field} (${scheme.title}, one line):`)).trim();
        ctx.addSecret(typed);
        // A share of another scheme is refused as such, before it is compared.
        parseShare(typed, field, scheme);
        const diff = scheme.difference(s.text, typed, field);
        if (diff) miss = `share ${s.ordinal} does not match: ${diff}; check the card`;
        else ok = true;
      } catch (e) {
        if (!(e instanceof ShareInputError)) throw e;
        miss = e.message;
      }
      if (miss) ctx.note(`coldkit: ${miss}`);
    }
    clearScreen(ctx);
    if (miss) ctx.note(`coldkit: the last try: ${miss}`);
    if (!ok) {
      throw new VerificationError(
        `share ${s.ordinal} (${who(s)}) was not re-entered correctly in ${CONFIRM_ATTEMPTS} tries: the set is NOT confirmed — destroy its cards and split again`,
      );
    }
    ctx.note(`coldkit: share ${s.ordinal} confirmed`);
  }
}
