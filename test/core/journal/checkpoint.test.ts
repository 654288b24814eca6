/**
 * src/core/journal/checkpoint.ts: the checkpoint line round-trips, and anything malformed reads
 * as no checkpoint at all (a full verification), never as a partial one.
 */
import { describe, expect, it } from 'vitest';
import { CHECKPOINT_KIND, checkpointText, parseCheckpoint } from '../../../src/core/journal/checkpoint.js';

const cp = { offset: 896, seq: 2, head: 'a'.repeat(64), sha256: 'b'.repeat(64) };

describe('checkpoint', () => {
  it('one JSON line with kind and version, read back as written', () => {
    const text = checkpointText(cp);
    expect(text).toBe(`{"kind":"${CHECKPOINT_KIND}","version":1,"offset":896,"seq":2,"head":"${'a'.repeat(64)}","sha256":"${'b'.repeat(64)}"}\n`);
    expect(parseCheckpoint(text)).toEqual(cp);
    expect(parseCheckpoint(checkpointText({ offset: 0, seq: 0, head: '0'.repeat(64), sha256: 'c'.repeat(64) }))).toMatchObject({ offset: 0, seq: 0 });
  });
  const o = JSON.parse(checkpointText(cp)) as Record<string, unknown>;
  it.each([
    ['not JSON', '{"kind":'],
    ['null', 'null'],
    ['another kind', JSON.stringify({ ...o, kind: 'x' })],
    ['another version', JSON.stringify({ ...o, version: 2 })],
    ['negative offset', JSON.stringify({ ...o, offset: -1 })],
    ['fractional offset', JSON.stringify({ ...o, offset: 1.5 })],
    ['offset as a string', JSON.stringify({ ...o, offset: '896' })],
    ['seq missing', JSON.stringify({ ...o, seq: undefined })],
    ['head too short', JSON.stringify({ ...o, head: 'a'.repeat(63) })],
    ['digest in upper case', JSON.stringify({ ...o, sha256: 'B'.repeat(64) })],
    ['seq 0 with an offset', JSON.stringify({ ...o, seq: 0 })],
    ['offset 0 with a seq', JSON.stringify({ ...o, offset: 0 })],
  ])('%s: no checkpoint', (_name, text) => {
    expect(parseCheckpoint(text)).toBeUndefined();
  });
});
