/**
 * The checkpoint's trust model (src/cli/journal-checkpoint.ts, docs/formats/journal.md): it is a
 * cache, never a source of trust. Deleted, stale, damaged or forged, a tampered journal is still
 * refused before a command acts — except a checkpoint forged to match an edited file, which lets an
 * append through but never hides the edit from `journal verify` (which reads no checkpoint).
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { VerificationError } from '../../src/core/errors.js';
import { checkpointText, parseCheckpoint, type Checkpoint } from '../../src/core/journal/checkpoint.js';
import { checkpointPath } from '../../src/cli/journal-checkpoint.js';
import { appendEntries, openJournal, scanJournal } from '../../src/cli/journal-file.js';
import { tmpDir } from '../helpers/cli.js';

const root = tmpDir('coldkit-checkpoint-');
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
let n = 0;
const fields = { ts: '2026-11-26T08:00:00.000Z', operator: 'alice', host: 'h', tool: 'coldkit/0.2.0' };

/** A fresh journal of `entries` version-2 entries written by appendEntries (one per call), with its checkpoint. */
function journal(entries: number): string {
  const f = path.join(root, `j${n++}`, 'journal.jsonl');
  for (let i = 1; i <= entries; i++) appendEntries(f, [{ op: 'seed.check', data: { i } }], fields);
  return f;
}
const text = (f: string) => fs.readFileSync(f, 'utf8');
const lines = (f: string) => text(f).trimEnd().split('\n');
const write = (f: string, ls: string[]) => fs.writeFileSync(f, ls.join('\n') + '\n');
const sha = (b: string) => createHash('sha256').update(b).digest('hex');
const readCp = (f: string) => parseCheckpoint(fs.readFileSync(checkpointPath(f), 'utf8'));
const writeCp = (f: string, cp: Checkpoint) => fs.writeFileSync(checkpointPath(f), checkpointText(cp));
/** The checkpoint an honest coldkit would write for the file as it is now. */
const honest = (f: string): Checkpoint => {
  const t = text(f);
  const last = JSON.parse(t.trimEnd().split('\n').pop()!);
  return { offset: Buffer.byteLength(t), seq: last.seq, head: last.hash, sha256: sha(t) };
};
/** openJournal before a command acts; the notes it printed, or the error. */
function open(f: string): { head?: { seq: number; hash: string }; notes: string[]; error?: string } {
  const notes: string[] = [];
  try {
    const j = openJournal(f, { unlocked: true, note: (l) => notes.push(l) });
    return { head: { seq: j.head.seq, hash: j.head.hash }, notes };
  } catch (e) {
    expect(e).toBeInstanceOf(VerificationError);
    return { notes, error: (e as Error).message };
  }
}
const editLine = (f: string, i: number) => write(f, lines(f).map((l, k) => (k === i ? l.replace('"alice"', '"mallory"') : l)));

describe('the checkpoint appendEntries writes', () => {
  it('covers the whole file: offset, seq and hash of the last entry, SHA-256 of the bytes; mode 0600', () => {
    const f = journal(3);
    expect(readCp(f)).toEqual(honest(f));
    expect(fs.statSync(checkpointPath(f)).mode & 0o777).toBe(0o600);
    expect(open(f)).toEqual({ head: { seq: 3, hash: honest(f).head }, notes: [] });
  });
});

describe('deleted', () => {
  it('costs a full verification, and a new checkpoint is written', () => {
    const f = journal(4);
    const before = readCp(f);
    fs.unlinkSync(checkpointPath(f));
    expect(open(f)).toMatchObject({ head: { seq: 4 }, notes: [] });
    expect(readCp(f)).toEqual(before);
  });
  it('a tampered journal is still refused', () => {
    const f = journal(4);
    editLine(f, 1);
    fs.unlinkSync(checkpointPath(f));
    expect(open(f).error).toBe('journal line 2: its hash does not match its content — line 2 was edited');
  });
});

