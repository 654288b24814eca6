/**
 * `npm run bench`: runs every benchmark module in this folder in turn and prints one Markdown
 * report (the machine first). Numbers from a run go into docs/performance.md by hand, with the
 * machine described. Each module exports `default async function (): Promise<string>` returning
 * its Markdown section. Benchmarks spawn the built bin, so run `tsc` first (the script does).
 */
import * as os from 'node:os';

const MODULES = ['./startup.js', './address-list.js', './psbt-sign.js', './vault-sign.js', './qr.js', './journal.js', './bundle.js'];

const only = process.argv.slice(2);
const lines: string[] = [
  '# coldkit benchmark run',
  '',
  `- date: ${new Date().toISOString()}`,
  `- machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.platform()} ${os.release()}`,
  `- node: ${process.version}`,
  '',
];
process.stdout.write(lines.join('\n') + '\n');
for (const m of MODULES) {
  if (only.length && !only.some((o) => m.includes(o))) continue;
  let mod: { default: () => Promise<string> };
  try {
    mod = await import(m);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') {
      process.stdout.write(`(skipped ${m}: not built)\n\n`);
      continue;
    }
    throw e;
  }
  process.stderr.write(`running ${m} …\n`);
  process.stdout.write((await mod.default()).trimEnd() + '\n\n');
}
