/**
 * Outside copies of a journal's head. The chain proves every entry up to the head is as written;
 * only a copy of a head kept elsewhere proves the two things a chain cannot: that nothing was
 * edited and its hash recomputed (with every later prev and hash), and that nothing was cut from
 * the end. An anchor is a head taken earlier (`journal head`): its hash or 6 words, optionally
 * with its seq (`#42 word …` or `42:<hash>`); another copy of the journal (a backup, the other
 * side's record) vouches for every entry it holds.
 */
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { InputError, VerificationError } from '../errors.js';
import { GENESIS } from './entry.js';

/** A head copied out of the journal earlier: a full hash, or the 66 bits its 6 words carry. */
export interface Anchor {
  /** How the anchor is named in messages. */
  label: string;
  seq?: number;
  hash?: string;
  /** From words: the first 64 bits of the hash as hex, and the next 2 bits. */
  words?: { hex: string; low2: number };
}

const WORD_INDEX = new Map(wordlist.map((w, i) => [w, i]));

/** Parse an anchor as written on paper; errors name `field`. */
export function parseAnchor(input: string, field: string): Anchor {
  // The line a QR page or a payload note prints (`journal #N words`, `signer journal #N words`) is taken as it is.
  let text = input.trim().toLowerCase().replace(/^(signer\s+)?journal\s+(?=#)/, '');
  let seq: number | undefined;
  const m = /^#?(\d+)\s*[:\s]\s*([\s\S]+)$/.exec(text);
  if (m) {
    seq = Number(m[1]);
    if (!Number.isSafeInteger(seq)) throw new InputError(`seq ${m[1]} is too large`, field);
    text = m[2]!.trim();
  }
  const at = seq === undefined ? '' : `#${seq} `;
  if (/^[0-9a-f]{64}$/.test(text)) return { label: `${at}${text.slice(0, 16)}…`, seq, hash: text };
  const words = text.split(/\s+/);
  const idx = words.map((w) => WORD_INDEX.get(w));
  if (words.length !== 6 || idx.some((i) => i === undefined)) {
    throw new InputError('expected a head hash (64 hex digits) or its 6 words from `coldkit journal head`, optionally after its entry number ("#42 word word …")', field);
  }
  // 6 words × 11 bits = 66 bits: the first 64 as 16 hex digits, then 2 bits.
  const bits = (idx as number[]).reduce((acc, i) => (acc << 11n) | BigInt(i), 0n);
  return { label: `${at}"${words.join(' ')}"`, seq, words: { hex: (bits >> 2n).toString(16).padStart(16, '0'), low2: Number(bits & 3n) } };
}

/** Whether `hash` is the anchored head (all 256 bits, or the 66 its words carry). */
export function anchorMatches(a: Anchor, hash: string): boolean {
  if (a.hash) return a.hash === hash;
  return hash.startsWith(a.words!.hex) && parseInt(hash[16]!, 16) >> 2 === a.words!.low2;
}

/**
 * Checks anchors while a journal streams by: feed every entry's seq and hash to observe(), then
 * finish() returns the entry each anchor was found at, or throws for the first one not found.
 */
export class AnchorCheck {
  readonly #anchors: Anchor[];
  readonly #found: (number | undefined)[];
  /** For anchors with a seq: the hash that entry had. */
  readonly #seen: (string | undefined)[];

  constructor(anchors: Anchor[]) {
    this.#anchors = anchors;
    this.#found = anchors.map(() => undefined);
    this.#seen = anchors.map(() => undefined);
    this.observe(0, GENESIS);
  }

  /** One entry of the journal (seq 0 = the empty journal's head, observed at construction). */
  observe(seq: number, hash: string): void {
    this.#anchors.forEach((a, i) => {
      if (a.seq !== undefined && a.seq !== seq) return;
      if (a.seq !== undefined) this.#seen[i] = hash;
      if (anchorMatches(a, hash)) this.#found[i] = seq;
    });
  }

  /** The entry each anchor was found at; throws VerificationError for the first not found. */
  finish(lastSeq: number): number[] {
    return this.#anchors.map((a, i) => {
      const at = this.#found[i];
      if (at !== undefined) return at;
      if (a.seq === undefined) {
        throw new VerificationError(
          `anchor ${a.label}: the head changed since the anchor was taken — no entry of this journal has that hash (an entry was edited and its hash recomputed, entries were cut from the end, or this is another journal)`,
        );
      }
      if (this.#seen[i] === undefined) {
        throw new VerificationError(`anchor ${a.label}: this journal ends at entry ${lastSeq}, before the anchored entry — entries were cut from the end since the anchor was taken (or this is another journal)`);
      }
      throw new VerificationError(
        `anchor ${a.label}: the head changed since the anchor was taken — entry ${a.seq} has another hash, so an entry up to ${a.seq} was edited and its hash recomputed (or this is another journal)`,
      );
    });
  }
}

/**
 * Judge this journal against another copy of it, both verified and walked side by side: `ours`
 * and `theirs` are their last seqs, `firstDifferent` the first seq whose hashes differ (if any).
 * Returns the entry up to which they agree; throws VerificationError when the copy shows an edit
 * (a different entry) or a cut (entries the copy has and this journal lacks). `name` names the copy.
 */
export function judgeAgainstCopy(r: { ours: number; theirs: number; firstDifferent?: number }, name: string): { agreedUpTo: number } {
  const d = r.firstDifferent;
  if (d === 1) throw new VerificationError(`${name}: the journals differ from entry 1 — it is another journal, or this one was rewritten from its first entry`);
  if (d !== undefined) {
    throw new VerificationError(`${name}: the journals agree up to entry ${d - 1} and differ from entry ${d} — an entry from ${d} on was edited and its hash recomputed in one of them, or they were continued separately`);
  }
  if (r.theirs > r.ours) throw new VerificationError(`${name}: it has entries ${r.ours + 1}…${r.theirs} that this journal lacks — they were cut from the end of this journal`);
  return { agreedUpTo: r.theirs };
}
