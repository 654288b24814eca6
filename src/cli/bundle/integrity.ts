/**
 * Checking a release bundle against itself: every file of the folder hashed and compared with
 * SHA256SUMS (a changed, missing or added file is a failure), and the release archive re-created
 * in memory from the folder (src/core/bundle/layout.ts) so its SHA-256 can be compared with the
 * published one — on the offline laptop, without the archive. `coldkit self-check` reports it;
 * the ceremony commands refuse to start when it fails (src/cli/ceremony.ts).
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BUILD_INFO_FILE, SUMS_FILE, parseBuildInfo, releaseName, releaseTar, type BuildInfo } from '../../core/bundle/layout.js';
import { compareSums, parseSums, type FileCheck } from '../../core/bundle/sums.js';
import { VerificationError } from '../../core/errors.js';
import { bundleRoot } from '../installation.js';

/** What the check found. */
export interface BundleCheck {
  root: string;
  /** Files compared (every listed file and every file present). */
  files: FileCheck[];
  /** Files whose status is not ok. */
  problems: FileCheck[];
  /** SHA-256 of SHA256SUMS itself (it pins every other file). */
  sumsSha256?: string;
  build?: BuildInfo;
  /** The archive re-created from the folder: its name and SHA-256 (equal to the published .tar.sha256 when nothing changed). */
  archive?: { name: string; sha256: string };
  /** Why the check could not be made at all (no SHA256SUMS, unreadable build record …). */
  error?: string;
  ok: boolean;
}

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** SHA-256 of a file read through one reused buffer (a ceremony command's check keeps no copies: less to allocate and collect). */
function sha256File(file: string, buf: Buffer): string {
  const fd = fs.openSync(file, 'r');
  try {
    const h = createHash('sha256');
    for (let n; (n = fs.readSync(fd, buf, 0, buf.length, null)) > 0; ) h.update(buf.subarray(0, n));
    return h.digest('hex');
  } finally {
    fs.closeSync(fd);
  }
}

/** Every regular file under `dir` as "/"-separated relative paths; anything else (a link, a device) is reported as such. */
function walk(dir: string, prefix = ''): Array<{ rel: string; kind: 'file' | 'other' }> {
  const out: Array<{ rel: string; kind: 'file' | 'other' }> = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix + e.name;
    if (e.isDirectory()) out.push(...walk(path.join(dir, e.name), rel + '/'));
    else out.push({ rel, kind: e.isFile() ? 'file' : 'other' });
  }
  return out;
}

/**
 * Check the release folder `root`: every file against SHA256SUMS and, with `archive` (self-check),
 * the release archive re-created in memory to show its SHA-256.
 */
export function checkBundle(root: string, opts: { archive?: boolean } = {}): BundleCheck {
  let sumsText: Uint8Array;
  try {
    sumsText = fs.readFileSync(path.join(root, SUMS_FILE));
  } catch (e) {
    return { root, files: [], problems: [], ok: false, error: `cannot read ${SUMS_FILE}: ${(e as NodeJS.ErrnoException).code ?? 'error'}` };
  }
  let listed;
  try {
    listed = parseSums(new TextDecoder().decode(sumsText));
  } catch (e) {
    return { root, files: [], problems: [], ok: false, error: (e as Error).message };
  }
  const actual = new Map<string, string>();
  const bytes = new Map<string, Uint8Array>();
  const buf = Buffer.allocUnsafe(1 << 20);
  for (const f of walk(root)) {
    if (f.rel === SUMS_FILE) continue;
    if (f.kind !== 'file') {
      actual.set(f.rel, 'not a regular file');
      continue;
    }
    const file = path.join(root, ...f.rel.split('/'));
    if (!opts.archive) {
      actual.set(f.rel, sha256File(file, buf));
      continue;
    }
    const b = fs.readFileSync(file);
    bytes.set(f.rel, b);
    actual.set(f.rel, sha256(b));
  }
  const files = compareSums(listed, actual);
  const problems = files.filter((f) => f.status !== 'ok');
  const out: BundleCheck = { root, files, problems, sumsSha256: sha256(sumsText), ok: problems.length === 0 };
  if (!opts.archive) return out;
  const info = bytes.get(BUILD_INFO_FILE);
  try {
    if (!info) throw new Error(`${BUILD_INFO_FILE} is missing`);
    out.build = parseBuildInfo(new TextDecoder().decode(info));
    bytes.set(SUMS_FILE, sumsText);
    const name = releaseName(out.build.version);
    out.archive = { name: `${name}.tar`, sha256: sha256(releaseTar(name, bytes, out.build.sourceDateEpoch)) };
  } catch (e) {
    out.error = (e as Error).message;
    out.ok = false;
  }
  return out;
}

/** One line naming what is wrong with a bundle (the first few files). */
export function describeProblems(c: BundleCheck): string {
  if (c.error && !c.problems.length) return c.error;
  const shown = c.problems.slice(0, 4).map((p) => `${p.path} ${p.status}`);
  const more = c.problems.length > shown.length ? ` and ${c.problems.length - shown.length} more` : '';
  return `${shown.join(', ')}${more}`;
}

let verified = false;

/**
 * Refuse to go on (exit 3) when this process runs from a bundle whose files do not match
 * SHA256SUMS; a development checkout is not checked. Checked once per process.
 */
export function assertBundleIntact(): void {
  const root = bundleRoot();
  if (!root || verified) return;
  const c = checkBundle(root, { archive: false });
  if (!c.ok) {
    throw new VerificationError(`this coldkit bundle does not match its SHA256SUMS (${describeProblems(c)}); it may have been tampered with — nothing was done: run coldkit self-check, and install a copy whose hash matches the published one`);
  }
  verified = true;
}
