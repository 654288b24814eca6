/**
 * Typing a mnemonic at the terminal, word by word (the rules are core/bip39/word-entry.ts): the
 * word count first, then one prompt per word with completion from the BIP39 list, `-` to take a
 * word back, a number to correct that word alone, and the checksum checked at the end — a
 * mismatch asks which word to correct instead of starting over. The words are visible in the
 * prompt while typed (as on a hardware wallet's screen) and nowhere else: notices name positions
 * only, and the screen and its scrollback are cleared when entry ends, however it ends.
 */
import { WordEntry, type WordEntryNotice, type WordEntryStep } from '../core/bip39/word-entry.js';
import { InputError } from '../core/errors.js';
import type { Context } from './command.js';
import { clearScreen } from './shares/prompt-entry.js';

/** How many words, and whether the last one carries the checksum (false: seed finish's partial words). */
export interface MnemonicPromptOptions {
  counts: readonly number[];
  checksum: boolean;
  /** The field errors name ("mnemonic"). */
  field: string;
}

/** Read a mnemonic word by word; returns its words (list words, lower case). */
export async function promptMnemonic(ctx: Context, opts: MnemonicPromptOptions): Promise<string[]> {
  const count = await promptCount(ctx, opts);
  const entry = new WordEntry(count, { checksum: opts.checksum });
  ctx.note(`coldkit: type the ${count} words one at a time (4 letters are enough). "-" takes back the last word; a number (e.g. 5) re-types that word only.`);
  try {
    for (let step = entry.step; step.kind !== 'done'; step = entry.step) {
      const answer =
        step.kind === 'which-word'
          ? await ctx.prompt.input(`Which word is wrong? (1-${step.count}; only that word is typed again)`)
          : await ctx.prompt.input(wordPrompt(step), { complete: (p) => entry.complete(p) });
      for (const n of entry.answer(answer)) ctx.note(`coldkit: ${describe(n)}`);
    }
    return entry.words;
  } finally {
    clearScreen(ctx);
    entry.wipe();
  }
}

async function promptCount(ctx: Context, opts: MnemonicPromptOptions): Promise<number> {
  if (opts.counts.length === 1) return opts.counts[0]!;
  const list = opts.counts.join(', ');
  for (let attempt = 0; attempt < 3; attempt++) {
    const a = (await ctx.prompt.input(`How many words? (${list})`, { complete: (p) => opts.counts.map(String).filter((c) => c.startsWith(p.trim())) })).trim();
    if (opts.counts.includes(Number(a)) && /^\d+$/.test(a)) return Number(a);
    ctx.note(`coldkit: the word count is one of ${list}`);
  }
  throw new InputError(`the word count must be one of ${list}`, opts.field);
}

function wordPrompt(step: Extract<WordEntryStep, { kind: 'word' }>): string {
  const what = `Word ${step.position} of ${step.count}`;
  if (step.correcting) return `${what} (correcting):`;
  return step.retry ? `${what} (again; closest list words offered):` : `${what}:`;
}

/** One notice as a line (positions only). */
export function describe(n: WordEntryNotice): string {
  switch (n.kind) {
    case 'unknown-word':
      return `word ${n.position} is not in the BIP39 English word list — type it again`;
    case 'short-prefix':
      return `word ${n.position}: type at least 4 letters (or the whole word)`;
    case 'undone':
      return `word ${n.position} taken back`;
    case 'nothing-to-undo':
      return 'no word to take back yet';
    case 'too-many-words':
      return `that answer has ${n.given} words but ${n.left} ${n.left === 1 ? 'is' : 'are'} left to type; none of it was taken`;
    case 'checksum-mismatch':
      return 'checksum mismatch: every word is in the list, but one is wrong or two are swapped — check your copy';
    case 'not-a-position':
      return n.count === 0 ? 'no word typed yet to correct' : `give a word number from 1 to ${n.count}`;
    case 'correct-word':
      return `type word ${n.position} again`;
  }
}
