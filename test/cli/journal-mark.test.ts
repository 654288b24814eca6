/**
 * fileContains: the byte scan that lets a command skip parsing the journal. It must never say no
 * when the marker is there — at the start, at the end, across the 1 MiB read boundary, in a file
 * smaller than the marker's overlap — and says no for a missing file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileContains } from '../../src/cli/journal-mark.js';
import { tmpDir } from '../helpers/cli.js';

const dir = tmpDir('coldkit-mark-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const MARK = Buffer.from('"op":"key.retire"');
let n = 0;
const file = (bytes: Buffer): string => {
  const f = path.join(dir, `j${n++}.jsonl`);
  fs.writeFileSync(f, bytes);
  return f;
};
const filler = (size: number) => Buffer.alloc(size, 'x');

describe('fileContains', () => {
  it('finds the marker at the start and at the end of a small file', () => {
    expect(fileContains(file(Buffer.concat([MARK, filler(10)])), MARK)).toBe(true);
    expect(fileContains(file(Buffer.concat([filler(10), MARK])), MARK)).toBe(true);
    expect(fileContains(file(MARK), MARK)).toBe(true);
  });

  it('finds it across every offset around the 1 MiB read boundary', () => {
    const MiB = 1 << 20;
    for (let shift = -MARK.length; shift <= 1; shift++) {
      const f = file(Buffer.concat([filler(MiB + shift), MARK, filler(100)]));
      expect(fileContains(f, MARK), `at ${MiB + shift}`).toBe(true);
    }
    expect(fileContains(file(Buffer.concat([filler(3 * MiB + 5), MARK])), MARK)).toBe(true);
  });

  it('says no when the marker is absent or cut short, and for a missing or empty file', () => {
    expect(fileContains(file(Buffer.concat([filler(2 << 20), MARK.subarray(0, MARK.length - 1)])), MARK)).toBe(false);
    expect(fileContains(file(Buffer.alloc(0)), MARK)).toBe(false);
    expect(fileContains(path.join(dir, 'none.jsonl'), MARK)).toBe(false);
  });
});
