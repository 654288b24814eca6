/**
 * The CLI reference in the docs is made from the option tables, the same tables commander is
 * built from: regenerating the options blocks of docs/cli.md and docs/cli/*.md (`npm run docs`)
 * must change nothing; every command has exactly one block, on its group's page or in
 * docs/cli.md; commander knows no flag the tables do not declare; and every relative link in the
 * README and docs points at a file that exists.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/main.js';
import { GLOBAL_OPTIONS } from '../../src/cli/commands/globals.js';
import { commandTables } from '../../src/cli/commands/index.js';
import { GLOBAL_BLOCK } from '../../src/cli/options/reference.js';
import { longFlag } from '../../src/cli/options/spec.js';
import { overrideFlag } from '../../src/cli/overrides.js';
import { ROOT } from '../helpers/cli.js';
import { pages } from '../helpers/cli-reference.js';

const docs = await pages();
const tables = await commandTables();

describe('the options reference is generated from the option tables', () => {
  for (const p of docs) {
    it(`${p.file} is up to date (npm run docs)`, () => {
      expect(p.current).toBe(p.expected);
    });
  }
  it('every command has exactly one options block, in docs/cli.md or on its group page', () => {
    const where = new Map<string, string[]>();
    for (const p of docs) for (const n of p.names) where.set(n, [...(where.get(n) ?? []), p.file]);
    for (const t of tables) {
      const group = t.name.split(' ')[0]!;
      expect(where.get(t.name), t.name).toHaveLength(1);
      expect(['docs/cli.md', `docs/cli/${group}.md`], t.name).toContain(where.get(t.name)![0]);
    }
    expect(where.get(GLOBAL_BLOCK)).toEqual(['docs/cli.md']);
    expect([...where.keys()].sort()).toEqual([GLOBAL_BLOCK, ...tables.map((t) => t.name)].sort());
  });
});

function leaves(c: Command, trail: string[] = []): Array<{ name: string; cmd: Command }> {
  const here = c.name() === 'coldkit' ? [] : [...trail, c.name()];
  if (c.commands.length === 0) return [{ name: here.join(' '), cmd: c }];
  // A command with its own action may also have subcommands (`psbt reserves`, `psbt reserves verify`).
  const runs = here.length > 0 && (c as unknown as { _actionHandler?: unknown })._actionHandler ? [{ name: here.join(' '), cmd: c }] : [];
  return [...runs, ...c.commands.flatMap((s) => leaves(s, here))];
}

describe('commander is built from the tables alone', async () => {
  const program = await buildProgram();
  const byName = new Map(tables.map((t) => [t.name, t]));
  it('the program has exactly the commands of the tables', () => {
    expect(leaves(program).map((l) => l.name).sort()).toEqual([...byName.keys()].sort());
  });
  for (const { name, cmd } of leaves(program)) {
    it(`coldkit ${name}: every flag comes from its table`, () => {
      const t = byName.get(name)!;
      const declared = [...Object.values(t.options).flatMap((o) => [longFlag(o), ...(o.aliases ?? [])]), ...(t.overrides ?? []).map(overrideFlag)];
      expect(cmd.options.map((o) => o.long).sort()).toEqual(declared.sort());
    });
  }
  it('the global options come from their table', () => {
    expect(program.options.map((o) => o.long).filter((f) => f !== '--version').sort()).toEqual(Object.values(GLOBAL_OPTIONS).map(longFlag).sort());
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
