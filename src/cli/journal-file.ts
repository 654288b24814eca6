/**
 * The journal file: default path, streaming verified reads, the checkpoint fast path and verified
 * append (one write + fsync under an exclusive lock file). Verification is core's (ChainVerifier);
 * this file opens, locks and streams.
 *
 * - Readers (`journal verify`, `show`, and `status`/`report` to come) walk every entry with
 *   scanJournal()/scanLinks(): constant memory, each line hashed once, no checkpoint.
 * - A command that will append opens the journal with openJournal(): the prefix the checkpoint
 *   covers is checked with one streaming hash, then only later lines are verified; under the lock,
 *   appendEntries() verifies only what was appended since, writes, and moves the checkpoint on.
 */
import { createHash, type Hash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { InputError, RuntimeFailure, VerificationError } from '../core/errors.js';
import { ChainVerifier, EMPTY_HEAD, MAX_LINE_BYTES, type ChainHead, type VerifiedEntry } from '../core/journal/chain.js';
import { entryLine, headWords, nextEntry, type JournalEntryV2 } from '../core/journal/entry.js';
import { sanitize } from '../core/text.js';
import { trustedStart, writeCheckpoint } from './journal-checkpoint.js';
import { fileContains } from './journal-mark.js';
import { LineReader } from './journal-stream.js';

/** --journal, else $COLDKIT_JOURNAL, else ~/.coldkit/journal.jsonl. */
export function journalPath(flag: string | undefined, env: Record<string, string | undefined>): string {
  return flag ?? env.COLDKIT_JOURNAL ?? path.join(os.homedir(), '.coldkit', 'journal.jsonl');
}

/** The journal's lock file. */
function lockPath(file: string): string {
  return `${file}.lock`;
}

/** Open the journal for reading; undefined when it does not exist yet. */
function openForReading(file: string): number | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code !== 'EISDIR') throw new RuntimeFailure(`cannot read journal "${file}": ${code}`);
    fd = -1;
  }
  if (fd === -1 || fs.fstatSync(fd).isDirectory()) {
    if (fd !== -1) fs.closeSync(fd);
    throw new InputError(`"${file}" is a folder; give the journal file (e.g. ${path.join(file, 'journal.jsonl')})`, '--journal');
  }
  return fd;
}

/**
 * A whole journal, verified line by line as it streams by (constant memory, each line hashed
 * once), pulled one line at a time: `step` (link or push) verifies a line and gives what the
 * caller wants of it. A missing file is an empty journal. close() when done.
 */
class Walk<T> {
  readonly #fd: number | undefined;
  readonly #lines: LineReader | undefined;
  readonly #chain = new ChainVerifier();
  readonly #step: (chain: ChainVerifier, line: Uint8Array) => T;

  constructor(file: string, step: (chain: ChainVerifier, line: Uint8Array) => T) {
    this.#fd = openForReading(file);
    this.#lines = this.#fd === undefined ? undefined : new LineReader(this.#fd, 0);
    this.#step = step;
  }

  /** The next line's result, or undefined at the end; throws VerificationError at the first bad line. */
  next(): T | undefined {
    const line = this.#lines?.next();
    if (!line) return undefined;
    if (!line.terminated) this.#chain.unterminated();
    return this.#step(this.#chain, line.bytes);
  }

  /** The head after the lines walked so far. */
  get head(): ChainHead {
    return this.#chain.head;
  }

