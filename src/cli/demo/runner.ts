/**
 * The demo runner: each step runs the real coldkit binary (a separate process, as an operator
 * would) in the demo directory with the demo's own journal, and records what it printed.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RuntimeFailure } from '../../core/errors.js';
import { coldkitScript } from '../installation.js';

/** One executed step. */
export interface DemoStep {
  section: string;
  title: string;
  explain: string;
  command: string;
  exitCode: number;
  output: string;
}

/** What area demo files use to add steps. */
export interface DemoRunner {
  /** The demo directory (artefacts stay here). */
  dir: string;
  /** Absolute path of a file in the demo directory. */
  file(name: string): string;
  /** Write a sample file into the demo directory; returns its path. */
  write(name: string, content: string | Uint8Array): string;
  /** Read a file from the demo directory as text. */
  read(name: string): string;
  /** Start a new section heading (e.g. "Shamir shares"). */
  section(name: string): void;
  /**
   * Run `coldkit ARGS` in the demo dir; fails the demo when the exit code is not `expectExit`
   * (default 0). `stdin` is piped when given.
   */
  run(title: string, explain: string, args: string[], opts?: { stdin?: string; expectExit?: number }): Promise<{ code: number; stdout: string; stderr: string }>;
}

/** Make a runner over `dir`, collecting steps into `steps`. */
export function makeRunner(dir: string, steps: DemoStep[], onStep?: (s: DemoStep) => void): DemoRunner {
  let section = 'Foundation';
  const env = { ...process.env, COLDKIT_JOURNAL: path.join(dir, 'journal.jsonl') };
  return {
    dir,
    file: (name) => path.join(dir, name),
    write(name, content) {
      const f = path.join(dir, name);
      fs.mkdirSync(path.dirname(f), { recursive: true });
      fs.writeFileSync(f, content);
      return f;
    },
    read: (name) => fs.readFileSync(path.join(dir, name), 'utf8'),
    section(name) {
      section = name;
    },
    async run(title, explain, args, opts = {}) {
      const r = await spawnColdkit(args, dir, env, opts.stdin);
      const step: DemoStep = {
        section,
        title,
        explain,
        command: 'coldkit ' + args.map(quote).join(' ') + (opts.stdin !== undefined ? ' < (sample input)' : ''),
        exitCode: r.code,
        output: (r.stdout + (r.stderr ? r.stderr : '')).trimEnd(),
      };
      steps.push(step);
      onStep?.(step);
      if (r.code !== (opts.expectExit ?? 0)) {
        throw new RuntimeFailure(`demo step "${title}" exited ${r.code} (expected ${opts.expectExit ?? 0}): ${r.stderr.trim().split('\n').pop()}`);
      }
      return r;
    },
  };
}

function spawnColdkit(args: string[], cwd: string, env: NodeJS.ProcessEnv, stdin?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [coldkitScript(), ...args], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() }));
    child.stdin.end(stdin ?? '');
  });
}

function quote(a: string): string {
  return /^[\w@%+=:,./<>-]+$/.test(a) && !/[<>]/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`;
}
