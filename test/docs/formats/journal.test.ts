/**
 * The "Verify by hand, without coldkit" recipe of docs/formats/journal.md (sha256sum + jq), run as
 * written against journals coldkit wrote — version 2, the version-1 fixture, and that fixture
 * extended with version-2 entries: it must agree with `coldkit journal verify` and `journal head`
 * on intact journals, and report the break on edited ones (the last line included). Skipped where
 * the shell tools are missing.
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
    expect(r.stdout).toMatch(/^hash breaks at line 2$/m);
  });
  it('on an edit of the last line: "hash breaks at line 3" (the chain alone cannot see it)', () => {
    const lines = ws.journalBytes().toString('utf8').trimEnd().split('\n');
    lines[2] = lines[2]!.replace('"revealed":false', '"revealed":true');
    const r = runRecipe(lines.join('\n') + '\n');
    expect(r.stdout.trim().split('\n').slice(0, 3)).toEqual(['hash breaks at line 3', 'chain OK', 'seq OK']);
  });
  it('on the version-1 fixture, and on it extended with version-2 entries: agrees with coldkit', async () => {
    const v1 = fs.readFileSync(`${ROOT}/fixtures/journal/v1-ceremony.jsonl`, 'utf8');
    const mixed = ws.file('mixed.jsonl', v1);
    const m = ws.file('m.txt', ABOUT + '\n');
    for (let i = 0; i < 2; i++) expect((await ws.run(['--journal', mixed, 'seed', 'check', '--mnemonic-file', m])).code).toBe(0);
    for (const text of [v1, fs.readFileSync(mixed, 'utf8')]) {
      const r = runRecipe(text);
      expect(r.status, r.stderr).toBe(0);
      const out = r.stdout.trim().split('\n');
      expect(out.slice(0, 3)).toEqual(['hashes OK', 'chain OK', 'seq OK']);
      const f = ws.file('copy-for-head.jsonl', text);
      expect(out[3]).toBe((await ws.run(['--journal', f, '--json', 'journal', 'head'])).json().head);
    }
    // An edited version-1 line is seen by the chain; a version-1 line after version-2 ones by step 4.
    const lines = fs.readFileSync(mixed, 'utf8').trimEnd().split('\n');
    const edited = runRecipe([lines[0]!.replace('"alice"', '"mallory"'), ...lines.slice(1)].join('\n') + '\n');
    expect(edited.stdout).toMatch(/^2c2$/m);
    expect(lines).toHaveLength(8);
    const downgraded = runRecipe([...lines.slice(0, 7), lines[7]!.replace('"v":2,', '"v":1,').replace(/,"hash":"[0-9a-f]{64}"\}$/, '}')].join('\n') + '\n');
    expect(downgraded.stdout.trim().split('\n').slice(0, 3)).toEqual(['hashes OK', 'chain OK', 'version 1 after version 2 at line 8']);
  });
});
