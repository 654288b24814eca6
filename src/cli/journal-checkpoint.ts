/**
 * The checkpoint file beside a journal (`<journal>.checkpoint`, format in
 * src/core/journal/checkpoint.ts) and the one decision it feeds: where verification may start.
 * The checkpoint is a cache, never a source of trust. Its prefix digest is recomputed from the file
 * (one streaming hash) and the line ending at its offset must be the entry it names; otherwise
 * verification starts at byte 0. Reading it fails safe (missing, unreadable or malformed = none);
 * writing it is best effort (a journal on read-only media still verifies, only slower).
 */
import { createHash, type Hash } from 'node:crypto';
import * as fs from 'node:fs';
import { checkpointText, parseCheckpoint, type Checkpoint } from '../core/journal/checkpoint.js';
import { EMPTY_HEAD, MAX_LINE_BYTES, readEntry, type ChainHead } from '../core/journal/chain.js';
import { writeFileAtomic } from './io.js';
import { hashRange } from './journal-stream.js';

/** The checkpoint file of a journal. */
export function checkpointPath(journal: string): string {
  return `${journal}.checkpoint`;
}

/** Read the checkpoint; missing, unreadable or malformed → undefined. */
export function readCheckpoint(journal: string): Checkpoint | undefined {
  try {
    const text = fs.readFileSync(checkpointPath(journal), 'utf8');
    return text.length > 4096 ? undefined : parseCheckpoint(text);
  } catch {
    return undefined;
  }
}

/**
 * Write the checkpoint atomically (temp file and rename) but without fsync: it is a cache, written
 * after the journal's own fsync'd append, and a checkpoint a crash left empty, torn or old is
 * read as none or refuted by the file's digest (verification then starts at byte 0). Its two
 * fsyncs cost more than the rest of a 1-input `psbt sign` (docs/performance.md). Failures are
 * ignored (the next command verifies more, that is all).
 */
export function writeCheckpoint(journal: string, cp: Checkpoint): void {
  try {
    writeFileAtomic(checkpointPath(journal), checkpointText(cp), { mode: 0o600, durable: false });
  } catch {
    /* best effort: a cache */
  }
}

/** Where verification of an open journal may start. */
export interface TrustedStart {
  head: ChainHead;
  offset: number;
  /** SHA-256 of the file's bytes [0, offset), open for more. */
  digest: Hash;
  /** The checkpoint used, if any. */
  used?: Checkpoint;
  /** Why a checkpoint that exists was not used, when that is worth telling the operator. */
  doubt?: string;
}

/**
 * Decide where to start verifying the open journal `fd` of `size` bytes: after the checkpoint when
 * the file's first `offset` bytes still hash to its digest and the line ending there is the entry
 * it names; else at byte 0, with a doubt to report should the full verification pass.
 */
export function trustedStart(fd: number, journal: string, size: number): TrustedStart {
  const fromZero = (doubt?: string): TrustedStart => ({ head: { ...EMPTY_HEAD }, offset: 0, digest: createHash('sha256'), ...(doubt ? { doubt } : {}) });
  const cp = readCheckpoint(journal);
  if (!cp) return fromZero();
  if (cp.offset > size) {
    return fromZero(`the journal is shorter than its checkpoint records (entry ${cp.seq} ended at byte ${cp.offset}; the file now has ${size} bytes), yet its chain verifies: entries were cut from the end, or the file was replaced`);
  }
  const digest = createHash('sha256');
  hashRange(fd, 0, cp.offset, digest);
  if (digest.copy().digest('hex') !== cp.sha256) {
    return fromZero(`the journal's first ${cp.offset} bytes (entries 1–${cp.seq}) changed since its checkpoint was written, yet its chain verifies: entries were edited and their hashes recomputed, or the file was replaced by another journal`);
  }
  const at = entryEndingAt(fd, cp.offset, cp.seq);
  if (!at || at.seq !== cp.seq || at.hash !== cp.head) return fromZero('its checkpoint does not describe the entry at its offset; the journal was verified in full instead');
  return { head: at, offset: cp.offset, digest, used: cp };
}

/** The entry whose line ends (with its newline) at `offset`, checked on its own; undefined if there is none. */
function entryEndingAt(fd: number, offset: number, seq: number): ChainHead | undefined {
  if (offset === 0) return { ...EMPTY_HEAD };
  // Read backwards in blocks until the newline before the line (or the file start) is found.
  const block = 64 * 1024;
  let chunks: Buffer[] = [];
  let from = offset;
  for (;;) {
    const start = Math.max(0, from - block);
    const buf = Buffer.allocUnsafe(from - start);
    if (fs.readSync(fd, buf, 0, buf.length, start) !== buf.length) return undefined;
    chunks = [buf, ...chunks];
    const all = chunks.length === 1 ? buf : Buffer.concat(chunks);
    if (all.length < 2 || all[all.length - 1] !== 10) return undefined;
    const nl = all.lastIndexOf(10, all.length - 2);
    if (nl !== -1 || start === 0) {
      try {
        const { entry, hash } = readEntry(all.subarray(nl + 1, all.length - 1), seq);
        return { seq: entry.seq, hash, v: entry.v };
      } catch {
        return undefined;
      }
    }
    if (all.length > MAX_LINE_BYTES) return undefined;
    from = start;
  }
}
