/**
 * Fake system trees for the pre-flight: a folder holding the /proc, /sys and /etc files the fact
 * gatherer reads (src/cli/preflight/gather.ts reads under a root), so tests decide what the
 * machine looks like — online or offline — whatever machine they run on.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tmpDir } from './cli.js';

/** Write `files` (path under the root → text) into a new root; returns it. */
export function fakeRoot(files: Record<string, string>, dirs: string[] = []): string {
  const root = tmpDir('coldkit-sysroot-');
  for (const d of ['sys/class', ...dirs]) fs.mkdirSync(path.join(root, d), { recursive: true });
  for (const [p, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, p)), { recursive: true });
    fs.writeFileSync(path.join(root, p), text);
  }
  return root;
}

const DEV_HEAD = 'Inter-|   Receive                                                |  Transmit\n face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n';
const devLine = (name: string) => `${name.padStart(6)}:       0       0    0    0    0     0          0         0        0       0    0    0    0     0       0          0\n`;
const ROUTE_HEAD = 'Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n';

/** A laptop with only loopback: no other interface, no route, no resolver, no radios. */
export function offlineTree(): { root: string; addresses: () => Record<string, string[]> } {
  const root = fakeRoot({
    'proc/net/dev': DEV_HEAD + devLine('lo'),
    'proc/net/route': ROUTE_HEAD,
    'proc/net/ipv6_route': '',
    'sys/class/net/lo/operstate': 'unknown\n',
    'sys/class/net/lo/flags': '0x9\n',
  });
  return { root, addresses: () => ({ lo: ['127.0.0.1'] }) };
}

/** A laptop on a LAN: eth0 up with an address and a default route through 192.168.1.1. */
export function onlineTree(): { root: string; addresses: () => Record<string, string[]> } {
  const root = fakeRoot({
    'proc/net/dev': DEV_HEAD + devLine('lo') + devLine('eth0'),
    'proc/net/route': ROUTE_HEAD + 'eth0\t00000000\t0101A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0\n',
    'proc/net/ipv6_route': '',
    'sys/class/net/lo/operstate': 'unknown\n',
    'sys/class/net/lo/flags': '0x9\n',
    'sys/class/net/eth0/operstate': 'up\n',
    'sys/class/net/eth0/flags': '0x1003\n',
    'etc/resolv.conf': 'nameserver 192.168.1.1\n',
  });
  return { root, addresses: () => ({ lo: ['127.0.0.1'], eth0: ['192.168.1.20'] }) };
}
