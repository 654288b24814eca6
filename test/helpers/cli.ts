/**
 * Black-box CLI harness: spawns the built bin (`node bin/coldkit`, run `tsc` first) with its own
 * temp journal unless the caller sets one, and returns exit code, stdout, stderr and parsed JSON.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(ROOT, 'bin', 'coldkit');

/** What a run returned. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as one JSON document (throws if it is not exactly one). */
  json<T = any>(): T;
}

/** A fresh temp directory (removed by the OS temp cleaner; tests may remove it). */
export function tmpDir(prefix = 'coldkit-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Run coldkit with args; stdin is closed (not a TTY) unless text is given. */
export function runCli(args: string[], opts: { stdin?: string | Uint8Array; env?: Record<string, string>; cwd?: string; timeoutMs?: number } = {}): Promise<CliRun> {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), ...(opts.env ?? {}) };
  if (!env.COLDKIT_JOURNAL) env.COLDKIT_JOURNAL = path.join(tmpDir('coldkit-journal-'), 'journal.jsonl');
  return runProgram([process.execPath, BIN, ...args], { ...opts, cwd: opts.cwd ?? ROOT, env });
}

/**
 * Run any program (`argv[0]` with the rest as arguments) and collect its exit code, stdout and
 * stderr; with `offline`, inside `unshare -n` (see ./offline.ts). NODE_OPTIONS is never passed on.
 */
export function runProgram(argv: string[], opts: { offline?: boolean; stdin?: string | Uint8Array; env?: Record<string, string | undefined>; cwd?: string; timeoutMs?: number } = {}): Promise<CliRun> {
  const full = opts.offline ? ['unshare', '-n', ...argv] : argv;
  const env = { ...process.env, ...opts.env };
  delete env.NODE_OPTIONS;
  return new Promise((resolve, reject) => {
    const child = spawn(full[0]!, full.slice(1), { cwd: opts.cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const stdout = Buffer.concat(out).toString('utf8');
      resolve({
        code: code ?? -1,
        stdout,
        stderr: Buffer.concat(err).toString('utf8'),
        json() {
          return JSON.parse(stdout);
        },
      });
    });
    if (opts.stdin !== undefined) child.stdin.end(opts.stdin);
    else child.stdin.end();
  });
}
