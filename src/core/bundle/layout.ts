/**
 * The release folder `coldkit-<version>/` and its archive: fixed file names, fixed modes, the
 * build record, and the order of the tarball's members. The builder (src/build/bundle.ts) and
 * `coldkit self-check` (which re-creates the archive from the folder to show its SHA-256) both use
 * this one description, so the published hash can be recomputed on the offline laptop.
 */
import { InputError } from '../errors.js';
import { byteOrder } from './sums.js';
import { tarball, type TarEntry } from './tar.js';
import { BUILD_INFO_FILE, ENTRY_FILE, LAUNCHER_FILE, LIB_DIR, SUMS_FILE } from './names.js';

export { BUILD_INFO_FILE, ENTRY_FILE, LAUNCHER_FILE, LIB_DIR, SUMS_FILE };

/** The folder (and archive stem) name of a release. */
export function releaseName(version: string): string {
  return `coldkit-${version}`;
}

/** What BUILD-INFO.json records. Nothing in it depends on the building machine. */
export interface BuildInfo {
  name: 'coldkit';
  version: string;
  /** The git commit built (40 hex), with "-dirty" when the work tree had changes. */
  commit: string;
  /** SOURCE_DATE_EPOCH: the commit's time in seconds; every archive member's mtime. */
  sourceDateEpoch: number;
  /** The Node.js versions the bundle runs on (package.json engines). */
  node: string;
  /** The bundler and its version. */
  bundler: string;
}

/** BUILD-INFO.json text (fixed key order, one trailing newline). */
export function formatBuildInfo(b: BuildInfo): string {
  const { name, version, commit, sourceDateEpoch, node, bundler } = b;
  return JSON.stringify({ name, version, commit, sourceDateEpoch, node, bundler }, null, 2) + '\n';
}

/** Parse BUILD-INFO.json; InputError naming the field when something is missing. */
export function parseBuildInfo(text: string): BuildInfo {
  let j: Record<string, unknown>;
  try {
    j = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new InputError('is not JSON', BUILD_INFO_FILE);
  }
  const str = (k: string): string => {
    if (typeof j[k] !== 'string' || !j[k]) throw new InputError(`"${k}" is missing`, BUILD_INFO_FILE);
    return j[k] as string;
  };
  const t = j.sourceDateEpoch;
  if (typeof t !== 'number' || !Number.isSafeInteger(t) || t < 0) throw new InputError('"sourceDateEpoch" is not a whole number of seconds', BUILD_INFO_FILE);
  if (j.name !== 'coldkit') throw new InputError('"name" is not coldkit', BUILD_INFO_FILE);
  return { name: 'coldkit', version: str('version'), commit: str('commit'), sourceDateEpoch: t, node: str('node'), bundler: str('bundler') };
}

/** A member's mode: the launcher and the entry module (a `#!/usr/bin/env node` script, npx's bin) are executable. */
export function fileMode(path: string): number {
  return path === LAUNCHER_FILE || path === ENTRY_FILE ? 0o755 : 0o644;
}

/**
 * The archive of a release folder: `root/` and its sub-folders as directory members, then files,
 * depth first with each folder's entries sorted by name in byte order (GNU tar's --sort=name).
 * `files` maps "/"-separated paths inside the folder to their bytes.
 */
export function releaseTar(root: string, files: ReadonlyMap<string, Uint8Array>, mtime: number): Uint8Array {
  interface Dir { dirs: Map<string, Dir>; files: Map<string, Uint8Array> }
  const top: Dir = { dirs: new Map(), files: new Map() };
  for (const [p, bytes] of files) {
    const parts = p.split('/');
    let d = top;
    for (const seg of parts.slice(0, -1)) {
      if (!d.dirs.has(seg)) d.dirs.set(seg, { dirs: new Map(), files: new Map() });
      d = d.dirs.get(seg)!;
    }
    d.files.set(parts[parts.length - 1]!, bytes);
  }
  const entries: TarEntry[] = [];
  const walk = (d: Dir, prefix: string): void => {
    const names = [...d.dirs.keys(), ...d.files.keys()].sort(byteOrder);
    for (const n of names) {
      const sub = d.dirs.get(n);
      if (sub) {
        entries.push({ path: `${prefix}${n}/`, mode: 0o755 });
        walk(sub, `${prefix}${n}/`);
      } else {
        const rel = `${prefix}${n}`.slice(root.length + 1);
        entries.push({ path: `${prefix}${n}`, mode: fileMode(rel), bytes: d.files.get(n)! });
      }
    }
  };
  entries.push({ path: `${root}/`, mode: 0o755 });
  walk(top, `${root}/`);
  return tarball(entries, mtime);
}
