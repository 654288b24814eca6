/**
 * src/cli/journal-file.ts at scale, through the built bin: a 100,000-entry journal in the first
 * released format (≈ 62 MB, test/helpers/v1-journal.ts). Many processes appending at once lose
 * nothing and break no chain, with and without a checkpoint; an edit deep inside the checkpointed
 * part, or of the last line, still stops every command before it acts.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkpointText } from '../../src/core/journal/checkpoint.js';
import { writeV1Journal } from '../helpers/v1-journal.js';
import { ABOUT, expectFailure, workspace, type Workspace } from '../helpers/harness.js';

const ENTRIES = 100_000;
let ws: Workspace;
let m: string;

beforeAll(async () => {
  ws = await workspace(0);
  m = ws.file('m.txt', ABOUT + '\n');
  writeV1Journal(ws.journal, ENTRIES);
});

/** n processes appending at once; every one must succeed. */
async function appendAtOnce(n: number, tag: string): Promise<void> {
  const runs = await Promise.all(Array.from({ length: n }, (_, i) => ws.run(['--operator', `${tag}${i}`, 'seed', 'check', '--mnemonic-file', m], { timeoutMs: 240_000 })));
  for (const r of runs) expect(r.code, r.stderr).toBe(0);
}

const tail = (k: number) => {
  const text = ws.journalBytes().toString('utf8');
  return text.slice(text.length - 4096 * k).trimEnd().split('\n').slice(-k);
};

describe(`a ${ENTRIES.toLocaleString('en')}-entry journal`, () => {
  it('8 processes appending at once without a checkpoint, then 8 more with one: nothing lost, the chain whole', async () => {
    expect(fs.existsSync(`${ws.journal}.checkpoint`)).toBe(false);
    await appendAtOnce(8, 'a');
    expect(fs.existsSync(`${ws.journal}.checkpoint`)).toBe(true);
    await appendAtOnce(8, 'b');
    const v = await ws.run(['--json', 'journal', 'verify'], { timeoutMs: 120_000 });
    expect(v.code, v.stderr).toBe(0);
    expect(v.json().entries).toBe(ENTRIES + 16);
    const added = tail(16).map((l) => JSON.parse(l));
    expect(added.map((e) => e.seq)).toEqual(Array.from({ length: 16 }, (_, i) => ENTRIES + 1 + i));
    expect(added.every((e) => e.v === 2)).toBe(true);
    expect(added.map((e) => e.operator).sort()).toEqual([...Array.from({ length: 8 }, (_, i) => `a${i}`), ...Array.from({ length: 8 }, (_, i) => `b${i}`)].sort());
    expect(fs.existsSync(`${ws.journal}.lock`)).toBe(false);
    const cp = JSON.parse(fs.readFileSync(`${ws.journal}.checkpoint`, 'utf8'));
    expect(cp).toMatchObject({ offset: ws.journalBytes().length, seq: ENTRIES + 16, head: v.json().head });
  }, 600_000);

  it('an edit deep inside the checkpointed part stops a command before it acts; so does an edit of the last line', async () => {
    const original = ws.journalBytes();
    const text = original.toString('utf8');
    // Entry 50,000 (version 1): its operator renamed in place.
    const at = text.indexOf('"seq":50000,');
    const edited = text.slice(0, at) + text.slice(at).replace(/"operator":"[a-z]+"/, '"operator":"eve"');
    fs.writeFileSync(ws.journal, edited);
    const cpBefore = fs.readFileSync(`${ws.journal}.checkpoint`, 'utf8');
    const r = await ws.run(['--json', 'seed', 'check', '--mnemonic-file', m, '--card', 'never.json'], { timeoutMs: 120_000 });
    expectFailure(r, 3, 'journal line 50001: prev does not match the SHA-256 of line 50000 — line 50000 was edited, or lines were removed or reordered');
    expect(fs.existsSync(ws.file('never.json'))).toBe(false);
    expect(ws.journalBytes().toString('utf8')).toBe(edited);
    // A checkpoint forged to cover the edited file hides nothing from journal verify.
    fs.writeFileSync(`${ws.journal}.checkpoint`, checkpointText({ ...JSON.parse(cpBefore), sha256: createHash('sha256').update(edited).digest('hex') }));
    expectFailure(await ws.run(['--json', 'journal', 'verify'], { timeoutMs: 120_000 }), 3, /^coldkit: journal line 50001: prev does not match/);
    // The last line (version 2) edited: caught by its own hash.
    fs.writeFileSync(ws.journal, original);
    fs.writeFileSync(`${ws.journal}.checkpoint`, cpBefore);
    const lastEdited = original.toString('utf8').replace(/"operator":"b\d"(?=[^\n]*\n$)/, '"operator":"eve"');
    expect(lastEdited).not.toBe(original.toString('utf8'));
    fs.writeFileSync(ws.journal, lastEdited);
    const r2 = await ws.run(['--json', 'seed', 'check', '--mnemonic-file', m], { timeoutMs: 120_000 });
    expectFailure(r2, 3, `journal line ${ENTRIES + 16}: its hash does not match its content — line ${ENTRIES + 16} was edited`);
  }, 600_000);
});
