/**
 * Run the built bin with the module recorder preloaded (record-imports.mjs: resolve hooks that
 * write every resolved URL to a log), to test what a command loads: start-up budgets are kept by
 * not loading code a run does not need (docs/performance.md).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT, tmpDir } from './cli.js';

const RECORDER = fileURLToPath(new URL('./record-imports.mjs', import.meta.url));

/** Packages `--help` must never load: Ethereum, QR, curve and transaction code. */
export const HEAVY = ['ethers', 'qrcode', 'zxing-wasm', '@noble/curves', '@scure/btc-signer', 'tiny-secp256k1', 'jsqr', 'pngjs', '@scure/bip32'];

/** A recorded run: its output, the node_modules packages and every module URL it resolved. */
export interface RecordedRun {
  code: number;
  stdout: string;
  stderr: string;
  packages: Set<string>;
  urls: string[];
}

/** The program as tsc wrote it (dist/src, one module per source file): what runRecorded runs by default. */
export const SOURCE_BIN = fileURLToPath(new URL('./source-bin.mjs', import.meta.url));

/**
 * Run coldkit with the import recorder: by default the source modules (SOURCE_BIN), to see which of
 * them a command loads; `script: BIN` (helpers/cli.ts) runs the built program (dist/app) to see its chunks. The
 * journal is a fresh one in a temp folder unless `env` names one (COLDKIT_JOURNAL) or the arguments
 * give --journal.
 */
export function runRecorded(args: string[], env: Record<string, string> = {}, script = SOURCE_BIN): Promise<RecordedRun> {
  const log = path.join(tmpDir('coldkit-imports-'), 'imports.log');
  const childEnv: NodeJS.ProcessEnv = { ...process.env, COLDKIT_JOURNAL: path.join(path.dirname(log), 'journal.jsonl'), ...env, COLDKIT_IMPORT_LOG: log };
  delete childEnv.NODE_OPTIONS;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', RECORDER, script, ...args], { cwd: ROOT, env: childEnv, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const urls = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n') : [];
      fs.rmSync(path.dirname(log), { recursive: true, force: true });
      const packages = new Set(urls.map((u) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1]).filter((p): p is string => Boolean(p)));
      resolve({ code: code ?? -1, stdout, stderr, packages, urls });
    });
    child.stdin.end();
  });
}
