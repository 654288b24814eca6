/**
 * `shares reissue` through the built bin (run tsc first): a 2-of-3 v1 set is reissued as 3-of-4
 * under a new set id with new holders; both sets are drilled — the old shares still rebuild the
 * same wallet (MATCH) but verify, the drill and `status` say the old set is retired, superseded by the new
 * one; the new set drills MATCH and is the set in force. A wrong expected fingerprint, a set the
 * journal does not know (without --expect-fingerprint) and a second reissue of the retired set
 * are refused with nothing split or journaled. An SSKR set comes back as v1 with --format v1.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tmpDir } from '../../helpers/cli.js';

const MNEMONIC = 'legal winner thank year wave sausage worth useful legal winner thank year wave sausage worth useful legal winner thank year wave sausage worth title';
const dir = tmpDir('coldkit-reissue-');
const journal = path.join(dir, 'journal.jsonl');
const cli = (args: string[], j = journal) => runCli(['--network', 'testnet', ...args], { env: { COLDKIT_JOURNAL: j }, cwd: dir });
const entries = (j = journal) => fs.readFileSync(j, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
let old: { setId: string; setWords: string; fingerprint: string };

function saveShares(prefix: string, shares: { text: string }[]): void {
  shares.forEach((s, i) => fs.writeFileSync(path.join(dir, `${prefix}${i + 1}.txt`), s.text + '\n'));
}

beforeAll(async () => {
  fs.writeFileSync(path.join(dir, 'm.txt'), MNEMONIC + '\n');
  const r = await cli(['--json', 'shares', 'split', '--threshold', '2', '--shares', '3', '--mnemonic-file', 'm.txt', '--labels', 'ann,ben,cat', '--reveal']);
  expect(r.code, r.stderr).toBe(0);
  old = r.json();
  saveShares('old', r.json().shares);
});

describe('shares reissue', () => {
  let fresh: Record<string, any>;

  it('rebuilds the old set, proves the recorded fingerprint, splits anew 3-of-4 and journals shares.reissue', async () => {
    const r = await cli(['--json', 'shares', 'reissue', '--share-file', 'old1.txt', '--share-file', 'old3.txt', '--threshold', '3', '--shares', '4', '--labels', 'ann,cat,dan,eve', '--reveal']);
    expect(r.code, r.stderr).toBe(0);
    fresh = r.json();
    expect(fresh).toMatchObject({ format: 'v1', threshold: 3, count: 4, holders: ['ann', 'cat', 'dan', 'eve'], fingerprint: old.fingerprint, subsetsChecked: 4 });
    expect(fresh.setId).not.toBe(old.setId);
    expect(fresh.reissuedFrom).toMatchObject({ setId: old.setId, setWords: old.setWords, format: 'v1', threshold: 2, count: 3, shares: ['1', '3'], fingerprintFrom: 'journal', madeAt: { seq: 1 } });
    expect(fresh.shares).toHaveLength(4);
    saveShares('new', fresh.shares);
    const last = entries().at(-1);
    expect(last.op).toBe('shares.reissue');
    expect(last.data).toMatchObject({ setId: fresh.setId, oldSetId: old.setId, oldSetWords: old.setWords, threshold: 3, count: 4, fingerprint: old.fingerprint, reason: 'reissued' });
    // No share word reaches the journal.
    const text = fs.readFileSync(journal, 'utf8');
    for (const s of fresh.shares) expect(text).not.toContain(s.text.split(' ').slice(3, 9).join(' '));
  });

  it('the old set still rebuilds the same wallet, but the drill and status say it is retired', async () => {
    const d = await cli(['--json', 'shares', 'drill', '--expect-fingerprint', old.fingerprint, '--share-file', 'old2.txt', '--share-file', 'old3.txt']);
    expect(d.code, d.stderr).toBe(0);
    expect(d.json()).toMatchObject({ result: 'MATCH', setId: old.setId, retired: { reason: 'reissued', supersededBy: fresh.setId } });
    const human = await cli(['shares', 'drill', '--expect-fingerprint', old.fingerprint, '--share-file', 'old1.txt', '--share-file', 'old2.txt']);
    expect(human.stdout).toMatch(new RegExp(`RETIRED SET — set "${old.setWords}" was retired at journal #\\d+ .*superseded by set ${fresh.setId}`));
    const v = await cli(['--json', 'shares', 'verify', '--share-file', 'old2.txt', '--share-file', 'new1.txt']);
    expect(v.code, v.stderr).toBe(0);
    expect(v.json().retired).toEqual([{ setId: old.setId, setWords: old.setWords, seq: expect.any(Number), ts: expect.any(String), reason: 'reissued', supersededBy: fresh.setId }]);
    expect((await cli(['shares', 'verify', '--share-file', 'old2.txt'])).stdout).toMatch(/RETIRED SET — set ".*" was retired at journal #\d+ .*this share should have been destroyed/);
    const n = await cli(['--json', 'shares', 'drill', '--expect-fingerprint', old.fingerprint, '--share-file', 'new1.txt', '--share-file', 'new2.txt', '--share-file', 'new4.txt']);
    expect(n.code, n.stdout + n.stderr).toBe(0);
    expect(n.json()).toMatchObject({ result: 'MATCH', setId: fresh.setId });
    expect(n.json().retired).toBeUndefined();
    const s = (await cli(['--json', 'status'])).json();
    const oldSet = s.shareSets.find((x: { id: string }) => x.id === old.setId);
    const newSet = s.shareSets.find((x: { id: string }) => x.id === fresh.setId);
    expect(oldSet.retired).toMatchObject({ reason: 'reissued', supersededBy: fresh.setId });
    expect(newSet).toMatchObject({ threshold: 3, count: 4, holders: ['ann', 'cat', 'dan', 'eve'], retired: null, lastDrill: { result: 'MATCH' } });
    expect(s.due.map((x: { subject: string }) => x.subject)).not.toContain(old.setId);
    const text = (await cli(['status'])).stdout;
    expect(text).toMatch(new RegExp(`${old.setWords}  2-of-3 .* RETIRED \\d{4}-\\d\\d-\\d\\d \\(superseded by ${fresh.setId}\\)`));
  });

  it('refuses a retired set, a wrong fingerprint and an unknown set; nothing journaled', async () => {
    const before = fs.readFileSync(journal, 'utf8');
    const again = await cli(['shares', 'reissue', '--share-file', 'old1.txt', '--share-file', 'old2.txt', '--reveal']);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/was retired at journal #\d+ .*reissued as set/);
    const wrong = await cli(['shares', 'reissue', '--share-file', 'new1.txt', '--share-file', 'new2.txt', '--share-file', 'new3.txt', '--expect-fingerprint', 'deadbeef', '--reveal']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/journal records set .* as wallet/);
    const other = path.join(dir, 'other.jsonl');
    const unknown = await cli(['shares', 'reissue', '--share-file', 'new1.txt', '--share-file', 'new2.txt', '--share-file', 'new3.txt', '--reveal'], other);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--expect-fingerprint');
    const mismatch = await cli(['shares', 'reissue', '--share-file', 'new1.txt', '--share-file', 'new2.txt', '--share-file', 'new3.txt', '--expect-fingerprint', 'deadbeef', '--reveal'], other);
    expect(mismatch.code).toBe(3);
    expect(mismatch.stderr).toMatch(/rebuild wallet .* but set .* belongs to deadbeef/);
    expect(mismatch.stdout).toBe('');
    expect(fs.readFileSync(journal, 'utf8')).toBe(before);
    expect(fs.existsSync(other) ? entries(other).filter((e) => e.op.startsWith('shares.')) : []).toEqual([]);
  });

  it('an SSKR set is reissued as v1 (the same BIP39 entropy) and cannot become SLIP-39', async () => {
    const j = path.join(dir, 'sskr.jsonl');
    const s = await cli(['--json', 'shares', 'split', '--threshold', '2', '--shares', '3', '--format', 'sskr', '--mnemonic-file', 'm.txt', '--reveal'], j);
    expect(s.code, s.stderr).toBe(0);
    saveShares('sskr', s.json().shares);
    const slip = await cli(['shares', 'reissue', '--share-file', 'sskr1.txt', '--share-file', 'sskr2.txt', '--format', 'slip39', '--reveal'], j);
    expect(slip.code).toBe(2);
    expect(slip.stderr).toMatch(/cannot move between them/);
    const r = await cli(['--json', 'shares', 'reissue', '--share-file', 'sskr1.txt', '--share-file', 'sskr2.txt', '--format', 'v1', '--reveal'], j);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ format: 'v1', threshold: 2, count: 3, fingerprint: s.json().fingerprint, reissuedFrom: { format: 'sskr', setId: s.json().setId } });
    saveShares('v1from', r.json().shares);
    const d = await cli(['--json', 'shares', 'drill', '--expect-fingerprint', s.json().fingerprint, '--share-file', 'v1from2.txt', '--share-file', 'v1from3.txt'], j);
    expect(d.code, d.stdout + d.stderr).toBe(0);
    expect(d.json()).toMatchObject({ result: 'MATCH', setId: r.json().setId });
  });
});
