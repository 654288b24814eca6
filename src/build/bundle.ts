/**
 * `npm run bundle`: the offline release `release/coldkit-<version>/` and `release/coldkit-<version>.tar`
 * (with `.tar.sha256`). The folder runs with `node` alone — no npm, no node_modules, no network:
 *
 * - coldkit.mjs (entry) and lib/*.mjs: the program and every runtime dependency as ESM, split
 *   into chunks so each command loads only its own code (esbuild, pinned in package.json);
 * - lib/secp256k1.wasm (tiny-secp256k1 finds it beside its chunk) and lib/zxing_reader.wasm
 *   (src/cli/qr/zxing.ts finds it in the bundle's lib/);
 * - coldkit (sh launcher: `node coldkit.mjs "$@"`), package.json (so `npx coldkit` runs the
 *   bundle's own bin, offline), LICENSE, THIRD-PARTY-NOTICES, BUILD-INFO.json, SHA256SUMS.
 *
 * Reproducible: nothing depends on the machine, the checkout's path or the time of the build.
 * Paths in the output are relative to the checkout (and the build fails if the checkout's absolute
 * path appears anywhere), inputs and lists are sorted, and the archive's members all carry
 * SOURCE_DATE_EPOCH (default: the time of the last commit), uid/gid 0 and fixed modes. The archive
 * is an uncompressed ustar written here (src/core/bundle/tar.ts), so its SHA-256 depends neither on
 * the host's tar nor on its zlib (deflate output differs between zlib builds).
 *
 * Usage: node dist/src/build/bundle.js [--root CHECKOUT] [--out DIR]
 *   CHECKOUT: the checkout to build (default: the one this script belongs to); DIR default CHECKOUT/release.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, version as esbuildVersion } from 'esbuild';
import { BUILD_INFO_FILE, ENTRY_FILE, LAUNCHER_FILE, LIB_DIR, SUMS_FILE, fileMode, formatBuildInfo, releaseName, releaseTar } from '../core/bundle/layout.js';
import { byteOrder, formatSums } from '../core/bundle/sums.js';
import { thirdPartyNotices } from './notices.js';

/** This script's checkout (it runs from dist/src/build/). */
const HERE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The WebAssembly files the program loads, by their place in the bundle and in node_modules. */
const WASM: ReadonlyArray<{ file: string; from: string }> = [
  { file: `${LIB_DIR}/secp256k1.wasm`, from: 'node_modules/tiny-secp256k1/lib/secp256k1.wasm' },
  { file: `${LIB_DIR}/zxing_reader.wasm`, from: 'node_modules/zxing-wasm/dist/reader/zxing_reader.wasm' },
];

/** The module that locates secp256k1.wasm next to itself (`new URL(name, import.meta.url)`): its chunk must sit in lib/. */
const SECP_WASM_LOCATOR = 'node_modules/tiny-secp256k1/lib/wasm_path.js';

const LAUNCHER = `#!/bin/sh
# coldkit launcher: runs coldkit.mjs from this folder with the node on PATH (Node.js >= 20.19).
dir=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd -P) || exit 1
exec node "$dir/${ENTRY_FILE}" "$@"
`;

/**
 * CommonJS dependencies (commander, pngjs, qrcode) call require() for Node built-ins; in an ESM
 * chunk that needs a real require. Every chunk gets this one line.
 */
const BANNER = "import { createRequire as __coldkitCreateRequire } from 'node:module'; const require = __coldkitCreateRequire(import.meta.url);";

/** What a build made. */
export interface BundleResult {
  folder: string;
  tar: string;
  tarSha256: string;
  files: Map<string, Uint8Array>;
  packages: string[];
}

