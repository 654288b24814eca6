/**
 * The executor: builds the context, runs one action, journals its acts, renders its one result
 * (human text or one JSON document), emits its payload as QR when asked, and maps every error
 * to one stderr line and an exit code (0 ok, 1 runtime, 2 usage/input, 3 refused/verification).
 */
import * as os from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { ColdkitError, EXIT, InputError, RefusedError, RuntimeFailure, VerificationError } from '../core/errors.js';
import { sanitize, toJson } from '../core/text.js';
import { VERSION } from '../version.js';
import type { Context, Globals, Io, JournalAct, LoadedAction, Outcome, Prompter } from './command.js';
import { assertCreatable, processIo } from './io.js';
import { findingView, refusalHint } from './overrides.js';
import { appendEntries, journalPath, landed, landedLine, openJournal } from './journal-file.js';
import { terminalPrompter } from './prompt.js';
import { bundleGate, ceremonyGate, journalGate, warnOnline } from './ceremony.js';

/** Test seam: in-process tests replace the I/O and the prompter. */
export const overrides: { io?: Io; prompter?: (g: Globals) => Prompter; env?: Record<string, string | undefined> } = {};

/** Secrets shorter than this are not searched for in output (too likely to collide with ordinary text). */
const MIN_GUARDED_SECRET = 8;

/** Run an action for a parsed commander command. */
export async function execute(cmd: Command, args: string[], load: () => Promise<LoadedAction>): Promise<void> {
  const opts = cmd.optsWithGlobals<Record<string, unknown>>();
  const globals: Globals = {
    json: Boolean(opts.json),
    journal: opts.journal as string | undefined,
    operator: opts.operator as string | undefined,
    network: opts.network as Globals['network'],
    yes: Boolean(opts.yes),
    debug: Boolean(opts.debug),
    requireOffline: Boolean(opts.requireOffline),
  };
  // A fresh object per run: per-run state keyed by it (which field read stdin, src/cli/io.ts) starts empty.
  const io: Io = { ...(overrides.io ?? processIo()) };
  const env = overrides.env ?? process.env;
  const secrets = new Set<string>();
  const ctx: Context = {
    globals,
    io,
    prompt: overrides.prompter ? overrides.prompter(globals) : terminalPrompter({ yes: globals.yes, stdinIsTTY: io.stdinIsTTY }),
    note: (line) => io.stderr.write(`${line}\n`),
    addSecret: (s) => {
      if (s.length >= MIN_GUARDED_SECRET) secrets.add(s);
    },
    now: () => new Date(),
    random: (n) => new Uint8Array(randomBytes(n)),
    env,
    version: VERSION,
  };
  try {
    // The action's code loads while the journal is opened and the network checked (start-up), once
    // the bundle check (if any) has passed; it runs only after both, whose refusals still come first.
    await bundleGate(cmd);
    const loading = load();
    loading.catch(() => undefined);
    // A tampered journal stops a command before it acts (writes a file, makes a seed), not after:
    // its append would be refused anyway (exit 3). The journal commands report it themselves.
    // The checkpoint beside the journal makes this cost one streaming hash, not a re-verification.
    const opened = cmd.parent?.name() !== 'journal' ? openJournal(journalPath(globals.journal, env), { unlocked: true, note: ctx.note }) : undefined;
    if (opened) ctx.journalHead = { seq: opened.head.seq, hash: opened.head.hash };
    // QR targets are checked before the action acts, so a bad path cannot fail after journaling.
    if (opts.qrPng) assertCreatable(String(opts.qrPng), 'dir', '--qr-png');
    if (opts.qrHtml) assertCreatable(String(opts.qrHtml), 'file', '--qr-html');
    // Ceremony commands: bundle integrity and the network pre-flight (src/cli/ceremony.ts). The
    // online warning comes first on a terminal, after the result in scripts (an error stays one line).
    const gate = await ceremonyGate(cmd, opts, env, journalPath(globals.journal, env));
    if (io.stderr.isTTY) warnOnline(gate, io);
    const action = await loading;
    const outcome: Outcome = await action(opts, ctx, args);
    journalGate(gate, outcome);
    // Render and check the output before journaling, so a refused output leaves the journal untouched.
    let text = globals.json ? toJson(outcome.result) : outcome.human(outcome.result);
    if (!text.endsWith('\n')) text += '\n';
    if (!outcome.reveals) guard(text, secrets, 'the output');
    if (outcome.journal?.length) {
      const file = journalPath(globals.journal, env);
      for (const act of outcome.journal) guard(JSON.stringify(act), secrets, 'the journal');
      const entries = appendEntries(opened ?? file, outcome.journal, {
        ts: ctx.now().toISOString(),
        operator: globals.operator ?? safeUser(),
        host: os.hostname(),
        tool: `coldkit/${VERSION}`,
      });
      // Say where the acts landed, so an unexpected journal (a lost COLDKIT_JOURNAL) is seen at once.
      const where = landed(file, entries);
      ctx.note(landedLine(where));
      if (globals.json && isRecord(outcome.result)) text = toJson({ ...outcome.result, journal: where }) + '\n';
    }
    io.stdout.write(text);
    if (!io.stderr.isTTY) warnOnline(gate, io);
    if (outcome.payload && (opts.qrPng || opts.qrHtml || opts.qrTerminal)) {
      const { emitPayload } = await import('./qr/emit.js');
      await emitPayload(
        { ...outcome.payload, format: (opts.qrFormat as 'ur' | 'bbqr' | 'plain' | undefined) ?? outcome.payload.format },
        { qrPng: opts.qrPng as string | undefined, qrHtml: opts.qrHtml as string | undefined, qrTerminal: Boolean(opts.qrTerminal) },
        ctx,
      );
    }
    process.exitCode = outcome.exitCode ?? EXIT.ok;
  } catch (e) {
    journalRefusal(e, globals, env, ctx);
    process.exitCode = report(e, globals, io);
  }
}

