/**
 * Ceremony journal entries (docs/formats/journal.md). One JSON object per line, keys in a fixed
 * order: v, seq, ts, op, operator, host, tool, data, prev — and, from version 2, hash.
 *
 * - Version 1 (coldkit 0.1.0): an entry's hash is the SHA-256 of its line's exact bytes; the
 *   next entry's prev is that hash. Nothing protects the last line but an outside copy of it.
 * - Version 2: the entry carries its own hash as its last member: SHA-256 of the line as it would
 *   be without that member (`{"v":2,…,"prev":"…"}`). The next entry's prev is that hash, so the
 *   chain is the same, and an edit of the last line is caught by the line itself.
 *
 * coldkit writes version 2 only; old journals are extended by appending, never rewritten.
 */
import { hashWords } from '../hash-words.js';
import { sha256Hex } from './native.js';

/** prev of the first entry. */
export const GENESIS = '0'.repeat(64);

/** The entry version coldkit writes. */
export const ENTRY_VERSION = 2;

/** Fields every entry version has. */
interface EntryFields {
  seq: number;
  ts: string;
  op: string;
  operator: string;
  host: string;
  tool: string;
  data: Record<string, unknown>;
  prev: string;
}

/** A version-1 entry (coldkit 0.1.0): hashed as its whole line. */
export interface JournalEntryV1 extends EntryFields {
  v: 1;
}

/** A version-2 entry: carries `hash`, the SHA-256 of its line without the hash member. */
export interface JournalEntryV2 extends EntryFields {
  v: 2;
  hash: string;
}

/** A journal entry as stored. */
export type JournalEntry = JournalEntryV1 | JournalEntryV2;

/** Bytes of `,"hash":"<64 hex>"}` that end a version-2 line. */
export const HASH_MEMBER_BYTES = 75;

/** The canonical serialisation of an entry without its hash member (the whole line for version 1). */
export function entryBody(e: JournalEntry): string {
  return JSON.stringify({ v: e.v, seq: e.seq, ts: e.ts, op: e.op, operator: e.operator, host: e.host, tool: e.tool, data: e.data, prev: e.prev });
}

/** Serialise an entry as its journal line (no newline), keys in the canonical order. */
export function entryLine(e: JournalEntry): string {
  const body = entryBody(e);
  return e.v === 1 ? body : `${body.slice(0, -1)},"hash":"${e.hash}"}`;
}

/** SHA-256 hex of a line's UTF-8 bytes: a version-1 entry's hash. */
export function lineHash(line: string): string {
  return sha256Hex(line);
}

/** The head's short word form, to copy onto paper: 6 BIP39 words from the head hash (66 bits). */
export function headWords(headHash: string): string {
  const bytes = new Uint8Array(headHash.match(/../g)!.map((h) => parseInt(h, 16)));
  return hashWords(bytes, 6).join(' ');
}

/** Build the next (version-2) entry after a chain whose last entry is `head`. */
export function nextEntry(
  head: { seq: number; hash: string },
  fields: { ts: string; op: string; operator: string; host: string; tool: string; data: Record<string, unknown> },
): JournalEntryV2 {
  const e: JournalEntryV2 = { v: 2, seq: head.seq + 1, ts: fields.ts, op: fields.op, operator: fields.operator, host: fields.host, tool: fields.tool, data: fields.data, prev: head.hash, hash: '' };
  e.hash = sha256Hex(entryBody(e));
  return e;
}
