/**
 * Running coldkit in this process with captured stdout/stderr (src/cli/execute.ts `overrides`),
 * for tests that inject what a child process could not be given (fake system facts).
 */
import type { Io, Prompter } from '../../src/cli/command.js';
import { overrides } from '../../src/cli/execute.js';
import { buildProgram } from '../../src/cli/main.js';
import { scriptedPrompter } from '../../src/cli/prompt.js';

/** What an in-process run printed, with stdout and stderr in one interleaved log as well. */
export interface InProcessRun {
  code: number;
  stdout: string;
  stderr: string;
  /** Both streams in write order, each chunk tagged "out:" or "err:". */
  log: string[];
  /** The questions asked (with `answers`), in order; each is also in `log` as "ask:…". */
  prompts: string[];
}

/**
 * Run `coldkit ARGS` in process; stderr is a terminal when `tty`. With `answers` a person is at
 * the terminal answering them in order (src/cli/prompt.ts scriptedPrompter; true/false for
 * confirmations); a question with no answer left fails the run.
 */
export async function runInProcess(
  args: string[],
  opts: { env?: Record<string, string | undefined>; tty?: boolean; answers?: Array<string | boolean> } = {},
): Promise<InProcessRun> {
  const log: string[] = [];
  const prompts: string[] = [];
  if (opts.answers) {
    const answers = opts.answers;
    overrides.prompter = (g) => {
      const p = scriptedPrompter(answers, g.yes);
      const ask = (m: string) => {
        prompts.push(m);
        log.push(`ask:${m}`);
      };
      const recording: Prompter = {
        interactive: true,
        confirm: (m) => (ask(m), p.confirm(m)),
        secret: (m) => (ask(m), p.secret(m)),
        input: (m, o) => (ask(m), p.input(m, o)),
      };
      return recording;
    };
  }
  const io: Io = {
    stdout: { write: (s) => log.push(`out:${String(s)}`) },
    stderr: { write: (s) => log.push(`err:${String(s)}`), isTTY: opts.tty ?? Boolean(opts.answers) },
    readStdin: async () => new Uint8Array(),
    stdinIsTTY: Boolean(opts.answers),
  };
  overrides.io = io;
  overrides.env = { ...process.env, ...opts.env };
  try {
    process.exitCode = 0;
    await (await buildProgram()).parseAsync(['node', 'coldkit', ...args]);
    const code = Number(process.exitCode ?? 0);
    const pick = (tag: string) => log.filter((l) => l.startsWith(tag)).map((l) => l.slice(tag.length)).join('');
    return { code, stdout: pick('out:'), stderr: pick('err:'), log, prompts };
  } finally {
    process.exitCode = 0;
    delete overrides.io;
    delete overrides.env;
    delete overrides.prompter;
  }
}
