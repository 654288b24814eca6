/**
 * `coldkit journal report` through the built bin on a synthetic 2022–2026 journal: the Markdown
 * report holds the verification result with the head and its words (the same as `journal head`),
 * keys, share sets (a reissued one retired), drills, signatures with destinations and amounts,
 * vaults, approvals, every override and the timeline; `--from/--to` narrow the timeline but keys
 * made earlier are still described; journal text is escaped (a crafted operator name cannot add
 * markup or table cells). The HTML report is self-contained (no script, no external reference)
 * and is rendered by headless Chromium to a PNG whose path the test prints. A damaged journal
 * gives no report.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { VERIFY_RECIPE } from '../../../src/cli/render/report.js';
import { workspace, type Workspace } from '../../helpers/harness.js';
import { HISTORY, syntheticJournal, type SyntheticAct } from '../../helpers/synthetic-journal.js';

const EVIL = 'eve | <script>alert(1)</script> [x](http://evil.example)';
const MORE: SyntheticAct[] = [
  { ts: '2025-12-01T08:00:00.000Z', op: 'eth.sign', data: { chainId: '1', from: '0x00000000000000000000000000000000000000e1', to: '0x1111111111111111111111111111111111111111', value: '1000000000000000000', txHash: '0x' + 'ab'.repeat(32), overrides: ['--allow-no-replay-protection'] }, operator: EVIL },
  { ts: '2025-12-02T08:00:00.000Z', op: 'wallet.register', data: { name: 'treasury', vaultId: 'v-1234', cosigner: 2, fingerprint: 'cccc0003', network: 'testnet' } },
  { ts: '2025-12-03T08:00:00.000Z', op: 'approval.request', data: { sha256: 'f'.repeat(64), rule: 'payroll', requestedBy: 'carol' } },
  { ts: '2025-12-20T08:00:00.000Z', op: 'shares.reissue', data: { format: 'v1', setId: 's4', setWords: 'grape kiwi', threshold: 3, count: 5, holders: ['ann', 'ben', 'cat', 'dan', 'eve'], fingerprint: 'cccc0003', oldSetId: 's3', oldSetWords: 'elder fig', reason: 'reissued', overrides: [] } },
  { ts: '2026-01-20T08:00:00.000Z', op: 'key.retire', data: { fingerprint: 'bbbb0002', reason: 'holder left' } },
];
const ACTS = [...HISTORY, ...MORE].sort((a, b) => a.ts.localeCompare(b.ts));

let ws: Workspace;
let md: string;
beforeAll(async () => {
  ws = await workspace(0);
  fs.writeFileSync(ws.journal, syntheticJournal(ACTS));
  const r = await ws.run(['--json', 'journal', 'report', '--out', 'report.md']);
  expect(r.code, r.stderr).toBe(0);
  expect(r.json()).toMatchObject({ out: 'report.md', format: 'md', entries: ACTS.length, inRange: ACTS.length, signatures: 3, overrides: 2 });
  md = fs.readFileSync(path.join(ws.dir, 'report.md'), 'utf8');
});

describe('journal report', () => {
  it('Markdown: verification, head words, keys, sets, drills, signatures, vaults, approvals, overrides, timeline', async () => {
    const head = (await ws.run(['--json', 'journal', 'head'])).json();
    expect(md).toContain(`**Journal OK: all ${ACTS.length} entries verified`);
    expect(md).toContain(`| #${head.seq} | ${head.head} | ${head.words} |`);
    expect(md).toContain(VERIFY_RECIPE);
    expect(fs.readFileSync('docs/formats/journal.md', 'utf8')).toContain(VERIFY_RECIPE);
    expect(md).toMatch(/\| bbbb0002 \| generated 2022-02-01 by bob@vault-laptop \(#3\) \|.*\| 2026-01-20 \(#\d+\): holder left \|/);
    expect(md).toMatch(/\| elder fig \(s3\) \| 2-of-3 \| cccc0003 \|.*\| 2025-12-20 \(#\d+\) → s4: reissued \|/);
    expect(md).toMatch(/\| grape kiwi \(s4\) \| 3-of-5 \| cccc0003 \| ann, ben, cat, dan, eve \|/);
    expect(md).toMatch(/## Drills in range \(3\)/);
    expect(md).toMatch(/\| MISMATCH \| ffff0000 \|/);
    expect(md).toMatch(/## Signatures in range \(3\)/);
    expect(md).toContain('0x1111111111111111111111111111111111111111: 1000000000000000000 wei');
    expect(md).toContain(`txHash: 0x${'ab'.repeat(32)}`);
    expect(md).toMatch(/## Vaults in range \(1\)[\s\S]*vault "treasury" \(v-1234\); as cosigner 2/);
    expect(md).toMatch(/## Policy adoptions and approvals in range \(1\)[\s\S]*approval.request \| rule payroll/);
    expect(md).toMatch(/## Overrides used in range \(2\)[\s\S]*--allow-high-fee[\s\S]*--allow-no-replay-protection/);
    expect(md).toMatch(new RegExp(`## Timeline \\(${ACTS.length}\\)`));
    expect(md).toMatch(/## Due \(\d+\)[\s\S]*drill-failed/);
  });

  it('escapes journal text: no raw markup, links or extra table cells', () => {
    expect(md).not.toContain('<script>');
    expect(md).not.toContain('[x](http');
    expect(md).toContain('eve \\| \\<script\\>alert(1)\\</script\\> \\[x\\](http://evil.example)');
    // Every timeline row has exactly the header's 6 cells (unescaped pipes would add some).
    const timeline = md.slice(md.indexOf('## Timeline'));
    const rows = timeline.split('\n').filter((l) => l.startsWith('| '));
    expect(rows.length).toBe(ACTS.length + 1);
    for (const r of rows) expect(r.replace(/\\\|/g, '').split('|').length - 2).toBe(6);
  });

  it('--from/--to narrow the timeline; keys and sets made earlier are still described', async () => {
    const r = await ws.run(['--json', 'journal', 'report', '--from', '2025-12-01', '--to', '2025-12-20', '--out', 'dec.md']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ inRange: 4, entries: ACTS.length });
    const dec = fs.readFileSync(path.join(ws.dir, 'dec.md'), 'utf8');
    expect(dec).toContain('This report covers 2025-12-01 to 2025-12-20: 4 entries.');
    expect(dec).toMatch(/## Timeline \(4\)/);
    expect(dec).toMatch(/\| aaaa0001 \| generated 2022-01-10/);
    expect(dec).not.toContain('holder left');
    expect((await ws.run(['journal', 'report', '--from', '2026-01-01', '--to', '2025-01-01', '--out', 'x.md'])).code).toBe(2);
    expect((await ws.run(['journal', 'report', '--out', 'report.txt'])).code).toBe(2);
    expect((await ws.run(['journal', 'report', '--out', 'report.md'])).code).toBe(2); // exists: not overwritten
  });

  it('HTML: self-contained, escaped, and rendered by headless Chromium to a PNG', async () => {
    const r = await ws.run(['journal', 'report', '--out', 'report.html']);
    expect(r.code, r.stderr).toBe(0);
    const html = fs.readFileSync(path.join(ws.dir, 'report.html'), 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\bsrc=|\bhref=|url\(/i);
    expect(html).toContain('eve | &#60;script&#62;alert(1)&#60;/script&#62;');
    expect(html).toContain('<p class="ok">Journal OK: all');
    const browser = ['chromium', 'chromium-browser', 'google-chrome'].find((b) => spawnSync(b, ['--version']).status === 0);
    expect(browser, 'headless Chromium is needed (apt-get install chromium)').toBeDefined();
    // Outside the workspace (removed after the run), so the screenshot can be looked at afterwards.
    const shot = path.join(os.tmpdir(), 'coldkit-journal-report.png');
    fs.rmSync(shot, { force: true });
    const c = spawnSync(browser!, ['--headless', '--no-sandbox', '--disable-gpu', `--screenshot=${shot}`, '--window-size=1280,1800', `file://${path.join(ws.dir, 'report.html')}`], { timeout: 60_000 });
    expect(fs.existsSync(shot), String(c.stderr)).toBe(true);
    console.log(`journal report screenshot: ${shot}`);
    const png = PNG.sync.read(fs.readFileSync(shot));
    expect([png.width, png.height]).toEqual([1280, 1800]);
    // Non-trivial: many distinct colours (text, table rules, the green OK box) and mostly-white paper.
    const colours = new Set<number>();
    let green = 0;
    for (let i = 0; i < png.data.length; i += 4) {
      colours.add((png.data[i]! << 16) | (png.data[i + 1]! << 8) | png.data[i + 2]!);
      if (png.data[i] === 0xe3 && png.data[i + 1] === 0xf4 && png.data[i + 2] === 0xe3) green++;
    }
    expect(colours.size).toBeGreaterThan(50);
    expect(green).toBeGreaterThan(1000);
  }, 90_000);

  it('a damaged journal gives no report (exit 3)', async () => {
    const bad = await workspace(0);
    fs.writeFileSync(bad.journal, syntheticJournal(ACTS).replace('"holder left"', '"holder stayed"'));
    const r = await bad.run(['journal', 'report', '--out', 'r.md']);
    expect(r.code).toBe(3);
    expect(fs.existsSync(path.join(bad.dir, 'r.md'))).toBe(false);
  });
});
