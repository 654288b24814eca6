/**
 * Black-box journal: entries written by real runs, `journal verify` exit 3 naming the first bad
 * line for each tamper kind, `journal head` and `verify --anchor` (hash and words), `journal show
 * --op`, and no command appending to a tampered journal.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers/cli.js';
import { ABOUT, expectFailure, workspace, type Workspace } from '../../helpers/harness.js';

let ws: Workspace;
let lines: string[];

beforeAll(async () => {
  ws = await workspace(0);
  const m = ws.file('m.txt', ABOUT + '\n');
  for (const args of [
    ['seed', 'check', '--mnemonic-file', m],
    ['--operator', 'alice', 'account', 'export', '--mnemonic-file', m, '--network', 'testnet'],
    ['derive', '--mnemonic-file', m, '--path', "m/84'/0'/0'/0/0"],
    ['seed', 'check', '--mnemonic-file', m, '--expect-fingerprint', '73c5da0a'],
    ['account', 'export', '--chain', 'eth', '--mnemonic-file', m],
  ]) {
    const r = await ws.run(args);
    expect(r.code, r.stderr).toBe(0);
  }
  lines = ws.journalBytes().toString('utf8').trimEnd().split('\n');
});

/** Copy the journal with some change into its own file and run `coldkit --journal F ARGS`. */
async function onCopy(name: string, text: string, args: string[]) {
  const f = ws.file(`${name}.jsonl`, text);
  const r = await ws.run(['--journal', f, ...args], { timeoutMs: 20_000 });
  return { r, f };
}
const join = (ls: string[]) => ls.join('\n') + '\n';

describe('a journal written by real runs', () => {
  it('has one line per act, in order, with operator and tool', () => {
    expect(lines).toHaveLength(5);
    const es = lines.map((l) => JSON.parse(l));
    expect(es.map((e) => e.op)).toEqual(['seed.check', 'account.export', 'derive', 'seed.check', 'account.export']);
    expect(es[1].operator).toBe('alice');
    const version = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
    for (const e of es) {
      expect(Object.keys(e)).toEqual(['v', 'seq', 'ts', 'op', 'operator', 'host', 'tool', 'data', 'prev', 'hash']);
      expect(e.v).toBe(2);
      expect(e.tool).toBe(`coldkit/${version}`);
      expect(e.ts).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(typeof e.host).toBe('string');
    }
    expect(es[0].prev).toBe('0'.repeat(64));
    expect(es[1].data).toMatchObject({ chain: 'btc', network: 'testnet', script: 'wpkh', fingerprint: '73c5da0a', path: 'm/84h/1h/0h', revealed: false, overrides: [] });
    expect(Object.keys(es[1].data.descriptorChecksums)).toEqual(['receive', 'change', 'multipath']);
    expect(es[3].data).toMatchObject({ fingerprint: '73c5da0a', expected: '73c5da0a' });
  });
  it('journal verify: exit 0 and the JSON shape', async () => {
    const r = await ws.run(['--json', 'journal', 'verify']);
    expect(r.code, r.stderr).toBe(0);
    const j = r.json();
    expect(Object.keys(j)).toEqual(['ok', 'file', 'entries', 'head', 'headWords']);
    expect(j).toMatchObject({ ok: true, file: ws.journal, entries: 5 });
    expect(j.head).toMatch(/^[0-9a-f]{64}$/);
    expect(j.headWords.split(' ')).toHaveLength(6);
  });
  it('journal head gives the same head and words; verify --anchor accepts both forms', async () => {
    const h = (await ws.run(['--json', 'journal', 'head'])).json();
    const v = (await ws.run(['--json', 'journal', 'verify'])).json();
    expect(h).toEqual({ file: ws.journal, seq: 5, head: v.head, words: v.headWords });
    for (const anchor of [h.head, h.words]) {
      const r = await ws.run(['--json', 'journal', 'verify', '--anchor', anchor]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.json().anchorSeq).toBe(5);
    }
    const human = await ws.run(['journal', 'head']);
    expect(human.stdout).toContain(h.words);
    expect(human.stdout).toContain(h.head);
  });
  it('an anchor taken earlier is found after later entries', async () => {
    const { r: head3 } = await onCopy('first3', join(lines.slice(0, 3)), ['--json', 'journal', 'head']);
    const r = await ws.run(['--json', 'journal', 'verify', '--anchor', head3.json().words]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().anchorSeq).toBe(3);
  });
  it('journal show --op filters by op prefix', async () => {
    const r = await ws.run(['--json', 'journal', 'show', '--op', 'seed']);
    expect(r.code).toBe(0);
    const j = r.json();
    expect(j.total).toBe(5);
    expect(j.entries.map((e: { seq: number }) => e.seq)).toEqual([1, 4]);
    const none = await ws.run(['journal', 'show', '--op', 'psbt']);
    expect(none.stdout.trim()).toBe('No entries with op psbt (5 in all).');
  });
});

