/**
 * Registering the command groups on the root program from their option tables: every group
 * fully (tests, docs), or only the group a command line names, with the others as one-line
 * entries so `--help` still lists them. Table modules are light; actions load lazily.
 */
import type { Command } from 'commander';
import type { CommandSpec } from '../options/spec.js';
import { registerCommand, type ActionLoader } from '../options/register.js';
import { GROUPS, type Group, type GroupTables } from './groups.js';

/**
 * Register the groups in help order: all fully, or only `only` fully and the rest as summaries;
 * with the command line's `words`, only the commands of `only` they name (every command when they
 * name none past the group) are registered fully, the others as summaries.
 */
export async function registerAll(program: Command, only?: string | null, words?: readonly string[]): Promise<void> {
  // The action loaders are needed only when a group is registered in full (not for `coldkit --help`);
  // they load together with the named group's table (start-up).
  const [actions, named] = await Promise.all([
    only === null ? {} : import('./actions.js').then((m) => m.ACTIONS),
    GROUPS.find((g) => g.name === only)?.load(),
  ]);
  for (const g of GROUPS) {
    if (only === undefined || g.name === only) registerGroup(program, g, g.name === only ? named! : await g.load(), actions, g.name === only ? words : undefined);
    else program.command(g.name).description(g.summary);
  }
}

/** Is `name` a command group? */
export function isGroup(name: string | undefined): boolean {
  return GROUPS.some((g) => g.name === name);
}

/** Every command table, in help order (for the docs reference and its test). */
export async function commandTables(): Promise<CommandSpec[]> {
  const out: CommandSpec[] = [];
  for (const g of GROUPS) out.push(...(await g.load()).COMMANDS);
  return out;
}

/** Does the command line (its words) run this command or one below it? Every command matches a line that stops at the group. */
function named(command: readonly string[], line: readonly string[] | undefined): boolean {
  return !line || command.every((w, i) => line[i] === undefined || line[i] === w);
}

function registerGroup(program: Command, g: Group, tables: GroupTables, actions: Readonly<Record<string, ActionLoader>>, line?: readonly string[]): void {
  const made = new Map<string, Command>();
  /** The command at `path` (words below coldkit), made with its description on first use. */
  const at = (path: string[]): Command => {
    if (path.length === 0) return program;
    const key = path.join(' ');
    let c = made.get(key);
    if (!c) {
      const description = path.length === 1 ? g.summary : tables.SUBGROUPS?.[key];
      if (description === undefined) throw new Error(`command tables: no description for "${key}"`);
      c = at(path.slice(0, -1)).command(path.at(-1)!).description(description);
      made.set(key, c);
    }
    return c;
  };
  for (const spec of tables.COMMANDS) {
    const words = spec.name.split(' ');
    if (words[0] !== g.name) throw new Error(`command tables: "${spec.name}" is not in group ${g.name}`);
    const load = actions[spec.name];
    if (!load) throw new Error(`command tables: no action for "${spec.name}"`);
    if (!named(words, line)) {
      made.set(spec.name, at(words.slice(0, -1)).command(words.at(-1)!).description(spec.description ?? g.summary));
      continue;
    }
    const cmd = registerCommand(at(words.slice(0, -1)), spec, spec.description ?? g.summary, load);
    // A command may also be the parent of others (`psbt reserves` and `psbt reserves verify`): its
    // options are then read only before a subcommand's name, so both can take the same flags.
    made.set(spec.name, cmd.enablePositionalOptions());
  }
}
