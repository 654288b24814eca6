/**
 * src/cli/journal-stream.ts: lines split across 1 MiB chunk boundaries come out whole, offsets are
 * exact, a last piece without newline is flagged, the running digest covers exactly the whole lines
 * handed over, and an over-long line ends the walk without reading it all into memory.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_LINE_BYTES } from '../../src/core/journal/chain.js';
import { hashRange, LineReader, type FileLine } from '../../src/cli/journal-stream.js';
import { tmpDir } from '../helpers/cli.js';

const dir = tmpDir('coldkit-stream-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function withFile<T>(name: string, content: string | Buffer, fn: (fd: number) => T): T {
  const f = path.join(dir, name);
  fs.writeFileSync(f, content);
  const fd = fs.openSync(f, 'r');
  try {
    return fn(fd);
  } finally {
    fs.closeSync(fd);
  }
}

const sha = (b: string | Buffer) => createHash('sha256').update(b).digest('hex');
/** Every line a reader gives, mapped as it comes (a line is valid only until the next). */
function all<T>(r: LineReader, map: (l: FileLine) => T): T[] {
  const out: T[] = [];
  for (let l = r.next(); l; l = r.next()) out.push(map(l));
  return out;
}

describe('LineReader', () => {
  it('lines of every length around the 1 MiB chunk size come out whole, with exact end offsets', () => {
    const lines = [5, (1 << 20) - 3, 1, (1 << 20) + 7, 0, 2 * (1 << 20) + 1, 9].map((n, i) => String.fromCharCode(97 + i).repeat(n));
    const text = lines.join('\n') + '\n';
    withFile('chunks.txt', text, (fd) => {
      const h = createHash('sha256');
      const got = all(new LineReader(fd, 0, h), (l) => ({ s: Buffer.from(l.bytes).toString(), end: l.end, t: l.terminated }));
      expect(got.map((g) => g.s)).toEqual(lines);
      let end = 0;
      got.forEach((g, i) => {
        end += lines[i]!.length + 1;
        expect(g.end).toBe(end);
        expect(g.t).toBe(true);
      });
      expect(h.digest('hex')).toBe(sha(text));
    });
  });
  it('from an offset; a last piece without newline is flagged and left out of the digest', () => {
    const text = 'one\ntwo\nthree\nfou';
    withFile('tail.txt', text, (fd) => {
      const h = createHash('sha256');
      const got = all(new LineReader(fd, 4, h), (l) => [Buffer.from(l.bytes).toString(), l.end, l.terminated]);
      expect(got).toEqual([['two', 8, true], ['three', 14, true], ['fou', 17, false]]);
      expect(h.digest('hex')).toBe(sha('two\nthree\n'));
    });
  });
  it('an empty file, and a file of one unterminated piece', () => {
    withFile('empty.txt', '', (fd) => expect(new LineReader(fd, 0).next()).toBeUndefined());
    withFile('piece.txt', 'x'.repeat(3 << 20), (fd) => {
      const got = all(new LineReader(fd, 0), (l) => [l.bytes.length, l.end, l.terminated]);
      expect(got).toEqual([[3 << 20, 3 << 20, false]]);
    });
  });
  it('a line over the limit is handed over cut at limit + 1 bytes, and the walk ends', () => {
    withFile('long.txt', Buffer.concat([Buffer.alloc(MAX_LINE_BYTES + (3 << 20), 0x61), Buffer.from('\nnext\n')]), (fd) => {
      const got = all(new LineReader(fd, 0), (l) => l.bytes.length);
      expect(got).toEqual([MAX_LINE_BYTES + 1]);
    });
  });
});

describe('hashRange', () => {
  it('hashes exactly [from, to)', () => {
    const text = 'x'.repeat(3 << 20) + 'tail';
    withFile('range.txt', text, (fd) => {
      for (const [a, b] of [[0, 0], [0, text.length], [5, (1 << 20) + 9], [text.length - 4, text.length]] as const) {
        const h = createHash('sha256');
        hashRange(fd, a, b, h);
        expect(h.digest('hex')).toBe(sha(text.slice(a, b)));
      }
    });
  });
});
