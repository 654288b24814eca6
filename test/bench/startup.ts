/**
 * Start-up: `coldkit --help` wall time against bare `node -e 0` (target: within 1.5x), and the
 * whole `psbt sign` of a 1-input PSBT (target: within 2.5x). --help loads only commander and the
 * command table; each command's code is imported lazily, and the signer loads only what the PSBT
 * needs (no btc-signer or pure-JS curve code for the PSBTs its linear reader understands).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildPsbt, SAMPLE_MNEMONIC } from '../helpers/build-psbt.js';
import { BIN, medianTiming, ms, timeNodeInterleaved, type Timing } from './timing.js';

/** Run the start-up benchmark; returns its Markdown section. */
export default async function startup(): Promise<string> {
  const runs = 20;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coldkit-bench-startup-'));
  fs.writeFileSync(path.join(dir, 'one.psbt'), buildPsbt({ kind: 'wpkh', inputs: 1 }));
  fs.writeFileSync(path.join(dir, 'mnemonic.txt'), `${SAMPLE_MNEMONIC}\n`);
  // A fresh journal per run would add a file creation; the journal grows by one line a run (the verify is linear, tiny here).
  const signArgs = [BIN, '--network', 'testnet', '--yes', '--journal', path.join(dir, 'journal.jsonl'), 'psbt', 'sign', path.join(dir, 'one.psbt'), '--mnemonic-file', path.join(dir, 'mnemonic.txt')];
  const [bare, help, version, sign] = timeNodeInterleaved([{ args: ['-e', '0'] }, { args: [BIN, '--help'] }, { args: [BIN, '--version'] }, { args: signArgs }], runs).map(medianTiming) as [Timing, Timing, Timing, Timing];
  fs.rmSync(dir, { recursive: true, force: true });
  const ratio = help.wall / bare.wall;
  const signRatio = sign.wall / bare.wall;
  return [
    '## Start-up',
    '',
    `Median of ${runs} rounds after one warm-up, each a fresh process; every round runs each command once (interleaved), so load changes hit all alike.`,
    '',
    '| command | wall time | vs `node -e 0` | CPU time |',
    '|---|---|---|---|',
    `| \`node -e 0\` | ${ms(bare.wall)} | 1.00x | ${ms(bare.cpu)} |`,
    `| \`coldkit --help\` | ${ms(help.wall)} | ${ratio.toFixed(2)}x | ${ms(help.cpu)} |`,
    `| \`coldkit --version\` | ${ms(version.wall)} | ${(version.wall / bare.wall).toFixed(2)}x | ${ms(version.cpu)} |`,
    `| \`coldkit psbt sign\` (1 input, whole process) | ${ms(sign.wall)} | ${signRatio.toFixed(2)}x | ${ms(sign.cpu)} (${(sign.cpu / bare.cpu).toFixed(2)}x) |`,
    '',
    `Target: \`coldkit --help\` within 1.5x of \`node -e 0\` — ${ratio <= 1.5 ? 'met' : 'NOT met'}.`,
    `Target: \`psbt sign\` of a 1-input PSBT within 2.5x — ${signRatio <= 2.5 ? 'met' : 'NOT met'}.`,
  ].join('\n');
}
