/**
 * Black-box `coldkit preflight` on this machine: the network checks agree with the facts of this
 * machine, the exit code is 3 exactly when a check fails, `--json` is one document, the report is
 * journaled — and in an empty network namespace (unshare -n, as root) the network checks pass.
 * In process with injected facts (a fake /proc, /sys and /etc): a live interface fails the
 * pre-flight (exit 3); a fit laptop passes every check (exit 0).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { preflightSources } from '../../../src/cli/actions/preflight.js';
import { networkChecks } from '../../../src/core/preflight/network.js';
import { gatherNetworkFacts } from '../../../src/cli/preflight/gather.js';
import { BIN, runCli, runProgram, tmpDir } from '../../helpers/cli.js';
import { runInProcess } from '../../helpers/in-process.js';
import { OFFLINE } from '../../helpers/offline.js';
import { offlineTree, onlineTree } from '../../helpers/sysroot.js';

interface Report {
  ok: boolean;
  counts: { pass: number; warn: number; fail: number };
  checks: Array<{ id: string; area: string; status: 'pass' | 'warn' | 'fail'; found: string; action?: string }>;
}

const IDS = ['network-interfaces', 'default-route', 'dns', 'wifi', 'bluetooth', 'swap', 'core-dumps', 'cloud-vm', 'clock', 'journal-filesystem', 'terminal-recording'];

describe('coldkit preflight', () => {
  it('--json: every check with a status; network checks as this machine is; exit 3 iff a check failed; journaled', async () => {
    const journal = path.join(tmpDir('coldkit-preflight-'), 'journal.jsonl');
    const r = await runCli(['--json', '--journal', journal, 'preflight']);
    const report = r.json<Report>();
    expect(report.checks.map((c) => c.id)).toEqual(IDS);
    expect(r.code, r.stderr).toBe(report.counts.fail ? 3 : 0);
    expect(report.ok).toBe(report.counts.fail === 0);
    for (const c of report.checks) {
      expect(['pass', 'warn', 'fail']).toContain(c.status);
      if (c.status !== 'pass') expect(c.action, c.id).toMatch(/\w/);
    }
    const live = networkChecks(gatherNetworkFacts());
    for (const c of live.filter((x) => x.id !== 'dns')) expect(report.checks.find((x) => x.id === c.id)!.status, c.id).toBe(c.status);
    const entries = fs.readFileSync(journal, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(entries.map((e) => e.op)).toEqual(['preflight']);
    expect(entries[0].data.ok).toBe(report.ok);
    expect(entries[0].data.checks.map((c: { id: string }) => c.id)).toEqual(IDS);
  });

  it('human output: one line per check with pass/WARN/FAIL and the verdict', async () => {
    const r = await runCli(['preflight']);
    expect(r.stdout).toMatch(/^coldkit preflight: (fit|NOT fit) for a ceremony \(\d+ pass, \d+ warn, \d+ fail\)/);
    for (const id of IDS) expect(r.stdout).toMatch(new RegExp(`^  (pass|WARN|FAIL)  ${id} `, 'm'));
  });

  it.skipIf(!OFFLINE.available)('offline (unshare -n): the interface and route checks pass', async () => {
    const journal = path.join(tmpDir('coldkit-preflight-'), 'journal.jsonl');
    const r = await runProgram([process.execPath, BIN, '--json', '--journal', journal, 'preflight'], { offline: true });
    const report = r.json<Report>();
    expect(report.checks.find((c) => c.id === 'network-interfaces')).toMatchObject({ status: 'pass', found: 'only loopback is present' });
    expect(report.checks.find((c) => c.id === 'default-route')).toMatchObject({ status: 'pass' });
    expect(report.checks.find((c) => c.id === 'dns')!.status).not.toBe('fail');
  });
});

describe('coldkit preflight with injected facts (in process)', () => {
  /** The non-network part of a fit laptop, added to a network tree. */
  const fitHost = (root: string) => {
    const files: Record<string, string> = {
      'proc/swaps': 'Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n',
      'proc/self/limits': 'Limit                     Soft Limit           Hard Limit           Units     \nMax core file size        0                    unlimited            bytes     \n',
      'proc/sys/kernel/core_pattern': 'core\n',
      'sys/class/dmi/id/sys_vendor': 'LENOVO\n',
      'sys/class/dmi/id/product_name': '21CB004PGE\n',
      'proc/cpuinfo': 'processor\t: 0\nflags\t\t: fpu vme de pse tsc msr pae\n',
      'proc/mounts': '/dev/nvme0n1p2 / ext4 rw 0 0\n/dev/sdb1 /media/public vfat rw 0 0\n',
      'proc/77/stat': '77 (node) S 66 77 66 0 -1 0 0 0\n',
      'proc/77/cmdline': 'node\0coldkit.mjs\0preflight\0',
      'proc/66/stat': '66 (bash) S 1 66 66 0 -1 0 0 0\n',
      'proc/66/cmdline': '-bash\0',
      'proc/1/stat': '1 (systemd) S 0 1 1 0 -1 0 0 0\n',
      'proc/1/cmdline': '/sbin/init\0',
    };
    for (const [p, t] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(root, p)), { recursive: true });
      fs.writeFileSync(path.join(root, p), t);
    }
    return root;
  };
  afterEach(() => {
    delete preflightSources.facts;
  });
  const journal = () => path.join(tmpDir('coldkit-preflight-'), 'journal.jsonl');

  it('a live network interface is a failure: exit 3, with what to do', async () => {
    const t = onlineTree();
    preflightSources.facts = { root: fitHost(t.root), addresses: t.addresses, pid: 77, env: {}, platform: 'linux' };
    const r = await runInProcess(['--json', '--journal', '/media/public/journal.jsonl', 'preflight']);
    expect(r.code).toBe(3);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.ok).toBe(false);
    expect(report.checks.filter((c) => c.status === 'fail').map((c) => c.id)).toEqual(['network-interfaces', 'default-route', 'dns']);
    expect(report.checks[0]).toMatchObject({ id: 'network-interfaces', status: 'fail', found: 'eth0 is up (192.168.1.20)', action: expect.stringMatching(/unplug the network cable/) });
  });

  it('a fit laptop passes every check: exit 0', async () => {
    const t = offlineTree();
    preflightSources.facts = { root: fitHost(t.root), addresses: t.addresses, pid: 77, env: {}, platform: 'linux' };
    const j = journal();
    const r = await runInProcess(['--json', '--journal', j, 'preflight']);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.checks.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(r.code).toBe(0);
    expect(JSON.parse(fs.readFileSync(j, 'utf8')).data).toMatchObject({ ok: true, counts: { pass: 11, warn: 0, fail: 0 } });
  });
});
