/**
 * The offline release bundle end to end. Two clean checkouts of HEAD in different folders are
 * built — one in this process, one in a child with another working directory, time zone, locale
 * and umask — and every byte of the two folders and archives must be equal. A copy of the folder
 * with no node_modules anywhere above it then runs alone: --version and --help, self-check (its
 * archive hash equal to the published one), and the whole demo through `npx coldkit demo`, both in
 * an empty network namespace (unshare -n, as root; skipped elsewhere, saying why). A changed, an
 * added or a removed file makes self-check fail and every ceremony command refuse (exit 3).
 * The builds are of HEAD (clean clones), not of the work tree: commit a change before running this.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundle, type BundleResult } from '../../src/build/bundle.js';
import { ROOT, runProgram, tmpDir } from '../helpers/cli.js';
import { OFFLINE } from '../helpers/offline.js';

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string; dependencies: Record<string, string> };
const NAME = `coldkit-${pkg.version}`;
const hasNpx = spawnSync('npx', ['--version'], { stdio: 'ignore' }).status === 0;

let base: string;
let a: BundleResult;
let outB: string;
let run: string;

/** Every file under `dir` ("/"-separated relative path → bytes), sorted. */
function readTree(dir: string, prefix = ''): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((x, y) => (x.name < y.name ? -1 : 1))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) for (const [k, v] of readTree(p, `${prefix}${e.name}/`)) out.set(k, v);
    else out.set(prefix + e.name, fs.readFileSync(p));
  }
  return out;
}

/** A clean clone of this checkout's HEAD at `dir`, sharing its node_modules through a link. */
function checkout(dir: string): string {
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  execFileSync('git', ['clone', '--quiet', '--no-hardlinks', ROOT, dir]);
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  fs.appendFileSync(path.join(dir, '.git', 'info', 'exclude'), 'node_modules\n');
  return dir;
}

/** A copy of the built folder at `dir`, asserted to have no node_modules in any folder above it. */
function copyRelease(dir: string): string {
  fs.cpSync(a.folder, dir, { recursive: true });
  for (let d = dir; path.dirname(d) !== d; d = path.dirname(d)) expect(fs.existsSync(path.join(path.dirname(d), 'node_modules')), `node_modules above ${dir}`).toBe(false);
  return dir;
}

const coldkit = (dir: string, args: string[], opts: { offline?: boolean; env?: Record<string, string>; timeoutMs?: number } = {}) =>
  runProgram([process.execPath, path.join(dir, 'coldkit.mjs'), ...args], { cwd: dir, ...opts, env: { COLDKIT_JOURNAL: path.join(dir, '..', 'journal.jsonl'), ...opts.env } });

