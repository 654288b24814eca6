/**
 * Fact gathering over a fake /proc, /sys and /etc tree (the gatherer reads under a root): the
 * parsers of /proc/net/dev, /proc/net/route, /proc/net/ipv6_route, resolv.conf, rfkill, /proc/swaps,
 * limits, DMI, cpuinfo, mounts and the process chain — and the whole pre-flight over such a tree,
 * which must call a live interface a failure.
 */
import { describe, expect, it } from 'vitest';
import { preflight } from '../../../src/core/preflight/report.js';
import { gatherFacts, gatherNetworkFacts } from '../../../src/cli/preflight/gather.js';
import { tmpDir } from '../../helpers/cli.js';
import { fakeRoot } from '../../helpers/sysroot.js';

const DEV = `Inter-|   Receive                                                |  Transmit
 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
    lo:  123456     789    0    0    0     0          0         0   123456     789    0    0    0     0       0          0
  eth0: 9999999   12345    0    0    0     0          0         0  888888    4321    0    0    0     0       0          0
wlp2s0:       0       0    0    0    0     0          0         0        0       0    0    0    0     0       0          0
`;
const ROUTE = `Iface	Destination	Gateway 	Flags	RefCnt	Use	Metric	Mask		MTU	Window	IRTT
eth0	00000000	0101A8C0	0003	0	0	100	00000000	0	0	0
eth0	0001A8C0	00000000	0001	0	0	100	00FFFFFF	0	0	0
`;
const IPV6_ROUTE = `00000000000000000000000000000000 00 00000000000000000000000000000000 00 fe800000000000000000000000000001 00000400 00000001 00000000 00000003     eth0
00000000000000000000000000000000 00 00000000000000000000000000000000 00 00000000000000000000000000000000 ffffffff 00000001 00000000 00200200       lo
fe800000000000000000000000000000 40 00000000000000000000000000000000 00 00000000000000000000000000000000 00000100 00000001 00000000 00000001     eth0
`;

const LIVE_LAPTOP: Record<string, string> = {
  'proc/net/dev': DEV,
  'proc/net/route': ROUTE,
  'proc/net/ipv6_route': IPV6_ROUTE,
  'sys/class/net/lo/operstate': 'unknown\n',
  'sys/class/net/lo/flags': '0x9\n',
  'sys/class/net/eth0/operstate': 'up\n',
  'sys/class/net/eth0/flags': '0x1003\n',
  'sys/class/net/wlp2s0/operstate': 'down\n',
  'sys/class/net/wlp2s0/flags': '0x1002\n',
  'sys/class/net/wlp2s0/wireless/.keep': '',
  'sys/class/ieee80211/phy0/.keep': '',
  'sys/class/bluetooth/hci0/.keep': '',
  'sys/class/rfkill/rfkill0/name': 'phy0\n',
  'sys/class/rfkill/rfkill0/type': 'wlan\n',
  'sys/class/rfkill/rfkill0/soft': '1\n',
  'sys/class/rfkill/rfkill0/hard': '0\n',
  'sys/class/rfkill/rfkill1/name': 'hci0\n',
  'sys/class/rfkill/rfkill1/type': 'bluetooth\n',
  'sys/class/rfkill/rfkill1/soft': '0\n',
  'sys/class/rfkill/rfkill1/hard': '0\n',
  'etc/resolv.conf': '# Generated\nnameserver 192.168.1.1\nnameserver 2001:db8::53\nsearch lan\n',
  'proc/swaps': 'Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n/dev/nvme0n1p3                          partition\t16777212\t0\t\t-2\n/dev/zram0                              partition\t8000000\t\t0\t\t100\n',
  'proc/self/limits': 'Limit                     Soft Limit           Hard Limit           Units     \nMax cpu time              unlimited            unlimited            seconds   \nMax core file size        unlimited            unlimited            bytes     \n',
  'proc/sys/kernel/core_pattern': '|/usr/lib/systemd/systemd-coredump %P %u %g %s %t %c %h\n',
  'sys/class/dmi/id/sys_vendor': 'Amazon EC2\n',
  'sys/class/dmi/id/product_name': 'm6i.large\n',
  'proc/cpuinfo': 'processor\t: 0\nflags\t\t: fpu vme de pse tsc msr pae mce cx8 apic hypervisor lahf_lm\n',
  'proc/mounts': '/dev/nvme0n1p2 / ext4 rw,relatime 0 0\nfiler:/export/home /home/alice nfs4 rw,relatime 0 0\ntmpfs /run tmpfs rw 0 0\n/dev/sdb1 /media/alice/PUBLIC\\040USB vfat rw 0 0\n',
  'proc/4242/stat': '4242 (node) S 4100 4242 4100 34816 4242 4194304 1 0 0 0\n',
  'proc/4242/cmdline': 'node\0/opt/coldkit/coldkit.mjs\0preflight\0',
  'proc/4100/stat': '4100 (bash) S 4000 4100 4100 34816 4242 4194304 1 0 0 0\n',
  'proc/4100/cmdline': 'bash\0',
  'proc/4000/stat': '4000 (script) S 1 4000 4000 0 -1 4194304 1 0 0 0\n',
  'proc/4000/cmdline': 'script\0-q\0ceremony.log\0',
  'proc/1/stat': '1 (systemd) S 0 1 1 0 -1 4194560 1 0 0 0\n',
  'proc/1/cmdline': '/sbin/init\0',
};

const session = { now: '2027-03-01T10:00:00.000Z', journalPath: '/home/alice/.coldkit/journal.jsonl' };

