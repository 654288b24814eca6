/**
 * The journal file: default path, verified append (one write + fsync under an exclusive lock
 * file), and reading. Appending verifies the existing chain first and refuses to extend a
 * journal that has been tampered with.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { InputError, RuntimeFailure } from '../core/errors.js';
import { entryLine, lineHash, nextEntry, type JournalEntry } from '../core/journal/entry.js';
import { verifyJournal, type JournalState } from '../core/journal/verify.js';

/** --journal, else $COLDKIT_JOURNAL, else ~/.coldkit/journal.jsonl. */
export function journalPath(flag: string | undefined, env: Record<string, string | undefined>): string {
  return flag ?? env.COLDKIT_JOURNAL ?? path.join(os.homedir(), '.coldkit', 'journal.jsonl');
}

/** Read the journal text ('' when the file does not exist yet). */
export function readJournalText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return '';
    if (code === 'EISDIR') throw new InputError(`"${file}" is a folder; give the journal file (e.g. ${path.join(file, 'journal.jsonl')})`, '--journal');
    throw new RuntimeFailure(`cannot read journal "${file}": ${(e as NodeJS.ErrnoException).code}`);
  }
}

/** Read and verify. */
export function readJournal(file: string): JournalState {
  return verifyJournal(readJournalText(file));
}

/** Fields the executor supplies for every entry. */
export interface EntryFields {
  ts: string;
  operator: string;
  host: string;
  tool: string;
}

/**
 * Append entries: take the lock, verify the chain, write all new lines in ONE write, fsync,
 * release. A crash leaves either the old file or the old file plus whole lines.
 */
export function appendEntries(file: string, acts: { op: string; data: Record<string, unknown> }[], fields: EntryFields): JournalEntry[] {
  if (acts.length === 0) return [];
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true, mode: 0o700 });
  const lock = `${file}.lock`;
  const release = takeLock(lock);
  try {
    const state = readJournal(file);
    let head = { seq: state.seq, hash: state.hash };
    const out: JournalEntry[] = [];
    let text = '';
    for (const act of acts) {
      const e = nextEntry(head, { ...fields, op: act.op, data: act.data });
      const line = entryLine(e);
      text += line + '\n';
      head = { seq: e.seq, hash: lineHash(line) };
      out.push(e);
    }
    const fd = fs.openSync(file, 'a', 0o600);
    try {
      const buf = Buffer.from(text, 'utf8');
      const n = fs.writeSync(fd, buf);
      if (n !== buf.length) throw new RuntimeFailure(`journal "${file}": short write (${n} of ${buf.length} bytes)`);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    return out;
  } finally {
    release();
  }
}

function takeLock(lock: string): () => void {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      const fd = fs.openSync(lock, 'wx', 0o600);
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      return () => {
        try { fs.unlinkSync(lock); } catch { /* already gone */ }
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
