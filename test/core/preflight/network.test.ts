/** The network part of the pre-flight, and what a ceremony command makes of it. */
import { describe, expect, it } from 'vitest';
import { defaultRouteCheck, dnsCheck, interfacesCheck, networkChecks, onlineFinding, radioChecks } from '../../../src/core/preflight/network.js';
import { fitLaptop, LO } from '../../helpers/fit-laptop.js';

const eth = (change = {}) => ({ name: 'eth0', operstate: 'up', adminUp: true, loopback: false, wireless: false, addresses: ['192.168.1.20', 'fe80::1'], ...change });

describe('network interfaces', () => {
  it('only loopback up: pass', () => {
    expect(interfacesCheck(fitLaptop())).toMatchObject({ id: 'network-interfaces', status: 'pass', found: 'only loopback is up (enp0s31f6 down)' });
    expect(interfacesCheck(fitLaptop({ interfaces: [LO] })).found).toBe('only loopback is present');
  });

  it('a live interface is a failure naming it, its addresses and what to do', () => {
    const c = interfacesCheck(fitLaptop({ interfaces: [LO, eth()] }));
    expect(c.status).toBe('fail');
    expect(c.found).toBe('eth0 is up (192.168.1.20, fe80::1)');
    expect(c.action).toMatch(/unplug the network cable/);
  });

  it.each([
    ['operstate up without an address yet (DHCP pending)', { addresses: [] }, 'fail'],
    ['operstate unknown but administratively up (tun, some drivers)', { operstate: 'unknown', addresses: [] }, 'fail'],
    ['dormant Wi-Fi with an address', { operstate: 'dormant', wireless: true }, 'fail'],
    ['administratively down', { adminUp: false, operstate: 'down' }, 'pass'],
    ['link down although an address is configured', { operstate: 'down', adminUp: true }, 'pass'],
    ['no carrier (lowerlayerdown)', { operstate: 'lowerlayerdown', adminUp: true }, 'pass'],
    ['no /sys state but addresses (another OS)', { operstate: undefined, adminUp: undefined }, 'fail'],
  ])('%s: %s', (_n, change, status) => {
    expect(interfacesCheck(fitLaptop({ interfaces: [LO, eth(change)] })).status).toBe(status);
  });

  it('unreadable interfaces: warn, never pass', () => {
    expect(interfacesCheck(fitLaptop({ interfaces: undefined, platform: 'darwin' }))).toMatchObject({ status: 'warn', found: 'cannot read the network interfaces on darwin' });
  });
});

describe('default route and DNS', () => {
  it('a default route fails; none passes; unreadable warns', () => {
    expect(defaultRouteCheck(fitLaptop({ defaultRoutes: ['wlan0 via 192.168.1.1'] }))).toMatchObject({ status: 'fail', found: 'default route wlan0 via 192.168.1.1' });
    expect(defaultRouteCheck(fitLaptop()).status).toBe('pass');
    expect(defaultRouteCheck(fitLaptop({ defaultRoutes: undefined })).status).toBe('warn');
  });

  it('a remote DNS server fails when online, warns when offline; a local resolver passes', () => {
    expect(dnsCheck(fitLaptop({ nameservers: ['9.9.9.9'] }), true).status).toBe('fail');
    expect(dnsCheck(fitLaptop({ nameservers: ['9.9.9.9'] }), false)).toMatchObject({ status: 'warn', found: 'DNS server 9.9.9.9 configured, though no network is up' });
    expect(dnsCheck(fitLaptop({ nameservers: ['127.0.0.53'] }), true).status).toBe('pass');
    expect(dnsCheck(fitLaptop({ nameservers: [] }), true).status).toBe('pass');
  });
});

describe('radios', () => {
  it('no radio passes; a present radio warns, saying whether rfkill blocks it', () => {
    expect(radioChecks(fitLaptop()).map((c) => c.status)).toEqual(['pass', 'pass']);
    const [wifi, bt] = radioChecks(fitLaptop({ wifiDevices: ['phy0'], bluetoothDevices: ['hci0'], radios: [{ name: 'phy0', type: 'wlan', blocked: true }, { name: 'hci0', type: 'bluetooth', blocked: false }] }));
    expect(wifi).toMatchObject({ id: 'wifi', status: 'warn', found: 'Wi-Fi device phy0 present, blocked by rfkill' });
    expect(bt).toMatchObject({ id: 'bluetooth', status: 'warn', found: 'Bluetooth device hci0 present and not blocked' });
    expect(bt!.action).toMatch(/rfkill block bluetooth/);
  });
});

describe('onlineFinding (what ceremony commands do)', () => {
  it('offline: no finding', () => {
    expect(onlineFinding(networkChecks(fitLaptop()), true)).toBeUndefined();
  });

  it('online: a warning, or with require-offline a refusal nothing overrides', () => {
    const checks = networkChecks(fitLaptop({ interfaces: [LO, eth()], defaultRoutes: ['eth0 via 192.168.1.1'], nameservers: ['9.9.9.9'] }));
    const warn = onlineFinding(checks, false)!;
    expect(warn).toMatchObject({ code: 'online', severity: 'warn' });
    expect(warn.message).toBe('this computer is online: eth0 is up (192.168.1.20, fe80::1); default route eth0 via 192.168.1.1 — a ceremony computer must be offline (coldkit preflight lists what to do)');
    expect(onlineFinding(checks, true)).toMatchObject({ code: 'online', severity: 'refuse', overridable: false });
  });

  it('radios alone and DNS alone do not make a machine online', () => {
    expect(onlineFinding(networkChecks(fitLaptop({ wifiDevices: ['phy0'], nameservers: ['9.9.9.9'] })), true)).toBeUndefined();
  });
});
