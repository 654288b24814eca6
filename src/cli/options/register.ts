/**
 * Option tables → commander. Each command of a table becomes a commander command whose options,
 * defaults, choices, parsers, `--allow-<code>` overrides and help come from the table alone; its
 * action module is imported only when the command runs. Before that, options that do not apply
 * (a `refused` flag, an option without the option it `needs`, an option outside its `only` mode)
 * are refused with exit 2, naming the option — nothing is read, asked or written first.
 */
import { Option, type Command } from 'commander';
import type { LoadedAction } from '../command.js';
import { globalsOf } from '../commands/globals.js';
import { OVERRIDES, overrideFlag } from '../overrides.js';
import { isBoolean, keyOf, longFlag, type CommandSpec, type OptionSpec } from './spec.js';

/** Imports a command's action module. */
export type ActionLoader = () => Promise<{ default: LoadedAction }>;

/** The commander Option for one table entry (its key must be the camelCase of its long flag). */
function toOption(key: string, o: OptionSpec, flags = o.flag): Option {
  const long = longFlag(o);
  if (keyOf(long) !== key) throw new Error(`option table: key "${key}" does not match ${long} (expected "${keyOf(long)}")`);
  if (o.choices && (o.parse || o.repeatable)) throw new Error(`option table: ${long} has choices and a parser`);
  const opt = new Option(flags, o.help);
  if (o.choices) opt.choices([...o.choices]);
  if (o.parse || o.repeatable) {
    const parse = o.parse;
    opt.argParser((raw: string, previous: unknown) => {
      const v = parse ? parse(raw, long) : raw;
      return o.repeatable ? [...(Array.isArray(previous) ? previous : []), v] : v;
    });
  }
  if (o.default !== undefined) opt.default(o.default);
  if (o.required) opt.makeOptionMandatory();
  if (o.env) opt.env(o.env);
  if (o.conflicts) opt.conflicts([...o.conflicts]);
  if (o.refused) opt.hideHelp();
  return opt;
}

/**
 * Add a table of options to a commander command: each option, its hidden aliases, and `false`
 * for absent boolean flags (so the action's type says `boolean`, not `boolean | undefined`).
 */
export function addOptions(cmd: Command, options: Readonly<Record<string, OptionSpec>>): void {
  for (const [key, o] of Object.entries(options)) {
    for (const ref of [...(o.conflicts ?? []), ...(o.needs ?? []), ...Object.keys(o.only ?? {})]) {
      if (!(ref in options)) throw new Error(`option table: ${longFlag(o)} refers to "${ref}", which is not an option of this command`);
    }
    cmd.addOption(toOption(key, o));
    for (const alias of o.aliases ?? []) {
      const a = toOption(keyOf(alias), { ...o, flag: o.flag.replace(longFlag(o), alias) }).hideHelp();
      // The alias stores its value under the option's own key.
      a.attributeName = () => key;
      cmd.addOption(a);
    }
    if (isBoolean(o) && !o.flag.includes('--no-') && o.default === undefined) cmd.setOptionValueWithSource(key, false, 'default');
  }
}

/** The options of a command table plus its `--allow-<code>` overrides (help from OVERRIDES). */
function optionsWithOverrides(spec: CommandSpec): Record<string, OptionSpec> {
  const allows = (spec.overrides ?? []).map((code): [string, OptionSpec] => {
    const flag = overrideFlag(code);
    return [keyOf(flag), { flag, help: `${OVERRIDES[code]} (journaled)` }];
  });
  return { ...spec.options, ...Object.fromEntries(allows) };
}

/** Register one command table under `parent` (the last word of its name), its action loaded lazily. */
export function registerCommand(parent: Command, spec: CommandSpec, description: string, load: ActionLoader): Command {
  const cmd = parent.command(spec.name.split(' ').at(-1)!).description(description);
  for (const a of spec.args ?? []) cmd.argument(a.name, a.help);
  addOptions(cmd, optionsWithOverrides(spec));
  if (spec.helpAfter) cmd.addHelpText('after', spec.helpAfter);
  const applies = new Set<string>(globalsOf(spec));
  cmd.configureHelp({
    ...parent.configureHelp(),
    showGlobalOptions: true,
    visibleGlobalOptions: (c: Command) => rootOf(c).options.filter((o) => !o.hidden && applies.has(o.attributeName())),
  });
  cmd.action(async (...cmdArgs: unknown[]) => {
    const self = cmdArgs[cmdArgs.length - 1] as Command;
    refuseNotApplicable(self, spec);
    const positional = cmdArgs.slice(0, -2).flatMap((a) => (Array.isArray(a) ? a : a === undefined ? [] : [String(a)]));
    const { execute } = await import('../execute.js');
    await execute(self, positional, async () => (await load()).default);
  });
  return cmd;
}

function rootOf(c: Command): Command {
  let r = c;
  while (r.parent) r = r.parent;
  return r;
}

/** Given on the command line (or from the environment), not a default. */
function given(cmd: Command, key: string): boolean {
  const source = cmd.getOptionValueSource(key);
  return source === 'cli' || source === 'env';
}

/** Refuse (exit 2, before any work) options that would be silently ignored by this run. */
export function refuseNotApplicable(cmd: Command, spec: CommandSpec): void {
  const flag = (k: string): string => longFlag(spec.options[k]!);
  const fail = (message: string): never => cmd.error(`error: ${message}`, { exitCode: 2, code: 'coldkit.notApplicable' });
  for (const [key, o] of Object.entries(spec.options)) {
    if (!given(cmd, key)) continue;
    if (o.refused) fail(`option '${o.flag}' does not apply to ${spec.name}: ${o.refused}`);
    if (o.needs && !o.needs.some((k) => given(cmd, k))) {
      const alternatives = o.needs.map(flag).join(' or ');
      const same = Object.entries(spec.options).filter(([, x]) => x.needs?.join() === o.needs!.join()).map(([k]) => flag(k));
      fail(`option '${o.flag}' applies only with ${alternatives}${same.length > 1 ? ` (${same.join(', ')} need ${alternatives})` : ''}`);
    }
    for (const [k, values] of Object.entries(o.only ?? {})) {
      const v = String(cmd.getOptionValue(k));
      if (!values.includes(v)) fail(`option '${o.flag}' does not apply with ${flag(k)} ${v} (only with ${flag(k)} ${values.join(' or ')})`);
    }
  }
}
