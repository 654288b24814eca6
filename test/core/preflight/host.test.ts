/** Pre-flight checks of memory and machine: swap, core dumps, clouds and hypervisors. */
import { describe, expect, it } from 'vitest';
import { coreDumpCheck, swapCheck, virtualisationCheck } from '../../../src/core/preflight/host.js';
import { fitLaptop } from '../../helpers/fit-laptop.js';

describe('swap', () => {
  it.each([
    ['no swap', [], 'pass'],
    ['zram only', [{ name: '/dev/zram0', type: 'partition', sizeKiB: 8_000_000 }], 'pass'],
    ['a swap partition', [{ name: '/dev/nvme0n1p3', type: 'partition', sizeKiB: 16_777_212 }], 'fail'],
    ['a swap file', [{ name: '/swapfile', type: 'file', sizeKiB: 2_097_148 }], 'fail'],
    ['dm-crypt swap', [{ name: '/dev/dm-1', type: 'partition', sizeKiB: 8_000_000 }], 'warn'],
  ])('%s: %s', (_n, swaps, status) => {
    expect(swapCheck(fitLaptop({ swaps })).status).toBe(status);
  });

  it('names the area and says how to turn it off', () => {
    const c = swapCheck(fitLaptop({ swaps: [{ name: '/swapfile', type: 'file', sizeKiB: 2_097_148 }] }));
    expect(c.found).toMatch(/^swap on \/swapfile \(file, 2048 MiB\)/);
    expect(c.action).toMatch(/swapoff -a/);
    expect(swapCheck(fitLaptop({ swaps: undefined, platform: 'darwin' })).status).toBe('warn');
  });
});

describe('core dumps', () => {
  it('limit 0 passes; any other limit fails with ulimit -c 0', () => {
    expect(coreDumpCheck(fitLaptop()).status).toBe('pass');
    expect(coreDumpCheck(fitLaptop({ corePattern: '|/usr/lib/systemd/systemd-coredump %P' })).found).toBe('core dumps off (ulimit -c 0); crashes are piped to /usr/lib/systemd/systemd-coredump');
    for (const coreLimit of ['unlimited', '1048576']) {
      const c = coreDumpCheck(fitLaptop({ coreLimit }));
      expect(c.status).toBe('fail');
      expect(c.action).toMatch(/ulimit -c 0/);
    }
    expect(coreDumpCheck(fitLaptop({ coreLimit: undefined })).status).toBe('warn');
  });
});

describe('cloud VM and hypervisor', () => {
  it.each([
    [{ sys_vendor: 'Amazon EC2', product_name: 'm5.large' }, 'Amazon EC2'],
    [{ sys_vendor: 'Google', product_name: 'Google Compute Engine' }, 'Google Compute Engine'],
    [{ sys_vendor: 'Microsoft Corporation', product_name: 'Virtual Machine' }, 'Microsoft Azure'],
    [{ sys_vendor: 'DigitalOcean', product_name: 'Droplet' }, 'DigitalOcean'],
    [{ sys_vendor: 'Hetzner', product_name: 'vServer' }, 'Hetzner'],
    [{ sys_vendor: 'QEMU', chassis_asset_tag: 'OracleCloud.com' }, 'Oracle Cloud'],
    [{ sys_vendor: 'OpenStack Foundation', product_name: 'OpenStack Nova' }, 'OpenStack'],
  ])('%o is a cloud VM: fail', (dmi, name) => {
    const c = virtualisationCheck(fitLaptop({ dmi, hypervisorFlag: true }));
    expect(c.status).toBe('fail');
    expect(c.found).toContain(name);
  });

  it('a Microsoft Surface laptop is not Azure', () => {
    expect(virtualisationCheck(fitLaptop({ dmi: { sys_vendor: 'Microsoft Corporation', product_name: 'Surface Laptop 5' } })).status).toBe('pass');
  });

  it('a local hypervisor, or just the CPU flag, warns', () => {
    expect(virtualisationCheck(fitLaptop({ dmi: { sys_vendor: 'QEMU', product_name: 'Standard PC (Q35 + ICH9, 2009)' } }))).toMatchObject({ status: 'warn', found: 'running in a virtual machine: QEMU/KVM (sys_vendor "QEMU")' });
    expect(virtualisationCheck(fitLaptop({ dmi: { sys_vendor: 'innotek GmbH', product_name: 'VirtualBox' } })).found).toContain('VirtualBox');
    expect(virtualisationCheck(fitLaptop({ dmi: undefined, hypervisorFlag: true })).status).toBe('warn');
    expect(virtualisationCheck(fitLaptop()).status).toBe('pass');
    expect(virtualisationCheck(fitLaptop({ dmi: undefined, hypervisorFlag: undefined })).status).toBe('warn');
  });
});
