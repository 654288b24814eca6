/**
 * A reproducible POSIX ustar writer (IEEE Std 1003.1-2001, "pax" chapter, ustar interchange
 * format). The bytes depend only on the entries given: names in the order given (the caller sorts
 * them), one fixed mtime (SOURCE_DATE_EPOCH), uid/gid 0 with empty user and group names, modes
 * from the caller (never from a file system), no absolute paths, no extended headers. The result
 * is what `tar --format=ustar --sort=name --mtime=@T --owner=0 --group=0 --numeric-owner` writes
 * for the same tree (test/core/bundle/tar.test.ts compares byte for byte with GNU tar), so the
 * archive's SHA-256 is the same on every machine that builds the same files.
 */

/** One archive member: a directory (`path` ends in "/", no bytes) or a regular file. */
export interface TarEntry {
  path: string;
  mode: number;
  bytes?: Uint8Array;
}

const BLOCK = 512;
/** GNU tar's default record: 20 blocks; the archive is padded with zeros to a whole record. */
const RECORD = 20 * BLOCK;

/** Write `entries` (in the given order) as one ustar archive with every mtime set to `mtime` (seconds). */
export function tarball(entries: readonly TarEntry[], mtime: number): Uint8Array {
  if (!Number.isSafeInteger(mtime) || mtime < 0 || mtime > 0o77777777777) throw new RangeError(`tar: mtime ${mtime} does not fit a ustar header`);
  const padded = (n: number) => Math.ceil(n / BLOCK) * BLOCK;
  let size = 0;
  for (const e of entries) size += BLOCK + padded(e.bytes?.length ?? 0);
  // End of archive: two zero blocks, then zeros up to a whole record.
  const out = new Uint8Array(Math.ceil((size + 2 * BLOCK) / RECORD) * RECORD);
  let at = 0;
  for (const e of entries) {
    const isDir = e.path.endsWith('/');
    const data = e.bytes ?? new Uint8Array(0);
    if (isDir && data.length) throw new RangeError(`tar: directory ${e.path} cannot have contents`);
    out.set(header(e.path, e.mode, isDir ? 0 : data.length, mtime, isDir ? '5' : '0'), at);
    out.set(data, at + BLOCK);
    at += BLOCK + padded(data.length);
  }
  return out;
}

/** One 512-byte ustar header. */
function header(path: string, mode: number, size: number, mtime: number, type: '0' | '5'): Uint8Array {
  const h = new Uint8Array(BLOCK);
  const [prefix, name] = splitName(path);
  ascii(h, 0, 100, name);
  octal(h, 100, 8, mode);
  octal(h, 108, 8, 0); // uid
  octal(h, 116, 8, 0); // gid
  octal(h, 124, 12, size);
  octal(h, 136, 12, mtime);
  h.fill(0x20, 148, 156); // checksum field counts as spaces while summing
  h[156] = type.charCodeAt(0);
  ascii(h, 257, 6, 'ustar\0');
  ascii(h, 263, 2, '00');
  // uname, gname: empty (numeric owner 0); devmajor, devminor: as GNU tar writes them for files.
  octal(h, 329, 8, 0);
  octal(h, 337, 8, 0);
  ascii(h, 345, 155, prefix);
  let sum = 0;
  for (const b of h) sum += b;
  // "six octal digits followed by a NUL and a space", as GNU tar writes the checksum.
  ascii(h, 148, 8, sum.toString(8).padStart(6, '0') + '\0 ');
  return h;
}

/** Split a path into ustar's prefix (≤ 155) and name (≤ 100) at a "/"; refuse what cannot be stored. */
function splitName(path: string): [string, string] {
  if (!path || path.startsWith('/') || path.split('/').includes('..') || /[^\x20-\x7e]/.test(path)) {
    throw new RangeError(`tar: "${path}" is not a relative printable-ASCII path`);
  }
  if (path.length <= 100) return ['', path];
  const body = path.endsWith('/') ? path.slice(0, -1) : path;
  for (let i = body.lastIndexOf('/'); i > 0; i = body.lastIndexOf('/', i - 1)) {
    if (i <= 155 && path.length - i - 1 <= 100) return [path.slice(0, i), path.slice(i + 1)];
  }
  throw new RangeError(`tar: "${path}" is too long for a ustar header`);
}

function ascii(h: Uint8Array, at: number, len: number, text: string): void {
  if (text.length > len) throw new RangeError(`tar: "${text}" does not fit ${len} bytes`);
  for (let i = 0; i < text.length; i++) h[at + i] = text.charCodeAt(i);
}

/** A zero-padded octal number of len-1 digits and a NUL. */
function octal(h: Uint8Array, at: number, len: number, n: number): void {
  const s = n.toString(8).padStart(len - 1, '0');
  if (s.length > len - 1) throw new RangeError(`tar: ${n} does not fit ${len - 1} octal digits`);
  ascii(h, at, len, s + '\0');
}