const REFUSAL_ACTS = Symbol('journal acts of a refusal');

/**
 * Attach journal acts to an error (a policy refusal: what was refused and why), so the executor
 * journals them before it reports the error. Decisions are on record whether they go or not.
 */
export function withJournal<E extends Error>(e: E, acts: JournalAct[]): E {
  (e as unknown as Record<symbol, JournalAct[]>)[REFUSAL_ACTS] = acts;
  return e;
}

function journalRefusal(e: unknown, globals: Globals, env: Record<string, string | undefined>, ctx: Context): void {
  const acts = e instanceof Error ? (e as unknown as Record<symbol, JournalAct[] | undefined>)[REFUSAL_ACTS] : undefined;
  if (!acts?.length) return;
  try {
    const file = journalPath(globals.journal, env);
    const entries = appendEntries(file, acts, { ts: ctx.now().toISOString(), operator: globals.operator ?? safeUser(), host: os.hostname(), tool: `coldkit/${VERSION}` });
    ctx.note(landedLine(landed(file, entries)));
  } catch (j) {
    ctx.note(`journal: the refusal could not be journaled (${j instanceof Error ? j.message : String(j)})`);
  }
}

/** Refuse to write a registered secret anywhere it must not go. */
function guard(text: string, secrets: Set<string>, where: string): void {
  for (const s of secrets) {
    if (text.includes(s)) throw new RuntimeFailure(`internal safety check: a secret would have been written to ${where}; nothing was written`);
  }
}

/**
 * The `kind` of an error in `--json` output: one of the documented kinds (docs/cli.md), never a
 * subclass name (a share or policy error is an InputError to a script reading the output).
 */
export const ERROR_KINDS = ['InputError', 'UsageError', 'RefusedError', 'VerificationError', 'RuntimeFailure', 'Cancelled', 'InternalError'] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

/** The documented kind of `e`. */
export function errorKind(e: unknown): ErrorKind {
  if (e instanceof InputError) return 'InputError';
  if (e instanceof RefusedError) return 'RefusedError';
  if (e instanceof VerificationError) return 'VerificationError';
  if (e instanceof RuntimeFailure) return 'RuntimeFailure';
  if (e instanceof ColdkitError) return e.exitCode === EXIT.usage ? 'InputError' : e.exitCode === EXIT.refused ? 'VerificationError' : 'RuntimeFailure';
  if (e instanceof Error && (e.name === 'ExitPromptError' || e.name === 'AbortPromptError')) return 'Cancelled';
  return 'InternalError';
}

/** Print one line for an error (stack only with --debug) and return its exit code. */
export function report(e: unknown, globals: Pick<Globals, 'json' | 'debug'>, io: Io): number {
  let code: number = EXIT.runtime;
  let message: string;
  if (e instanceof ColdkitError) {
    code = e.exitCode;
    message = e instanceof RefusedError ? e.message + refusalHint(e) : e.message;
  } else if (e instanceof Error && (e.name === 'ExitPromptError' || e.name === 'AbortPromptError')) {
    message = 'cancelled at the prompt; nothing was done';
  } else {
    message = `internal error: ${e instanceof Error ? e.message : String(e)} (rerun with --debug for details)`;
  }
  const line = sanitize(message.split('\n')[0]!);
  io.stderr.write(`coldkit: ${line}\n`);
  if (globals.debug && e instanceof Error && e.stack) io.stderr.write(`${e.stack}\n`);
  if (globals.json) {
    const findings = e instanceof RefusedError && e.findings.length ? { findings: e.findings.map(findingView) } : {};
    io.stdout.write(toJson({ error: { exitCode: code, kind: errorKind(e), message: line, ...findings } }) + '\n');
  }
  return code;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function safeUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'unknown';
  }
}
