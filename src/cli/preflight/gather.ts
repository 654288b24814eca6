/**
 * Gathering the pre-flight's facts on Linux: /proc, /sys and /etc/resolv.conf are read (under
 * `root`, so tests feed a fake tree), the process chain is walked, and inside tmux tmux itself is
 * asked whether the pane is piped. Nothing is sent on any network and nothing is written. On other
 * systems what cannot be read stays undefined, and the checks (src/core/preflight) say so.
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import type { NetInterface, NetworkFacts, PreflightFacts, ProcessInfo, Radio, SwapArea } from '../../core/preflight/facts.js';

/** Where facts come from; every field has the live system as default. */
export interface FactSources {
  /** Root of the /proc, /sys and /etc trees to read (default "/"). */
  root?: string;
  /** Addresses by interface (default os.networkInterfaces() when root is "/", else none). */
  addresses?: () => Record<string, string[]>;
  /** This process's pid (default process.pid). */
  pid?: number;
  env?: Record<string, string | undefined>;
  /** Is the tmux pane piped (default: ask tmux when $TMUX is set and root is "/"). */
  tmuxPanePiped?: () => boolean | undefined;
  platform?: string;
}

/** What the session supplies: the clock, the journal and the release's earliest plausible date. */
export interface SessionFacts {
  now: string;
  journalPath: string;
  lastJournalTs?: string;
  notBefore?: string;
}

function reader(root: string) {
  const at = (p: string) => path.join(root, p);
  return {
    text(p: string): string | undefined {
      try {
        return fs.readFileSync(at(p), 'utf8');
      } catch {
        return undefined;
      }
    },
    list(p: string): string[] | undefined {
      try {
        return fs.readdirSync(at(p)).sort();
      } catch {
        return undefined;
      }
    },
    exists: (p: string) => fs.existsSync(at(p)),
  };
}

function liveAddresses(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, list] of Object.entries(os.networkInterfaces())) out[name] = (list ?? []).map((a) => a.address);
  return out;
}

/** An IPv4 address from /proc/net/route's little-endian hex. */
function ipv4(hexLe: string): string {
  const n = parseInt(hexLe, 16);
  return [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff].join('.');
}

function ipv6(hex: string): string {
  return (hex.match(/.{4}/g) ?? []).map((g) => g.replace(/^0{1,3}/, '')).join(':').replace(/(^|:)0(:0)+(:|$)/, '::');
}

/** The network facts only (what every ceremony command checks; cheap: a few small files). */
export function gatherNetworkFacts(src: FactSources = {}): NetworkFacts {
  const root = src.root ?? '/';
  const r = reader(root);
  const addresses: Record<string, string[]> = (src.addresses ?? (root === '/' ? liveAddresses : () => ({})))();
  const platform = src.platform ?? process.platform;

  let interfaces: NetInterface[] | undefined;
  const dev = r.text('proc/net/dev');
  const names = dev !== undefined ? dev.split('\n').slice(2).map((l) => l.split(':')[0]!.trim()).filter(Boolean) : Object.keys(addresses);
  if (dev !== undefined || names.length) {
    interfaces = names.map((name) => {
      const flags = r.text(`sys/class/net/${name}/flags`);
      const f = flags !== undefined ? parseInt(flags.trim(), 16) : undefined;
      const operstate = r.text(`sys/class/net/${name}/operstate`)?.trim();
      return {
        name,
        ...(operstate ? { operstate } : {}),
        ...(f !== undefined && !Number.isNaN(f) ? { adminUp: (f & 0x1) !== 0 } : {}),
        loopback: name === 'lo' || (f !== undefined && (f & 0x8) !== 0),
        wireless: r.exists(`sys/class/net/${name}/wireless`) || r.exists(`sys/class/net/${name}/phy80211`),
        addresses: addresses[name] ?? [],
      };
    });
  }

  let defaultRoutes: string[] | undefined;
  const v4 = r.text('proc/net/route');
  if (v4 !== undefined) {
    defaultRoutes = [];
    for (const l of v4.split('\n').slice(1)) {
      const c = l.trim().split(/\s+/);
      // Iface Destination Gateway Flags RefCnt Use Metric Mask …; RTF_UP = 0x1
      if (c.length >= 8 && c[1] === '00000000' && c[7] === '00000000' && parseInt(c[3]!, 16) & 0x1) defaultRoutes.push(`${c[0]} via ${ipv4(c[2]!)}`);
    }
    const v6 = r.text('proc/net/ipv6_route') ?? '';
    for (const l of v6.split('\n')) {
      const c = l.trim().split(/\s+/);
      // dest plen src splen next_hop metric refcnt use flags iface; RTF_UP = 0x1, RTF_REJECT = 0x200
      if (c.length < 10 || !/^0+$/.test(c[0]!) || c[1] !== '00' || c[9] === 'lo') continue;
      const fl = parseInt(c[8]!, 16);
      if (fl & 0x1 && !(fl & 0x200)) defaultRoutes.push(`${c[9]} via ${ipv6(c[4]!)}`);
    }
  }

  const resolv = r.text('etc/resolv.conf');
  const nameservers = resolv === undefined ? undefined : [...resolv.matchAll(/^\s*nameserver\s+(\S+)/gm)].map((m) => m[1]!);

  const sysClass = r.list('sys/class');
  const wifiDevices = sysClass === undefined ? undefined : [...new Set([...(r.list('sys/class/ieee80211') ?? []), ...(interfaces ?? []).filter((i) => i.wireless).map((i) => i.name)])];
  const bluetoothDevices = sysClass === undefined ? undefined : r.list('sys/class/bluetooth') ?? [];
  const radios: Radio[] = (r.list('sys/class/rfkill') ?? []).map((n) => ({
    name: r.text(`sys/class/rfkill/${n}/name`)?.trim() ?? n,
    type: r.text(`sys/class/rfkill/${n}/type`)?.trim() ?? '?',
    blocked: r.text(`sys/class/rfkill/${n}/soft`)?.trim() === '1' || r.text(`sys/class/rfkill/${n}/hard`)?.trim() === '1',
  }));
  return { platform, interfaces, defaultRoutes, nameservers, wifiDevices, bluetoothDevices, radios };
}