  close(): void {
    if (this.#fd !== undefined) fs.closeSync(this.#fd);
  }
}

/** Walk to the end; returns the head. */
function walkAll<T>(file: string, step: (chain: ChainVerifier, line: Uint8Array) => T): ChainHead {
  const w = new Walk(file, step);
  try {
    while (w.next() !== undefined);
    return w.head;
  } finally {
    w.close();
  }
}

/**
 * The streaming reader for everything that reads a journal (`journal show`, and `status` and
 * `journal report` to come): verifies the whole journal as it streams by and hands each entry to
 * `each`; returns the head. A bad line throws when reached, so a caller must not act on the
 * entries it was given before this returns. A missing file is an empty journal.
 */
export function scanJournal(file: string, each?: (v: VerifiedEntry) => void): ChainHead {
  if (!each) return scanLinks(file);
  return walkAll(file, (chain, line) => {
    const v = chain.push(line);
    each(v);
    return v;
  });
}

/**
 * Like scanJournal, but hands over only each entry's seq, hash and version (one object, reused:
 * copy what you keep) — no entry objects are built: the fastest way to verify.
 */
export function scanLinks(file: string, each?: (link: ChainHead) => void): ChainHead {
  return walkAll(file, (chain, line) => {
    const h = chain.link(line);
    each?.(h);
    return h;
  });
}

/** A journal verified up to `offset` (just after its last whole line), for appendEntries. Use once. */
export interface OpenJournal {
  file: string;
  head: ChainHead;
  offset: number;
  /** SHA-256 of the file's bytes [0, offset), open for more. */
  digest: Hash;
  /** dev:inode of the file when read (undefined: it did not exist). */
  id?: string;
}

/**
 * Verify a journal before a command acts, using the checkpoint when it still holds (see
 * journal-checkpoint.ts), and move the checkpoint on when more was verified. Without the lock
 * (`unlocked`), a last line still being written by another coldkit (its lock file exists) is left
 * for appendEntries to verify under the lock. `note` gets warnings the operator should see.
 */
export function openJournal(file: string, opts: { unlocked?: boolean; note?: (line: string) => void } = {}): OpenJournal {
  const fd = openForReading(file);
  if (fd === undefined) return { file, head: { ...EMPTY_HEAD }, offset: 0, digest: createHash('sha256') };
  try {
    const st = fs.fstatSync(fd);
    const start = trustedStart(fd, file, st.size);
    const chain = new ChainVerifier(start.head);
    let offset = start.offset;
    const lines = new LineReader(fd, offset, start.digest);
    for (let line = lines.next(); line; line = lines.next()) {
      if (!line.terminated && !(opts.unlocked && fs.existsSync(lockPath(file)))) chain.unterminated();
      if (!line.terminated) break;
      chain.link(line.bytes);
      offset = line.end;
    }
    const j: OpenJournal = { file, head: chain.head, offset, digest: start.digest, id: `${st.dev}:${st.ino}` };
    if (start.doubt) opts.note?.(`journal: warning: ${start.doubt}. Compare its head with your paper anchor: coldkit journal verify --anchor "#<entry> <words>"`);
    if (offset > 0 && offset !== start.used?.offset) saveCheckpoint(j);
    return j;
  } finally {
    fs.closeSync(fd);
  }
}

function saveCheckpoint(j: OpenJournal): void {
  writeCheckpoint(j.file, { offset: j.offset, seq: j.head.seq, head: j.head.hash, sha256: j.digest.copy().digest('hex') });
}

/** Fields the executor supplies for every entry. */
export interface EntryFields {
  ts: string;
  operator: string;
  host: string;
  tool: string;
}

/**
 * Append entries: take the lock, verify what was appended since `j` was opened (or the whole
 * journal, through its checkpoint, when given a path or when the file was replaced or shrank),
 * write all new lines in ONE write, fsync, move the checkpoint on, release. A crash leaves either
 * the old file or the old file plus whole lines.
 */
export function appendEntries(j: OpenJournal | string, acts: { op: string; data: Record<string, unknown> }[], fields: EntryFields): JournalEntryV2[] {
  if (acts.length === 0) return [];
  const file = typeof j === 'string' ? j : j.file;
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true, mode: 0o700 });
  const release = takeLock(lockPath(file));
  try {
    const fd = fs.openSync(file, 'a+', 0o600);
    try {
      const st = fs.fstatSync(fd);
      let cur = typeof j === 'string' ? undefined : j;
      if (!cur || (cur.id !== undefined && cur.id !== `${st.dev}:${st.ino}`) || st.size < cur.offset) cur = openJournal(file);
      const chain = new ChainVerifier(cur.head);
      let offset = cur.offset;
      const lines = new LineReader(fd, offset, cur.digest);
      for (let line = lines.next(); line; line = lines.next()) {
        if (!line.terminated) chain.unterminated();
        chain.link(line.bytes);
        offset = line.end;
      }
      let head = chain.head as { seq: number; hash: string };
      const out: JournalEntryV2[] = [];
      let text = '';
      for (const act of acts) {
        const e = nextEntry(head, { ...fields, op: act.op, data: act.data });
        const line = entryLine(e);
        if (Buffer.byteLength(line) > MAX_LINE_BYTES) throw new RuntimeFailure(`journal entry ${act.op} is over ${MAX_LINE_BYTES} bytes; nothing was journaled`);
        text += line + '\n';
        head = { seq: e.seq, hash: e.hash };
        out.push(e);
      }
      const buf = Buffer.from(text, 'utf8');
      const n = fs.writeSync(fd, buf);
      if (n !== buf.length) throw new RuntimeFailure(`journal "${file}": short write (${n} of ${buf.length} bytes)`);
      fs.fsyncSync(fd);
      cur.digest.update(buf);
      saveCheckpoint({ file, head: { ...head, v: 2 }, offset: offset + buf.length, digest: cur.digest });
      return out;
    } finally {
      fs.closeSync(fd);
    }
  } finally {
    release();
  }
}

