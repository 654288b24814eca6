/**
 * Reading a journal file as a stream: fixed-size chunks, split into lines, so memory stays flat
 * however long the journal grows (one chunk plus the longest line). Every byte read can also be fed
 * to a running SHA-256 of the file, so verifying the lines and extending the checkpoint's digest
 * take one read. Used by src/cli/journal-file.ts; verification itself is core's (ChainVerifier).
 */
import type { Hash } from 'node:crypto';
import * as fs from 'node:fs';
import { MAX_LINE_BYTES } from '../core/journal/chain.js';

/** Bytes read at a time. */
const CHUNK = 1 << 20;

/** One line: its bytes without the newline, and the file offset just after it. */
export interface FileLine {
  /** A view valid only until the next line is asked for (the FileLine object itself is reused too). */
  bytes: Uint8Array;
  end: number;
  /** False for a last piece that has no newline (a truncated line, or one being written). */
  terminated: boolean;
}

/** Feed the file's bytes [from, to) to `h`, in one streaming pass. */
export function hashRange(fd: number, from: number, to: number, h: Hash): void {
  const buf = Buffer.allocUnsafe(CHUNK);
  for (let pos = from; pos < to; ) {
    const n = fs.readSync(fd, buf, 0, Math.min(CHUNK, to - pos), pos);
    if (n === 0) break;
    h.update(buf.subarray(0, n));
    pos += n;
  }
}

/**
 * The lines of an open file from byte `from` to its end. The bytes of every whole line (with its
 * newline) are fed to `h` when given; a last piece without a newline is not. A line longer than
 * MAX_LINE_BYTES is handed over cut at MAX_LINE_BYTES + 1 bytes (core refuses it) and ends the walk.
 */
export function* fileLines(fd: number, from: number, h?: Hash): Generator<FileLine> {
  const buf = Buffer.allocUnsafe(CHUNK);
  const out: FileLine = { bytes: buf.subarray(0, 0), end: 0, terminated: true };
  let pos = from;
  let carry: Buffer | undefined;
  for (;;) {
    const n = fs.readSync(fd, buf, 0, CHUNK, pos);
    if (n === 0) break;
    const chunk = buf.subarray(0, n);
    let start = 0;
    for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10, start)) {
      let bytes: Uint8Array = chunk.subarray(start, nl);
      if (carry) {
        h?.update(carry);
        bytes = Buffer.concat([carry, bytes]);
        carry = undefined;
      }
      out.bytes = bytes;
      out.end = pos + nl + 1;
      yield out;
      start = nl + 1;
    }
    if (start > 0) h?.update(chunk.subarray(0, start));
    pos += n;
    if (start < n) {
      carry = carry ? Buffer.concat([carry, chunk.subarray(start)]) : Buffer.from(chunk.subarray(start));
      if (carry.length > MAX_LINE_BYTES) {
        out.bytes = carry.subarray(0, MAX_LINE_BYTES + 1);
        out.end = pos;
        yield out;
        return;
      }
    }
  }
  if (carry) {
    out.bytes = carry;
    out.end = pos;
    out.terminated = false;
    yield out;
  }
}
