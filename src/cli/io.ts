/**
 * File and stream I/O for commands: bounded reads with clear errors, and atomic writes
 * (temp file in the same directory, fsync, rename, fsync the directory) so a failure never
 * leaves a half-written file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { isatty } from 'node:tty';
import { InputError, RuntimeFailure } from '../core/errors.js';
import type { Io } from './command.js';

/** Largest input file coldkit reads (64 MiB): a bigger one is refused rather than exhausting memory. */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

/** The field that first read standard input, per run (the executor gives every run its own Io object). */
const stdinReader = new WeakMap<Io, string>();

/**
 * Read a file (or standard input for "-") as bytes; errors name the field and the path. Standard
 * input carries one input: a second field asking for it is refused (else, e.g., a message and the
 * mnemonic piped together would be signed and shown as one message).
 */
export async function readInputFile(file: string, field: string, io?: Io): Promise<Uint8Array> {
  if (file === '-') {
    if (!io) throw new InputError('standard input is not available here', field);
    const first = stdinReader.get(io);
    if (first !== undefined && first !== field) throw new InputError(`standard input already carries ${first}; give this as a file`, field);
    stdinReader.set(io, field);
    return io.readStdin();
  }
  return readFileBounded(file, field);
}

/**
 * Read a named file's bytes, at most MAX_INPUT_BYTES: a directory, a larger file, or a device or
 * pipe that never ends (`/dev/zero`, `/dev/urandom`) is refused by name instead of filling memory.
 * Errors name the field and the path.
 */
export function readFileBounded(file: string, field: string): Uint8Array {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch (e) {
    throw new InputError(cannotRead(file, e), field);
  }
  if (st.isDirectory()) throw new InputError(`"${file}" is a directory, expected a file`, field);
  const tooBig = () => new InputError(`"${file}" is over ${MAX_INPUT_BYTES} bytes, the limit`, field);
  if (st.size > MAX_INPUT_BYTES) throw tooBig();
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    if (st.isFile()) return new Uint8Array(fs.readFileSync(fd));
    // A device or pipe has no size: read in chunks and stop one byte past the limit.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(1 << 20);
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      total += n;
      if (total > MAX_INPUT_BYTES) throw tooBig();
      chunks.push(chunk.subarray(0, n));
    }
    return new Uint8Array(Buffer.concat(chunks, total));
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(cannotRead(file, e), field);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Read a text file (or "-"), UTF-8. */
export async function readInputText(file: string, field: string, io?: Io): Promise<string> {
  return new TextDecoder('utf-8', { fatal: false }).decode(await readInputFile(file, field, io));
}

/** Read a JSON file (or "-"); text that does not parse is an InputError with `notJson` naming what was expected. */
export async function readInputJson(file: string, field: string, io: Io | undefined, notJson = 'is not valid JSON'): Promise<unknown> {
  const text = await readInputText(file, field, io);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new InputError(notJson, field);
  }
}

/**
 * Write `data` to `file` atomically: a temp file beside it (created with `mode`, exclusive),
 * written, fsynced, renamed over the target, then the directory fsynced. On any failure the
 * temp file is removed and the target is untouched. `durable: false` skips both fsyncs, for
 * caches only (a crash may then leave the old file, or an empty or torn one).
 */
export function writeFileAtomic(file: string, data: string | Uint8Array, opts: { mode?: number; durable?: boolean } = {}): void {
  const durable = opts.durable ?? true;
  const dir = path.dirname(path.resolve(file));
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fs.mkdirSync(dir, { recursive: true });
    fd = fs.openSync(tmp, 'wx', opts.mode ?? 0o644);
    const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    let off = 0;
    while (off < buf.length) off += fs.writeSync(fd, buf, off, buf.length - off);
    if (durable) fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(tmp, file);
    if (durable) fsyncDir(dir);
  } catch (e) {
    if (fd !== undefined) {
      try { fs.closeSync(fd); } catch { /* already failing */ }
    }
    try { fs.unlinkSync(tmp); } catch { /* not created */ }
    throw new RuntimeFailure(`cannot write "${file}": ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** fsync a directory so a rename survives a crash (best effort where the OS refuses). */
export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    /* some filesystems do not allow fsync on directories */
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Refuse to overwrite an existing output unless asked: data is never lost silently. */
export function assertWritable(file: string, field: string, overwrite = false): void {
  if (!overwrite && fs.existsSync(file)) {
    throw new InputError(`"${file}" already exists; choose another path or remove it first`, field);
  }
}

/**
 * Check, before any work is done, that `target` can be created as a file or a folder: an existing
 * path must be of that kind, and the nearest existing ancestor must be a folder. A command then
 * fails up front with exit 2 instead of after it has acted (and journaled).
 */
export function assertCreatable(target: string, kind: 'file' | 'dir', field: string): void {
  const abs = path.resolve(target);
  if (fs.existsSync(abs)) {
    const isDir = fs.statSync(abs).isDirectory();
    if (kind === 'dir' && !isDir) throw new InputError(`"${target}" exists and is not a folder`, field);
    if (kind === 'file' && isDir) throw new InputError(`"${target}" is a folder; give a file name`, field);
    return;
  }
  let up = path.dirname(abs);
  while (!fs.existsSync(up)) up = path.dirname(up);
  if (!fs.statSync(up).isDirectory()) throw new InputError(`cannot create "${target}": "${up}" is not a folder`, field);
  if (kind === 'file' && up !== path.dirname(abs)) throw new InputError(`the folder "${path.dirname(target)}" does not exist`, field);
}

/** The process's real streams. */
export function processIo(): Io {
  let stdinCache: Promise<Uint8Array> | undefined;
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    // isatty(0) is what process.stdin.isTTY reports, without building the stdin stream (≈ 5 ms of
    // start-up); the stream is made only when standard input is read.
    stdinIsTTY: isatty(0),
    readStdin() {
      stdinCache ??= new Promise<Uint8Array>((resolve, reject) => {
        const chunks: Buffer[] = [];
        let size = 0;
        process.stdin.on('data', (c: Buffer) => {
          size += c.length;
          if (size > MAX_INPUT_BYTES) {
            reject(new InputError(`standard input is over ${MAX_INPUT_BYTES} bytes`, 'stdin'));
            process.stdin.destroy();
            return;
          }
          chunks.push(c);
        });
        process.stdin.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
        process.stdin.on('error', (e) => reject(new InputError(`cannot read standard input: ${e.message}`, 'stdin')));
      });
      return stdinCache;
    },
  };
}

/** Why a file could not be read, in words (the error code only where there are no plain words). */
export function cannotRead(file: string, e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  const why: Record<string, string> = {
    ENOENT: 'no such file',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    ENOTDIR: 'a folder on its path is a file',
    EISDIR: 'it is a directory, not a file',
  };
  return `cannot read "${file}": ${(code && why[code]) ?? code ?? 'error'}`;
}
