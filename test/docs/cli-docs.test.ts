/**
 * The CLI contract is documented: every command and every flag that commander knows appears in
 * docs/cli.md or its group page docs/cli/<group>.md, and every relative link in the README and
 * docs points at a file that exists.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/main.js';
import { ROOT } from '../helpers/cli.js';

function leaves(c: Command, trail: string[] = []): Array<{ path: string[]; cmd: Command }> {
  const here = c.name() === 'coldkit' ? [] : [...trail, c.name()];
  if (c.commands.length === 0) return [{ path: here, cmd: c }];
  return c.commands.flatMap((s) => leaves(s, here));
}

function docFor(group: string): string {
  const page = path.join(ROOT, 'docs', 'cli', `${group}.md`);
  const main = fs.readFileSync(path.join(ROOT, 'docs', 'cli.md'), 'utf8');
  return fs.existsSync(page) ? main + '\n' + fs.readFileSync(page, 'utf8') : main;
}

const program = await buildProgram();

describe('docs/cli.md covers the CLI', () => {
  for (const { path: p, cmd } of leaves(program)) {
    const name = p.join(' ');
    it(`documents coldkit ${name} and each of its flags`, () => {
      const doc = docFor(p[0]!);
      expect(doc, `command "${name}"`).toContain(name);
      const missing = cmd.options.map((o) => o.long).filter((f): f is string => !!f && f !== '--help').filter((f) => !doc.includes(f));
      expect(missing, `flags of "${name}" missing from the docs`).toEqual([]);
    });
  }
  it('documents the global options', () => {
    const doc = docFor('');
    for (const o of program.options) if (o.long) expect(doc).toContain(o.long);
  });
});

describe('relative links in README and docs resolve', () => {
  const files = [path.join(ROOT, 'README.md'), ...walk(path.join(ROOT, 'docs'))];
  for (const f of files) {
    it(path.relative(ROOT, f), () => {
      const text = fs.readFileSync(f, 'utf8');
      const broken = [...text.matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)]
        .map((m) => m[1]!)
        .filter((l) => !/^[a-z]+:/.test(l))
        .filter((l) => !fs.existsSync(path.resolve(path.dirname(f), l)));
      expect(broken).toEqual([]);
    });
  }
});

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith('.md') ? [path.join(dir, e.name)] : []));
}
