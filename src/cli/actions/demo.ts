/**
 * `coldkit demo`: every ceremony step coldkit has, run non-interactively on testnet sample
 * data in a directory that keeps the artefacts, each step explained.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Action } from '../command.js';
import { journalSteps, steps as seedSteps } from '../demo/seed.js';
import { makeRunner, type DemoRunner, type DemoStep } from '../demo/runner.js';
import { registerAreas } from '../demo/areas.js';
import type { demo } from '../commands/demo.js';

/** Area demos, in ceremony order; each module exports steps(runner). */
const AREAS: Array<() => Promise<{ steps: (d: DemoRunner) => Promise<void> }>> = [];

/** Register an area's demo steps (called from registerAreas below). */
function area(load: () => Promise<{ steps: (d: DemoRunner) => Promise<void> }>): void {
  AREAS.push(load);
}

registerAreas(area);

const action: Action<typeof demo> = async (opts, ctx) => {
  const dir = path.resolve(opts.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'coldkit-demo-')));
  fs.mkdirSync(dir, { recursive: true });
  if (fs.existsSync(path.join(dir, 'journal.jsonl'))) {
    ctx.note(`coldkit: ${dir} already has a demo journal; new entries are appended to it`);
  }
  const steps: DemoStep[] = [];
  const live = !ctx.globals.json;
  const d = makeRunner(dir, steps, live ? (s) => ctx.io.stderr.write(`  ✓ ${s.section}: ${s.title}\n`) : undefined);
  if (live) ctx.note(`coldkit demo: running every ceremony step on testnet sample data in ${dir}`);
  await seedSteps(d);
  for (const load of AREAS) await (await load()).steps(d);
  await journalSteps(d);
  return {
    result: { dir, steps },
    human: (r: { dir: string; steps: DemoStep[] }) => {
      const out: string[] = ['coldkit demo — a whole ceremony on sample data (testnet; the sample seed is public, never fund it)', ''];
      let sec = '';
      r.steps.forEach((s, i) => {
        if (s.section !== sec) {
          sec = s.section;
          out.push(`══ ${sec} ══`, '');
        }
        out.push(`── Step ${i + 1}: ${s.title}`, s.explain, `$ ${s.command}`, indent(s.output), '');
      });
      out.push(`Artefacts left in ${r.dir}`);
      return out.join('\n');
    },
  };
};

function indent(s: string): string {
  return s.split('\n').map((l) => '    ' + l).join('\n');
}
export default action;
