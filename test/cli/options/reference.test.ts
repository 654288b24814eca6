/**
 * src/cli/options/reference.ts: the docs' options blocks are made from the tables. A block that
 * was edited by hand, or is stale, differs from its regeneration (so the docs test fails); links
 * in doc texts are rewritten for pages under docs/cli/; an unknown block name is an error.
 */
import { describe, expect, it } from 'vitest';
import { GLOBAL_OPTIONS } from '../../../src/cli/commands/globals.js';
import { commandReference, regenerate } from '../../../src/cli/options/reference.js';
import { command } from '../../../src/cli/options/spec.js';
import { OVERRIDES } from '../../../src/cli/overrides.js';

const spec = command({
  name: 'demo run',
  args: [{ name: '[file]', help: 'the input' }],
  options: {
    rate: { flag: '--rate <n>', help: 'a rate', doc: 'a rate, see [qr.md](cli/qr.md) and [dice.md](dice.md)', default: '500' },
    mode: { flag: '--mode <m>', help: 'a mode', choices: ['a', 'b'], default: 'a' },
    extra: { flag: '--extra', help: 'only in mode b', only: { mode: ['b'] } },
  },
  overrides: ['high-fee'],
  globals: ['yes'],
});
const commands = new Map([[spec.name, spec]]);
const page = (body: string): string => `# title\n\n<!-- options:demo run -->\n${body}\n<!-- /options -->\n\nmore text\n`;

describe('regenerate', () => {
  const fresh = regenerate(page(''), 'docs/cli.md', commands, GLOBAL_OPTIONS).text;
  it('fills a block from the table and leaves the rest of the page alone', () => {
    expect(fresh.startsWith('# title\n\n<!-- options:demo run -->\n| option | meaning |\n')).toBe(true);
    expect(fresh.endsWith('\n<!-- /options -->\n\nmore text\n')).toBe(true);
    expect(fresh).toContain('| `--rate <n>` | a rate, see [qr.md](cli/qr.md) and [dice.md](dice.md). Default `500`. |');
    expect(fresh).toContain('| `--mode <m>` | a mode. One of `a` or `b`. Default `a`. |');
    expect(fresh).toContain('| `--extra` | only in mode b. Only with `--mode b`. |');
    expect(fresh).toContain(`| \`--allow-high-fee\` | ${OVERRIDES['high-fee']}. Refused otherwise (exit 3); the override is journaled. |`);
    expect(fresh).toContain('| global options | `--json`, `--journal`, `--operator`, `--yes`, `--debug` ([global options](#global-options)). |');
  });
  it('is stable, and a hand edit inside a block is undone (the docs test then fails)', () => {
    expect(regenerate(fresh, 'docs/cli.md', commands, GLOBAL_OPTIONS).text).toBe(fresh);
    const edited = fresh.replace('Default `500`', 'Default `400`');
    expect(regenerate(edited, 'docs/cli.md', commands, GLOBAL_OPTIONS).text).toBe(fresh);
  });
  it('rewrites docs-relative links for pages under docs/cli/', () => {
    const sub = regenerate(page(''), 'docs/cli/demo.md', commands, GLOBAL_OPTIONS).text;
    expect(sub).toContain('see [qr.md](qr.md) and [dice.md](../dice.md)');
    expect(sub).toContain('([global options](../cli.md#global-options))');
  });
  it('refuses a block naming no command', () => {
    expect(() => regenerate('<!-- options:demo walk -->\n<!-- /options -->\n', 'docs/cli.md', commands, GLOBAL_OPTIONS)).toThrow(/names no command/);
  });
  it('lists the blocks of a page', () => {
    expect(regenerate(page('x') + page('y'), 'docs/cli.md', commands, GLOBAL_OPTIONS).names).toEqual(['demo run', 'demo run']);
  });
});

describe('commandReference', () => {
  it('escapes the table separator inside cells', () => {
    const t = commandReference(command({ name: 'x y', options: { f: { flag: '--f <a|b>', help: 'a | b' } } }));
    expect(t).toContain('| `--f <a\\|b>` | a \\| b. |');
  });
});
