/**
 * Typing a BIP39 mnemonic word by word: the state machine behind every seed prompt. Pure — the
 * CLI (src/cli/mnemonic-prompt.ts) asks what `step` says, hands each answer to `answer()`, and
 * prints the notices; tests drive it with scripted answers.
 *
 * The rules, in the order a person meets them:
 * - each answer is one word, a unique prefix of at least 4 letters (BIP39: "the wordlist is
 *   created in such a way that it's enough to type the first four letters to unambiguously
 *   identify the word"), or a pasted line of several words; each word is checked against the list
 *   as it is entered and an unknown one is asked again (the rest of that answer is not taken);
 * - `-` takes back the last word; a bare number N goes back to word N to correct it alone, then
 *   entry continues where it was;
 * - when every word is in, the checksum is checked (BIP39: "the first ENT / 32 bits of its
 *   SHA256 hash"); on a mismatch entry asks which word to correct, and only that word is re-typed.
 *
 * Notices carry positions, never a word: what was typed stays in the prompt.
 */
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { editDistance, entropyOf, resolveWord, tokenize } from './mnemonic.js';

/** What to ask next. */
export type WordEntryStep =
  /** Word `position` (1-based) of `count`; `correcting` when it replaces a word already typed. */
  | { kind: 'word'; position: number; count: number; correcting: boolean; retry: boolean }
  /** Every word is in but the checksum does not match: which word (1..count) to correct. */
  | { kind: 'which-word'; count: number }
  | { kind: 'done' };

/** What happened with an answer (positions only, never the word). */
export type WordEntryNotice =
  | { kind: 'unknown-word'; position: number }
  | { kind: 'short-prefix'; position: number }
  | { kind: 'undone'; position: number }
  | { kind: 'nothing-to-undo' }
  | { kind: 'too-many-words'; given: number; left: number }
  | { kind: 'checksum-mismatch' }
  | { kind: 'not-a-position'; count: number }
  | { kind: 'correct-word'; position: number };

/**
 * One mnemonic being typed. `checksum: false` is for a partial mnemonic (seed finish: 11..23
 * hand-chosen words, whose last word is still to be found).
 */
export class WordEntry {
  readonly count: number;
  private readonly checksum: boolean;
  private readonly slots: (string | undefined)[];
  /** The position being re-typed (0-based), or undefined while typing in order. */
  private correcting: number | undefined;
  private askWhich = false;
  /** The token last refused, for the closest-word offers of the next prompt. */
  private refused: string | undefined;

  constructor(count: number, opts: { checksum: boolean }) {
    if (!Number.isInteger(count) || count < 1 || count > 24) throw new RangeError('a mnemonic has 1 to 24 words');
    this.count = count;
    this.checksum = opts.checksum;
    this.slots = new Array<string | undefined>(count).fill(undefined);
  }

  /** Words typed in order so far (not counting a correction in progress). */
  private get filled(): number {
    const i = this.slots.indexOf(undefined);
    return i < 0 ? this.count : i;
  }

  /** What to ask next. */
  get step(): WordEntryStep {
    if (this.askWhich) return { kind: 'which-word', count: this.count };
    if (this.correcting !== undefined) return { kind: 'word', position: this.correcting + 1, count: this.count, correcting: true, retry: this.refused !== undefined };
    if (this.filled < this.count) return { kind: 'word', position: this.filled + 1, count: this.count, correcting: false, retry: this.refused !== undefined };
    return { kind: 'done' };
  }

  /** The words, once `step` is done. */
  get words(): string[] {
    if (this.step.kind !== 'done') throw new Error('the mnemonic is not complete');
    return this.slots.map((w) => w!);
  }

  /** Take one answer; returns what to tell the person. */
  answer(text: string): WordEntryNotice[] {
    const trimmed = text.trim();
    if (this.askWhich) return this.answerWhich(trimmed);
    if (trimmed === '-') return this.undo();
    if (/^\d{1,2}$/.test(trimmed)) return this.goBackTo(Number(trimmed));
    const tokens = tokenize(trimmed);
    if (tokens.length === 0) return [];
    if (this.correcting !== undefined) {
      if (tokens.length > 1) return [{ kind: 'too-many-words', given: tokens.length, left: 1 }];
      const w = this.resolve(tokens[0]!, this.correcting + 1);
      if (typeof w !== 'string') return [w];
      this.slots[this.correcting] = w;
      this.correcting = undefined;
      return this.afterWord();
    }
    const left = this.count - this.filled;
    // A pasted line longer than what is left is another text (a longer mnemonic, a share): none of it is taken.
    if (tokens.length > left) return [{ kind: 'too-many-words', given: tokens.length, left }];
    for (const t of tokens) {
      const w = this.resolve(t, this.filled + 1);
      if (typeof w !== 'string') return [w];
      this.slots[this.filled] = w;
    }
    return this.afterWord();
  }

  /**
   * Completions for what is typed at a word prompt: list words starting with it; for an empty
   * answer after a refused word, the closest list words to it (shown in the prompt only).
   */
  complete(prefix: string): string[] {
    const p = prefix.trim().toLowerCase();
    if (p === '') return this.refused !== undefined ? closestWords(this.refused, 3) : [];
    return wordlist.filter((w) => w.startsWith(p)).slice(0, 8);
  }

  /** Forget every word (the caller drops its reference too). */
  wipe(): void {
    this.slots.fill(undefined);
    this.refused = undefined;
  }

  private resolve(token: string, position: number): string | WordEntryNotice {
    const w = resolveWord(token);
    if (w !== undefined) {
      this.refused = undefined;
      return w;
    }
    this.refused = token;
    return token.length < 4 && wordlist.some((x) => x.startsWith(token)) ? { kind: 'short-prefix', position } : { kind: 'unknown-word', position };
  }

  private undo(): WordEntryNotice[] {
    this.refused = undefined;
    if (this.correcting !== undefined) {
      // "-" while correcting gives up the correction; the word stays as it was.
      this.correcting = undefined;
      return this.afterWord();
    }
    const n = this.filled;
    if (n === 0) return [{ kind: 'nothing-to-undo' }];
    this.slots[n - 1] = undefined;
    return [{ kind: 'undone', position: n }];
  }

  private goBackTo(position: number): WordEntryNotice[] {
    const limit = this.filled;
    if (position < 1 || position > limit) return [{ kind: 'not-a-position', count: limit }];
    this.refused = undefined;
    this.correcting = position - 1;
    return [{ kind: 'correct-word', position }];
  }

  private answerWhich(trimmed: string): WordEntryNotice[] {
    if (!/^\d{1,2}$/.test(trimmed) || Number(trimmed) < 1 || Number(trimmed) > this.count) return [{ kind: 'not-a-position', count: this.count }];
    this.askWhich = false;
    this.correcting = Number(trimmed) - 1;
    return [{ kind: 'correct-word', position: this.correcting + 1 }];
  }

  /** After a word: when all are in, check the checksum (a mismatch asks which word to correct). */
  private afterWord(): WordEntryNotice[] {
    if (this.filled < this.count || !this.checksum) return [];
    const entropy = entropyOf(this.slots as string[]);
    if (entropy) {
      entropy.fill(0);
      return [];
    }
    this.askWhich = true;
    return [{ kind: 'checksum-mismatch' }];
  }
}

/** The `n` list words closest to `token` by edit distance (ties in list order). */
export function closestWords(token: string, n: number): string[] {
  return wordlist
    .map((w, i) => ({ w, i, d: editDistance(token, w, 6) }))
    .sort((a, b) => a.d - b.d || a.i - b.i)
    .slice(0, n)
    .map((x) => x.w);
}
