/**
 * Running coldkit in this process with captured stdout/stderr (src/cli/execute.ts `overrides`),
 * for tests that inject what a child process could not be given (fake system facts).
 */
import type { Io } from '../../src/cli/command.js';
import { overrides } from '../../src/cli/execute.js';
import { buildProgram } from '../../src/cli/main.js';

/** What an in-process run printed, with stdout and stderr in one interleaved log as well. */
export interface InProcessRun {
  code: number;
  stdout: string;
  stderr: string;
  /** Both streams in write order, each chunk tagged "out:" or "err:". */
  log: string[];
}

/** Run `coldkit ARGS` in process; stderr is a terminal when `tty`. */
export async function runInProcess(args: string[], opts: { env?: Record<string, string | undefined>; tty?: boolean } = {}): Promise<InProcessRun> {
  const log: string[] = [];
  const io: Io = {
    stdout: { write: (s) => log.push(`out:${String(s)}`) },
    stderr: { write: (s) => log.push(`err:${String(s)}`), isTTY: opts.tty ?? false },
    readStdin: async () => new Uint8Array(),
    stdinIsTTY: false,
  };
  overrides.io = io;
  overrides.env = { ...process.env, ...opts.env };
  try {
    process.exitCode = 0;
    await (await buildProgram()).parseAsync(['node', 'coldkit', ...args]);
    const code = Number(process.exitCode ?? 0);
    const pick = (tag: string) => log.filter((l) => l.startsWith(tag)).map((l) => l.slice(tag.length)).join('');
    return { code, stdout: pick('out:'), stderr: pick('err:'), log };
  } finally {
    process.exitCode = 0;
    delete overrides.io;
    delete overrides.env;
  }
}
