/**
 * Start-up: `coldkit --help` wall time against bare `node -e 0` (target: within 1.5x).
 * --help loads only commander and the command table; each command's code is imported lazily.
 */
import { BIN, median, ms, timeNode } from './timing.js';

/** Run the start-up benchmark; returns its Markdown section. */
export default async function startup(): Promise<string> {
  const runs = 20;
  const bare = median(timeNode(['-e', '0'], runs));
  const help = median(timeNode([BIN, '--help'], runs));
  const version = median(timeNode([BIN, '--version'], runs));
  const ratio = help / bare;
  return [
    '## Start-up',
    '',
    `Median of ${runs} runs after one warm-up, each a fresh process.`,
    '',
    '| command | wall time | vs `node -e 0` |',
    '|---|---|---|',
    `| \`node -e 0\` | ${ms(bare)} | 1.00x |`,
    `| \`coldkit --help\` | ${ms(help)} | ${ratio.toFixed(2)}x |`,
    `| \`coldkit --version\` | ${ms(version)} | ${(version / bare).toFixed(2)}x |`,
    '',
    `Target: \`coldkit --help\` within 1.5x of \`node -e 0\` — ${ratio <= 1.5 ? 'met' : 'NOT met'}.`,
  ].join('\n');
}
