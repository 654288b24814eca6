/**
 * Electrum (Debian `electrum`) as a test oracle: the Python interpreter its script runs under, so
 * a test can call Electrum's own library functions in one process. Undefined when the command is
 * missing or the module named cannot be imported (CI installs the package).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';

/** Electrum's Python (its script's shebang) when `import <module>` works there, else undefined. */
export function electrumPython(module = 'electrum.ecc'): string | undefined {
  const which = spawnSync('sh', ['-c', 'command -v electrum'], { encoding: 'utf8' });
  if (which.status !== 0) return undefined;
  const first = fs.readFileSync(which.stdout.trim(), 'utf8').split('\n')[0]!;
  const py = first.startsWith('#!') ? first.slice(2).trim().split(/\s+/)[0] : undefined;
  return py && spawnSync(py, ['-c', `import ${module}`], { encoding: 'utf8' }).status === 0 ? py : undefined;
}
