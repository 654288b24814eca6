/** Pre-flight checks of the session: clock against the journal, journal file system, terminal recording. */
import { describe, expect, it } from 'vitest';
import { clockCheck, journalFsCheck, recordingCheck } from '../../../src/core/preflight/session.js';
import { fitLaptop } from '../../helpers/fit-laptop.js';

describe('clock', () => {
  it('after the last entry: pass; no journal: pass', () => {
    expect(clockCheck(fitLaptop())).toMatchObject({ status: 'pass', found: "2027-03-01T10:00:00.000Z, 28 days after the journal's last entry" });
    expect(clockCheck(fitLaptop({ lastJournalTs: undefined })).status).toBe('pass');
  });

  it('behind the last entry by more than five minutes: fail; a few minutes: pass', () => {
    const c = clockCheck(fitLaptop({ now: '2027-01-31T09:00:00.000Z' }));
    expect(c).toMatchObject({ status: 'fail', found: "the clock (2027-01-31T09:00:00.000Z) is 24 hours behind the journal's last entry (2027-02-01T09:00:00.000Z)" });
    expect(c.action).toMatch(/date -s/);
    expect(clockCheck(fitLaptop({ now: '2027-02-01T08:57:00.000Z' })).status).toBe('pass');
  });

  it('before the release was built: fail, even with no journal', () => {
    expect(clockCheck(fitLaptop({ now: '1970-01-01T00:05:00.000Z', lastJournalTs: undefined, notBefore: '2026-11-26T00:00:00.000Z' })).status).toBe('fail');
  });

  it('more than 400 days after the last entry: warn', () => {
    expect(clockCheck(fitLaptop({ now: '2028-06-01T10:00:00.000Z' })).status).toBe('warn');
  });
});

describe('journal file system', () => {
  it.each([
    ['nfs4', 'fail'],
    ['cifs', 'fail'],
    ['fuse.sshfs', 'fail'],
    ['9p', 'fail'],
    ['tmpfs', 'warn'],
    ['vfat', 'pass'],
    ['ext4', 'pass'],
  ])('%s: %s', (fsType, status) => {
    expect(journalFsCheck(fitLaptop({ journal: { path: '/j/journal.jsonl', mountPoint: '/j', fsType, source: 'server:/export' } })).status).toBe(status);
  });
  it('unknown: warn', () => expect(journalFsCheck(fitLaptop({ journal: { path: '/j/journal.jsonl' } })).status).toBe('warn'));
});

describe('terminal recording', () => {
  const chain = (...names: Array<[string, string]>) => names.map(([name, args], i) => ({ pid: 100 - i, name, args }));

  it('no recorder: pass', () => expect(recordingCheck(fitLaptop()).status).toBe('pass'));

  it.each([
    ['script', chain(['node', 'node coldkit.mjs seed new'], ['bash', 'bash -i'], ['script', 'script -q session.log'])],
    ['asciinema (a python script)', chain(['node', 'node coldkit.mjs'], ['bash', '/bin/bash'], ['python3', '/usr/bin/python3 /usr/bin/asciinema rec demo.cast'])],
    ['ttyrec', chain(['node', 'node coldkit.mjs'], ['ttyrec', 'ttyrec out'])],
  ])('%s in the process chain: fail', (_n, processChain) => {
    const c = recordingCheck(fitLaptop({ processChain }));
    expect(c.status).toBe('fail');
    expect(c.found).toMatch(/^the terminal is being recorded: /);
  });

  it('a script file named like a recorder is not one', () => {
    expect(recordingCheck(fitLaptop({ processChain: chain(['node', 'node coldkit.mjs'], ['bash', 'bash ./script']) })).status).toBe('pass');
  });

  it('ASCIINEMA_REC, or a piped tmux pane: fail', () => {
    expect(recordingCheck(fitLaptop({ terminal: { tmux: false, screen: false, asciinema: true } })).status).toBe('fail');
    expect(recordingCheck(fitLaptop({ terminal: { tmux: true, tmuxPanePiped: true, screen: false, asciinema: false } })).found).toMatch(/tmux pipe-pane/);
  });

  it('tmux not piped: pass; tmux unknown or screen: warn with how to check', () => {
    expect(recordingCheck(fitLaptop({ terminal: { tmux: true, tmuxPanePiped: false, screen: false, asciinema: false } })).status).toBe('pass');
    expect(recordingCheck(fitLaptop({ terminal: { tmux: true, screen: false, asciinema: false } })).action).toMatch(/pane_pipe/);
    expect(recordingCheck(fitLaptop({ terminal: { tmux: false, screen: true, asciinema: false } })).status).toBe('warn');
  });
});
