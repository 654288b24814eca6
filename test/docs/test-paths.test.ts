/** Every test file named in README.md, test/README.md, docs/ and the fixtures' SOURCE.md files exists, so a reader following one lands on it. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

function markdown(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? markdown(path.join(dir, e.name)) : e.name.endsWith('.md') ? [path.join(dir, e.name)] : []));
}

it('every test/… path in the docs and fixture sources names a file', () => {
  const files = [path.join(ROOT, 'README.md'), path.join(ROOT, 'test', 'README.md'), ...markdown(path.join(ROOT, 'docs')), ...markdown(path.join(ROOT, 'fixtures')).filter((f) => path.basename(f) === 'SOURCE.md')];
  const named = files.flatMap((f) =>
    // A path of this repository starts the word: "…/test/x.ts" inside another project's URL does not count.
    [...fs.readFileSync(f, 'utf8').matchAll(/(?<![\w./-])test\/[\w./-]+?\.(?:ts|mjs)\b/g)].map((m) => ({ doc: path.relative(ROOT, f), test: m[0] })),
  );
  expect(named.length).toBeGreaterThan(20);
  expect(named.filter((n) => !fs.existsSync(path.join(ROOT, n.test)))).toEqual([]);
});
