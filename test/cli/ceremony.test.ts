/**
 * The ceremony gate (src/cli/ceremony.ts): which commands it covers; in process with injected
 * facts (a fake online or offline laptop, whatever this machine is) — online, a ceremony command
 * warns (before the result on a terminal, after it in scripts) and journals the finding; with
 * --require-offline or COLDKIT_REQUIRE_OFFLINE=1 it refuses (exit 3) before doing anything; and
 * black-box on this machine as it is, and in an empty network namespace (unshare -n, as root).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Command } from 'commander';
import { buildProgram } from '../../src/cli/main.js';
import { networkChecks, onlineFinding } from '../../src/core/preflight/network.js';
import { gatherNetworkFacts } from '../../src/cli/preflight/gather.js';
import { CEREMONY_COMMANDS, KEY_COMMANDS, ceremonyOverrides, requireOffline } from '../../src/cli/ceremony.js';
import { BIN, runProgram, tmpDir } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';
import { OFFLINE } from '../helpers/offline.js';
import { offlineTree, onlineTree } from '../helpers/sysroot.js';
import { ABOUT } from '../helpers/harness.js';

/** stderr lines other than the journal's "journal: FILE #N (words)" note after an append. */
const diagnostics = (stderr: string) => stderr.split('\n').filter((l) => l && !l.startsWith('journal: '));

function leaves(c: Command, trail: string[] = []): Command[] {
  return c.commands.flatMap((s) => (s.commands.length ? leaves(s, [...trail, s.name()]) : [s]));
}
const pathOf = (c: Command) => {
  const n: string[] = [];
  for (let x: Command | null = c; x?.parent; x = x.parent) n.unshift(x.name());
  return n.join(' ');
};

describe('the command sets', () => {
  it('key commands: every command that reads a mnemonic or shares, and every signer', async () => {
    const all = leaves(await buildProgram());
    const secretReaders = all.filter((c) => c.options.some((o) => o.long === '--mnemonic-file' || o.long === '--share-file') || /\bsign/.test(c.name()));
    expect(secretReaders.map(pathOf).filter((p) => !KEY_COMMANDS.has(p))).toEqual([]);
    const names = all.map(pathOf);
    expect([...KEY_COMMANDS].filter((p) => !names.includes(p))).toEqual([]);
  });

  it('ceremony acts (network check): seed new and derive-child, shares split|combine|drill|reissue and every signer, all key commands', async () => {
    const signers = leaves(await buildProgram()).map(pathOf).filter((p) => /\bsign\b|\bsign-/.test(p));
    expect([...CEREMONY_COMMANDS].sort()).toEqual(['seed new', 'seed derive-child', 'shares split', 'shares combine', 'shares drill', 'shares reissue', ...signers].sort());
    for (const p of CEREMONY_COMMANDS) expect(KEY_COMMANDS.has(p)).toBe(true);
  });

  it('--help lists the global --require-offline for exactly the ceremony acts', async () => {
    const listed = leaves(await buildProgram()).filter((c) => /^ {2}--require-offline\b/m.test(c.helpInformation()));
    expect(listed.map(pathOf).sort()).toEqual([...CEREMONY_COMMANDS].sort());
  });

  it('offline is required by the flag, by COLDKIT_REQUIRE_OFFLINE=1, or by an adopted policy', () => {
    expect(requireOffline({}, {}, undefined)).toBe(false);
    expect(requireOffline({ requireOffline: true }, {}, undefined)).toBe(true);
    expect(requireOffline({}, { COLDKIT_REQUIRE_OFFLINE: '1' }, undefined)).toBe(true);
    expect(requireOffline({}, { COLDKIT_REQUIRE_OFFLINE: '0' }, undefined)).toBe(false);
    expect(requireOffline({}, {}, { requireOffline: true })).toBe(true);
  });
});

