/**
 * The ustar writer: byte for byte what GNU tar writes for the same tree with fixed metadata
 * (differential test against the host's tar), members readable back by tar, and refusals of what a
 * reproducible archive must not hold.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tarball } from '../../../src/core/bundle/tar.js';
import { releaseTar } from '../../../src/core/bundle/layout.js';
import { tmpDir } from '../../helpers/cli.js';

const hasGnuTar = /GNU tar/.test(spawnSync('tar', ['--version'], { encoding: 'utf8' }).stdout ?? '');
const MTIME = 1_700_000_000;

/** A tree on disk and the same tree as a path → bytes map. */
function tree(files: Record<string, string | Uint8Array>, exec: string[] = []): { dir: string; map: Map<string, Uint8Array> } {
  const dir = tmpDir('coldkit-tar-');
  const map = new Map<string, Uint8Array>();
  for (const [p, c] of Object.entries(files)) {
    const f = path.join(dir, 'pkg', p);
    fs.mkdirSync(path.dirname(f), { recursive: true });
    const b = typeof c === 'string' ? new TextEncoder().encode(c) : c;
    fs.writeFileSync(f, b);
    fs.chmodSync(f, exec.includes(p) ? 0o755 : 0o644);
    map.set(p, b);
  }
  for (const d of [path.join(dir, 'pkg'), ...Object.keys(files).filter((p) => p.includes('/')).map((p) => path.join(dir, 'pkg', path.dirname(p)))]) fs.chmodSync(d, 0o755);
  return { dir, map };
}

function gnuTar(dir: string): Buffer {
  const out = path.join(dir, 'gnu.tar');
  const r = spawnSync('tar', ['--format=ustar', '--sort=name', `--mtime=@${MTIME}`, '--owner=0', '--group=0', '--numeric-owner', '-cf', out, 'pkg'], { cwd: dir, env: { ...process.env, LC_ALL: 'C' } });
  expect(r.status, r.stderr?.toString()).toBe(0);
  return fs.readFileSync(out);
}

describe('release archive vs GNU tar', () => {
  it.skipIf(!hasGnuTar)('the same bytes as tar --sort=name --mtime --owner=0 --group=0 --numeric-owner', () => {
    const random = new Uint8Array(3000).map((_, i) => (i * 131 + 7) & 0xff);
    const { dir, map } = tree(
      {
        'coldkit': '#!/bin/sh\n',
        'coldkit.mjs': '#!/usr/bin/env node\n',
        'LICENSE': 'MIT\n',
        'SHA256SUMS': '',
        'lib/b.wasm': random,
        'lib/a-chunk.mjs': 'export {}\n',
        'lib/Z.mjs': 'x'.repeat(512),
        'zz/deeper/file.txt': 'deep\n',
      },
      ['coldkit', 'coldkit.mjs'],
    );
    const mine = releaseTar('pkg', map, MTIME);
    expect(Buffer.from(mine).equals(gnuTar(dir))).toBe(true);
  });

  it.skipIf(!hasGnuTar)('a long path goes into the ustar prefix field as GNU tar puts it', () => {
    const long = `${'d'.repeat(60)}/${'e'.repeat(50)}/${'f'.repeat(90)}.txt`;
    const { dir, map } = tree({ [long]: 'long\n' });
    expect(Buffer.from(releaseTar('pkg', map, MTIME)).equals(gnuTar(dir))).toBe(true);
  });

  it.skipIf(!hasGnuTar)('tar lists the members with uid/gid 0, the fixed time and the modes given', () => {
    const dir = tmpDir('coldkit-tar-');
    const file = path.join(dir, 'x.tar');
    fs.writeFileSync(file, tarball([{ path: 'r/', mode: 0o755 }, { path: 'r/run', mode: 0o755, bytes: new Uint8Array([1]) }, { path: 'r/data', mode: 0o644, bytes: new Uint8Array(600) }], MTIME));
    const r = spawnSync('tar', ['--numeric-owner', '--utc', '-tvf', file], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^drwxr-xr-x 0\/0 +0 2023-11-14 22:13 r\/$/);
    expect(lines[1]).toMatch(/^-rwxr-xr-x 0\/0 +1 2023-11-14 22:13 r\/run$/);
    expect(lines[2]).toMatch(/^-rw-r--r-- 0\/0 +600 2023-11-14 22:13 r\/data$/);
  });
});

describe('tarball', () => {
  it('is a whole number of 10240-byte records ending in zero blocks', () => {
    const t = tarball([{ path: 'a', mode: 0o644, bytes: new Uint8Array(10) }], MTIME);
    expect(t.length % 10240).toBe(0);
    expect(t.subarray(1024).every((b) => b === 0)).toBe(true);
  });

  it('depends only on its input', () => {
    const e = [{ path: 'a/', mode: 0o755 }, { path: 'a/b', mode: 0o644, bytes: new Uint8Array([1, 2, 3]) }];
    expect(Buffer.from(tarball(e, MTIME)).equals(Buffer.from(tarball(e, MTIME)))).toBe(true);
    expect(Buffer.from(tarball(e, MTIME)).equals(Buffer.from(tarball(e, MTIME + 1)))).toBe(false);
  });

  it.each([
    ['/etc/passwd', 'an absolute path'],
    ['a/../b', 'a parent reference'],
    ['a/ü', 'a non-ASCII name'],
    ['x'.repeat(101), 'a name with no "/" to split at'],
  ])('refuses %s (%s)', (p) => {
    expect(() => tarball([{ path: p, mode: 0o644, bytes: new Uint8Array(1) }], MTIME)).toThrow(RangeError);
  });

  it('refuses a directory with contents and a time ustar cannot hold', () => {
    expect(() => tarball([{ path: 'd/', mode: 0o755, bytes: new Uint8Array(1) }], MTIME)).toThrow(/directory/);
    expect(() => tarball([], -1)).toThrow(/mtime/);
    expect(() => tarball([], 8 ** 11)).toThrow(/mtime/);
  });
});
