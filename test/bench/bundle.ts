/**
 * The offline release bundle: its size, and start-up from it against bare `node -e 0` (targets:
 * `--help` within 1.5x; a 1-input `psbt sign` within 2.5x, which includes hashing every file of
 * the bundle against SHA256SUMS and the network pre-flight a ceremony command runs). The bundle is
 * built fresh into a temp folder from this checkout, so the numbers are for the code as it is.
 * Runs are interleaved (bare, --help, sign, bare, …) so a change in the machine's load hits all
 * three alike, and each sign starts from an empty journal (what it verifies is not what is timed).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bundle } from '../../src/build/bundle.js';
import { buildWpkhFast, SAMPLE_MNEMONIC } from '../helpers/build-psbt.js';
import { spawnSync } from 'node:child_process';
import { childCpuMs, medianTiming, ms, ROOT, type Timing } from './timing.js';

export default async function bundleBench(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coldkit-bench-bundle-'));
  process.stderr.write('  building the bundle …\n');
  const r = await bundle(ROOT, dir);
  const entry = path.join(r.folder, 'coldkit.mjs');
  let js = 0;
  let wasm = 0;
  let other = 0;
  let chunks = 0;
  for (const [p, b] of r.files) {
    if (p.endsWith('.mjs')) (js += b.length), chunks++;
    else if (p.endsWith('.wasm')) wasm += b.length;
    else other += b.length;
  }
  const tarBytes = fs.statSync(r.tar).size;
  const psbt = path.join(dir, 'p1.psbt');
  fs.writeFileSync(psbt, buildWpkhFast(1));
  const words = path.join(dir, 'mnemonic.txt');
  fs.writeFileSync(words, SAMPLE_MNEMONIC + '\n');
  const journal = path.join(dir, 'journal.jsonl');

  const runs = 20;
  const cases: Record<'bare' | 'help' | 'sign', string[]> = {
    bare: ['-e', '0'],
    help: [entry, '--help'],
    sign: [entry, '--network', 'testnet', '--yes', '--journal', journal, 'psbt', 'sign', psbt, '--mnemonic-file', words],
  };
  const times: Record<keyof typeof cases, Timing[]> = { bare: [], help: [], sign: [] };
  for (let i = 0; i <= runs; i++) {
    for (const [name, args] of Object.entries(cases) as Array<[keyof typeof cases, string[]]>) {
      fs.rmSync(journal, { force: true });
      const c0 = childCpuMs();
      const t0 = performance.now();
      const run = spawnSync(process.execPath, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
      const wall = performance.now() - t0;
      if (run.status !== 0) throw new Error(`${name} exited ${run.status}: ${run.stderr.toString().slice(0, 300)}`);
      if (i > 0) times[name].push({ wall, cpu: childCpuMs() - c0 });
    }
  }
  const bare = medianTiming(times.bare);
  const help = medianTiming(times.help);
  const sign = medianTiming(times.sign);
  fs.rmSync(dir, { recursive: true, force: true });
  const mib = (n: number) => `${(n / 2 ** 20).toFixed(2)} MiB`;
  const x = (t: { wall: number }) => (t.wall / bare.wall).toFixed(2);
  return [
    '## Offline bundle',
    '',
    `Built by \`npm run bundle\` (${r.packages.length} npm packages inside). Archive SHA-256 of this build: \`${r.tarSha256}\`.`,
    '',
    '| part | size |',
    '|---|---:|',
    `| JavaScript (coldkit.mjs + ${chunks - 1} chunks in lib/) | ${mib(js)} |`,
    `| WebAssembly (libsecp256k1, zxing reader) | ${mib(wasm)} |`,
    `| launcher, notices, licence, sums, build record | ${mib(other)} |`,
    `| folder total (${r.files.size} files) | ${mib(js + wasm + other)} |`,
    `| archive (${path.basename(r.tar)}, uncompressed ustar) | ${mib(tarBytes)} |`,
    '',
    `Start-up from the bundle, median of ${runs} interleaved runs after one warm-up, each a fresh process (sign with an empty journal):`,
    '',
    '| command | wall time | vs `node -e 0` | CPU time |',
    '|---|---|---|---|',
    `| \`node -e 0\` | ${ms(bare.wall)} | 1.00x | ${ms(bare.cpu)} |`,
    `| \`node coldkit.mjs --help\` | ${ms(help.wall)} | ${x(help)}x | ${ms(help.cpu)} |`,
    `| \`node coldkit.mjs psbt sign\` (1 input, --yes, to stdout) | ${ms(sign.wall)} | ${x(sign)}x | ${ms(sign.cpu)} |`,
    '',
    `Targets: --help within 1.5x — ${help.wall / bare.wall <= 1.5 ? 'met' : 'NOT met'}; 1-input psbt sign within 2.5x — ${sign.wall / bare.wall <= 2.5 ? 'met' : 'NOT met'}.`,
  ].join('\n');
}
