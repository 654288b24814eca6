/** The pre-flight verdict: fit only when no check failed; a live network interface alone makes it unfit. */
import { describe, expect, it } from 'vitest';
import { preflight } from '../../../src/core/preflight/report.js';
import { fitLaptop, LO } from '../../helpers/fit-laptop.js';

describe('preflight', () => {
  it('a fit laptop passes every check, in report order', () => {
    const r = preflight(fitLaptop());
    expect(r.ok).toBe(true);
    expect(r.checks.map((c) => c.id)).toEqual(['network-interfaces', 'default-route', 'dns', 'wifi', 'bluetooth', 'swap', 'core-dumps', 'cloud-vm', 'clock', 'journal-filesystem', 'terminal-recording']);
    expect(r.counts).toEqual({ pass: 11, warn: 0, fail: 0 });
    expect(r.checks.every((c) => c.action === undefined)).toBe(true);
  });

  it('a live network interface is a failure and the machine is not fit', () => {
    const r = preflight(fitLaptop({ interfaces: [LO, { name: 'wlp2s0', operstate: 'up', adminUp: true, loopback: false, wireless: true, addresses: ['10.0.0.7'] }] }));
    expect(r.ok).toBe(false);
    expect(r.checks.filter((c) => c.status === 'fail')).toEqual([
      { id: 'network-interfaces', area: 'network', status: 'fail', found: 'Wi-Fi wlp2s0 is up (10.0.0.7)', action: expect.stringMatching(/switch Wi-Fi off/) },
    ]);
  });

  it('warnings alone leave the machine fit', () => {
    const r = preflight(fitLaptop({ wifiDevices: ['phy0'], hypervisorFlag: true, dmi: undefined }));
    expect(r.ok).toBe(true);
    expect(r.counts.warn).toBe(2);
  });
});