describe('with injected facts (in process)', () => {
  const dir = tmpDir('coldkit-ceremony-');
  const mnemonic = path.join(dir, 'm.txt');
  fs.writeFileSync(mnemonic, ABOUT + '\n');
  let n = 0;
  const check = async (facts: ReturnType<typeof onlineTree>, args: string[] = [], opts: { env?: Record<string, string>; tty?: boolean } = {}) => {
    ceremonyOverrides.facts = facts;
    const journal = path.join(dir, `journal-${++n}.jsonl`);
    const r = await runInProcess(['--journal', journal, ...args, 'seed', 'new', '--words', '12', '--mnemonic-out', path.join(dir, `words-${n}.txt`)], opts);
    const entries = fs.existsSync(journal) ? fs.readFileSync(journal, 'utf8').trim().split('\n').map((l) => JSON.parse(l)) : [];
    return { ...r, entries };
  };
  afterEach(() => {
    delete ceremonyOverrides.facts;
  });

  it('online, in a script: the result, then one warning line; the entry records the finding', async () => {
    const r = await check(onlineTree());
    expect(r.code, r.stderr).toBe(0);
    expect(diagnostics(r.stderr)).toEqual(['coldkit: WARNING: this computer is online: eth0 is up (192.168.1.20); default route eth0 via 192.168.1.1 — a ceremony computer must be offline (coldkit preflight lists what to do)']);
    expect(r.log[r.log.length - 1]).toMatch(/^err:coldkit: WARNING/);
    expect(r.entries[0].data.preflight).toEqual({ offline: false, requireOffline: false, findings: [{ code: 'online', message: expect.stringMatching(/^this computer is online: eth0 is up/) }] });
  });

  it('online, on a terminal: the warning comes first', async () => {
    const r = await check(onlineTree(), [], { tty: true });
    expect(r.code).toBe(0);
    expect(r.log[0]).toMatch(/^err:coldkit: WARNING: this computer is online/);
  });

  it('online with --require-offline, COLDKIT_REQUIRE_OFFLINE=1 or --json: exit 3, one line, no result, nothing journaled', async () => {
    for (const r of [await check(onlineTree(), ['--require-offline']), await check(onlineTree(), [], { env: { COLDKIT_REQUIRE_OFFLINE: '1' } })]) {
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(/^coldkit: this computer is online: eth0 is up \(192\.168\.1\.20\); default route eth0 via 192\.168\.1\.1 — a ceremony computer must be offline \(coldkit preflight lists what to do\)\n$/);
      expect(r.stdout).toBe('');
      expect(r.entries).toEqual([]);
    }
    const j = await check(onlineTree(), ['--json', '--require-offline']);
    expect(JSON.parse(j.stdout).error).toMatchObject({ exitCode: 3, kind: 'RefusedError', findings: [{ code: 'online', severity: 'refuse', overridable: false }] });
  });

  it('a key command that is not a ceremony act (seed check) runs no network check, even online', async () => {
    ceremonyOverrides.facts = onlineTree();
    const journal = path.join(dir, 'journal-check.jsonl');
    const r = await runInProcess(['--journal', journal, '--require-offline', 'seed', 'check', '--mnemonic-file', mnemonic]);
    expect(r.code, r.stderr).toBe(0);
    expect(diagnostics(r.stderr)).toEqual([]);
    expect(JSON.parse(fs.readFileSync(journal, 'utf8')).data.preflight).toBeUndefined();
  });

  it('offline with --require-offline: runs silently and journals "offline"', async () => {
    const r = await check(offlineTree(), ['--require-offline']);
    expect(r.code, r.stderr).toBe(0);
    expect(diagnostics(r.stderr)).toEqual([]);
    expect(r.stdout).toContain('Master fingerprint: ');
    expect(r.entries[0].data.preflight).toEqual({ offline: true, requireOffline: true, findings: [] });
  });
});

const online = Boolean(onlineFinding(networkChecks(gatherNetworkFacts()), false));