/** The mount holding `file`'s folder: the longest mount point that is a prefix of its nearest existing ancestor. */
function mountOf(mounts: string, file: string, live: boolean): { mountPoint: string; fsType: string; source: string } | undefined {
  let dir = path.resolve(path.dirname(file));
  if (live) {
    while (!fs.existsSync(dir) && path.dirname(dir) !== dir) dir = path.dirname(dir);
    try {
      dir = fs.realpathSync(dir);
    } catch {
      /* keep the resolved path */
    }
  }
  const unescape = (s: string) => s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
  let best: { mountPoint: string; fsType: string; source: string } | undefined;
  for (const l of mounts.split('\n')) {
    const [source, mp, fsType] = l.split(' ');
    if (!source || !mp || !fsType) continue;
    const m = unescape(mp);
    const inside = m === '/' || dir === m || dir.startsWith(m.endsWith('/') ? m : m + '/');
    if (inside && (!best || m.length >= best.mountPoint.length)) best = { mountPoint: m, fsType, source: unescape(source) };
  }
  return best;
}

/** This process and its ancestors, nearest first (at most 32). */
function processChain(r: ReturnType<typeof reader>, pid: number): ProcessInfo[] | undefined {
  const out: ProcessInfo[] = [];
  for (let p = pid, n = 0; p > 0 && n < 32; n++) {
    const stat = r.text(`proc/${p}/stat`);
    if (stat === undefined) return out.length ? out : undefined;
    const close = stat.lastIndexOf(')');
    const name = stat.slice(stat.indexOf('(') + 1, close);
    const ppid = Number(stat.slice(close + 2).split(' ')[1]);
    const args = (r.text(`proc/${p}/cmdline`) ?? '').split('\0').filter(Boolean).join(' ');
    out.push({ pid: p, name, args });
    if (!Number.isInteger(ppid) || ppid === p) break;
    p = ppid;
  }
  return out;
}

function askTmux(): boolean | undefined {
  // node:child_process is loaded only here: the network facts every ceremony act gathers need none
  // of it, and it costs milliseconds of start-up (docs/performance.md).
  const { spawnSync } = createRequire(import.meta.url)('node:child_process') as typeof import('node:child_process');
  const r = spawnSync('tmux', ['display-message', '-p', '#{pane_pipe}'], { encoding: 'utf8', timeout: 2000, stdio: ['ignore', 'pipe', 'ignore'] });
  const v = r.status === 0 ? r.stdout.trim() : '';
  return v === '1' ? true : v === '0' ? false : undefined;
}

/** Every fact the pre-flight judges. */
export function gatherFacts(session: SessionFacts, src: FactSources = {}): PreflightFacts {
  const root = src.root ?? '/';
  const live = root === '/';
  const r = reader(root);
  const env = src.env ?? process.env;

  const swapText = r.text('proc/swaps');
  const swaps: SwapArea[] | undefined =
    swapText === undefined
      ? undefined
      : swapText
          .split('\n')
          .slice(1)
          .map((l) => l.trim().split(/\s+/))
          .filter((c) => c.length >= 3 && c[0])
          .map((c) => ({ name: c[0]!.replace(/\\040/g, ' '), type: c[1]!, sizeKiB: Number(c[2]) }));
  const limits = r.text('proc/self/limits');
  const coreLimit = limits === undefined ? undefined : /^Max core file size\s+(\S+)/m.exec(limits)?.[1];
  const corePattern = r.text('proc/sys/kernel/core_pattern')?.trim();

  let dmi: Record<string, string> | undefined;
  for (const k of ['sys_vendor', 'product_name', 'product_version', 'bios_vendor', 'board_vendor', 'chassis_vendor', 'chassis_asset_tag']) {
    const v = r.text(`sys/class/dmi/id/${k}`)?.trim();
    if (v) (dmi ??= {})[k] = v;
  }
  const cpuinfo = r.text('proc/cpuinfo');
  const mounts = r.text('proc/mounts');
  const mount = mounts === undefined ? undefined : mountOf(mounts, session.journalPath, live);
  const tmux = Boolean(env.TMUX);

  return {
    ...gatherNetworkFacts(src),
    swaps,
    ...(coreLimit !== undefined ? { coreLimit } : {}),
    ...(corePattern !== undefined ? { corePattern } : {}),
    ...(dmi ? { dmi } : {}),
    ...(cpuinfo !== undefined ? { hypervisorFlag: /^flags\s*:.*\bhypervisor\b/m.test(cpuinfo) } : {}),
    now: session.now,
    ...(session.lastJournalTs ? { lastJournalTs: session.lastJournalTs } : {}),
    ...(session.notBefore ? { notBefore: session.notBefore } : {}),
    journal: { path: session.journalPath, ...(mount ?? {}) },
    processChain: processChain(r, src.pid ?? process.pid),
    terminal: {
      tmux,
      ...(tmux ? { tmuxPanePiped: (src.tmuxPanePiped ?? (live ? askTmux : () => undefined))() } : {}),
      screen: Boolean(env.STY),
      asciinema: Boolean(env.ASCIINEMA_REC),
    },
  };
}
