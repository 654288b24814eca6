/**
 * Differential test: the standalone Python decoder printed in docs/formats/shares-v1.md
 * (fixtures/shares-v1/v1_decode.py, standard library only) agrees with every frozen vector — it
 * rebuilds each valid set and refuses each invalid case. Skipped only where python3 is missing.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SLIP39_WORDS } from '../../../src/core/shares/slip39-wordlist.js';
import { tmpDir } from '../../helpers/cli.js';

const script = new URL('../../../fixtures/shares-v1/v1_decode.py', import.meta.url);
const doc = fs.readFileSync(new URL('../../../docs/formats/shares-v1.md', import.meta.url), 'utf8');
const vectors = JSON.parse(fs.readFileSync(new URL('../../../fixtures/shares-v1/vectors.json', import.meta.url), 'utf8'));
const python = spawnSync('python3', ['--version']).status === 0;

describe('independent Python decoder', () => {
  it('is printed verbatim in the format document', () => {
    expect(doc).toContain('```python\n' + fs.readFileSync(script, 'utf8') + '```');
  });
  it.skipIf(!python)('rebuilds every valid vector and refuses every invalid one', () => {
    const dir = tmpDir('coldkit-py-');
    const words = path.join(dir, 'wordlist.txt');
    fs.writeFileSync(words, SLIP39_WORDS.join('\n') + '\n');
    // One interpreter for all vectors: load the script as a module and call parse/combine.
    const driver = [
      'import importlib.util, json, sys',
      `sys.argv = ['v1_decode.py', ${JSON.stringify(words)}]`,
      `spec = importlib.util.spec_from_file_location('v1', ${JSON.stringify(script.pathname)})`,
      'm = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)',
      'doc = json.load(sys.stdin)',
      "valid = [[m.combine([m.parse(v['shares'][k - 1]) for k in ks]).hex() for ks in v['combine']] for v in doc['valid']]",
      'def refused(v):',
      '    try: m.combine([m.parse(s) for s in v["shares"]])',
      '    except (AssertionError, StopIteration, KeyError): return True', // a failed check, an unknown word
      '    return False',
      "print(json.dumps({'valid': valid, 'invalid': [refused(v) for v in doc['invalid']]}))",
    ].join('\n');
    const r = spawnSync('python3', ['-c', driver], { input: JSON.stringify(vectors), encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const got = JSON.parse(r.stdout) as { valid: string[][]; invalid: boolean[] };
    vectors.valid.forEach((v: { entropy: string; combine: number[][] }, i: number) => expect(got.valid[i]).toEqual(v.combine.map(() => v.entropy)));
    vectors.invalid.forEach((v: { description: string }, i: number) => expect(got.invalid[i], v.description).toBe(true));
    expect(got.invalid).toHaveLength(vectors.invalid.length);
  });
});