describe('stale (written before later entries)', () => {
  it('the lines after it are verified: an edit there is refused', () => {
    const f = journal(3);
    const old = readCp(f)!;
    appendEntries(f, [{ op: 'a', data: {} }, { op: 'b', data: {} }], fields);
    writeCp(f, old);
    editLine(f, 4);
    expect(open(f).error).toBe('journal line 5: its hash does not match its content — line 5 was edited');
  });
  it('an edit before its offset changes the digest: full verification refuses it', () => {
    const f = journal(5);
    editLine(f, 1);
    expect(open(f).error).toBe('journal line 2: its hash does not match its content — line 2 was edited');
  });
  it('intact: verified from the checkpoint on, and the checkpoint moves to the end', () => {
    const f = journal(3);
    const old = readCp(f)!;
    appendEntries(f, [{ op: 'a', data: {} }], fields);
    writeCp(f, old);
    expect(open(f)).toMatchObject({ head: { seq: 4 }, notes: [] });
    expect(readCp(f)).toEqual(honest(f));
  });
});

describe('damaged or forged so it does not match the file', () => {
  const cases: [string, (cp: Checkpoint, f: string) => Checkpoint, RegExp][] = [
    ['a wrong digest', (cp) => ({ ...cp, sha256: 'f'.repeat(64) }), /first \d+ bytes \(entries 1–4\) changed since its checkpoint was written, yet its chain verifies/],
    ['a wrong head', (cp) => ({ ...cp, head: 'e'.repeat(64) }), /does not describe the entry at its offset/],
    ['a wrong seq', (cp) => ({ ...cp, seq: 3 }), /does not describe the entry at its offset/],
    ['an offset inside a line', (cp, f) => ({ ...cp, offset: cp.offset - 10, sha256: sha(text(f).slice(0, cp.offset - 10)) }), /does not describe the entry at its offset/],
    ['an offset past the end', (cp) => ({ ...cp, offset: cp.offset + 100 }), /shorter than its checkpoint records/],
  ];
  it.each(cases)('%s: a tampered journal is still refused', (_name, forge) => {
    const f = journal(4);
    const cp = readCp(f)!;
    editLine(f, 2);
    writeCp(f, forge(cp, f));
    expect(open(f).error).toBe('journal line 3: its hash does not match its content — line 3 was edited');
  });
  it.each(cases)('%s: an intact journal verifies in full, with a warning, and the checkpoint is rewritten', (_name, forge, warning) => {
    const f = journal(4);
    writeCp(f, forge(readCp(f)!, f));
    const r = open(f);
    expect(r.head?.seq).toBe(4);
    expect(r.notes).toHaveLength(1);
    expect(r.notes[0]).toMatch(/^journal: warning: /);
    expect(r.notes[0]).toMatch(warning);
    expect(readCp(f)).toEqual(honest(f));
  });
  it('malformed text is no checkpoint: full verification, no warning', () => {
    const f = journal(2);
    fs.writeFileSync(checkpointPath(f), '{"kind":"coldkit/journal-checkpoint"');
    expect(open(f)).toMatchObject({ head: { seq: 2 }, notes: [] });
    editLine(f, 0);
    fs.writeFileSync(checkpointPath(f), 'garbage');
    expect(open(f).error).toMatch(/^journal line 1: its hash does not match/);
  });
});

describe('forged to match an edited file (by someone who can write both files)', () => {
  it('an append goes through, but the edit stays in the file and journal verify (no checkpoint) reports it', () => {
    const f = journal(4);
    editLine(f, 1);
    writeCp(f, honest(f));
    expect(open(f)).toMatchObject({ head: { seq: 4 }, notes: [] });
    appendEntries(f, [{ op: 'after', data: {} }], fields);
    expect(lines(f)).toHaveLength(5);
    expect(() => scanJournal(f)).toThrow('journal line 2: its hash does not match its content — line 2 was edited');
  });
});

