/**
 * Ceremony journal entries (docs/formats/journal.md). One JSON object per line, keys in a fixed
 * order: v, seq, ts, op, operator, host, tool, data, prev — where prev is the SHA-256 (hex) of
 * the previous line's exact bytes (without its newline), 64 zeros for the first line. Any edit,
 * deletion, insertion or reordering breaks the chain at the line after it.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { toHex } from '../text.js';
import { hashWords } from '../digest-words.js';

/** prev of the first entry. */
export const GENESIS = '0'.repeat(64);

/** A journal entry as stored. */
export interface JournalEntry {
  v: 1;
  seq: number;
  ts: string;
  op: string;
  operator: string;
  host: string;
  tool: string;
  data: Record<string, unknown>;
  prev: string;
}

/** Serialise an entry as its journal line (no newline), keys in the canonical order. */
export function entryLine(e: JournalEntry): string {
  return JSON.stringify({ v: e.v, seq: e.seq, ts: e.ts, op: e.op, operator: e.operator, host: e.host, tool: e.tool, data: e.data, prev: e.prev });
}

/** SHA-256 hex of a line's UTF-8 bytes: the next entry's prev, and the journal head. */
export function lineHash(line: string): string {
  return toHex(sha256(new TextEncoder().encode(line)));
}

/** The head's short word form, to copy onto paper: 6 BIP39 words from the head hash (66 bits). */
export function headWords(headHash: string): string {
  const bytes = new Uint8Array(headHash.match(/../g)!.map((h) => parseInt(h, 16)));
  return hashWords(bytes, 6).join(' ');
}

/** Build the next entry after a chain whose last line hash is `prev` and last seq is `seq - 1`. */
export function nextEntry(
  head: { seq: number; hash: string },
  fields: { ts: string; op: string; operator: string; host: string; tool: string; data: Record<string, unknown> },
): JournalEntry {
  return { v: 1, seq: head.seq + 1, ts: fields.ts, op: fields.op, operator: fields.operator, host: fields.host, tool: fields.tool, data: fields.data, prev: head.hash };
}
