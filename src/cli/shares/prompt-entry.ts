/**
 * Typing shares at the terminal: word by word with prefix completion (inquirer search), a pasted
 * line of several words accepted at once. When a share is whole, or wrong enough to say so now,
 * is the scheme's rule (core/shares: v1 ends at a v1 length with a valid checksum, or with the
 * decoder's error — the likely position — one word or one swap away from that, on a pasted line
 * that is not a share, or past its longest length); an empty answer ends it too. An unknown word
 * is refused on the spot with the closest list word offered to the person typing (stderr, never
 * the journal). A share of a scheme not typed word by word (SSKR: ur:sskr…, Bytewords) is taken
 * as one line. The screen is cleared after each share, since typed words stay visible.
 */
import { InputError } from '../../core/errors.js';
import { ShareInputError } from '../../core/shares/errors.js';
import { RS1024_CHECK_WORDS } from '../../core/shares/rs1024.js';
import type { EntryStatus, WordEntry } from '../../core/shares/scheme.js';
import { SHARE_SCHEMES, schemeOf, type ShareText } from '../../core/shares/schemes.js';
import { completeWord, shareTokens, suggestShareWord, wordIndexOf } from '../../core/shares/words.js';
import { SLIP39_WORDS } from '../../core/shares/slip39-wordlist.js';
import type { Context } from '../command.js';

/** ANSI: clear the screen and the scrollback, cursor home. */
export const CLEAR_SCREEN = '\x1b[2J\x1b[3J\x1b[H';

/** The word-entry rules of the schemes typed word by word. */
const WORD_ENTRY: WordEntry[] = SHARE_SCHEMES.flatMap((s) => (s.wordEntry ? [s.wordEntry] : []));

/**
 * Whole when any scheme says so; a typo in a full-length share of one scheme stops entry (the
 * decoder names the word) even if another scheme could still take more; still being typed while
 * any can take more words; else wrong.
 */
function entryStatus(indices: readonly number[], pasted: boolean): 'done' | 'stop' | 'more' {
  const all: EntryStatus[] = WORD_ENTRY.map((w) => w.status(indices, pasted));
  return all.includes('done') ? 'done' : all.includes('typo') ? 'stop' : all.includes('more') ? 'more' : 'stop';
}

/** Clear the terminal (stderr, where prompts and shown shares go). */
export function clearScreen(ctx: Context): void {
  ctx.io.stderr.write(CLEAR_SCREEN);
}

/** Read one share at the prompt; returns its text (words, or the line of a scheme pasted whole). */
export async function promptOneShare(ctx: Context, title: string): Promise<string> {
  const words: string[] = [];
  for (;;) {
    const answer = (await ctx.prompt.input(`${title}, word ${words.length + 1}:`, { complete: (p) => (p.length >= 1 ? completeWord(p).slice(0, 8) : []) })).trim();
    if (words.length === 0 && SHARE_SCHEMES.some((s) => !s.wordEntry && s.recognise(answer))) return answer;
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
      if (words.length === 3) {
        // Schemes written in the same word list cannot be told apart by their first words: say what each would make of them.
        const about = WORD_ENTRY.flatMap((w) => w.describeStart(words.map((x) => wordIndexOf(x)!)) ?? []);
        if (about.length) ctx.note(`coldkit: ${about.join('; or ')}`);
      }
    }
    const status = entryStatus(words.map((w) => wordIndexOf(w)!), tokens.length > 1);
    if (status === 'done') return words.join(' ');
    if (status === 'stop') finish(words, title);
  }
}

/** End an entry that is not a valid share: throw the decoder's error (position, never a word). */
function finish(words: string[], title: string): never {
  const text = words.join(' ');
  schemeOf(text).parse(text, title);
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
 * Read shares at the prompt until enough for the set (a share typed word by word: its threshold,
 * known from the first share; otherwise until an empty answer).
 */
export async function promptShares(ctx: Context, purpose: string): Promise<ShareText[]> {
  ctx.note(`coldkit: enter the shares to ${purpose}, one at a time (4 letters a word are enough; paste a whole line if you like)`);
  const out: ShareText[] = [];
  let need: number | undefined;
  for (;;) {
    const label = `share ${out.length + 1}`;
    if (need !== undefined && out.length >= need) break;
    if (out.length > 0 && need === undefined) {
      const more = (await ctx.prompt.input(`Another ${schemeOf(out[0]!.text).title} share? (paste it, or press Enter to finish)`)).trim();
      if (!more) break;
      out.push({ label, text: more });
      clearScreen(ctx);
      continue;
    }
    const text = await promptWithRetries(ctx, label);
    ctx.addSecret(text);
    clearScreen(ctx);
    out.push({ label, text });
    // A share typed word by word was checked as it was typed: its set says how many to ask for
    // (one group). Otherwise shares are asked for until an empty answer.
    const scheme = schemeOf(text);
    if (scheme.wordEntry) {
      const f = scheme.describe(scheme.parse(text, label));
      if (f.group.count === 1) {
        need = f.memberThreshold;
        ctx.note(`coldkit: ${label} read: share ${f.member} of ${f.memberCount ?? '?'}; ${Math.max(0, f.memberThreshold - out.length)} more needed`);
      }
    }
  }
  return out;
}
