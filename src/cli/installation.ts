/**
 * Where this coldkit runs from: a development checkout (bin/coldkit starting dist/) or a release
 * bundle (`coldkit-<version>/coldkit.mjs`, made by `npm run bundle`). The bundle's entry module
 * (src/cli/bundle/entry.ts) marks its folder before anything else runs; nothing else sets it.
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENTRY_FILE } from '../core/bundle/names.js';

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
 * coldkit.mjs, or bin/coldkit of the checkout (found from this file's place in dist/src/cli/).
 */
export function coldkitScript(): string {
  if (bundleDir) return path.join(bundleDir, ENTRY_FILE);
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../bin/coldkit');
}
