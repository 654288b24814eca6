/**
 * The journal checkpoint (docs/formats/journal.md, "Checkpoint"): a cache kept beside the journal
 * so a command need not re-verify years of entries each time. It names the byte offset just after
 * the last fully verified line, that line's seq and hash, and the SHA-256 of the file's bytes up to
 * that offset. It is never a source of trust: a reader recomputes the digest from the file and
 * checks the line at the offset before it skips anything, and `journal verify` never reads it.
 */

/** What a checkpoint records. */
export interface Checkpoint {
  /** Bytes of the journal covered: the offset just after the newline of entry `seq`. */
  offset: number;
  seq: number;
  /** Hash of entry `seq` (the next entry's prev); 64 zeros at offset 0. */
  head: string;
  /** SHA-256 (hex) of the journal's bytes [0, offset). */
  sha256: string;
}

/** The checkpoint's kind tag (a future layout gets a new version number). */
export const CHECKPOINT_KIND = 'coldkit/journal-checkpoint';

const HEX64 = /^[0-9a-f]{64}$/;

/** The checkpoint file's text (one JSON line). */
export function checkpointText(cp: Checkpoint): string {
  return JSON.stringify({ kind: CHECKPOINT_KIND, version: 1, offset: cp.offset, seq: cp.seq, head: cp.head, sha256: cp.sha256 }) + '\n';
}

/** Parse a checkpoint file; anything malformed is `undefined` (treated as no checkpoint: a full verification). */
export function parseCheckpoint(text: string): Checkpoint | undefined {
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (typeof o !== 'object' || o === null || o.kind !== CHECKPOINT_KIND || o.version !== 1) return undefined;
  const { offset, seq, head, sha256 } = o;
  if (!Number.isSafeInteger(offset) || (offset as number) < 0 || !Number.isSafeInteger(seq) || (seq as number) < 0) return undefined;
  if (typeof head !== 'string' || !HEX64.test(head) || typeof sha256 !== 'string' || !HEX64.test(sha256)) return undefined;
  if ((seq === 0) !== (offset === 0)) return undefined;
  return { offset: offset as number, seq: seq as number, head, sha256 };
}