describe('gathering from a fake tree', () => {
  const root = fakeRoot(LIVE_LAPTOP);
  const addresses = () => ({ lo: ['127.0.0.1'], eth0: ['192.168.1.20', 'fe80::2'] });

  it('network: interfaces with state and addresses, IPv4 and IPv6 default routes (not lo\'s unreachable one), nameservers, radios', () => {
    const f = gatherNetworkFacts({ root, addresses, platform: 'linux' });
    expect(f.interfaces).toEqual([
      { name: 'lo', operstate: 'unknown', adminUp: true, loopback: true, wireless: false, addresses: ['127.0.0.1'] },
      { name: 'eth0', operstate: 'up', adminUp: true, loopback: false, wireless: false, addresses: ['192.168.1.20', 'fe80::2'] },
      { name: 'wlp2s0', operstate: 'down', adminUp: false, loopback: false, wireless: true, addresses: [] },
    ]);
    expect(f.defaultRoutes).toEqual(['eth0 via 192.168.1.1', 'eth0 via fe80::1']);
    expect(f.nameservers).toEqual(['192.168.1.1', '2001:db8::53']);
    expect(f.wifiDevices).toEqual(['phy0', 'wlp2s0']);
    expect(f.bluetoothDevices).toEqual(['hci0']);
    expect(f.radios).toEqual([
      { name: 'phy0', type: 'wlan', blocked: true },
      { name: 'hci0', type: 'bluetooth', blocked: false },
    ]);
  });

  it('host and session: swaps, core limit and pattern, DMI, hypervisor flag, the journal\'s mount, the process chain', () => {
    const f = gatherFacts(session, { root, addresses, platform: 'linux', pid: 4242, env: {} });
    expect(f.swaps).toEqual([
      { name: '/dev/nvme0n1p3', type: 'partition', sizeKiB: 16777212 },
      { name: '/dev/zram0', type: 'partition', sizeKiB: 8000000 },
    ]);
    expect(f.coreLimit).toBe('unlimited');
    expect(f.corePattern).toMatch(/^\|\/usr\/lib\/systemd\/systemd-coredump/);
    expect(f.dmi).toEqual({ sys_vendor: 'Amazon EC2', product_name: 'm6i.large' });
    expect(f.hypervisorFlag).toBe(true);
    expect(f.journal).toEqual({ path: session.journalPath, mountPoint: '/home/alice', fsType: 'nfs4', source: 'filer:/export/home' });
    expect(f.processChain!.map((p) => [p.pid, p.name, p.args])).toEqual([
      [4242, 'node', 'node /opt/coldkit/coldkit.mjs preflight'],
      [4100, 'bash', 'bash'],
      [4000, 'script', 'script -q ceremony.log'],
      [1, 'systemd', '/sbin/init'],
    ]);
    expect(f.terminal).toEqual({ tmux: false, screen: false, asciinema: false });
  });

  it('a mount point with an escaped space is matched', () => {
    const f = gatherFacts({ ...session, journalPath: '/media/alice/PUBLIC USB/journal.jsonl' }, { root, addresses, pid: 4242, env: {} });
    expect(f.journal).toMatchObject({ mountPoint: '/media/alice/PUBLIC USB', fsType: 'vfat', source: '/dev/sdb1' });
  });

  it('inside tmux the pane is asked about; screen and asciinema come from the environment', () => {
    const f = gatherFacts(session, { root, addresses, pid: 4242, env: { TMUX: '/tmp/tmux-0/default,1,0', STY: '1.pts-0', ASCIINEMA_REC: '1' }, tmuxPanePiped: () => true });
    expect(f.terminal).toEqual({ tmux: true, tmuxPanePiped: true, screen: true, asciinema: true });
  });

  it('the pre-flight over this tree fails every check it should, the live interface first', () => {
    const r = preflight(gatherFacts(session, { root, addresses, platform: 'linux', pid: 4242, env: {} }));
    expect(r.ok).toBe(false);
    expect(Object.fromEntries(r.checks.map((c) => [c.id, c.status]))).toEqual({
      'network-interfaces': 'fail',
      'default-route': 'fail',
      dns: 'fail',
      wifi: 'warn',
      bluetooth: 'warn',
      swap: 'fail',
      'core-dumps': 'fail',
      'cloud-vm': 'fail',
      clock: 'pass',
      'journal-filesystem': 'fail',
      'terminal-recording': 'fail',
    });
    expect(r.checks[0]!.found).toBe('eth0 is up (192.168.1.20, fe80::2)');
  });
});

describe('an offline laptop tree', () => {
  it('loopback only, no routes, no radios: the network checks pass', () => {
    const root = fakeRoot({ 'proc/net/dev': DEV.split('\n').slice(0, 3).join('\n') + '\n', 'proc/net/route': ROUTE.split('\n')[0] + '\n', 'proc/net/ipv6_route': '', 'sys/class/net/lo/flags': '0x9\n', 'sys/class/net/lo/operstate': 'unknown\n' });
    const f = gatherNetworkFacts({ root, addresses: () => ({ lo: ['127.0.0.1'] }) });
    expect(f.interfaces!.map((i) => i.name)).toEqual(['lo']);
    expect(f.defaultRoutes).toEqual([]);
    expect(f.nameservers).toBeUndefined();
    expect(f.wifiDevices).toEqual([]);
    expect(f.bluetoothDevices).toEqual([]);
  });

  it('another system (no /proc, no /sys): network facts unknown, addresses only from the OS', () => {
    const root = tmpDir('coldkit-sysroot-');
    const f = gatherNetworkFacts({ root, addresses: () => ({ en0: ['10.1.1.1'] }), platform: 'darwin' });
    expect(f.interfaces).toEqual([{ name: 'en0', loopback: false, wireless: false, addresses: ['10.1.1.1'] }]);
    expect(f.defaultRoutes).toBeUndefined();
    expect(f.wifiDevices).toBeUndefined();
  });
});
