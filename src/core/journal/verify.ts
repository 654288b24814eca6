/**
 * Verify a whole journal held in memory (small journals, tests): the same checks as the streaming
 * ChainVerifier, line by line. The file must end with a newline (a missing one means a truncated
 * last line). Large files are streamed by src/cli/journal-file.ts instead.
 */
import type { JournalEntry } from './entry.js';
import { ChainVerifier } from './chain.js';

/** The state of a verified journal. */
export interface JournalState {
  entries: JournalEntry[];
  /** seq of the last entry (0 when empty). */
  seq: number;
  /** Hash of the last entry (GENESIS when empty). */
  hash: string;
}

/** Parse and verify the journal text; throws VerificationError naming the first bad line. */
export function verifyJournal(text: string): JournalState {
  const bytes = new TextEncoder().encode(text);
  const chain = new ChainVerifier();
  const entries: JournalEntry[] = [];
  let start = 0;
  for (let nl = bytes.indexOf(10); nl !== -1; nl = bytes.indexOf(10, start)) {
    entries.push(chain.push(bytes.subarray(start, nl)).entry);
    start = nl + 1;
  }
  if (start < bytes.length) chain.unterminated();
  const head = chain.head;
  return { entries, seq: head.seq, hash: head.hash };
}
