/**
 * Regenerates the options reference in docs/cli.md and docs/cli/*.md from the option tables
 * (src/cli/options/reference.ts). `npm run docs` runs it to rewrite the files; the docs test
 * imports it to compare. Add a block for a new command with a line pair
 * `<!-- options:<group> <command> -->` / `<!-- /options -->` where its options belong.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { GLOBAL_OPTIONS } from '../../src/cli/commands/globals.js';
import { commandTables } from '../../src/cli/commands/index.js';
import { regenerate } from '../../src/cli/options/reference.js';

/** The repository root (this file runs from test/docs or from dist/test/docs). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), fileURLToPath(import.meta.url).includes(`${path.sep}dist${path.sep}`) ? '../../..' : '../..');

/** One docs page: its text now, its text with regenerated blocks, and the blocks it holds. */
export interface Page {
  file: string;
  current: string;
  expected: string;
  names: string[];
}

/** docs/cli.md and every docs/cli/*.md, regenerated. */
export async function pages(): Promise<Page[]> {
  const commands = new Map((await commandTables()).map((c) => [c.name, c]));
  const files = ['docs/cli.md', ...fs.readdirSync(path.join(ROOT, 'docs/cli')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/cli/${f}`)];
  return files.map((file) => {
    const current = fs.readFileSync(path.join(ROOT, file), 'utf8');
    const { text, names } = regenerate(current, file, commands, GLOBAL_OPTIONS);
    return { file, current, expected: text, names };
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const p of await pages()) {
    if (p.expected === p.current) continue;
    fs.writeFileSync(path.join(ROOT, p.file), p.expected);
    console.log(`updated ${p.file}`);
  }
}
