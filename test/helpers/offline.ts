/**
 * Running a program with no network: `unshare -n` puts it in a new network namespace holding only
 * a loopback interface that is down, so nothing can leave the machine. That needs root (CI runs
 * as root); elsewhere `OFFLINE.available` is false and tests that need it skip, saying why.
 * Run a program offline with `runProgram(argv, { offline: true })` (./cli.ts).
 */
import { spawnSync } from 'node:child_process';

function probe(): { available: boolean; why: string } {
  if (process.platform !== 'linux') return { available: false, why: 'unshare -n needs Linux' };
  if (process.getuid?.() !== 0) return { available: false, why: 'unshare -n needs root (CI runs as root)' };
  const r = spawnSync('unshare', ['-n', 'true'], { stdio: 'ignore' });
  return r.status === 0 ? { available: true, why: '' } : { available: false, why: 'unshare -n is not available (util-linux)' };
}

/** Can this machine run a command offline, and if not why. */
export const OFFLINE = probe();
