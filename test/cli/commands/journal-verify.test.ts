/**
 * `coldkit journal verify` as a black box: an edited last line is caught; what only an outside
 * copy of the head can prove — an edit whose hashes were all recomputed, entries cut from the
 * end — is caught by --anchor (paper words, with or without the entry number) and by --against
 * (another copy of the journal), and a journal of another chain is named as such. The version-1
 * fixture written by coldkit 0.1.0 verifies, is extended with version-2 entries, and an edit of
 * any of its lines is caught.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers/cli.js';
import { ABOUT, expectFailure, workspace, type Workspace } from '../../helpers/harness.js';
import { rehashedFrom } from '../../helpers/forge-journal.js';

const FIXTURE = path.join(ROOT, 'fixtures/journal/v1-ceremony.jsonl');
let ws: Workspace;
let lines: string[];
let head: { seq: number; head: string; words: string };

beforeAll(async () => {
  ws = await workspace(0);
  const m = ws.file('m.txt', ABOUT + '\n');
  for (const args of [['seed', 'check', '--mnemonic-file', m], ['--operator', 'bob', 'account', 'export', '--mnemonic-file', m], ['derive', '--mnemonic-file', m, '--path', 'm/0'], ['seed', 'check', '--mnemonic-file', m], ['derive', '--mnemonic-file', m, '--path', 'm/1']]) {
    const r = await ws.run(args);
    expect(r.code, r.stderr).toBe(0);
  }
  lines = ws.journalBytes().toString('utf8').trimEnd().split('\n');
  head = (await ws.run(['--json', 'journal', 'head'])).json();
});

const join = (ls: string[]) => ls.join('\n') + '\n';
const sha = (s: string) => createHash('sha256').update(s).digest('hex');
let copies = 0;
/** Write `text` as a journal of its own and run `coldkit --journal F ARGS`. */
async function on(text: string, args: string[]) {
  const f = ws.file(`copy-${copies++}.jsonl`, text);
  return { f, r: await ws.run(['--journal', f, ...args]) };
}

describe('an edit of the last line', () => {
  it('is caught by the line itself (exit 3, naming it)', async () => {
    const { r } = await on(join([...lines.slice(0, 4), lines[4]!.replace('"m/1"', '"m/2"')]), ['--json', 'journal', 'verify']);
    expectFailure(r, 3, 'journal line 5: its hash does not match its content — line 5 was edited');
  });
});

