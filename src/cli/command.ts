/**
 * The command contract: every action turns options into one Outcome (a result object plus its
 * human renderer, journal entries and an optional air-gap payload). The executor in
 * src/cli/execute.ts renders, journals, emits QR and maps errors to exit codes, so actions never
 * print results themselves. This file is light: importing it loads no crypto.
 */
import type { PayloadAnchor } from '../core/journal/payload-anchor.js';
import type { PayloadKind } from '../core/transport/payload-kinds.js';
import type { GlobalValues } from './commands/globals.js';
import type { CommandSpec, OptionsOf } from './options/spec.js';

/** Options every command accepts (src/cli/commands/globals.ts). */
export type Globals = GlobalValues;

/** Interactive questions. With `--yes`, confirm() approves; without a terminal, prompting fails with exit 2. */
export interface Prompter {
  /** True when a person can answer (stdin and stderr are terminals). */
  readonly interactive: boolean;
  /** Resolves only when the operator approved; a "no" throws RefusedError (exit 3). Made by prompt.ts `prompter()`. */
  confirm(message: string): Promise<void>;
  /** Hidden input (secrets). */
  secret(message: string): Promise<string>;
  /** Visible input. */
  input(message: string, opts?: { complete?: (prefix: string) => string[] }): Promise<string>;
}

/** Where bytes come from and go to; replaced in in-process tests. */
export interface Io {
  stdout: { write(s: string | Uint8Array): unknown };
  stderr: { write(s: string | Uint8Array): unknown; isTTY?: boolean };
  /** Read all of standard input (once; later calls return the same bytes). */
  readStdin(): Promise<Uint8Array>;
  stdinIsTTY: boolean;
}

/** What an action may use. Effects (clock, randomness, prompts, I/O) come only from here. */
export interface Context {
  globals: Globals;
  io: Io;
  prompt: Prompter;
  /** A diagnostic line on stderr (never a secret). */
  note(line: string): void;
  /** Register a secret read during this run: the executor refuses to journal it or print it in --json. */
  addSecret(secret: string): void;
  now(): Date;
  /** OS CSPRNG bytes. */
  random(n: number): Uint8Array;
  env: Record<string, string | undefined>;
  /** coldkit's own version, for journal and outputs. */
  version: string;
  /**
   * The journal's head when the command started (seq 0 for an empty or new journal), read by the
   * executor; payloads handed back across the gap carry it (src/core/journal/payload-anchor.ts).
   */
  journalHead?: { seq: number; hash: string };
}

/** A payload that can cross the air gap (its kind is a row of the payload table, src/core/transport/payload-kinds.ts). */
export interface Payload {
  kind: PayloadKind;
  bytes: Uint8Array;
  /** Transport format to use; signed PSBTs keep the format their unsigned form came in. */
  format?: 'ur' | 'bbqr' | 'plain';
  /**
   * The signer journal's head this payload carries (payload-anchor.ts): QR outputs show
   * `journal #N <6 words>` next to the digest. Never part of the QR bytes other wallets read.
   */
  anchor?: PayloadAnchor;
}

/** A journal entry's op and data (the executor adds seq, ts, operator, host, tool, prev). */
export interface JournalAct {
  op: string;
  data: Record<string, unknown>;
}

/** What an action returns. */
export interface Outcome<T = unknown> {
  result: T;
  human: (result: T) => string;
  journal?: JournalAct[];
  /** Non-zero when the command completed but the answer is a failure (e.g. drill MISMATCH → 3). */
  exitCode?: number;
  payload?: Payload;
  /**
   * The output deliberately shows secrets (words being written down, `--reveal`). Only then may
   * registered secrets appear on stdout; they still never reach the journal.
   */
  reveals?: boolean;
}

/** An action: the options its command's table declares (src/cli/commands/*.ts), the context, positional arguments. */
export type Action<C extends CommandSpec> = (opts: OptionsOf<C>, ctx: Context, args: string[]) => Promise<Outcome<any>>;

/** An action of some command, as the executor runs it (commander has checked its options against the table). */
export type LoadedAction = (opts: any, ctx: Context, args: string[]) => Promise<Outcome<any>>;
