/**
 * `npm run build` (also run by `prepare`, `npm test` and `npm run bench`): dist/app/, the program
 * bin/coldkit starts. tsc compiles src/ into dist/src/, one module per source file (≈ 400); Node
 * 20's ES module loader costs ≈ 0.4–1 ms per module (resolve, read, compile, link), which made
 * module loading the largest part of a `psbt sign` (≈ 105 modules). Rollup joins dist/src into a
 * few modules along the lines commands load (docs/performance.md):
 *
 * - `shell`: what main.js imports statically — commander and the option tables, what `--help`
 *   needs and every command starts with;
 * - `execute`: the executor and what it loads for every command (journal, ceremony gate, network
 *   pre-flight, findings decision);
 * - `psbt-sign`: the signer's path — the psbt group's table and the `psbt sign` action with every
 *   module they import statically;
 * - everything else as rollup splits it: each lazily imported module (another command's action, a
 *   branch such as the signing policy or vaults) stays a chunk of its own, loaded only when run.
 *
 * Module identity is kept (each source module is in exactly one chunk), so classes and
 * module state are shared as before. A module goes to the first of these groups whose roots import
 * it. Small pure-ESM packages on those paths are joined in too (@noble/hashes, @scure/base, the
 * English BIP39 word list, and commander, converted from CommonJS by esbuild); every other package
 * stays an import from node_modules (tiny-secp256k1 finds its WebAssembly file beside itself).
 *
 * Usage: node dist/src/build/app.js
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild, type Plugin as EsbuildPlugin } from 'esbuild';
import { rollup, type GetModuleInfo, type Plugin } from 'rollup';

/** This script's checkout (it runs from dist/src/build/). */
const HERE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Where the built program goes, below the checkout. */
export const APP_DIR = 'dist/app';

/**
 * A chunk joined by hand: the modules its roots (below dist/src/) import statically, at any depth,
 * that no earlier chunk took; with `sharedWith`, only those that these modules import too.
 */
export interface ChunkRule {
  name: string;
  roots: readonly string[];
  sharedWith?: readonly string[];
}

const SIGNER = ['cli/commands/psbt.js', 'cli/actions/psbt-sign.js'];

/** The chunks joined by hand, in priority order. */
export const CHUNKS: readonly ChunkRule[] = [
  { name: 'shell', roots: ['cli/main.js'] },
  // What every command loads after parsing: the executor, its journal, the ceremony gate and network pre-flight.
  { name: 'execute', roots: ['cli/execute.js', 'cli/commands/actions.js', 'cli/ceremony.js', 'cli/installation.js', 'cli/policy/adoption-scan.js', 'cli/preflight/gather.js', 'core/preflight/network.js', 'core/findings/decide.js'] },
  // What the signer shares with the key commands and their option tables (seed input, BIP32 keys,
  // hashes, addresses, libsecp256k1), so that `derive` or `account export` do not load the signer.
  {
    name: 'key-layer',
    roots: SIGNER,
    sharedWith: [
      ...['derive', 'account-export', 'address-list', 'address-find', 'address-verify', 'seed-new', 'seed-check', 'btc-sign-message'].map((a) => `cli/actions/${a}.js`),
      ...['derive', 'account', 'address', 'seed', 'btc'].map((g) => `cli/commands/${g}.js`),
    ],
  },
  { name: 'psbt-sign', roots: SIGNER },
];

/**
 * Packages joined into the program (pure ES modules on the start-up paths); all others stay
 * external. tiny-secp256k1 finds secp256k1.wasm beside its own module (`new URL(name,
 * import.meta.url)`), so the build copies the file into dist/app/.
 */
const JOINED = /^(@noble\/hashes(\/.*)?|@scure\/base|@scure\/bip39\/wordlists\/english(\.js)?|tiny-secp256k1|uint8array-tools)$/;

/** libsecp256k1 in WebAssembly, and the tiny-secp256k1 module that finds it beside itself. */
const SECP_WASM = 'secp256k1.wasm';
const SECP_WASM_LOCATOR = '/tiny-secp256k1/lib/wasm_path.js';

/** commander is CommonJS: esbuild turns the names coldkit imports into one ES module. */
const COMMANDER_ID = '\0commander';
const COMMANDER_NAMES = ['Command', 'CommanderError', 'InvalidArgumentError', 'Option'];

/**
 * commander loads node:child_process at start (≈ 5 ms with the stream and net modules it pulls in)
 * for executable subcommands, which coldkit does not have: it gets an object that loads the module
 * on first use instead.
 */
