/**
 * Where this coldkit runs from: a development checkout (bin/coldkit starting dist/) or a release
 * bundle (`coldkit-<version>/coldkit.mjs`, made by `npm run bundle`). The bundle's entry module
 * (src/cli/bundle/entry.ts) marks its folder before anything else runs; nothing else sets it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENTRY_FILE } from '../core/bundle/names.js';
import { RuntimeFailure } from '../core/errors.js';

let bundleDir: string | undefined;

/** Called once by the bundle's entry module with the URL of its own folder. */
export function markBundle(folder: URL): void {
  bundleDir = fileURLToPath(folder).replace(/[\\/]+$/, '');
}

/** The release folder when running from a bundle; undefined in a development checkout. */
export function bundleRoot(): string | undefined {
  return bundleDir;
}

/**
 * The script to start another coldkit process with (`process.execPath SCRIPT …`): the bundle's
 * coldkit.mjs, or bin/coldkit of the checkout — the nearest folder above this module that has
 * one (this module runs from dist/app/, from dist/src/cli/ or, in tests, from src/cli/).
 */
export function coldkitScript(): string {
  if (bundleDir) return path.join(bundleDir, ENTRY_FILE);
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (let dir = here; ; dir = path.dirname(dir)) {
    const bin = path.join(dir, 'bin', 'coldkit');
    if (fs.existsSync(bin)) return bin;
    if (path.dirname(dir) === dir) throw new RuntimeFailure(`cannot find bin/coldkit above ${here}`);
  }
}
