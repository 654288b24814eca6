/**
 * vitest globalSetup: the black-box tests run bin/coldkit, which starts dist/app, the program
 * src/build/app.ts builds from tsc's dist/src. When tsc wrote dist/src after dist/app was built
 * (`npx tsc -p tsconfig.json && npx vitest run FILE`), build it again first, so no test runs an
 * older program than the code it reads.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './cli.js';

function newest(dir: string): number {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

export default function setup(): void {
  const app = path.join(ROOT, 'dist/app/main.js');
  const src = path.join(ROOT, 'dist/src');
  if (!fs.existsSync(src)) throw new Error('dist/src is missing: run npm run build');
  if (fs.existsSync(app) && fs.statSync(app).mtimeMs >= newest(src)) return;
  const r = spawnSync(process.execPath, [path.join(src, 'build/app.js')], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`building dist/app failed (exit ${r.status})`);
}
