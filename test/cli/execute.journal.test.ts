/**
 * The executor says where every journaled act landed: `journal: PATH #SEQ (head words)` on stderr
 * and `"journal": { path, seq, head, words }` in the --json document — the same head `journal
 * head` reports — so acts landing in an unexpected journal are seen at once. Commands that
 * journal nothing say nothing.
 */
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ABOUT, workspace, type Workspace } from '../helpers/harness.js';
import { runCli } from '../helpers/cli.js';

let ws: Workspace;
let m: string;
beforeAll(async () => {
  ws = await workspace(1);
  m = ws.file('m.txt', ABOUT + '\n');
});

describe('journal: PATH #SEQ (head words)', () => {
  it('human form: one stderr line naming the journal, the new entry and the head words', async () => {
    const r = await ws.run(['derive', '--mnemonic-file', m, '--path', 'm/0']);
    expect(r.code, r.stderr).toBe(0);
    const head = (await ws.run(['--json', 'journal', 'head'])).json();
    expect(head.seq).toBe(2);
    expect(r.stderr).toBe(`journal: ${ws.journal} #2 (${head.words})\n`);
  });
  it('--json: the same on stderr, and a journal field in the one JSON document', async () => {
    const r = await ws.run(['--json', 'seed', 'check', '--mnemonic-file', m]);
    expect(r.code, r.stderr).toBe(0);
    const head = (await ws.run(['--json', 'journal', 'head'])).json();
    expect(r.json().journal).toEqual({ path: ws.journal, seq: 3, head: head.head, words: head.words });
    expect(r.stderr).toBe(`journal: ${ws.journal} #3 (${head.words})\n`);
  });
  it('a relative journal path is shown absolute', async () => {
    const r = await runCli(['--journal', 'rel/j.jsonl', '--json', 'seed', 'check', '--mnemonic-file', m], { cwd: ws.dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().journal).toMatchObject({ path: path.join(ws.dir, 'rel/j.jsonl'), seq: 1 });
    expect(r.stderr).toMatch(new RegExp(`^journal: ${path.join(ws.dir, 'rel/j.jsonl').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} #1 \\((\\w+ ){5}\\w+\\)\\n$`));
  });
  it('control characters in the path are not printed raw', async () => {
    const r = await runCli(['--journal', 'odd\u001b[2J.jsonl', 'seed', 'check', '--mnemonic-file', m], { cwd: ws.dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^journal: .*odd.*\.jsonl #1 /);
    expect(r.stderr).not.toMatch(/\u001b/);
  });
  it('a command that journals nothing prints no journal line and no journal field', async () => {
    const r = await ws.run(['--json', 'address', 'list', '--count', '1', '--descriptor', 'wpkh([73c5da0a/84h/0h/0h]xpub6CatWdiZiodmUeTDp8LT5or8nmbKNcuyvz7WyksVFkKB4RHwCD3XyuvPEbvqAQY3rAPshWcMLoP2fMFMKHPJ4ZeZXYVUhLv1VMrjPC7PW6V/0/*)']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.json().journal).toBeUndefined();
  });
});
