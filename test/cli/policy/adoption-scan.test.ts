/**
 * The adoption scan (src/cli/policy/adoption-scan.ts) finds an adoption entry's op wherever it lies
 * in the journal, across the 1 MiB read boundary too, and says no for everything else.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ADOPT_MARK, journalMayHoldAdoption } from '../../../src/cli/policy/adoption-scan.js';
import { tmpDir } from '../../helpers/cli.js';

const dir = tmpDir('coldkit-adoption-scan-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const file = (name: string, data: string | Uint8Array): string => {
  fs.writeFileSync(path.join(dir, name), data);
  return path.join(dir, name);
};

describe('journalMayHoldAdoption', () => {
  it('an absent or empty journal holds none', () => {
    expect(journalMayHoldAdoption(path.join(dir, 'absent.jsonl'))).toBe(false);
    expect(journalMayHoldAdoption(file('empty.jsonl', ''))).toBe(false);
  });
  it('finds the op at every offset around the 1 MiB read boundary', () => {
    const mib = 1 << 20;
    for (const start of [0, 5, mib - ADOPT_MARK.length - 1, mib - ADOPT_MARK.length, mib - 7, mib - 1, mib, mib + 3, 2 * mib - 4]) {
      const bytes = Buffer.alloc(2 * mib + 64, 0x20);
      ADOPT_MARK.copy(bytes, start);
      expect(journalMayHoldAdoption(file(`at-${start}.jsonl`, bytes)), `marker at ${start}`).toBe(true);
    }
  });
  it('a refused adoption (its command named in data) and a near miss are not adoptions', () => {
    const lines = ['{"op":"policy.refuse","data":{"command":"policy.adopt"}}', '{"op":"policy.adopted"}'.replace('adopted', 'adopt_'), '{"op": "policy.adopt"}'.replace('"op": ', '"op" :')];
    expect(journalMayHoldAdoption(file('refused.jsonl', lines.join('\n') + '\n'))).toBe(false);
  });
});

