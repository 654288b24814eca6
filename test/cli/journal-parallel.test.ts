/**
 * src/cli/journal-parallel.ts: verifying a journal in ranges on worker threads gives exactly the
 * sequential answer — the same head, the same anchors found, and for every kind of damage the same
 * first bad line and words — wherever the damage falls, range boundaries included. The built module
 * is run in one node process (workers need the compiled worker file), over many damaged copies of
 * a mixed version-1/version-2 journal, each cut into 1 (sequential), 2 and 5 ranges.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headWords } from '../../src/core/journal/entry.js';
import { appendEntries } from '../../src/cli/journal-file.js';
import { ROOT, tmpDir } from '../helpers/cli.js';
import { writeV1Journal } from '../helpers/v1-journal.js';

const dir = tmpDir('coldkit-parallel-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const RANGES = [1, 2, 5];
let base: string[];

beforeAll(() => {
  const f = path.join(dir, 'base.jsonl');
  writeV1Journal(f, 2000);
  const fields = { ts: '2026-11-26T08:00:00.000Z', operator: 'alice', host: 'h', tool: 'coldkit/0.2.0' };
  for (let i = 0; i < 40; i++) appendEntries(f, [{ op: 'seed.check', data: { i, note: 'Zoë ✓' } }, { op: 'derive', data: { i } }], fields);
  base = fs.readFileSync(f, 'utf8').trimEnd().split('\n');
});

/** Line indexes (0-based) that start a range when the text is cut into r ranges, as journal-parallel.ts cuts. */
function rangeFirstLines(text: string, r: number): number[] {
  const bytes = Buffer.from(text);
  const out: number[] = [];
  for (let k = 1; k < r; k++) {
    const at = bytes.indexOf(10, Math.floor((k * bytes.length) / r)) + 1;
    out.push(bytes.subarray(0, at).toString().split('\n').length - 1);
  }
  return out;
}

/** Every case: a name, the journal text, the anchors. */
function cases(): [string, string, string[]][] {
  const join = (ls: string[]) => ls.join('\n') + '\n';
  const text = join(base);
  const edit = (i: number) => join(base.map((l, k) => (k === i ? l.replace(/"operator":"[a-z]+"/, '"operator":"eve"') : l)));
  const targets = new Set([0, 1, 1999, 2000, base.length - 1]);
  for (const r of RANGES) for (const i of rangeFirstLines(text, r)) for (const d of [-1, 0]) if (i + d >= 0 && i + d < base.length) targets.add(i + d);
  const out: [string, string, string[]][] = [['intact', text, []]];
  const kinds: [string, (i: number) => string][] = [
    ['edit', edit],
    ['delete', (i) => join(base.filter((_, k) => k !== i))],
    ['blank line before', (i) => join([...base.slice(0, i), '', ...base.slice(i)])],
    ['swap with the next', (i) => join([...base.slice(0, i), base[i + 1] ?? '', base[i]!, ...base.slice(i + 2)])],
  ];
  [...targets].sort((a, b) => a - b).forEach((i, n) => {
    for (const [name, make] of [kinds[n % kinds.length]!, kinds[(n + 1) % kinds.length]!]) if (!(name === 'delete' && i === base.length - 1)) out.push([`${name} line ${i + 1}`, make(i), []]);
  });
  out.push(['cut inside the last line', text.slice(0, -30), []]);
  out.push(['a version-1 line after version 2', join([...base.slice(0, 2050), base[10]!.replace('"seq":11,', '"seq":2051,')]), []]);
  const h = (i: number) => JSON.parse(base[i]!).hash as string;
  out.push(['anchors found', text, [`#2080 ${headWords(h(2079))}`]]);
  out.push(['anchor by words only', text, [headWords(h(2040))]]);
  out.push(['anchor of another entry number', text, [`2079:${h(2040)}`]]);
  out.push(['anchor after the end', join(base.slice(0, 1500)), [`#2080 ${headWords(h(2079))}`]]);
  return out;
}

describe('parallel verification = sequential verification', () => {
  it('same head, anchors and first error for every case and every cut', async () => {
    const all = cases();
    const files = all.map(([, text], i) => {
      const f = path.join(dir, `case-${i}.jsonl`);
      fs.writeFileSync(f, text);
      return f;
    });
    const driver = path.join(dir, 'driver.mjs');
    fs.writeFileSync(
      driver,
      `import { verifyJournalFile } from ${JSON.stringify(path.join(ROOT, 'dist/src/cli/journal-parallel.js'))};
const jobs = JSON.parse(process.argv[2]);
const out = [];
for (const [file, anchors] of jobs) {
  const row = [];
  for (const ranges of ${JSON.stringify(RANGES)}) {
    try {
      const r = await verifyJournalFile(file, anchors, { ranges, minBytes: 0 });
      row.push({ head: r.head, anchorSeqs: r.anchorSeqs });
    } catch (e) {
      row.push({ error: e.constructor.name + ': ' + e.message });
    }
  }
  out.push(row);
}
process.stdout.write(JSON.stringify(out));
`,
    );
    const jobs = JSON.stringify(all.map(([, , anchors], i) => [files[i], anchors]));
    // Asynchronously, so the test runner stays responsive while the driver works.
    const run = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [driver, jobs]);
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });
    expect(run.status, run.stderr).toBe(0);
    const results = JSON.parse(run.stdout) as unknown[][];
    let errors = 0;
    results.forEach((row, i) => {
      for (const r of row.slice(1)) expect(r, all[i]![0]).toEqual(row[0]);
      if ((row[0] as { error?: string }).error) errors++;
    });
    // The cases are real damage: all but the intact journal and the two anchors that hold fail.
    expect(results[0]![0]).toMatchObject({ head: { seq: base.length, v: 2 } });
    expect(errors).toBe(all.length - 3);
    const first = (name: string) => (results[all.findIndex(([n]) => n === name)]![0] as { error: string }).error;
    expect(first('edit line 1')).toBe('VerificationError: journal line 2: prev does not match the SHA-256 of line 1 — line 1 was edited, or lines were removed or reordered');
    expect(first('cut inside the last line')).toBe(`VerificationError: journal line ${base.length}: the file does not end with a newline — the last line is truncated or was appended to by hand`);
  }, 300_000);
});