const lazyChildProcess: EsbuildPlugin = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.namespace === 'lazy-builtin' ? { path: 'node:child_process', external: true } : { path: 'child_process', namespace: 'lazy-builtin' });
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, () => ({
      contents: "module.exports = new Proxy({}, { get: (_, name) => require('node:child_process')[name] });",
      loader: 'js',
    }));
  },
};

function packages(): Plugin {
  return {
    name: 'coldkit-packages',
    resolveId(source, importer) {
      if (!importer || source.startsWith('.') || path.isAbsolute(source) || source.startsWith('\0')) return null;
      if (source === 'commander') return COMMANDER_ID;
      if (!JOINED.test(source)) return { id: source, external: true };
      // As Node resolves it for an ES module (the "import" condition); joined packages are top-level dependencies.
      return fileURLToPath(import.meta.resolve(source));
    },
    async load(id) {
      if (id !== COMMANDER_ID) return null;
      const out = await esbuild({
        stdin: { contents: `export { ${COMMANDER_NAMES.join(', ')} } from 'commander';`, resolveDir: HERE, loader: 'js' },
        bundle: true,
        format: 'esm',
        platform: 'node',
        target: 'node20.19',
        write: false,
        logLevel: 'warning',
        plugins: [lazyChildProcess],
        // commander require()s Node built-ins; an ES module needs a real require for that.
        banner: { js: "import { createRequire as __coldkitRequire } from 'node:module'; const require = __coldkitRequire(import.meta.url);" },
      });
      return out.outputFiles[0]!.text;
    },
  };
}

/** The chunk each module goes to: the first group whose roots import it (statically, at any depth). */
function chunker(src: string): (id: string, api: { getModuleInfo: GetModuleInfo }) => string | undefined {
  let owner: Map<string, string> | undefined;
  return (id, { getModuleInfo }) => {
    /** Every module `roots` import statically, at any depth (themselves included). */
    const closure = (roots: readonly string[]): Set<string> => {
      const seen = new Set<string>();
      const todo = [...roots];
      while (todo.length) {
        const m = todo.pop()!;
        const info = getModuleInfo(m);
        if (seen.has(m) || !info || info.isExternal) continue;
        seen.add(m);
        todo.push(...info.importedIds);
      }
      return seen;
    };
    if (!owner) {
      owner = new Map();
      for (const c of CHUNKS) {
        const roots = c.roots.map((r) => path.join(src, r));
        for (const r of [...roots, ...(c.sharedWith ?? []).map((m) => path.join(src, m))]) if (!getModuleInfo(r)) throw new Error(`build: chunk ${c.name}: no module ${r}`);
        let take = closure(roots);
        if (c.sharedWith) {
          const used = closure(c.sharedWith.map((r) => path.join(src, r)));
          take = new Set([...take].filter((m) => used.has(m)));
        }
        for (const m of take) if (!owner.has(m)) owner.set(m, c.name);
      }
    }
    return owner.get(id);
  };
}

/** Build dist/app/ of this checkout (replacing the previous one whole). Returns its file names. */
export async function buildApp(): Promise<string[]> {
  const root = HERE;
  const src = path.join(root, 'dist/src');
  const bundle = await rollup({
    input: { main: path.join(src, 'cli/main.js') },
    plugins: [packages()],
    // Circular imports are refused by test/architecture.test.ts; a package's misplaced /* @__PURE__ */
    // comment (INVALID_ANNOTATION) only costs tree-shaking there. Anything else rollup says is shown.
    onwarn: (w) => {
      if (w.code !== 'CIRCULAR_DEPENDENCY' && w.code !== 'THIS_IS_UNDEFINED' && w.code !== 'INVALID_ANNOTATION') process.stderr.write(`build: ${w.message}\n`);
    },
  });
  const tmp = path.join(root, `${APP_DIR}.tmp-${process.pid}`);
  const out = path.join(root, APP_DIR);
  try {
    const { output } = await bundle.write({
      dir: tmp,
      format: 'es',
      entryFileNames: '[name].js',
      chunkFileNames: '[name]-[hash].js',
      manualChunks: chunker(src),
    });
    await bundle.close();
    const locator = output.flatMap((o) => (o.type === 'chunk' ? o.moduleIds : [])).find((id) => id.endsWith(SECP_WASM_LOCATOR));
    if (!locator) throw new Error(`build: no ${SECP_WASM_LOCATOR} in the program, so ${SECP_WASM} has no place`);
    fs.copyFileSync(path.join(path.dirname(locator), SECP_WASM), path.join(tmp, SECP_WASM));
    fs.rmSync(out, { recursive: true, force: true });
    fs.renameSync(tmp, out);
    return [...output.map((o) => o.fileName), SECP_WASM].sort();
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const files = await buildApp();
  process.stdout.write(`${APP_DIR}: ${files.length} files\n`);
}