beforeAll(async () => {
  base = tmpDir('coldkit-bundle-e2e-');
  const one = checkout(path.join(base, 'one', 'coldkit'));
  const two = checkout(path.join(base, 'second place', 'deeper', 'coldkit'));
  a = await bundle(one, path.join(base, 'out-one'));
  outB = path.join(base, 'out-two');
  const child = spawnSync('sh', ['-c', `umask 077; exec "${process.execPath}" "${path.join(ROOT, 'dist/src/build/bundle.js')}" --root "${two}" --out "${outB}"`], {
    cwd: '/',
    env: { ...process.env, TZ: 'Asia/Kathmandu', LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8' },
    encoding: 'utf8',
  });
  expect(child.status, child.stderr).toBe(0);
  run = copyRelease(path.join(base, 'usb', NAME));
}, 300_000);

afterAll(() => {
  if (base) fs.rmSync(base, { recursive: true, force: true });
});

describe('reproducible build', () => {
  it('two checkouts in different folders, built in different environments, give byte-identical folders and archives', () => {
    const one = readTree(a.folder);
    const two = readTree(path.join(outB, NAME));
    expect([...two.keys()]).toEqual([...one.keys()]);
    for (const [p, bytes] of one) expect(two.get(p)!.equals(bytes), p).toBe(true);
    expect(fs.readFileSync(path.join(outB, `${NAME}.tar`)).equals(fs.readFileSync(a.tar))).toBe(true);
    expect(fs.readFileSync(path.join(outB, `${NAME}.tar.sha256`), 'utf8')).toBe(`${a.tarSha256}  ${NAME}.tar\n`);
  });

  it('the build records the commit and its time, and names no folder of the machine that built it', () => {
    const info = JSON.parse(fs.readFileSync(path.join(a.folder, 'BUILD-INFO.json'), 'utf8'));
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const time = Number(execFileSync('git', ['log', '-1', '--format=%ct'], { cwd: ROOT, encoding: 'utf8' }).trim());
    expect(info).toMatchObject({ name: 'coldkit', version: pkg.version, commit: head, sourceDateEpoch: process.env.SOURCE_DATE_EPOCH ? Number(process.env.SOURCE_DATE_EPOCH) : time });
    for (const [p, bytes] of readTree(a.folder)) {
      if (p.endsWith('.wasm')) continue;
      const text = bytes.toString('utf8');
      expect(text.includes(base) || text.includes(ROOT), p).toBe(false);
    }
  });

  it('the archive: sorted members under coldkit-<version>/, uid/gid 0, the commit time, fixed modes; its hash file matches', () => {
    const t = spawnSync('tar', ['--numeric-owner', '--utc', '--full-time', '-tvf', a.tar], { encoding: 'utf8' });
    expect(t.status).toBe(0);
    const lines = t.stdout.trim().split('\n');
    const when = new Date(JSON.parse(fs.readFileSync(path.join(a.folder, 'BUILD-INFO.json'), 'utf8')).sourceDateEpoch * 1000).toISOString().replace('T', ' ').slice(0, 19);
    for (const l of lines) {
      expect(l).toMatch(new RegExp(`^[-d]rw[-x]r-[-x]r-[-x] 0/0 +\\d+ ${when} ${NAME}/`));
      expect(l.includes(' -> ')).toBe(false);
    }
    expect(lines.filter((l) => / coldkit-[^/]+\/coldkit(\.mjs)?$/.test(l)).every((l) => l.startsWith('-rwxr-xr-x'))).toBe(true);
    expect(lines.filter((l) => l.startsWith('-rwx')).length).toBe(2);
    expect(createHash('sha256').update(fs.readFileSync(a.tar)).digest('hex')).toBe(a.tarSha256);
  });
});

describe('the release folder', () => {
  it('holds the program as ESM chunks, both WebAssembly files, the launcher, sums, licences and the build record', () => {
    const files = [...readTree(a.folder).keys()];
    for (const f of ['BUILD-INFO.json', 'LICENSE', 'SHA256SUMS', 'THIRD-PARTY-NOTICES', 'coldkit', 'coldkit.mjs', 'package.json', 'lib/secp256k1.wasm', 'lib/zxing_reader.wasm']) expect(files).toContain(f);
    const code = files.filter((f) => /\.(m?js|cjs)$/.test(f));
    expect(code.every((f) => f === 'coldkit.mjs' || /^lib\/[\w-]+\.mjs$/.test(f))).toBe(true);
    expect(fs.readFileSync(path.join(a.folder, 'coldkit'), 'utf8')).toMatch(/exec node "\$dir\/coldkit\.mjs" "\$@"/);
    expect(fs.readFileSync(path.join(a.folder, 'lib/secp256k1.wasm')).equals(fs.readFileSync(path.join(ROOT, 'node_modules/tiny-secp256k1/lib/secp256k1.wasm')))).toBe(true);
  });

  it('imports nothing but its own chunks and Node built-ins (no package is looked up anywhere)', () => {
    const builtins = new Set(builtinModules);
    for (const [p, bytes] of readTree(a.folder)) {
      if (!p.endsWith('.mjs')) continue;
      const text = bytes.toString('utf8');
      const patterns = [/(?:^|[;}\n])\s*import\s*["']([.\w@/:-]+)["']/g, /\bfrom\s*["']([.\w@/:-]+)["']/g, /\bimport\s*\(\s*["']([.\w@/:-]+)["']\s*\)/g, /\brequire\s*\(\s*["']([.\w@/:-]+)["']\s*\)/g];
      const specs = patterns.flatMap((re) => [...text.matchAll(re)].map((m) => m[1]!));
      const foreign = specs.filter((s) => !s.startsWith('./') && !s.startsWith('../') && !s.startsWith('node:') && !builtins.has(s));
      expect(foreign, p).toEqual([]);
    }
  });

  it('THIRD-PARTY-NOTICES names every runtime dependency with its licence, and what the WebAssembly embeds', () => {
    const notices = fs.readFileSync(path.join(a.folder, 'THIRD-PARTY-NOTICES'), 'utf8');
    for (const [name, version] of Object.entries(pkg.dependencies)) {
      const lic = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).license as string;
      expect(notices, name).toContain(`- ${name}@${version} (${lic})`);
    }
    expect(notices).toContain('libsecp256k1');
    expect(notices).toContain('zxing-cpp');
    expect(notices).toMatch(/Apache License\s+Version 2\.0/);
  });

  it.skipIf(spawnSync('sha256sum', ['--version']).status !== 0)('sha256sum -c SHA256SUMS passes inside the folder', () => {
    const r = spawnSync('sha256sum', ['-c', '--strict', '--quiet', 'SHA256SUMS'], { cwd: a.folder, encoding: 'utf8' });
    expect(r.status, r.stdout + r.stderr).toBe(0);
  });
});

describe('running the copy alone', () => {
  it('--version (through the node entry and through the sh launcher) and --help', async () => {
    const v = await coldkit(run, ['--version']);
    expect(v.stdout.trim()).toBe(pkg.version);
    const sh = await runProgram([path.join(run, 'coldkit'), '--version'], { cwd: base });
    expect(sh.stdout.trim(), sh.stderr).toBe(pkg.version);
    const h = await coldkit(run, ['--help']);
    expect(h.code).toBe(0);
    expect(h.stdout).toMatch(/^Usage: coldkit /);
    expect(h.stdout).toMatch(/self-check/);
  });

  it.skipIf(!OFFLINE.available)(`self-check offline: every file matches, the archive hash is the published one, every known answer right ${OFFLINE.why}`, async () => {
    const r = await coldkit(run, ['--json', 'self-check'], { offline: true });
    expect(r.code, r.stderr).toBe(0);
    const j = r.json();
    expect(j).toMatchObject({ ok: true, installation: 'bundle', failures: [] });
    expect(j.bundle).toMatchObject({ root: run, ok: true, problems: [], archive: { name: `${NAME}.tar`, sha256: a.tarSha256 } });
    expect(j.bundle.filesChecked).toBe(a.files.size - 1);
    expect(j.knownAnswers.every((k: { ok: boolean }) => k.ok)).toBe(true);
  });

  it.skipIf(!OFFLINE.available)(`npx coldkit demo offline, from the copy: every step runs, its journal verifies ${OFFLINE.why}`, async () => {
    const demo = path.join(base, 'demo');
    const argv = hasNpx ? ['npx', '--offline', 'coldkit', '--json', 'demo', '--dir', demo] : [process.execPath, path.join(run, 'coldkit.mjs'), '--json', 'demo', '--dir', demo];
    const r = await runProgram(argv, { offline: true, cwd: run, timeoutMs: 280_000 });
    expect(r.code, r.stderr.slice(-2000)).toBe(0);
    const j = r.json<{ steps: Array<{ title: string; exitCode: number }> }>();
    expect(j.steps.length).toBeGreaterThanOrEqual(30);
    const v = await coldkit(run, ['--journal', path.join(demo, 'journal.jsonl'), '--json', 'journal', 'verify'], { offline: true });
    expect(v.code, v.stderr).toBe(0);
  }, 300_000);
});

describe('a tampered copy', () => {
  const variants: Array<[string, (dir: string) => string, RegExp]> = [
    ['one byte of a chunk changed', (d) => {
      const f = fs.readdirSync(path.join(d, 'lib')).filter((x) => x.endsWith('.mjs')).sort()[0]!;
      const b = fs.readFileSync(path.join(d, 'lib', f));
      b[b.length >> 1] ^= 0x01;
      fs.writeFileSync(path.join(d, 'lib', f), b);
      return `lib/${f} changed`;
    }, /changed/],
    ['a file added beside the program', (d) => {
      fs.writeFileSync(path.join(d, 'lib', 'extra.mjs'), 'export {}\n');
      return 'lib/extra.mjs unexpected';
    }, /unexpected/],
    ['the secp256k1 WebAssembly removed', (d) => {
      fs.rmSync(path.join(d, 'lib', 'secp256k1.wasm'));
      return 'lib/secp256k1.wasm missing';
    }, /missing/],
  ];

  it.each(variants)('%s: self-check exit 3 naming it; seed new and psbt sign refuse (exit 3), nothing written', async (_n, damage, status) => {
    const dir = copyRelease(path.join(tmpDir('coldkit-tampered-'), NAME));
    const what = damage(dir);
    const sc = await coldkit(dir, ['--json', 'self-check']);
    expect(sc.code, sc.stderr).toBe(3);
    const j = sc.json();
    expect(j.ok).toBe(false);
    expect(j.failures.join(' ')).toContain(what);
    expect(j.bundle.problems.map((p: { status: string }) => p.status).join(' ')).toMatch(status);
    expect(j.bundle.archive.sha256).not.toBe(a.tarSha256);
    const journal = path.join(dir, '..', 'j.jsonl');
    for (const args of [['seed', 'new', '--words', '12', '--mnemonic-out', path.join(dir, '..', 'words.txt')], ['psbt', 'sign', path.join(dir, '..', 'any.psbt'), '--mnemonic-file', path.join(dir, '..', 'm.txt')]]) {
      const r = await coldkit(dir, ['--journal', journal, ...args]);
      expect(r.code, r.stderr).toBe(3);
      expect(r.stderr).toMatch(new RegExp(`^coldkit: this coldkit bundle does not match its SHA256SUMS \\(.*${what.replace(/[.]/g, '\\.')}`));
    }
    expect(fs.existsSync(path.join(dir, '..', 'words.txt'))).toBe(false);
    expect(fs.existsSync(journal)).toBe(false);
  });
});
