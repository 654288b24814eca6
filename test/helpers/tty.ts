/**
 * Running the built coldkit on a real pseudo-terminal (util-linux `script`), typing answers as a
 * person would: each answer once its prompt has appeared, its keys first and Enter a moment later
 * (a completing prompt must see the keys before the Enter that picks the completion).
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BIN, tmpDir } from './cli.js';

/** True where `script` (util-linux) is installed. */
export const hasScript = spawnSync('sh', ['-c', 'command -v script']).status === 0;

/** What a terminal run showed, and the journal it left. */
export interface TtyRun {
  code: number;
  /** Everything the terminal showed (stdout and stderr, with escapes). */
  out: string;
  journal: string;
}

/** Run coldkit ARGS on a pty; each answer is typed once its prompt text has appeared after the previous one. */
export function runTty(args: string[], answers: [prompt: string, text: string][], opts: { timeoutMs?: number } = {}): Promise<TtyRun> {
  const dir = tmpDir('coldkit-tty-');
  const journal = path.join(dir, 'journal.jsonl');
  const cmd = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const env: NodeJS.ProcessEnv = { ...process.env, COLDKIT_JOURNAL: journal, TERM: 'dumb' };
  delete env.NODE_OPTIONS;
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', cmd, '/dev/null'], { cwd: dir, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let next = 0;
    let seen = 0; // how far the output has been searched for the next prompt
    let typing = Promise.resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 40_000);
    const pause = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
    const onData = (d: Buffer) => {
      out += d.toString();
      while (next < answers.length) {
        const at = out.indexOf(answers[next]![0], seen);
        if (at < 0) break;
        seen = at + answers[next]![0].length;
        const text = answers[next]![1];
        next++;
        typing = typing.then(async () => {
          await pause(120);
          if (text) child.stdin.write(text);
          await pause(120);
          child.stdin.write('\r');
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      let j = '';
      try {
        j = fs.readFileSync(journal, 'utf8');
      } catch {
        /* no journal */
      }
      fs.rmSync(dir, { recursive: true, force: true });
      resolve({ code: code ?? -1, out, journal: j });
    });
  });
}