describe('what only the checkpoint can notice is reported, never trusted', () => {
  it('entries cut from the end: the shorter chain verifies, with a warning', () => {
    const f = journal(5);
    write(f, lines(f).slice(0, 3));
    const r = open(f);
    expect(r.head?.seq).toBe(3);
    expect(r.notes[0]).toMatch(/^journal: warning: the journal is shorter than its checkpoint records \(entry 5 ended at byte \d+; the file now has \d+ bytes\), yet its chain verifies: entries were cut from the end, or the file was replaced\. Compare its head with your paper anchor/);
    expect(open(f).notes).toEqual([]);
  });
  it('entries edited and rehashed: the chain verifies, with a warning', () => {
    const f = journal(3);
    // The same three entries rewritten with another operator, every hash recomputed by coldkit itself.
    const g = path.join(root, `j${n++}`, 'journal.jsonl');
    for (let i = 1; i <= 3; i++) appendEntries(g, [{ op: 'seed.check', data: { i } }], { ...fields, operator: 'mallory' });
    fs.copyFileSync(g, f);
    const r = open(f);
    expect(r.head?.seq).toBe(3);
    expect(r.notes[0]).toMatch(/changed since its checkpoint was written, yet its chain verifies: entries were edited and their hashes recomputed, or the file was replaced by another journal/);
  });
});

describe('a last line being written, and files replaced between the check and the append', () => {
  it('without the lock, a partial last line is left for the append when another coldkit holds the lock', () => {
    const f = journal(2);
    const whole = text(f);
    fs.appendFileSync(f, '{"v":2,"seq":3,');
    expect(open(f).error).toBe('journal line 3: the file does not end with a newline — the last line is truncated or was appended to by hand');
    fs.writeFileSync(`${f}.lock`, String(process.pid));
    try {
      const j = openJournal(f, { unlocked: true });
      expect([j.head.seq, j.offset]).toEqual([2, Buffer.byteLength(whole)]);
    } finally {
      fs.unlinkSync(`${f}.lock`);
    }
    // Under the lock the partial line is damage: the append refuses and writes nothing.
    expect(() => appendEntries(f, [{ op: 'x', data: {} }], fields)).toThrow(/journal line 3: the file does not end with a newline/);
    expect(text(f)).toBe(whole + '{"v":2,"seq":3,');
  });
  it('the journal moved aside after the check: the append re-verifies the new file under the lock', () => {
    const f = journal(3);
    const j = openJournal(f, { unlocked: true });
    fs.renameSync(f, `${f}.old`);
    appendEntries(f, [{ op: 'other', data: {} }], fields);
    const r = appendEntries(j, [{ op: 'late', data: {} }], fields);
    expect(r[0]!.seq).toBe(2);
    expect(scanJournal(f).seq).toBe(2);
  });
  it('the journal cut after the check: the append re-verifies under the lock and continues the shorter chain', () => {
    const f = journal(4);
    const j = openJournal(f, { unlocked: true });
    write(f, lines(f).slice(0, 2));
    expect(appendEntries(j, [{ op: 'late', data: {} }], fields)[0]!.seq).toBe(3);
    expect(scanJournal(f).seq).toBe(3);
  });
  it('entries appended by others between the check and the append are verified, and an edit among them refused', () => {
    const f = journal(2);
    const j = openJournal(f, { unlocked: true });
    appendEntries(f, [{ op: 'other', data: {} }], fields);
    const ok = openJournal(f, { unlocked: true });
    appendEntries(f, [{ op: 'another', data: {} }], fields);
    editLine(f, 3);
    expect(() => appendEntries(ok, [{ op: 'late', data: {} }], fields)).toThrow('journal line 4: its hash does not match its content — line 4 was edited');
    expect(lines(f)).toHaveLength(4);
    void j;
  });
});
