/**
 * Typing shares at the terminal: word by word with prefix completion (inquirer search), a pasted
 * line of several words accepted at once. A share ends when its word count is a v1 length and
 * the RS1024 checksum holds, or with the decoder's error (the likely position) when it is one
 * word or one swap away from that, when a pasted line is not a share, on an empty answer, or past
 * 36 words; an unknown word is refused on the spot with the closest list word
 * offered to the person typing (stderr, never the journal). SSKR text (ur:sskr…, Bytewords)
 * is taken as one line. The screen is cleared after each share, since typed words stay visible.
 */
import { InputError } from '../../core/errors.js';
import { ShareInputError } from '../../core/shares/errors.js';
import { RS1024_CHECK_WORDS, rs1024Verify } from '../../core/shares/rs1024.js';
import { looksLikeSskr } from '../../core/shares/sskr.js';
import { V1_CUSTOMISATION, V1_WORDS_FOR_ENTROPY, decodeShare, describeSetWords, locateSingleWordError, locateSwap } from '../../core/shares/v1.js';
import { completeWord, shareTokens, suggestShareWord, wordIndexOf } from '../../core/shares/words.js';
import { SLIP39_WORDS } from '../../core/shares/slip39-wordlist.js';
import type { Context } from '../command.js';
import type { ShareText } from './read-shares.js';

/** ANSI: clear the screen and the scrollback, cursor home. */
export const CLEAR_SCREEN = '\x1b[2J\x1b[3J\x1b[H';
const MAX_WORDS = Math.max(...V1_WORDS_FOR_ENTROPY.values());

/** Clear the terminal (stderr, where prompts and shown shares go). */
export function clearScreen(ctx: Context): void {
  ctx.io.stderr.write(CLEAR_SCREEN);
}

/** Read one share at the prompt; returns its text (v1 words or an SSKR line). */
export async function promptOneShare(ctx: Context, title: string): Promise<string> {
  const words: string[] = [];
  for (;;) {
    const answer = (await ctx.prompt.input(`${title}, word ${words.length + 1}:`, { complete: (p) => (p.length >= 1 ? completeWord(p).slice(0, 8) : []) })).trim();
    if (words.length === 0 && looksLikeSskr(answer)) return answer;
    const tokens = shareTokens(answer);
    if (tokens.length === 0) {
      // Enter on an empty answer ends the share: the decoder says what is wrong with it.
      if (words.length > 0) finish(words, title);
      continue;
    }
    for (const t of tokens) {
      const i = wordIndexOf(t);
      if (i === undefined) {
        ctx.note(`coldkit: word ${words.length + 1} is not in the SLIP-39 word list; closest: ${suggestShareWord(t)} — type it again`);
        break;
      }
      words.push(SLIP39_WORDS[i]!);
      if (words.length === 3) ctx.note(`coldkit: ${describeSetWords(words.join(' '))}`);
    }
    const n = words.length;
    const indices = words.map((w) => wordIndexOf(w)!);
    const fullLength = [...V1_WORDS_FOR_ENTROPY.values()].includes(n);
    if (fullLength && rs1024Verify(indices, V1_CUSTOMISATION)) return words.join(' ');
    // A full-length share one substitution or one swap away from valid is a share with a typo,
    // not a longer share still being typed (a random syndrome is that close with p ≈ 5·10⁻⁵).
    if (fullLength && (locateSingleWordError(indices) !== undefined || locateSwap(indices) !== undefined)) finish(words, title);
    // A pasted line is a whole share; past the longest length nothing more can fit.
    if (tokens.length > 1 || n >= MAX_WORDS) finish(words, title);
  }
}

/** End an entry that is not a valid share: throw the decoder's error (position, never a word). */
function finish(words: string[], title: string): never {
  decodeShare(words.join(' '), title);
  throw new InputError(`not a valid share after ${words.length} words (the ${RS1024_CHECK_WORDS} checksum words never matched)`, title);
}

/** Tries at typing one share before combine gives up. */
const ENTRY_ATTEMPTS = 3;

/** promptOneShare, retried on a share error (the error is shown, the screen cleared). */
async function promptWithRetries(ctx: Context, label: string): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await promptOneShare(ctx, label);
    } catch (e) {
      if (!(e instanceof ShareInputError) || attempt >= ENTRY_ATTEMPTS) throw e;
      clearScreen(ctx);
      ctx.note(`coldkit: ${e.message} — type ${label} again (attempt ${attempt + 1} of ${ENTRY_ATTEMPTS})`);
    }
  }
}

/**
 * Read shares at the prompt until enough for the set (v1: its threshold, known from the first
 * share's set words; SSKR: until an empty answer).
 */
export async function promptShares(ctx: Context, purpose: string): Promise<ShareText[]> {
  ctx.note(`coldkit: enter the shares to ${purpose}, one at a time (4 letters a word are enough; paste a whole line if you like)`);
  const out: ShareText[] = [];
  let need: number | undefined;
  for (;;) {
    const label = `share ${out.length + 1}`;
    if (need !== undefined && out.length >= need) break;
    if (out.length > 0 && need === undefined) {
      const more = (await ctx.prompt.input('Another SSKR share? (paste it, or press Enter to finish)')).trim();
      if (!more) break;
      out.push({ label, text: more });
      clearScreen(ctx);
      continue;
    }
    const text = await promptWithRetries(ctx, label);
    ctx.addSecret(text);
    clearScreen(ctx);
    out.push({ label, text });
    if (!looksLikeSskr(text)) {
      const s = decodeShare(text, label);
      need = s.threshold;
      ctx.note(`coldkit: ${label} read: share ${s.ordinal} of ${s.count}; ${Math.max(0, s.threshold - out.length)} more needed`);
    }
  }
  return out;
}
