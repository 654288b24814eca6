/**
 * SHA256SUMS: the list of every file of a release folder with its SHA-256, in the format GNU
 * coreutils `sha256sum` writes and `sha256sum -c` checks ("<64 hex>  <path>", two spaces, one line
 * per file, sorted by path), so an operator can check a bundle with coreutils alone. The
 * comparison of a folder against its list is made here; reading the files is the CLI's job.
 */
import { InputError } from '../errors.js';

/** One listed file: its path inside the release folder ("/"-separated) and its SHA-256 (hex). */
export interface FileSum {
  path: string;
  sha256: string;
}

/** Byte order of two strings (what `LC_ALL=C sort` gives), used for every list in a bundle. */
export function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The SHA256SUMS text for `files` (sorted by path here). */
export function formatSums(files: readonly FileSum[]): string {
  return [...files].sort((a, b) => byteOrder(a.path, b.path)).map((f) => `${f.sha256}  ${f.path}\n`).join('');
}

/** Parse SHA256SUMS text; throws InputError naming the line of anything that is not a sum line. */
export function parseSums(text: string, field = 'SHA256SUMS'): FileSum[] {
  const out: FileSum[] = [];
  const seen = new Set<string>();
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  lines.forEach((line, i) => {
    const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (!m) throw new InputError(`line ${i + 1} is not "<sha256>  <path>"`, field);
    const p = m[2]!;
    if (p.startsWith('/') || p.split('/').includes('..')) throw new InputError(`line ${i + 1} names a path outside the folder: "${p}"`, field);
    if (seen.has(p)) throw new InputError(`line ${i + 1} lists "${p}" a second time`, field);
    seen.add(p);
    out.push({ path: p, sha256: m[1]! });
  });
  return out;
}

/** What was found for one file. */
export type FileStatus = 'ok' | 'changed' | 'missing' | 'unexpected';

/** One file's result. */
export interface FileCheck {
  path: string;
  status: FileStatus;
  expected?: string;
  actual?: string;
}

/**
 * Compare the listed sums with what the folder holds (`actual`: path → SHA-256 of every file
 * present, SHA256SUMS itself excluded). Every listed file is ok, changed or missing; a file the
 * list does not name is unexpected (code added beside the program is as bad as code changed).
 */
export function compareSums(listed: readonly FileSum[], actual: ReadonlyMap<string, string>): FileCheck[] {
  const out: FileCheck[] = [];
  const names = new Set(listed.map((f) => f.path));
  for (const f of listed) {
    const got = actual.get(f.path);
    if (got === undefined) out.push({ path: f.path, status: 'missing', expected: f.sha256 });
    else out.push({ path: f.path, status: got === f.sha256 ? 'ok' : 'changed', expected: f.sha256, actual: got });
  }
  for (const [p, sha] of actual) if (!names.has(p)) out.push({ path: p, status: 'unexpected', actual: sha });
  return out.sort((a, b) => byteOrder(a.path, b.path));
}
