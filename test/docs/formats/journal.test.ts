/**
 * The "Verify by hand, without coldkit" recipe of docs/formats/journal.md (sha256sum + jq), run as
 * written against a journal coldkit wrote: it must agree with `coldkit journal verify` and
 * `journal head` on an intact journal, and report the break on an edited one. Skipped where the
 * shell tools are missing.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers/cli.js';
import { ABOUT, workspace, type Workspace } from '../../helpers/harness.js';

const doc = fs.readFileSync(`${ROOT}/docs/formats/journal.md`, 'utf8');
const recipe = /## Verify by hand[\s\S]*?```sh\n([\s\S]*?)```/.exec(doc)?.[1];
const tools = ['sh', 'jq', 'sha256sum', 'awk', 'diff'].every((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status === 0);

let ws: Workspace;
beforeAll(async () => {
  ws = await workspace(0);
  const m = ws.file('m.txt', ABOUT + '\n');
  for (const args of [['seed', 'check', '--mnemonic-file', m], ['--operator', 'Zoë \\ "quoted"', 'account', 'export', '--mnemonic-file', m], ['seed', 'finish', '--mnemonic-file', ws.file('w.txt', ABOUT.split(' ').slice(0, 11).join(' '))], ['derive', '--mnemonic-file', m, '--path', 'm/0']]) {
    const r = await ws.run(args);
    expect(r.code, r.stderr).toBe(0);
  }
});

function runRecipe(journalText: string) {
  const dir = ws.dir;
  fs.writeFileSync(`${dir}/journal-copy.jsonl`, journalText);
  const script = recipe!.replace(/^J=journal\.jsonl$/m, 'J=journal-copy.jsonl');
  return spawnSync('sh', ['-c', script], { cwd: dir, encoding: 'utf8' });
}

describe.skipIf(!tools)('docs/formats/journal.md: verify by hand', () => {
  it('the recipe is in the doc', () => {
    expect(recipe).toMatch(/sha256sum/);
    expect(recipe).toMatch(/^J=journal\.jsonl$/m);
  });
  it('on an intact journal: "chain OK", "seq OK", and the head coldkit reports', async () => {
    const text = ws.journalBytes().toString('utf8');
    expect(text.trimEnd().split('\n')).toHaveLength(3); // seed finish journals nothing
    const r = runRecipe(text);
    expect(r.status, r.stderr).toBe(0);
    const out = r.stdout.trim().split('\n');
    expect(out).toContain('chain OK');
    expect(out).toContain('seq OK');
    const head = (await ws.run(['--json', 'journal', 'head'])).json();
    expect(out[out.length - 1]).toBe(head.head);
  });
  it('on an edited journal: no "chain OK", and diff shows the line', () => {
    const lines = ws.journalBytes().toString('utf8').trimEnd().split('\n');
    lines[1] = lines[1]!.replace('"mainnet"', '"testnet"');
    const r = runRecipe(lines.join('\n') + '\n');
    expect(r.stdout).not.toContain('chain OK');
    expect(r.stdout).toMatch(/^3c3$/m);
  });
});
