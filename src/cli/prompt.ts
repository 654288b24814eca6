/**
 * Prompts through @inquirer/prompts (loaded only when a question is asked), written to stderr
 * so `--json` stdout stays one document. Without a terminal a question fails with exit 2 instead
 * of hanging; `--yes` answers confirmations.
 */
import { InputError, RefusedError } from '../core/errors.js';
import type { Prompter } from './command.js';

/** A prompter for the real terminal. */
export function terminalPrompter(opts: { yes: boolean; stdinIsTTY: boolean }): Prompter {
  const interactive = opts.stdinIsTTY && Boolean(process.stderr.isTTY);
  const context = { output: process.stderr };
  const needTerminal = (what: string) =>
    new InputError(`${what} needs a terminal; none is attached (pass the input as a file, or --yes for confirmations)`, 'stdin');
  return {
    interactive,
    async confirm(message) {
      if (opts.yes) return true;
      if (!interactive) throw needTerminal('a confirmation');
      const { confirm } = await import('@inquirer/prompts');
      const ok = await confirm({ message, default: false }, context);
      if (!ok) throw new RefusedError('declined at the confirmation prompt; nothing was done');
      return ok;
    },
    async secret(message) {
      if (!interactive) throw needTerminal('reading a secret');
      const { password } = await import('@inquirer/prompts');
      return password({ message }, context);
    },
    async input(message, o) {
      if (!interactive) throw needTerminal('reading an answer');
      if (o?.complete) {
        const { search } = await import('@inquirer/prompts');
        return search({
          message,
          source: async (term) => {
            const t = (term ?? '').trim();
            const found = o.complete!(t);
            const choices = found.map((w) => ({ value: w, name: w }));
            return t && !found.includes(t) ? [...choices, { value: t, name: t }] : choices;
          },
        }, context);
      }
      const { input } = await import('@inquirer/prompts');
      return input({ message }, context);
    },
  };
}

/** A scripted prompter for tests: answers are consumed in order; a missing answer fails. */
export function scriptedPrompter(answers: Array<string | boolean>, yes = false): Prompter {
  const queue = [...answers];
  const next = (what: string) => {
    if (queue.length === 0) throw new InputError(`no scripted answer left for ${what}`, 'test');
    return queue.shift()!;
  };
  return {
    interactive: true,
    async confirm() {
      if (yes) return true;
      const a = next('a confirmation');
      if (a !== true) throw new RefusedError('declined at the confirmation prompt; nothing was done');
      return true;
    },
    async secret(m) { return String(next(m)); },
    async input(m) { return String(next(m)); },
  };
}
