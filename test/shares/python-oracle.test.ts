/**
 * Differential test: the standalone Python decoder printed in docs/formats/shares-v1.md
 * (fixtures/shares-v1/v1_decode.py, standard library only) agrees with every frozen vector — it
 * rebuilds each valid set and refuses each invalid case. Skipped only where python3 is missing.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SLIP39_WORDS } from '../../src/core/shares/slip39-wordlist.js';
import { tmpDir } from '../helpers/cli.js';

const script = new URL('../../fixtures/shares-v1/v1_decode.py', import.meta.url);
const doc = fs.readFileSync(new URL('../../docs/formats/shares-v1.md', import.meta.url), 'utf8');
const vectors = JSON.parse(fs.readFileSync(new URL('../../fixtures/shares-v1/vectors.json', import.meta.url), 'utf8'));
const python = spawnSync('python3', ['--version']).status === 0;

describe('independent Python decoder', () => {
  it('is printed verbatim in the format document', () => {
    expect(doc).toContain('```python\n' + fs.readFileSync(script, 'utf8') + '```');
  });
  it.skipIf(!python)('rebuilds every valid vector and refuses every invalid one', () => {
    const dir = tmpDir('coldkit-py-');
    const words = path.join(dir, 'wordlist.txt');
    fs.writeFileSync(words, SLIP39_WORDS.join('\n') + '\n');
    const run = (shares: string[]) => spawnSync('python3', [script.pathname, words], { input: shares.join('\n') + '\n', encoding: 'utf8' });
    for (const v of vectors.valid) {
      for (const ks of v.combine as number[][]) {
        const r = run(ks.map((k) => v.shares[k - 1]));
        expect(r.status, r.stderr).toBe(0);
        expect(r.stdout.trim()).toBe(v.entropy);
      }
    }
    for (const v of vectors.invalid) expect(run(v.shares).status, v.description).not.toBe(0);
  });
});
