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
 * The lines of an open file from byte `from` to its end, one next() call at a time (a plain method
 * call: no generator, which costs measurably over 100,000 lines). The bytes of every whole line
 * (with its newline) are fed to `h` when given; a last piece without a newline is not. A line
 * longer than MAX_LINE_BYTES is handed over cut at MAX_LINE_BYTES + 1 bytes (core refuses it) and
 * ends the reading.
 */
export class LineReader {
  readonly #fd: number;
  readonly #h: Hash | undefined;
  readonly #buf = Buffer.allocUnsafe(CHUNK);
  readonly #line: FileLine;
  /** The chunk in #buf, the file offset it was read from, and where its unread part starts. */
  #chunk: Buffer;
  #chunkAt: number;
  #start = 0;
  /** The start of a line that runs past the chunk, copied. */
  #carry: Buffer | undefined;
  #done = false;

  constructor(fd: number, from: number, h?: Hash) {
    this.#fd = fd;
    this.#h = h;
    this.#chunk = this.#buf.subarray(0, 0);
    this.#chunkAt = from;
    this.#line = { bytes: this.#chunk, end: from, terminated: true };
  }

  /** The next line (the same object each time, valid until the next call), or undefined at the end. */
  next(): FileLine | undefined {
    for (;;) {
      const chunk = this.#chunk;
      const nl = this.#start < chunk.length ? chunk.indexOf(10, this.#start) : -1;
      if (nl !== -1) {
        let bytes: Uint8Array = chunk.subarray(this.#start, nl);
        if (this.#carry) {
          this.#h?.update(this.#carry);
          bytes = Buffer.concat([this.#carry, bytes]);
          this.#carry = undefined;
        }
        this.#start = nl + 1;
        this.#line.bytes = bytes;
        this.#line.end = this.#chunkAt + nl + 1;
        return this.#line;
      }
      if (this.#done) return undefined;
      // No newline left in this chunk: hash its whole lines, keep the rest, read on.
      if (this.#start > 0) this.#h?.update(chunk.subarray(0, this.#start));
      if (this.#start < chunk.length) {
        const rest = chunk.subarray(this.#start);
        this.#carry = this.#carry ? Buffer.concat([this.#carry, rest]) : Buffer.from(rest);
        if (this.#carry.length > MAX_LINE_BYTES) {
          this.#done = true;
          this.#chunk = this.#buf.subarray(0, 0);
          return this.#last(this.#carry.subarray(0, MAX_LINE_BYTES + 1), true);
        }
      }
      this.#chunkAt += chunk.length;
      const n = fs.readSync(this.#fd, this.#buf, 0, CHUNK, this.#chunkAt);
      this.#chunk = this.#buf.subarray(0, n);
      this.#start = 0;
      if (n === 0) {
        this.#done = true;
        if (this.#carry) return this.#last(this.#carry, false);
      }
    }
  }

  #last(bytes: Uint8Array, terminated: boolean): FileLine {
    this.#carry = undefined;
    this.#line.bytes = bytes;
    this.#line.end = this.#chunkAt;
    this.#line.terminated = terminated;
    return this.#line;
  }
}
