/**
 * Start-up: `coldkit --help` wall time against bare `node -e 0` (target: within 1.5x).
 * --help loads only commander and the command table; each command's code is imported lazily.
 */
import { BIN, medianTiming, ms, timeNode } from './timing.js';

/** Run the start-up benchmark; returns its Markdown section. */
export default async function startup(): Promise<string> {
  const runs = 20;
  const bare = medianTiming(timeNode(['-e', '0'], runs));
  const help = medianTiming(timeNode([BIN, '--help'], runs));
  const version = medianTiming(timeNode([BIN, '--version'], runs));
  const ratio = help.wall / bare.wall;
  return [
    '## Start-up',
    '',
    `Median of ${runs} runs after one warm-up, each a fresh process.`,
    '',
    '| command | wall time | vs `node -e 0` | CPU time |',
    '|---|---|---|---|',
    `| \`node -e 0\` | ${ms(bare.wall)} | 1.00x | ${ms(bare.cpu)} |`,
    `| \`coldkit --help\` | ${ms(help.wall)} | ${ratio.toFixed(2)}x | ${ms(help.cpu)} |`,
    `| \`coldkit --version\` | ${ms(version.wall)} | ${(version.wall / bare.wall).toFixed(2)}x | ${ms(version.cpu)} |`,
    '',
    `Target: \`coldkit --help\` within 1.5x of \`node -e 0\` — ${ratio <= 1.5 ? 'met' : 'NOT met'}.`,
  ].join('\n');
}
