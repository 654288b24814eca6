/**
 * The coldkit program: global options, command groups, and commander's usage errors mapped to
 * exit 2. Only light modules are imported here; each command loads its code when it runs.
 */
import { Command, CommanderError } from 'commander';
import { VERSION } from '../version.js';
import { GLOBAL_OPTIONS } from './commands/globals.js';
import { isGroup, registerAll } from './commands/index.js';
import { addOptions } from './options/register.js';
import { isBoolean, longFlag } from './options/spec.js';

/**
 * Build the commander program: every group (the default, for tests and docs), or with `only`
 * just that group in full and the others as one-line entries (`null`: none in full — enough for
 * `coldkit --help` and `--version`, which then load no group module at all). With the command
 * line's `words` (commandWords), only the group's commands those words name are registered in full,
 * its others as one-line entries (start-up: commander's registration is per option).
 */
export async function buildProgram(only?: string | null, words?: readonly string[]): Promise<Command> {
  const program = new Command('coldkit')
    .description('Air-gapped cold storage toolkit: seed ceremonies, Shamir shares, watch-only export, PSBT and Ethereum signing, QR transport, tamper-evident journal.')
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ outputError: (str, write) => write(str) });
  addOptions(program, GLOBAL_OPTIONS);
  await registerAll(program, only, words);
  for (const c of walk(program)) c.exitOverride();
  return program;
}

function* walk(c: Command): Generator<Command> {
  for (const s of c.commands) {
    yield s;
    yield* walk(s);
  }
}

/** Run coldkit with process.argv. */
export async function main(argv: string[]): Promise<void> {
  const args = argv.slice(2);
  const words = commandWords(args);
  // `help GROUP …` shows the group's help, every command in it: all are registered in full then.
  const program = await buildProgram(isGroup(words[0]) ? words[0] : null, args.includes('help') ? undefined : words);
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      const ok = e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help' || e.exitCode === 0;
      process.exitCode = ok ? 0 : 2;
      // With --json a usage error is still exactly one JSON document on stdout (commander printed the line on stderr).
      if (!ok && wantsJson(argv)) {
        const message = e.message.replace(/^error: /, '').split('\n')[0]!;
        process.stdout.write(JSON.stringify({ error: { exitCode: 2, kind: 'UsageError', message } }, null, 2) + '\n');
      }
      return;
    }
    throw e;
  }
}

/** True when --json is among the options (before a "--" that ends them). */
function wantsJson(argv: string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).includes('--json');
}

/** Global options that take a value (their value is not a command name). */
const VALUE_OPTIONS = new Set(Object.values(GLOBAL_OPTIONS).filter((o) => !isBoolean(o)).map(longFlag));

/**
 * The words of a command line that are not options or global option values, up to `--`, without
 * `help`: the group, the command, a subcommand, then the arguments.
 */
export function commandWords(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') break;
    if (VALUE_OPTIONS.has(a)) {
      i++;
      continue;
    }
    if (a.startsWith('-')) continue;
    if (a === 'help') continue;
    out.push(a);
  }
  return out;
}

/** The group a command line names: its first word that is not an option (after `help`, the next). */
export function commandGroup(args: readonly string[]): string | undefined {
  return commandWords(args)[0];
}
