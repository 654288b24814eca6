/**
 * The network part of the pre-flight: is this machine online (an interface other than loopback
 * up, a default route, a DNS server it could reach), and are there radios that could make it so.
 * Every ceremony command runs the first part itself (`onlineFinding`): online, it warns; with
 * "require offline" (flag, environment or policy) it refuses.
 */
import { hardRefusal, RANK, warning, type Finding } from '../findings/finding.js';
import { result, type PreflightCheck } from './check.js';
import type { NetInterface, NetworkFacts } from './facts.js';

/** operstate values of a link that can carry packets, or may (drivers that do not report state say "unknown"). */
const LIVE_STATES = new Set(['up', 'unknown', 'dormant', 'testing']);

/** Is this interface able to carry traffic? */
function isLive(i: NetInterface): boolean {
  if (i.loopback) return false;
  if (i.adminUp === false) return false;
  if (i.operstate !== undefined) return LIVE_STATES.has(i.operstate) && (i.operstate === 'up' || i.addresses.length > 0 || i.adminUp === true);
  return i.addresses.length > 0;
}

/**
 * One live interface in words. The online warning can land on the screen of a share ceremony, so
 * its wording avoids SLIP-39 words (a stray one would look like part of a share).
 */
function describe(i: NetInterface): string {
  const kind = i.wireless ? 'Wi-Fi ' : '';
  const addr = i.addresses.length ? ` (${i.addresses.join(', ')})` : '';
  return `${kind}${i.name} is ${i.operstate ?? 'up'}${addr}`;
}

/** Interfaces other than loopback that are up. */
export function interfacesCheck(f: NetworkFacts): PreflightCheck {
  if (!f.interfaces) return result('network-interfaces', 'network', 'warn', `cannot read the network interfaces on ${f.platform}`, 'check by hand that every network interface is down or absent (ip link; ifconfig -a)');
  const live = f.interfaces.filter(isLive);
  if (!live.length) {
    const others = f.interfaces.filter((i) => !i.loopback).map((i) => i.name);
    return result('network-interfaces', 'network', 'pass', others.length ? `only loopback is up (${others.join(', ')} down)` : 'only loopback is present');
  }
  return result(
    'network-interfaces',
    'network',
    'fail',
    live.map(describe).join('; '),
    'unplug the network cable, switch Wi-Fi off (rfkill block all, or remove the card) and take the interfaces down (ip link set DEV down); better, use a laptop without network hardware',
  );
}

/** A default route: packets for anywhere have a way out. */
export function defaultRouteCheck(f: NetworkFacts): PreflightCheck {
  if (!f.defaultRoutes) return result('default-route', 'network', 'warn', `cannot read the routing table on ${f.platform}`, 'check by hand that there is no default route (ip route; netstat -rn)');
  if (!f.defaultRoutes.length) return result('default-route', 'network', 'pass', 'no default route');
  return result('default-route', 'network', 'fail', `default route ${f.defaultRoutes.join(', ')}`, 'remove the route (ip route del default) and disconnect the machine');
}

const LOOPBACK_NS = /^(127\.|::1$|0\.0\.0\.0$)/;

/** DNS servers configured (read from resolv.conf; nothing is sent). Reachable when the machine is online. */
export function dnsCheck(f: NetworkFacts, online: boolean): PreflightCheck {
  if (!f.nameservers) return result('dns', 'network', 'pass', 'no resolv.conf');
  const remote = f.nameservers.filter((n) => !LOOPBACK_NS.test(n));
  if (!remote.length) return result('dns', 'network', 'pass', f.nameservers.length ? `only a local resolver (${f.nameservers.join(', ')})` : 'no DNS server configured');
  if (online) return result('dns', 'network', 'fail', `DNS server ${remote.join(', ')} configured and the machine has a live network`, 'take the machine offline (see network-interfaces, default-route)');
  return result('dns', 'network', 'warn', `DNS server ${remote.join(', ')} configured, though no network is up`, 'a ceremony image should have no network configuration: remove the nameserver lines from /etc/resolv.conf');
}

/** Radios present: Wi-Fi and Bluetooth can be switched on, by a person or by malware. */
export function radioChecks(f: NetworkFacts): PreflightCheck[] {
  const blocked = (type: string) => (f.radios ?? []).filter((r) => r.type === type);
  const one = (id: string, kind: string, devices: string[] | undefined, rfType: string): PreflightCheck => {
    if (devices === undefined) return result(id, 'radio', 'pass', `no ${kind} device information on ${f.platform}`);
    if (!devices.length) return result(id, 'radio', 'pass', `no ${kind} device`);
    const radios = blocked(rfType);
    if (radios.length && radios.every((r) => r.blocked)) {
      return result(id, 'radio', 'warn', `${kind} device ${devices.join(', ')} present, blocked by rfkill`, `remove the ${kind} hardware or disable it in the firmware setup; rfkill blocks can be lifted in software`);
    }
    return result(id, 'radio', 'warn', `${kind} device ${devices.join(', ')} present and not blocked`, `remove the ${kind} hardware or disable it in the firmware setup; at least block it now: rfkill block ${rfType}`);
  };
  return [one('wifi', 'Wi-Fi', f.wifiDevices, 'wlan'), one('bluetooth', 'Bluetooth', f.bluetoothDevices, 'bluetooth')];
}

/** The network checks, in report order. */
export function networkChecks(f: NetworkFacts): PreflightCheck[] {
  const ifs = interfacesCheck(f);
  const route = defaultRouteCheck(f);
  const online = ifs.status === 'fail' || route.status === 'fail';
  return [ifs, route, dnsCheck(f, online), ...radioChecks(f)];
}

/**
 * What a ceremony command makes of the network checks: nothing when offline; when online a
 * warning, or — when the ceremony requires an offline machine — a refusal nothing overrides
 * (take the machine offline instead).
 */
export function onlineFinding(checks: readonly PreflightCheck[], requireOffline: boolean): Finding | undefined {
  const failed = checks.filter((c) => c.area === 'network' && c.status === 'fail' && c.id !== 'dns');
  if (!failed.length) return undefined;
  const message = `this computer is online: ${failed.map((c) => c.found).join('; ')} — a ceremony computer must be offline (coldkit preflight lists what to do)`;
  return requireOffline ? hardRefusal('online', RANK.identity, message) : warning('online', RANK.identity, message);
}