function git(root: string, args: string[]): string {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** SOURCE_DATE_EPOCH from the environment, else the last commit's time. */
function sourceDateEpoch(root: string): number {
  const env = process.env.SOURCE_DATE_EPOCH;
  const t = env !== undefined && env !== '' ? env : git(root, ['log', '-1', '--format=%ct']);
  if (!/^\d+$/.test(t)) throw new Error(`SOURCE_DATE_EPOCH must be whole seconds, got "${t}"`);
  return Number(t);
}

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** Build the release of checkout `root` into `outDir` (replacing an earlier folder of the same version). */
export async function bundle(root = HERE, outDir = path.join(root, 'release')): Promise<BundleResult> {
  const checkout = path.resolve(root);
  const pkg = JSON.parse(fs.readFileSync(path.join(checkout, 'package.json'), 'utf8')) as { version: string; license: string; description: string; engines: { node: string } };
  const name = releaseName(pkg.version);
  const dirty = git(checkout, ['status', '--porcelain']) !== '';
  const commit = git(checkout, ['rev-parse', 'HEAD']) + (dirty ? '-dirty' : '');
  if (dirty) process.stderr.write('bundle: the work tree has uncommitted changes; BUILD-INFO.json records the commit as -dirty\n');
  const mtime = sourceDateEpoch(checkout);

  const built = await build({
    absWorkingDir: checkout,
    entryPoints: { coldkit: 'src/cli/bundle/entry.ts' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    tsconfig: 'tsconfig.json',
    // node_modules may be a link (a second checkout sharing the first one's); keep paths as written.
    preserveSymlinks: true,
    outdir: 'bundle-out',
    entryNames: '[name]',
    chunkNames: `${LIB_DIR}/[name]-[hash]`,
    outExtension: { '.js': '.mjs' },
    banner: { js: BANNER },
    legalComments: 'eof',
    charset: 'utf8',
    minifySyntax: true,
    minifyWhitespace: true,
    write: false,
    metafile: true,
    logLevel: 'warning',
  });

  const files = new Map<string, Uint8Array>();
  const outBase = path.join(checkout, 'bundle-out');
  for (const o of built.outputFiles) files.set(path.relative(outBase, o.path).split(path.sep).join('/'), o.contents);
  if (!files.has(ENTRY_FILE)) throw new Error(`bundle: esbuild wrote no ${ENTRY_FILE}`);
  const locator = Object.entries(built.metafile.outputs).find(([, o]) => Object.keys(o.inputs).includes(SECP_WASM_LOCATOR));
  if (!locator || !path.relative('bundle-out', locator[0]).startsWith(`${LIB_DIR}/`)) {
    throw new Error(`bundle: ${SECP_WASM_LOCATOR} is not in a chunk under ${LIB_DIR}/, so secp256k1.wasm would not be found beside it`);
  }
  for (const w of WASM) files.set(w.file, new Uint8Array(fs.readFileSync(path.join(checkout, w.from))));

  const inputs = Object.keys(built.metafile.inputs).sort(byteOrder);
  const notices = thirdPartyNotices(checkout, [...inputs, ...WASM.map((w) => w.from)]);
  const text = (s: string) => new TextEncoder().encode(s);
  files.set(LAUNCHER_FILE, text(LAUNCHER));
  files.set('LICENSE', new Uint8Array(fs.readFileSync(path.join(checkout, 'LICENSE'))));
  files.set('THIRD-PARTY-NOTICES', text(notices.text));
  files.set('package.json', text(JSON.stringify({ name: 'coldkit', version: pkg.version, description: pkg.description, license: pkg.license, type: 'module', bin: { coldkit: ENTRY_FILE }, engines: pkg.engines }, null, 2) + '\n'));
  files.set(BUILD_INFO_FILE, text(formatBuildInfo({ name: 'coldkit', version: pkg.version, commit, sourceDateEpoch: mtime, node: pkg.engines.node, bundler: `esbuild ${esbuildVersion}` })));

  // Nothing may name the machine it was built on.
  const decoder = new TextDecoder();
  for (const [p, b] of files) {
    if (p.endsWith('.wasm')) continue;
    const t = decoder.decode(b);
    if (t.includes(checkout) || t.includes(outDir)) throw new Error(`bundle: ${p} contains an absolute path of this machine`);
  }
  files.set(SUMS_FILE, text(formatSums([...files].map(([p, b]) => ({ path: p, sha256: sha256(b) })))));

  const folder = path.join(outDir, name);
  fs.rmSync(folder, { recursive: true, force: true });
  for (const [p, b] of [...files].sort(([a], [b]) => byteOrder(a, b))) {
    const f = path.join(folder, ...p.split('/'));
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, b, { mode: fileMode(p) });
    fs.chmodSync(f, fileMode(p));
  }
  const tarBytes = releaseTar(name, files, mtime);
  const tar = path.join(outDir, `${name}.tar`);
  fs.writeFileSync(tar, tarBytes);
  const tarSha256 = sha256(tarBytes);
  fs.writeFileSync(`${tar}.sha256`, `${tarSha256}  ${name}.tar\n`);
  return { folder, tar, tarSha256, files, packages: notices.packages };
}

/** Entry when run as a script. */
async function cli(argv: string[]): Promise<void> {
  const arg = (flag: string) => (argv.includes(flag) ? path.resolve(argv[argv.indexOf(flag) + 1] ?? '') : undefined);
  const root = arg('--root') ?? HERE;
  const r = await bundle(root, arg('--out'));
  let bytes = 0;
  for (const b of r.files.values()) bytes += b.length;
  const size = (n: number) => `${(n / 1024 / 1024).toFixed(2)} MiB`;
  process.stdout.write(
    [
      `folder   ${path.relative(process.cwd(), r.folder) || r.folder}  (${r.files.size} files, ${size(bytes)}, ${r.packages.length} npm packages)`,
      `archive  ${path.relative(process.cwd(), r.tar) || r.tar}  (${size(fs.statSync(r.tar).size)})`,
      `sha256   ${r.tarSha256}`,
      '',
    ].join('\n'),
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await cli(process.argv.slice(2));