/** Where a command's acts landed: shown on stderr and as `journal` in the --json document. */
export interface Landed {
  path: string;
  seq: number;
  head: string;
  words: string;
}

/** Where appended entries landed (the last one's seq and hash: the new head). */
export function landed(file: string, entries: JournalEntryV2[]): Landed {
  const last = entries[entries.length - 1]!;
  return { path: path.resolve(file), seq: last.seq, head: last.hash, words: headWords(last.hash) };
}

/** The stderr line: `journal: PATH #SEQ (head words)`. */
export function landedLine(l: Landed): string {
  return `journal: ${sanitize(l.path)} #${l.seq} (${l.words})`;
}

function takeLock(lock: string): () => void {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      const fd = fs.openSync(lock, 'wx', 0o600);
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      return () => {
        try {
          fs.unlinkSync(lock);
        } catch {
          /* already gone */
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new RuntimeFailure(`cannot lock journal: ${(e as NodeJS.ErrnoException).code}`);
      if (staleLock(lock)) continue;
      if (Date.now() > deadline) throw new RuntimeFailure(`journal is locked by another coldkit process (${lock}); if none is running, remove the lock file`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    }
  }
}

/** A lock whose owner process no longer exists is removed. */
function staleLock(lock: string): boolean {
  try {
    const pid = Number(fs.readFileSync(lock, 'utf8'));
    if (pid > 0) {
      try {
        process.kill(pid, 0);
        return false;
      } catch {
        fs.unlinkSync(lock);
        return true;
      }
    }
  } catch {
    /* lock vanished or unreadable: retry */
  }
  return false;
}

/**
 * Walk this journal and another copy of it side by side, both verified as they stream (constant
 * memory); `each` gets this journal's entries. Returns both heads and the first seq at which their
 * hashes differ. Errors in the other copy are prefixed with `name`.
 */
export function walkBeside(file: string, other: string, name: string, each?: (link: ChainHead) => void): { head: ChainHead; other: ChainHead; firstDifferent?: number } {
  const link = (chain: ChainVerifier, line: Uint8Array) => chain.link(line);
  const ours = new Walk(file, link);
  let theirs: Walk<Readonly<ChainHead>> | undefined;
  try {
    theirs = new Walk(other, link);
    const next = () => {
      try {
        return theirs!.next();
      } catch (e) {
        if (e instanceof VerificationError) throw new VerificationError(`${name}: ${e.message}`);
        throw e;
      }
    };
    let a = ours.next();
    let b = next();
    let firstDifferent: number | undefined;
    while (a || b) {
      if (a && b && firstDifferent === undefined && a.hash !== b.hash) firstDifferent = a.seq;
      if (a) {
        each?.(a);
        a = ours.next();
      }
      if (b) b = next();
    }
    return { head: ours.head, other: theirs.head, firstDifferent };
  } finally {
    ours.close();
    theirs?.close();
  }
}

/** The op of a key retirement as the journal writes it. */
const RETIRE_MARK = Buffer.from('"op":"key.retire"');

/** The keys this journal records as retired (`key.retire`), verified as it streams: for signers. */
export function retiredKeys(file: string): Map<string, { seq: number; ts: string; reason: string }> {
  const out = new Map<string, { seq: number; ts: string; reason: string }>();
  // No retirement in the journal's bytes: nothing to parse (a sign need not re-read the whole journal).
  if (!fileContains(file, RETIRE_MARK)) return out;
  scanJournal(file, ({ entry: e }) => {
    if (e.op !== 'key.retire') return;
    const fp = (e.data as { fingerprint?: unknown }).fingerprint;
    const reason = (e.data as { reason?: unknown }).reason;
    if (typeof fp === 'string') out.set(fp.toLowerCase(), { seq: e.seq, ts: e.ts, reason: typeof reason === 'string' ? reason : '' });
  });
  return out;
}