describe('seed new on this machine, as it is', () => {
  const dir = tmpDir('coldkit-ceremony-');
  const run = (args: string[], opts: { offline?: boolean; env?: Record<string, string> } = {}) => {
    const journal = path.join(tmpDir('coldkit-ceremony-'), 'journal.jsonl');
    return runProgram([process.execPath, BIN, '--journal', journal, ...args, 'seed', 'new', '--words', '12', '--mnemonic-out', path.join(path.dirname(journal), 'words.txt')], opts).then((r) => ({ ...r, journal }));
  };
  const entries = (journal: string) => (fs.existsSync(journal) ? fs.readFileSync(journal, 'utf8').trim().split('\n').map((l) => JSON.parse(l)) : []);

  // Whichever this machine is (CI may be either), the test runs: online, the warning and the
  // refusal; offline, silence and a run. The other state is covered by the sysroot trees above.
  it(`${online ? 'online' : 'offline'}: the result${online ? ', then the warning on stderr; the journal entry records the finding' : ', no warning; the journal says offline'}`, async () => {
    const r = await run([]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Master fingerprint: ');
    if (!online) {
      expect(diagnostics(r.stderr)).toEqual([]);
      expect(entries(r.journal)[0].data.preflight).toMatchObject({ offline: true, requireOffline: false });
      return;
    }
    expect(diagnostics(r.stderr)).toEqual([expect.stringMatching(/^coldkit: WARNING: this computer is online: .* — a ceremony computer must be offline \(coldkit preflight lists what to do\)$/)]);
    const [e] = entries(r.journal);
    expect(e.data.preflight).toMatchObject({ offline: false, requireOffline: false, findings: [{ code: 'online' }] });
  });

  it(`${online ? 'online' : 'offline'} with --require-offline or COLDKIT_REQUIRE_OFFLINE=1: ${online ? 'exit 3, one line, nothing journaled' : 'runs, journal says offline'}`, async () => {
    if (!online) {
      for (const r of [await run(['--require-offline']), await run([], { env: { COLDKIT_REQUIRE_OFFLINE: '1' } })]) {
        expect(r.code, r.stderr).toBe(0);
        expect(diagnostics(r.stderr)).toEqual([]);
        expect(entries(r.journal)[0].data.preflight).toMatchObject({ offline: true, requireOffline: true });
      }
      return;
    }
    for (const r of [await run(['--require-offline']), await run([], { env: { COLDKIT_REQUIRE_OFFLINE: '1' } }), await run(['--json', '--require-offline'])]) {
      expect(r.code, r.stderr).toBe(3);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^coldkit: this computer is online: /);
      expect(r.stdout).not.toContain('Master fingerprint');
      expect(fs.existsSync(path.join(path.dirname(r.journal), 'words.txt'))).toBe(false);
      expect(entries(r.journal)).toEqual([]);
    }
    const j = (await run(['--json', '--require-offline'])).json();
    expect(j.error).toMatchObject({ exitCode: 3, kind: 'RefusedError', findings: [{ code: 'online', severity: 'refuse', overridable: false }] });
  });

  it.skipIf(!OFFLINE.available)('offline (unshare -n) with --require-offline: runs, no warning, journal says offline', async () => {
    const r = await run(['--require-offline'], { offline: true });
    expect(r.code, r.stderr).toBe(0);
    expect(diagnostics(r.stderr)).toEqual([]);
    expect(entries(r.journal)[0].data.preflight).toEqual({ offline: true, requireOffline: true, findings: [] });
  });

  it('a command outside the set is not gated', async () => {
    const journal = path.join(tmpDir('coldkit-ceremony-'), 'journal.jsonl');
    const r = await runProgram([process.execPath, BIN, '--require-offline', '--journal', journal, 'journal', 'head']);
    expect(r.code, r.stderr).toBe(0);
    expect(diagnostics(r.stderr)).toEqual([]);
  });
});
