/** A fit ceremony laptop's facts, for the pre-flight tests to change one thing at a time. */
import type { NetInterface, PreflightFacts } from '../../src/core/preflight/facts.js';

export const LO: NetInterface = { name: 'lo', operstate: 'unknown', adminUp: true, loopback: true, wireless: false, addresses: ['127.0.0.1', '::1'] };

/** Offline, no radios, no swap, no core dumps, bare metal, clock after the journal, local journal, no recorder. */
export function fitLaptop(change: Partial<PreflightFacts> = {}): PreflightFacts {
  return {
    platform: 'linux',
    interfaces: [LO, { name: 'enp0s31f6', operstate: 'down', adminUp: false, loopback: false, wireless: false, addresses: [] }],
    defaultRoutes: [],
    nameservers: [],
    wifiDevices: [],
    bluetoothDevices: [],
    radios: [],
    swaps: [],
    coreLimit: '0',
    corePattern: 'core',
    dmi: { sys_vendor: 'LENOVO', product_name: '20XW0055GE', bios_vendor: 'LENOVO' },
    hypervisorFlag: false,
    now: '2027-03-01T10:00:00.000Z',
    lastJournalTs: '2027-02-01T09:00:00.000Z',
    journal: { path: '/media/public/journal.jsonl', mountPoint: '/media/public', fsType: 'vfat', source: '/dev/sdb1' },
    processChain: [
      { pid: 4000, name: 'node', args: 'node /opt/coldkit-0.1.0/coldkit.mjs preflight' },
      { pid: 3000, name: 'bash', args: '-bash' },
      { pid: 1, name: 'systemd', args: '/sbin/init' },
    ],
    terminal: { tmux: false, screen: false, asciinema: false },
    ...change,
  };
}
