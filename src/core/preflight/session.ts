/**
 * Pre-flight checks of the session: the clock against the journal, where the journal is written,
 * and whether the terminal is being recorded (words shown on screen would end up in the file).
 */
import { result, type PreflightCheck } from './check.js';
import type { PreflightFacts } from './facts.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** Entries may be a few minutes apart across machines; more than this behind the journal is a wrong clock. */
export const CLOCK_BEHIND_LIMIT_MS = 5 * MINUTE;
/** More than this after the last entry is plausible (a laptop in a safe) but worth a look at the date. */
export const CLOCK_AHEAD_WARN_MS = 400 * DAY;

function span(ms: number): string {
  const a = Math.abs(ms);
  return a >= 2 * DAY ? `${Math.round(a / DAY)} days` : a >= 2 * 3_600_000 ? `${Math.round(a / 3_600_000)} hours` : `${Math.round(a / MINUTE)} minutes`;
}

/** The clock against the journal's last entry and the release's own date. */
export function clockCheck(f: PreflightFacts): PreflightCheck {
  const now = Date.parse(f.now);
  const fix = 'set the date and time by hand from a trusted watch (date -s "YYYY-MM-DD HH:MM"), so journal entries stay in order';
  if (f.notBefore && now < Date.parse(f.notBefore)) {
    return result('clock', 'clock', 'fail', `the clock says ${f.now}, before this coldkit release was built (${f.notBefore})`, fix);
  }
  if (!f.lastJournalTs) return result('clock', 'clock', 'pass', `${f.now}; no journal entry to compare with`);
  const last = Date.parse(f.lastJournalTs);
  if (Number.isNaN(last)) return result('clock', 'clock', 'warn', `the journal's last entry has an unreadable time "${f.lastJournalTs}"`, 'run coldkit journal verify');
  const d = now - last;
  if (d < -CLOCK_BEHIND_LIMIT_MS) return result('clock', 'clock', 'fail', `the clock (${f.now}) is ${span(d)} behind the journal's last entry (${f.lastJournalTs})`, fix);
  if (d > CLOCK_AHEAD_WARN_MS) return result('clock', 'clock', 'warn', `the clock (${f.now}) is ${span(d)} after the journal's last entry (${f.lastJournalTs})`, 'check the date against a trusted watch; if it is right, carry on');
  return result('clock', 'clock', 'pass', `${f.now}, ${span(d)} after the journal's last entry`);
}

/** File systems whose writes leave the machine. */
const NETWORK_FS = /^(nfs4?|cifs|smb3?|smbfs|ncpfs|afs|coda|9p|virtiofs|ceph|glusterfs|lustre|gpfs|davfs|fuse\.(sshfs|rclone|s3fs|gcsfuse|davfs2?|glusterfs|cephfs|smbnetfs|curlftpfs|goofys|juicefs|onedriver|mount-zip)|fuse\.gvfsd-fuse)$/;

/** The journal's folder on a network file system (its writes leave the machine) or in RAM (lost at power-off). */
export function journalFsCheck(f: PreflightFacts): PreflightCheck {
  const j = f.journal;
  if (!j.fsType) return result('journal-filesystem', 'journal', 'warn', `cannot tell which file system holds ${j.path}`, 'make sure the journal is on a local disk or the public USB stick');
  const where = `${j.path} is on ${j.fsType} (${j.source ?? '?'} at ${j.mountPoint ?? '?'})`;
  if (NETWORK_FS.test(j.fsType)) {
    return result('journal-filesystem', 'journal', 'fail', `${where}: a network file system, so the machine is networked and each entry leaves it`, 'put the journal on the public USB stick or a local disk: --journal PATH or COLDKIT_JOURNAL');
  }
  if (j.fsType === 'tmpfs' || j.fsType === 'ramfs') {
    return result('journal-filesystem', 'journal', 'warn', `${where}: in RAM, lost at power-off`, 'put the journal on the public USB stick so it leaves the room with the public data: --journal PATH or COLDKIT_JOURNAL');
  }
  return result('journal-filesystem', 'journal', 'pass', where);
}

/** Terminal recorders seen in the process chain, by executable name. */
const RECORDERS: ReadonlyArray<[RegExp, string]> = [
  [/^script$/, 'script (util-linux)'],
  [/^asciinema$/, 'asciinema'],
  [/^(ttyrec|termrec|ipbt|ttyplay)$/, 'ttyrec'],
  [/^tlog-rec(-session)?$/, 'tlog'],
  [/^(terminalizer|vhs|t-rec)$/, 'a terminal recorder'],
];

/** Is the terminal being recorded: a recorder among the ancestors, asciinema's variable, a piped tmux pane. */
export function recordingCheck(f: PreflightFacts): PreflightCheck {
  const found: string[] = [];
  for (const p of f.processChain ?? []) {
    // asciinema and others run as python/node scripts: look at the command line too.
    const base = p.name.toLowerCase();
    const argv0 = (p.args.split(' ').find((a, i) => i > 0 && !a.startsWith('-') && /[a-z]/i.test(a)) ?? '').split('/').pop() ?? '';
    for (const [re, name] of RECORDERS) if (re.test(base) || (/^(python\d*(\.\d+)?|node|perl|ruby)$/.test(base) && re.test(argv0))) found.push(`${name} (pid ${p.pid})`);
  }
  if (f.terminal.asciinema && !found.some((x) => x.startsWith('asciinema'))) found.push('asciinema (ASCIINEMA_REC is set)');
  if (f.terminal.tmuxPanePiped) found.push('tmux pipe-pane (this pane is piped to a command)');
  if (found.length) {
    return result('terminal-recording', 'terminal', 'fail', `the terminal is being recorded: ${found.join(', ')}`, 'stop the recording (exit script/asciinema; tmux: pipe-pane with no command) before any secret is shown');
  }
  if (f.terminal.screen) return result('terminal-recording', 'terminal', 'warn', 'running inside GNU screen, whose logging cannot be seen from here', 'check that screen logging is off (Ctrl-a H toggles it) or run coldkit outside screen');
  if (f.terminal.tmux && f.terminal.tmuxPanePiped === undefined) return result('terminal-recording', 'terminal', 'warn', 'running inside tmux; could not ask tmux whether the pane is piped', "check with: tmux display -p '#{pane_pipe}' (must print 0)");
  if (!f.processChain) return result('terminal-recording', 'terminal', 'warn', `cannot read the process chain on ${f.platform}`, 'check by hand that no terminal recorder (script, asciinema) is running');
  return result('terminal-recording', 'terminal', 'pass', f.terminal.tmux ? 'no recorder found; inside tmux, pane not piped' : 'no terminal recorder found');
}

/** Checks of the session, in report order. */
export function sessionChecks(f: PreflightFacts): PreflightCheck[] {
  return [clockCheck(f), journalFsCheck(f), recordingCheck(f)];
}
