/**
 * The global options: accepted by every command, before or after its name. `--network` and
 * `--yes` matter only to the commands whose table lists them (`globals`), `--require-offline`
 * only to the ceremony acts (src/cli/ceremony.ts); `--help` of a command and its docs reference
 * show the global options that apply to it (`globalsOf`).
 */
import { NETWORK_NAMES } from '../../core/network.js';
import { CEREMONY_COMMANDS } from '../ceremony.js';
import { optionSet, type CommandSpec, type SetValues } from '../options/spec.js';

export const GLOBAL_OPTIONS = optionSet({
  json: {
    flag: '--json',
    help: 'print exactly one JSON document on stdout',
    doc: 'print exactly one JSON document on stdout (the command\'s result object; errors as `{"error": …}`). Diagnostics still go to stderr. Secrets are never in it unless the command has `--reveal` and it is given.',
  },
  journal: {
    flag: '--journal <path>',
    help: 'ceremony journal; default ~/.coldkit/journal.jsonl',
    doc: 'the ceremony journal to append to (default: `~/.coldkit/journal.jsonl`). Every command that appends says where on stderr: `journal: PATH #SEQ (head words)`, and with `--json` adds `"journal": { "path", "seq", "head", "words" }` (absolute path, the new entry\'s number, the new head and its 6 words) to its document.',
    env: 'COLDKIT_JOURNAL',
  },
  operator: {
    flag: '--operator <name>',
    help: 'operator name recorded in the journal (default: the login name)',
    doc: 'who is operating; recorded in every journal entry (default: the login name).',
  },
  network: {
    flag: '--network <name>',
    help: 'bitcoin network (default mainnet; a watch-only account carries its own)',
    doc: 'Bitcoin network where it applies (default mainnet; watch-only inputs carry their own and must agree).',
    choices: NETWORK_NAMES,
  },
  yes: {
    flag: '--yes',
    help: 'answer confirmations with yes (scripted runs); without a terminal, prompts fail with exit 2',
    doc: 'answer confirmations with yes (scripted runs). Secrets are never answered by `--yes`. Without a terminal and without `--yes`, a confirmation fails with exit 2.',
  },
  debug: { flag: '--debug', help: 'print stack traces on errors', doc: 'on error, also print the stack trace (stderr).' },
  requireOffline: {
    flag: '--require-offline',
    help: 'ceremony commands refuse (exit 3) on a machine that is online (also COLDKIT_REQUIRE_OFFLINE=1)',
    doc: 'ceremony acts (`seed new`, `shares split|combine|drill`, every signer) refuse with exit 3 on a machine that is online, instead of warning. Same as `COLDKIT_REQUIRE_OFFLINE=1`. See [cli/preflight.md](cli/preflight.md#the-network-check-of-every-ceremony-command).',
  },
});

/** Global options every command uses. */
const ALWAYS: readonly (keyof typeof GLOBAL_OPTIONS)[] = ['json', 'journal', 'operator', 'debug'];

/** The global options that apply to a command (table keys, in GLOBAL_OPTIONS order): `--help` and the docs list these. */
export function globalsOf(spec: Pick<CommandSpec, 'name' | 'globals'>): (keyof typeof GLOBAL_OPTIONS)[] {
  const applies = new Set<string>([...ALWAYS, ...(spec.globals ?? []), ...(CEREMONY_COMMANDS.has(spec.name) ? ['requireOffline'] : [])]);
  return (Object.keys(GLOBAL_OPTIONS) as (keyof typeof GLOBAL_OPTIONS)[]).filter((k) => applies.has(k));
}

/** The global options as every action sees them (src/cli/command.ts `Context.globals`). */
export type GlobalValues = SetValues<typeof GLOBAL_OPTIONS>;