describe('an edit with every later hash recomputed', () => {
  const forged = () => join(rehashedFrom(lines, 1));
  it('passes the chain alone', async () => {
    const { r } = await on(forged(), ['--json', 'journal', 'verify']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().head).not.toBe(head.head);
  });
  it('--anchor with the words: "the head changed"', async () => {
    const { r } = await on(forged(), ['--json', 'journal', 'verify', '--anchor', head.words]);
    expectFailure(r, 3, `anchor "${head.words}": the head changed since the anchor was taken — no entry of this journal has that hash (an entry was edited and its hash recomputed, entries were cut from the end, or this is another journal)`);
  });
  it('--anchor with the entry number: entry 5 has another hash', async () => {
    const { r } = await on(forged(), ['--json', 'journal', 'verify', '--anchor', `#5 ${head.words}`]);
    expectFailure(r, 3, /^coldkit: anchor #5 "[a-z ]+": the head changed since the anchor was taken — entry 5 has another hash/);
  });
  it('--against the original: the first entry that differs', async () => {
    const { r } = await on(forged(), ['--json', 'journal', 'verify', '--against', ws.journal]);
    expectFailure(r, 3, `--against ${ws.journal}: the journals agree up to entry 1 and differ from entry 2 — an entry from 2 on was edited and its hash recomputed in one of them, or they were continued separately`);
  });
});

describe('entries cut from the end', () => {
  const cut = () => join(lines.slice(0, 3));
  it('pass the chain alone', async () => {
    expect((await on(cut(), ['journal', 'verify'])).r.code).toBe(0);
  });
  it('--anchor with the words: "the head changed"; with the entry number: the journal ends before it', async () => {
    expectFailure((await on(cut(), ['--json', 'journal', 'verify', '--anchor', head.words])).r, 3, /^coldkit: anchor "[a-z ]+": the head changed since the anchor was taken/);
    expectFailure((await on(cut(), ['--json', 'journal', 'verify', '--anchor', `5:${head.head}`])).r, 3, `anchor #5 ${head.head.slice(0, 16)}…: this journal ends at entry 3, before the anchored entry — entries were cut from the end since the anchor was taken (or this is another journal)`);
  });
  it('--against a copy taken before: it has entries this journal lacks', async () => {
    expectFailure((await on(cut(), ['--json', 'journal', 'verify', '--against', ws.journal])).r, 3, `--against ${ws.journal}: it has entries 4…5 that this journal lacks — they were cut from the end of this journal`);
  });
});

describe('--against', () => {
  it('an earlier copy of the same journal agrees: JSON and human forms', async () => {
    const earlier = ws.file('earlier.jsonl', join(lines.slice(0, 3)));
    const r = await ws.run(['--json', 'journal', 'verify', '--against', earlier, '--anchor', `#5 ${head.words}`]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toEqual({ ok: true, file: ws.journal, entries: 5, head: head.head, headWords: head.words, anchorSeq: 5, against: { file: earlier, entries: 3, agreedUpTo: 3 } });
    const human = await ws.run(['journal', 'verify', '--against', earlier]);
    expect(human.stdout).toContain(`against ${earlier}: its 3 entries are entries 1–3 of this journal`);
  });
  it('a journal of another chain: they differ from entry 1', async () => {
    const other = await workspace(2);
    const r = await ws.run(['--json', 'journal', 'verify', '--against', other.journal]);
    expectFailure(r, 3, `--against ${other.journal}: the journals differ from entry 1 — it is another journal, or this one was rewritten from its first entry`);
  });
  it('a copy whose own chain is broken is named as the one at fault', async () => {
    const broken = ws.file('broken-copy.jsonl', join([lines[0]!, lines[1]!.replace('"bob"', '"eve"'), ...lines.slice(2)]));
    expectFailure(await ws.run(['--json', 'journal', 'verify', '--against', broken]), 3, `--against ${broken}: journal line 2: its hash does not match its content — line 2 was edited`);
  });
  it('a missing file or a folder is exit 2', async () => {
    expectFailure(await ws.run(['--json', 'journal', 'verify', '--against', 'nope.jsonl']), 2, '--against: "nope.jsonl" is not a journal file');
    expectFailure(await ws.run(['--json', 'journal', 'verify', '--against', ws.dir]), 2, `--against: "${ws.dir}" is not a journal file`);
  });
  it('a bad --anchor is exit 2 naming the flag', async () => {
    expectFailure(await ws.run(['--json', 'journal', 'verify', '--anchor', 'zoo zoo']), 2, /^coldkit: --anchor: expected a head hash/);
  });
});

describe('the version-1 fixture written by coldkit 0.1.0', () => {
  const v1 = fs.readFileSync(FIXTURE, 'utf8');
  const v1Lines = v1.trimEnd().split('\n');
  it('verifies, at the head recorded in its SOURCE.md; the human form says its last line has no hash of its own', async () => {
    const { f, r } = await on(v1, ['--json', 'journal', 'verify', '--anchor', '#6 dentist hazard slide because orphan bread']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ entries: 6, head: '3a8d3f2e09e9cc36c027bc5de085f5f04f138f056b1f9807bf4124a829914d90', anchorSeq: 6 });
    expect(v1Lines.every((l) => l.startsWith('{"v":1,') && !l.includes('"hash"'))).toBe(true);
    const human = await ws.run(['--journal', f, 'journal', 'verify']);
    expect(human.stdout).toMatch(/the last entry is in the first format \(version 1\): it carries no hash of its own/);
  });
  it('an edit of any of lines 1–5 is caught by the next line', async () => {
    for (let i = 0; i < 5; i++) {
      const ls = [...v1Lines];
      ls[i] = ls[i]!.replace(/"ts":"2026-12-04T16:20:1/, '"ts":"2026-12-04T16:20:2');
      expect(ls[i]).not.toBe(v1Lines[i]);
      expectFailure((await on(join(ls), ['--json', 'journal', 'verify'])).r, 3, `journal line ${i + 2}: prev does not match the SHA-256 of line ${i + 1} — line ${i + 1} was edited, or lines were removed or reordered`);
    }
  });
  it('an edit of its last line passes the chain alone (as in coldkit 0.1.0): only an anchor catches it until an entry follows', async () => {
    const ls = [...v1Lines.slice(0, 5), v1Lines[5]!.replace('"--allow-unhardened"', '"--allow-nothing"')];
    expect((await on(join(ls), ['journal', 'verify'])).r.code).toBe(0);
    expectFailure((await on(join(ls), ['--json', 'journal', 'verify', '--anchor', '3a8d3f2e09e9cc36c027bc5de085f5f04f138f056b1f9807bf4124a829914d90'])).r, 3, /the head changed/);
  });
  it('is extended with version-2 entries, never rewritten; every line of the mixed journal is protected, the last included', async () => {
    const f = ws.file('extended.jsonl', v1);
    const m = ws.file('m.txt');
    for (const args of [['seed', 'check', '--mnemonic-file', m], ['derive', '--mnemonic-file', m, '--path', 'm/7']]) {
      const r = await ws.run(['--journal', f, ...args]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(new RegExp(`^journal: ${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} #${args[0] === 'seed' ? 7 : 8} \\(`, 'm'));
    }
    const text = fs.readFileSync(f, 'utf8');
    expect(text.startsWith(v1)).toBe(true);
    const all = text.trimEnd().split('\n');
    expect(all.map((l) => JSON.parse(l).v)).toEqual([1, 1, 1, 1, 1, 1, 2, 2]);
    expect(JSON.parse(all[6]!).prev).toBe(sha(v1Lines[5]!));
    const ok = await ws.run(['--journal', f, '--json', 'journal', 'verify', '--against', FIXTURE]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.json()).toMatchObject({ entries: 8, head: JSON.parse(all[7]!).hash, against: { entries: 6, agreedUpTo: 6 } });
    for (let i = 0; i < all.length; i++) {
      const ls = [...all];
      ls[i] = ls[i]!.replace('"host":"vm"', '"host":"vn"');
      expect(ls[i]).not.toBe(all[i]);
      const want = i >= 6 ? `journal line ${i + 1}: its hash does not match its content — line ${i + 1} was edited` : `journal line ${i + 2}: prev does not match the SHA-256 of line ${i + 1} — line ${i + 1} was edited, or lines were removed or reordered`;
      expectFailure((await on(join(ls), ['--json', 'journal', 'verify'])).r, 3, want);
    }
    // The last version-2 line turned back into version 1 (dropping its hash) is refused too.
    const last = JSON.parse(all[7]!);
    const { hash: _h, ...body } = last;
    const downgraded = JSON.stringify({ ...body, v: 1, operator: 'mallory' });
    expectFailure((await on(join([...all.slice(0, 7), downgraded]), ['--json', 'journal', 'verify'])).r, 3, 'journal line 8: a version-1 entry after version-2 entries — coldkit writes version 2 only, so this line was written or rewritten by hand');
  });
});