const tampers: [name: string, make: () => string, message: string | RegExp][] = [
  ['edit (a value in line 2)', () => join(lines.map((l, i) => (i === 1 ? l.replace('"testnet"', '"mainnet"') : l))), 'journal line 2: its hash does not match its content — line 2 was edited'],
  ['edit (operator of line 1)', () => join(lines.map((l, i) => (i === 0 ? l.replace(/"operator":"[^"]*"/, '"operator":"mallory"') : l))), /^coldkit: journal line 1: its hash does not match its content/],
  ['edit (reformatted line 4)', () => join(lines.map((l, i) => (i === 3 ? JSON.stringify(JSON.parse(l), null, 1).replace(/\n/g, '') : l))), 'journal line 4: not in canonical form (fields added, removed, reordered or reformatted)'],
  ['deletion (line 3)', () => join(lines.filter((_, i) => i !== 2)), 'journal line 3: seq is 4, expected 3 — a line was inserted, deleted or moved'],
  ['deletion (line 1)', () => join(lines.slice(1)), 'journal line 1: seq is 2, expected 1 — a line was inserted, deleted or moved'],
  ['insertion (line 1 copied after line 2)', () => join([...lines.slice(0, 2), lines[0]!, ...lines.slice(2)]), 'journal line 3: seq is 1, expected 3 — a line was inserted, deleted or moved'],
  ['insertion (a blank line)', () => join([...lines.slice(0, 4), '', ...lines.slice(4)]), 'journal line 5: not valid JSON — edited or truncated'],
  ['reordering (lines 2 and 3 swapped)', () => join([lines[0]!, lines[2]!, lines[1]!, ...lines.slice(3)]), 'journal line 2: seq is 3, expected 2 — a line was inserted, deleted or moved'],
  ['truncation (inside the last line)', () => join(lines).slice(0, -30), 'journal line 5: the file does not end with a newline — the last line is truncated or was appended to by hand'],
  ['truncation (inside line 4, last lines gone)', () => join(lines).slice(0, join(lines.slice(0, 3)).length + 10), /^coldkit: journal line 4: the file does not end with a newline/],
];

describe.concurrent('tampering: journal verify exits 3 and names the first bad line', () => {
  it.each(tampers)('%s', async (name, make, message) => {
    const text = make();
    const { r, f } = await onCopy(name.replace(/\W+/g, '-'), text, ['--json', 'journal', 'verify']);
    expectFailure(r, 3, message);
    // Human form: the same single line.
    const human = await ws.run(['--journal', f, 'journal', 'verify']);
    expect(human.code).toBe(3);
    expect(human.stdout).toBe('');
    expect(human.stderr).toBe(r.stderr);
    // Nothing appends to it: a journaled command refuses (exit 3) and the bytes stay as they were.
    const m = ws.file('m.txt');
    const append = await ws.run(['--journal', f, 'seed', 'check', '--mnemonic-file', m]);
    expect(append.code).toBe(3);
    expect(append.stdout).toBe('');
    expect(fs.readFileSync(f, 'utf8')).toBe(text);
  });
});

describe('truncation of whole lines: caught by the anchor', () => {
  it('the chain alone still verifies; --anchor with the old head exits 3', async () => {
    const head = (await ws.run(['--json', 'journal', 'head'])).json();
    const cut = join(lines.slice(0, 3));
    const plain = await onCopy('cut', cut, ['journal', 'verify']);
    expect(plain.r.code).toBe(0);
    for (const anchor of [head.head, head.words]) {
      const r = await ws.run(['--journal', plain.f, '--json', 'journal', 'verify', '--anchor', anchor]);
      expectFailure(r, 3, /^coldkit: anchor .*: the head changed since the anchor was taken — no entry of this journal has that hash/);
    }
  });
  it('an edit of the last line: its own hash refuses it, and so does the anchor', async () => {
    const head = (await ws.run(['--json', 'journal', 'head'])).json();
    const edited = join(lines.map((l, i) => (i === 4 ? l.replace('"revealed":false', '"revealed":true') : l)));
    expect(edited).not.toBe(join(lines));
    const plain = await onCopy('last-edit', edited, ['--json', 'journal', 'verify']);
    expectFailure(plain.r, 3, 'journal line 5: its hash does not match its content — line 5 was edited');
    const r = await ws.run(['--journal', plain.f, 'journal', 'verify', '--anchor', head.head]);
    expect(r.code).toBe(3);
  });
  it('a missing journal verifies as empty (no entries)', async () => {
    const r = await ws.run(['--journal', path.join(ws.dir, 'none.jsonl'), '--json', 'journal', 'verify']);
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ ok: true, entries: 0, head: '0'.repeat(64) });
  });
});

describe('concurrent runs', () => {
  it('8 commands appending at once leave a verified chain of 8 whole entries', async () => {
    const w = await workspace(0);
    const m = w.file('m.txt', ABOUT + '\n');
    const runs = await Promise.all(Array.from({ length: 8 }, (_, i) => w.run(['--operator', `op${i}`, 'seed', 'check', '--mnemonic-file', m], { timeoutMs: 40_000 })));
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const v = await w.run(['--json', 'journal', 'verify']);
    expect(v.code, v.stderr).toBe(0);
    expect(v.json().entries).toBe(8);
    const ops = w.journalBytes().toString('utf8').trimEnd().split('\n').map((l) => JSON.parse(l).operator).sort();
    expect(ops).toEqual(['op0', 'op1', 'op2', 'op3', 'op4', 'op5', 'op6', 'op7']);
    expect(fs.existsSync(w.journal + '.lock')).toBe(false);
  });
  it('control characters in --operator are stored escaped and printed sanitized', async () => {
    const w = await workspace(0);
    const m = w.file('m.txt', ABOUT + '\n');
    expect((await w.run(['--operator', 'eve\u001b[2J\u202e', 'seed', 'check', '--mnemonic-file', m])).code).toBe(0);
    expect(w.journalBytes().toString('utf8')).toContain('"operator":"eve\\u001b[2J\u202e"');
    const show = await w.run(['journal', 'show']);
    expect(show.code).toBe(0);
    expect(show.stdout).not.toMatch(/[\u001b\u202e]/);
    expect((await w.run(['journal', 'verify'])).code).toBe(0);
  });
});

describe('a tampered journal stops commands before they act', () => {
  it('seed new --mnemonic-out and seed check --card: exit 3, no file written, journal unchanged', async () => {
    const text = join(lines.filter((_, i) => i !== 1));
    const f = ws.file('tampered-before-act.jsonl', text);
    const m = ws.file('m.txt');
    const made = await ws.run(['--journal', f, '--json', 'seed', 'new', '--mnemonic-out', 'never-words.txt']);
    expectFailure(made, 3, 'journal line 2: seq is 3, expected 2 — a line was inserted, deleted or moved');
    expect(fs.existsSync(ws.file('never-words.txt'))).toBe(false);
    const card = await ws.run(['--journal', f, 'seed', 'check', '--mnemonic-file', m, '--card', 'never-card.json']);
    expect(card.code).toBe(3);
    expect(card.stdout).toBe('');
    expect(fs.existsSync(ws.file('never-card.json'))).toBe(false);
    expect(fs.readFileSync(f, 'utf8')).toBe(text);
  });
});
