/**
 * Verify a whole journal: every line parses, has the canonical form, seq counts 1, 2, 3…,
 * and prev is the SHA-256 of the previous line. The file must end with a newline (a missing
 * one means a truncated last line). An optional anchor (head hash or its words, copied on
 * paper earlier) catches deletion of trailing lines, which no chain can see by itself.
 */
import { VerificationError } from '../errors.js';
import { entryLine, GENESIS, headWords, lineHash, type JournalEntry } from './entry.js';

/** The state of a verified journal. */
export interface JournalState {
  entries: JournalEntry[];
  /** seq of the last entry (0 when empty). */
  seq: number;
  /** Hash of the last line (GENESIS when empty). */
  hash: string;
}

/** Parse and verify the journal text; throws VerificationError naming the first bad line. */
export function verifyJournal(text: string): JournalState {
  if (text.length === 0) return { entries: [], seq: 0, hash: GENESIS };
  if (!text.endsWith('\n')) {
    const n = text.split('\n').length;
    throw new VerificationError(`journal line ${n}: the file does not end with a newline — the last line is truncated or was appended to by hand`);
  }
  const lines = text.slice(0, -1).split('\n');
  const entries: JournalEntry[] = [];
  let prev = GENESIS;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const where = `journal line ${i + 1}`;
    let e: JournalEntry;
    try {
      e = JSON.parse(line) as JournalEntry;
    } catch {
      throw new VerificationError(`${where}: not valid JSON — edited or truncated`);
    }
    if (typeof e !== 'object' || e === null || e.v !== 1) throw new VerificationError(`${where}: not a version-1 journal entry`);
    if (entryLine(e) !== line) throw new VerificationError(`${where}: not in canonical form (fields added, removed, reordered or reformatted)`);
    if (e.seq !== i + 1) throw new VerificationError(`${where}: seq is ${e.seq}, expected ${i + 1} — a line was inserted, deleted or moved`);
    if (e.prev !== prev) {
      if (i === 0) throw new VerificationError(`${where}: prev is not 64 zeros, as the first line's must be — the line was edited, or lines before it were removed`);
      throw new VerificationError(`${where}: prev does not match the SHA-256 of line ${i} — line ${i} was edited, or lines were removed or reordered`);
    }
    prev = lineHash(line);
    entries.push(e);
  }
  return { entries, seq: entries.length, hash: prev };
}

/**
 * Check the verified state against an anchor taken earlier with `journal head`: the anchored
 * hash (or its 6 words) must be the hash of some line, and that line's seq must match when given.
 */
export function checkAnchor(state: JournalState, anchor: string): { seq: number } {
  const a = anchor.trim().toLowerCase();
  const isHash = /^[0-9a-f]{64}$/.test(a);
  const words = a.split(/\s+/).join(' ');
  let h = GENESIS;
  const hashes = [GENESIS];
  for (const e of state.entries) {
    h = lineHash(entryLine(e));
    hashes.push(h);
  }
  for (let seq = hashes.length - 1; seq >= 0; seq--) {
    if (isHash ? hashes[seq] === a : headWords(hashes[seq]!) === words) return { seq };
  }
  throw new VerificationError(
    `the anchor ${isHash ? a.slice(0, 16) + '…' : `"${words}"`} matches no line of this journal: lines were deleted from the end, or this is another journal`,
  );
}
