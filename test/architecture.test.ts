/**
 * The layering rules of the brief, checked on the source: src/core does no I/O and takes no clock
 * or randomness of its own, core never imports cli, and bin/coldkit only starts the CLI.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/cli.js';

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

/** Code without comments, so TSDoc quoting a rule does not count. */
function code(file: string): string {
  return fs.readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

const FORBIDDEN: Array<[RegExp, string]> = [
  [/from ['"]node:(fs|child_process|net|http|https|os|readline|worker_threads)['"]/, 'node I/O module'],
  [/from ['"](fs|child_process|os|net|http|https)['"]/, 'node I/O module'],
  [/\bprocess\.(env|argv|stdin|stdout|stderr|exit|cwd)\b/, 'process access'],
  [/\bDate\.now\(|new Date\(\)/, 'clock (take it as a parameter)'],
  [/\bMath\.random\(|getRandomValues\(|randomBytes\(/, 'randomness (take it as a parameter)'],
  [/\bfetch\(/, 'network'],
  [/\bconsole\./, 'printing'],
  [/from ['"][./]*\/cli\//, 'an import of src/cli'],
  [/@inquirer\/prompts/, 'prompts'],
];

describe('src/core is pure', () => {
  for (const f of walk(path.join(ROOT, 'src', 'core'))) {
    it(path.relative(ROOT, f), () => {
      const text = code(f);
      const hits = FORBIDDEN.filter(([re]) => re.test(text)).map(([, what]) => what);
      expect(hits).toEqual([]);
    });
  }
});

describe('bin/coldkit only starts the CLI', () => {
  it('imports nothing but dist/src/cli/main.js', () => {
    const text = fs.readFileSync(path.join(ROOT, 'bin', 'coldkit'), 'utf8');
    const imports = [...text.matchAll(/import\s*(?:[^'"]*from\s*)?\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);
    expect(imports).toEqual(['../dist/src/cli/main.js']);
  });
});
