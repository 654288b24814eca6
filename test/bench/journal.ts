/**
 * The journal at scale: a generated 100,000-entry journal in the first released format (≈ 62 MB,
 * test/helpers/v1-journal.ts). Measures `journal verify` against `sha256sum` of the same file
 * (target ≤ 3x, memory ≤ 100 MB), and journaling commands (`account export --out`, `journal
 * head`) on the 100k journal against the same command on an empty one (target ≤ 1.5x), plus the
 * first command after the checkpoint is deleted (full verification, then a new checkpoint).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeV1Journal } from '../helpers/v1-journal.js';
import { BIN, median, ms } from './timing.js';

const ENTRIES = 100_000;
/** The bin measured: this build, or another (COLDKIT_BENCH_BIN, e.g. a build of an earlier commit for a before/after table). */
const COLDKIT = process.env.COLDKIT_BENCH_BIN ?? BIN;
const ABOUT = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';

/** One measured run: wall, CPU (user + system) in ms, and maximum resident set size in MB. */
interface Run {
  wall: number;
  cpu: number;
  rssMb: number;
}

const hasTime = fs.existsSync('/usr/bin/time');

/**
 * Run a command once and measure it: with GNU time (`/usr/bin/time -f`) when installed; else wall
 * time only, and memory from the child's own `process.resourceUsage()` when it is node.
 */
function measure(cmd: string[], env: Record<string, string>, cwd: string): Run {
  const report = path.join(cwd, '.time');
  const full = hasTime ? ['/usr/bin/time', '-f', '%e %U %S %M', '-o', report, ...cmd] : cmd;
  const t0 = performance.now();
  const r = spawnSync(full[0]!, full.slice(1), { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
  const wall = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd.join(' ')} exited ${r.status}: ${r.stderr.toString().slice(0, 400)}`);
  if (!hasTime) return { wall, cpu: NaN, rssMb: NaN };
  const [, user, sys, kb] = fs.readFileSync(report, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
  return { wall, cpu: (user! + sys!) * 1000, rssMb: kb! / 1024 };
}

/** Median of each measure over runs. */
function med(runs: Run[]): Run {
  return { wall: median(runs.map((r) => r.wall)), cpu: median(runs.map((r) => r.cpu)), rssMb: median(runs.map((r) => r.rssMb)) };
}

const mb = (x: number) => (Number.isNaN(x) ? 'n/a' : `${Math.round(x)} MB`);
const row = (name: string, r: Run, vs?: Run) => `| ${name} | ${ms(r.wall)} | ${Number.isNaN(r.cpu) ? 'n/a' : ms(r.cpu)} | ${mb(r.rssMb)} | ${vs ? `${(r.wall / vs.wall).toFixed(2)}x` : ''} |`;

/** Run the journal benchmark; returns its Markdown section. */
export default async function journal(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coldkit-bench-journal-'));
  try {
    const big = path.join(dir, 'big.jsonl');
    const empty = path.join(dir, 'empty.jsonl');
    const mnemonic = path.join(dir, 'm.txt');
    fs.writeFileSync(mnemonic, ABOUT + '\n');
    writeV1Journal(big, ENTRIES);
    const bytes = fs.statSync(big).size;
    const node = (args: string[]) => [process.execPath, COLDKIT, ...args];
    let n = 0;
    const exportCmd = () => node(['account', 'export', '--mnemonic-file', mnemonic, '--out', `x${n++}.json`]);
    const runs = 5;

    // The first journaling command on the 100k journal (no checkpoint yet): full verification.
    const first = measure(exportCmd(), { COLDKIT_JOURNAL: big }, dir);
    const sum: Run[] = [], verify: Run[] = [], exBig: Run[] = [], exEmpty: Run[] = [], headBig: Run[] = [], headEmpty: Run[] = [];
    // Interleaved, so load changes on a shared machine hit every command alike.
    for (let i = 0; i < runs; i++) {
      sum.push(measure(['sha256sum', big], {}, dir));
      verify.push(measure(node(['journal', 'verify']), { COLDKIT_JOURNAL: big }, dir));
      exEmpty.push(measure(exportCmd(), { COLDKIT_JOURNAL: empty }, dir));
      exBig.push(measure(exportCmd(), { COLDKIT_JOURNAL: big }, dir));
      headEmpty.push(measure(node(['journal', 'head']), { COLDKIT_JOURNAL: empty }, dir));
      headBig.push(measure(node(['journal', 'head']), { COLDKIT_JOURNAL: big }, dir));
    }
    const s = med(sum), v = med(verify), eb = med(exBig), ee = med(exEmpty), hb = med(headBig), he = med(headEmpty);
    const exRatio = eb.wall / ee.wall;
    const headRatio = hb.wall / he.wall;
    const vRatio = v.wall / s.wall;
    return [
      '## Journal at scale',
      '',
      `Measured: \`${COLDKIT}\`. A generated journal of ${ENTRIES.toLocaleString('en')} entries in the first released format (${(bytes / 1e6).toFixed(1)} MB); median of ${runs} interleaved runs, each a fresh process (${hasTime ? 'wall time, CPU time and maximum RSS from GNU time' : 'wall time only: /usr/bin/time is not installed'}). The journaling commands append to the journals they run on.`,
      '',
      '| command | wall | CPU | max RSS | ratio |',
      '|---|---|---|---|---|',
      row('`sha256sum` of the 100k journal', s),
      row('`coldkit journal verify` (100k)', v, s),
      row('`coldkit account export --out` (empty journal)', ee),
      row('`coldkit account export --out` (100k journal)', eb, ee),
      row('`coldkit account export --out` (100k, first run: no checkpoint yet)', first, ee),
      row('`coldkit journal head` (empty journal)', he),
      row('`coldkit journal head` (100k journal)', hb, he),
      '',
      `Targets: a journaling command on 100k ≤ 1.5x the same on an empty journal — account export ${exRatio.toFixed(2)}x, journal head ${headRatio.toFixed(2)}x (${exRatio <= 1.5 && headRatio <= 1.5 ? 'met' : 'NOT met'}); \`journal verify\` ≤ 3x \`sha256sum\` — ${vRatio.toFixed(2)}x (${vRatio <= 3 ? 'met' : 'NOT met'}), memory ≤ 100 MB — ${mb(v.rssMb)} (${v.rssMb <= 100 ? 'met' : Number.isNaN(v.rssMb) ? 'not measured' : 'NOT met'}).`,
    ].join('\n');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

