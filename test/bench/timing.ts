/** Timing helpers for the benchmarks: wall time of spawned processes and of in-process work. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (benchmarks run from dist/test/bench/). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** The coldkit bin. */
export const BIN = path.join(ROOT, 'bin', 'coldkit');

/** Median of numbers. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * CPU time (user + system, ms) used so far by this process's waited-for children: Linux
 * /proc/self/stat fields 16 and 17 (cutime, cstime) in clock ticks of 1/100 s. NaN elsewhere.
 */
export function childCpuMs(): number {
  try {
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(rest[13]) + Number(rest[14])) * 1000) / 100;
  } catch {
    return NaN;
  }
}

/** Wall and CPU time of one run, in ms. */
export interface Timing {
  wall: number;
  cpu: number;
}

/**
 * Run `node ARGS` `runs` times (after one warm-up) and return each run's wall and CPU time; throws
 * on a non-zero exit. CPU time is reported beside wall time because a shared machine's load
 * stretches wall time but not CPU time.
 */
export function timeNode(args: string[], runs: number, env: Record<string, string> = {}): Timing[] {
  const times: Timing[] = [];
  for (let i = 0; i <= runs; i++) {
    const t = timeOnce(args, env);
    if (i > 0) times.push(t);
  }
  return times;
}

function timeOnce(args: string[], env: Record<string, string>): Timing {
  const c0 = childCpuMs();
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 });
  const wall = performance.now() - t0;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr.toString().slice(0, 400)}`);
  return { wall, cpu: childCpuMs() - c0 };
}

/**
 * Like timeNode for several command lines at once, interleaved: after one warm-up of each, every
 * round runs each line once, so a change of the machine's load in the middle hits all of them
 * alike (what a ratio between them needs on a shared machine). Returns each line's runs.
 */
export function timeNodeInterleaved(lines: ReadonlyArray<{ args: string[]; env?: Record<string, string> }>, rounds: number): Timing[][] {
  const times = lines.map((): Timing[] => []);
  for (let i = 0; i <= rounds; i++) {
    lines.forEach((l, j) => {
      const t = timeOnce(l.args, l.env ?? {});
      if (i > 0) times[j]!.push(t);
    });
  }
  return times;
}

/** The best wall and the best CPU time of runs (each its own minimum). */
export function bestTiming(runs: Timing[]): Timing {
  return { wall: Math.min(...runs.map((r) => r.wall)), cpu: Math.min(...runs.map((r) => r.cpu)) };
}

/** Median wall and median CPU time of runs. */
export function medianTiming(runs: Timing[]): Timing {
  return { wall: median(runs.map((r) => r.wall)), cpu: median(runs.map((r) => r.cpu)) };
}

/** Format milliseconds for a table. */
export function ms(x: number): string {
  return x >= 100 ? `${Math.round(x)} ms` : `${x.toFixed(1)} ms`;
}
