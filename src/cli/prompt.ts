/**
 * Prompts through @inquirer/prompts (loaded only when a question is asked), written to stderr
 * so `--json` stdout stays one document. Without a terminal a question fails with exit 2 instead
 * of hanging; `--yes` answers confirmations.
 *
 * The confirmation contract lives here, once: `confirm()` resolves only when the operator
 * approved (or `--yes`), and anything but an explicit yes throws RefusedError (exit 3). A source
 * of answers (the terminal, a test script) reports what was answered and cannot approve by
 * accident: there is no "false" for a caller to forget to check.
 */
import { InputError, RefusedError } from '../core/errors.js';
import type { Prompter } from './command.js';

/** What a terminal or a script answers; `prompter()` adds the approval rule. */
export interface Answers {
  readonly interactive: boolean;
  /** The answer to a yes/no question. */
  yesNo(message: string): Promise<boolean>;
  secret(message: string): Promise<string>;
  input(message: string, opts?: { complete?: (prefix: string) => string[] }): Promise<string>;
}

/** The one approval rule: `--yes` approves; otherwise only an explicit yes does, anything else refuses. */
export function prompter(answers: Answers, yes: boolean): Prompter {
  return {
    interactive: answers.interactive,
    async confirm(message) {
      if (yes) return;
      if ((await answers.yesNo(message)) !== true) throw new RefusedError('declined at the confirmation prompt; nothing was done');
    },
    secret: (message) => answers.secret(message),
    input: (message, opts) => answers.input(message, opts),
  };
}

/** A prompter for the real terminal. */
export function terminalPrompter(opts: { yes: boolean; stdinIsTTY: boolean }): Prompter {
  const interactive = opts.stdinIsTTY && Boolean(process.stderr.isTTY);
  const context = { output: process.stderr };
  const needTerminal = (what: string) =>
    new InputError(`${what} needs a terminal; none is attached (pass the input as a file, or --yes for confirmations)`, 'stdin');
  return prompter(
    {
      interactive,
      async yesNo(message) {
        if (!interactive) throw needTerminal('a confirmation');
        const { confirm } = await import('@inquirer/prompts');
        return confirm({ message, default: false }, context);
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
    },
    opts.yes,
  );
}

/** A scripted prompter for tests: answers are consumed in order; a missing answer fails. */
export function scriptedPrompter(answers: Array<string | boolean>, yes = false): Prompter {
  const queue = [...answers];
  const next = (what: string) => {
    if (queue.length === 0) throw new InputError(`no scripted answer left for ${what}`, 'test');
    return queue.shift()!;
  };
  return prompter(
    {
      interactive: true,
      async yesNo() {
        return next('a confirmation') === true;
      },
      async secret(m) { return String(next(m)); },
      async input(m) { return String(next(m)); },
    },
    yes,
  );
}
