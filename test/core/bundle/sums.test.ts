/** SHA256SUMS: the coreutils format both ways, and the comparison of a folder with its list. */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/errors.js';
import { compareSums, formatSums, parseSums } from '../../../src/core/bundle/sums.js';
import { tmpDir } from '../../helpers/cli.js';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

describe('formatSums / parseSums', () => {
  const files = [
    { path: 'lib/b.mjs', sha256: sha('b') },
    { path: 'LICENSE', sha256: sha('l') },
    { path: 'coldkit', sha256: sha('c') },
  ];

  it('sorts by path in byte order (upper case first, as LC_ALL=C sort) and round-trips', () => {
    const text = formatSums(files);
    expect(text.split('\n').filter(Boolean).map((l) => l.slice(66))).toEqual(['LICENSE', 'coldkit', 'lib/b.mjs']);
    expect(parseSums(text)).toEqual([...files].sort((a, b) => (a.path < b.path ? -1 : 1)));
  });

  it.skipIf(spawnSync('sha256sum', ['--version']).status !== 0)('is what sha256sum -c checks, and what sha256sum writes', () => {
    const dir = tmpDir('coldkit-sums-');
    fs.mkdirSync(path.join(dir, 'lib'));
    for (const [p, c] of [['lib/b.mjs', 'b'], ['LICENSE', 'l'], ['coldkit', 'c']] as const) fs.writeFileSync(path.join(dir, p), c);
    fs.writeFileSync(path.join(dir, 'SHA256SUMS'), formatSums(files));
    const check = spawnSync('sha256sum', ['-c', '--strict', 'SHA256SUMS'], { cwd: dir, encoding: 'utf8' });
    expect(check.status, check.stdout + check.stderr).toBe(0);
    const made = spawnSync('sha256sum', ['LICENSE', 'coldkit', 'lib/b.mjs'], { cwd: dir, encoding: 'utf8' });
    expect(made.stdout).toBe(formatSums(files));
  });

  it.each([
    ['not a sum line', 'hello\n', /line 1 is not/],
    ['a short hash', `${sha('x').slice(1)}  a\n`, /line 1 is not/],
    ['an absolute path', `${sha('x')}  /etc/passwd\n`, /outside the folder/],
    ['a parent reference', `${sha('x')}  a/../../b\n`, /outside the folder/],
    ['a path listed twice', `${sha('x')}  a\n${sha('y')}  a\n`, /line 2 lists "a" a second time/],
  ])('refuses %s', (_n, text, msg) => {
    expect(() => parseSums(text)).toThrow(InputError);
    expect(() => parseSums(text)).toThrow(msg);
  });
});

describe('compareSums', () => {
  const listed = [
    { path: 'a', sha256: sha('a') },
    { path: 'b', sha256: sha('b') },
    { path: 'c', sha256: sha('c') },
  ];

  it('every file ok', () => {
    const got = compareSums(listed, new Map(listed.map((f) => [f.path, f.sha256])));
    expect(got.map((f) => f.status)).toEqual(['ok', 'ok', 'ok']);
  });

  it('names a changed, a missing and an added file', () => {
    const got = compareSums(listed, new Map([['a', sha('a')], ['b', sha('B')], ['d', sha('d')]]));
    expect(got).toEqual([
      { path: 'a', status: 'ok', expected: sha('a'), actual: sha('a') },
      { path: 'b', status: 'changed', expected: sha('b'), actual: sha('B') },
      { path: 'c', status: 'missing', expected: sha('c') },
      { path: 'd', status: 'unexpected', actual: sha('d') },
    ]);
  });
});
