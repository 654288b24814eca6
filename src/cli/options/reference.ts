/**
 * The options reference in the docs, made from the option tables: one Markdown table per
 * command between `<!-- options:<command> -->` and `<!-- /options -->` in docs/cli.md and
 * docs/cli/<group>.md (`<!-- options:global -->` for the global options). `npm run docs`
 * rewrites the blocks (test/helpers/cli-reference.ts); test/docs/cli-docs.test.ts fails when a block
 * differs from what the tables make. Pure: text in, text out.
 */
import { GLOBAL_OPTIONS, globalsOf } from '../commands/globals.js';
import { OVERRIDES, overrideFlag } from '../overrides.js';
import { longFlag, type CommandSpec, type OptionSpec } from './spec.js';

/** The block name of the global options. */
export const GLOBAL_BLOCK = 'global';

const BLOCK = /<!-- options:([^>]+?) -->\n[\s\S]*?<!-- \/options -->/g;

/** Markdown links in doc texts are relative to docs/; make them relative to `file` (docs/… path). */
function relink(md: string, file: string): string {
  if (!file.startsWith('docs/cli/')) return md.replace(/\]\(cli\.md#/g, '](#');
  return md.replace(/\]\(([^)#][^)]*)\)/g, (all, target: string) => {
    if (/^[a-z]+:/.test(target)) return all;
    return `](${target.startsWith('cli/') ? target.slice(4) : `../${target}`})`;
  });
}

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (s: string): string => `\`${s}\``;
const sentence = (s: string): string => (/[.!?]$/.test(s.trim()) ? s.trim() : `${s.trim()}.`);
const either = (xs: readonly string[], word: string): string => (xs.length < 2 ? xs.join('') : `${xs.slice(0, -1).join(', ')} ${word} ${xs.at(-1)}`);

/** The meaning cell of one option: its doc text, then what the table says about it. */
function meaning(o: OptionSpec, flagOf: (key: string) => string): string {
  const parts = [sentence(o.doc ?? o.help)];
  if (o.choices) parts.push(`One of ${either(o.choices.map(code), 'or')}.`);
  if (o.default !== undefined) parts.push(`Default ${code(String(o.default))}.`);
  if (o.required) parts.push('Required.');
  if (o.repeatable) parts.push('Repeatable.');
  if (o.env) parts.push(`Environment: ${code(o.env)}.`);
  if (o.needs) parts.push(`Only with ${either(o.needs.map((k) => code(flagOf(k))), 'or')}.`);
  for (const [k, values] of Object.entries(o.only ?? {})) parts.push(`Only with ${either(values.map((v) => code(`${flagOf(k)} ${v}`)), 'or')}.`);
  if (o.conflicts) parts.push(`Not with ${either(o.conflicts.map((k) => code(flagOf(k))), 'or')}.`);
  return parts.join(' ');
}

function table(rows: Array<[string, string]>): string {
  return ['| option | meaning |', '|---|---|', ...rows.map(([a, b]) => `| ${cell(a)} | ${cell(b)} |`)].join('\n');
}

/** The reference of one command: its arguments, options, overrides and the global options that apply. */
export function commandReference(spec: CommandSpec): string {
  const flagOf = (k: string): string => longFlag(spec.options[k]!);
  const rows: Array<[string, string]> = [];
  for (const a of spec.args ?? []) rows.push([code(a.name), sentence(a.doc ?? a.help)]);
  for (const o of Object.values(spec.options)) if (!o.refused) rows.push([code(o.flag), meaning(o, flagOf)]);
  for (const c of spec.overrides ?? []) rows.push([code(overrideFlag(c)), `${sentence(OVERRIDES[c])} Refused otherwise (exit 3); the override is journaled.`]);
  for (const o of Object.values(spec.options)) if (o.refused) rows.push([code(longFlag(o)), `refused (exit 2): ${o.refused}.`]);
  const globals = globalsOf(spec).map((g) => code(longFlag(GLOBAL_OPTIONS[g])));
  rows.push(['global options', `${globals.join(', ')} ([global options](cli.md#global-options)).`]);
  return table(rows);
}

/** The reference of the global options (docs/cli.md). */
export function globalReference(globals: Readonly<Record<string, OptionSpec>>): string {
  const rows: Array<[string, string]> = Object.values(globals).map((o) => [code(o.flag), meaning(o, (k) => longFlag(globals[k]!))]);
  rows.push([code('-V, --version'), 'print the version.'], [code('-h, --help'), 'help for any command, with the global options that apply to it.']);
  return table(rows);
}

/**
 * `text` (the docs file `file`, e.g. docs/cli/psbt.md) with every options block regenerated;
 * `names` lists the blocks found. An unknown block name throws.
 */
export function regenerate(text: string, file: string, commands: ReadonlyMap<string, CommandSpec>, globals: Readonly<Record<string, OptionSpec>>): { text: string; names: string[] } {
  const names: string[] = [];
  const out = text.replace(BLOCK, (_all, name: string) => {
    names.push(name);
    const spec = commands.get(name);
    if (!spec && name !== GLOBAL_BLOCK) throw new Error(`${file}: <!-- options:${name} --> names no command`);
    const body = spec ? commandReference(spec) : globalReference(globals);
    return `<!-- options:${name} -->\n${relink(body, file)}\n<!-- /options -->`;
  });
  return { text: out, names };
}
