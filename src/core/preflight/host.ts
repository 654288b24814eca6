/**
 * Pre-flight checks of the machine itself: where memory can leak to disk (swap, core dumps) and
 * whose machine it really is (a cloud provider's VM, any hypervisor).
 */
import { result, type PreflightCheck } from './check.js';
import type { PreflightFacts } from './facts.js';

/** Swap areas: secrets in memory can be paged out to a disk that outlives the ceremony. */
export function swapCheck(f: PreflightFacts): PreflightCheck {
  if (!f.swaps) return result('swap', 'memory', 'warn', `cannot read the swap areas on ${f.platform}`, 'check by hand that swap is off (swapon --show; on macOS, sysctl vm.swapusage)');
  // zram is compressed RAM: nothing reaches a disk.
  const disk = f.swaps.filter((s) => !/^\/dev\/zram\d+$/.test(s.name));
  if (!disk.length) return result('swap', 'memory', 'pass', f.swaps.length ? `only RAM-backed swap (${f.swaps.map((s) => s.name).join(', ')})` : 'no swap');
  const list = disk.map((s) => `${s.name} (${s.type}, ${Math.round(s.sizeKiB / 1024)} MiB)`).join(', ');
  // A device-mapper swap is usually dm-crypt; it is still a disk holding secrets until its key is gone.
  if (disk.every((s) => /^\/dev\/(dm-\d+|mapper\/)/.test(s.name))) {
    return result('swap', 'memory', 'warn', `swap on ${list}, probably encrypted`, 'turn swap off for the ceremony (sudo swapoff -a), or make sure the swap key is random at each boot');
  }
  return result('swap', 'memory', 'fail', `swap on ${list}: secrets in memory can be written to disk`, 'turn swap off before any secret exists: sudo swapoff -a (and remove it from /etc/fstab on the ceremony image)');
}

/** Core dumps: a crash would write the process's memory, keys included, to a file. */
export function coreDumpCheck(f: PreflightFacts): PreflightCheck {
  if (f.coreLimit === undefined) return result('core-dumps', 'memory', 'warn', `cannot read the core dump limit on ${f.platform}`, 'run ulimit -c 0 in this shell before the ceremony');
  const piped = f.corePattern?.startsWith('|') ? `; crashes are piped to ${f.corePattern.slice(1).split(' ')[0]}` : '';
  if (f.coreLimit === '0') return result('core-dumps', 'memory', 'pass', `core dumps off (ulimit -c 0)${piped}`);
  return result(
    'core-dumps',
    'memory',
    'fail',
    `core dumps on (core file size limit ${f.coreLimit}, pattern "${f.corePattern ?? '?'}"): a crash would write memory, keys included, to disk`,
    'run ulimit -c 0 in this shell before starting coldkit (and on systemd, Storage=none in /etc/systemd/coredump.conf)',
  );
}

/** DMI strings of public clouds: their VMs' memory and disks belong to the provider. */
const CLOUDS: ReadonlyArray<[RegExp, string]> = [
  [/amazon ec2|^ec2$/i, 'Amazon EC2'],
  [/google compute engine|^google$/i, 'Google Compute Engine'],
  [/^microsoft corporation$/i, 'Microsoft Azure (or Hyper-V)'],
  [/digitalocean/i, 'DigitalOcean'],
  [/hetzner/i, 'Hetzner Cloud'],
  [/alibaba cloud/i, 'Alibaba Cloud'],
  [/oraclecloud|oracle cloud/i, 'Oracle Cloud'],
  [/^linode$|akamai/i, 'Linode (Akamai)'],
  [/vultr/i, 'Vultr'],
  [/scaleway/i, 'Scaleway'],
  [/exoscale/i, 'Exoscale'],
  [/openstack/i, 'OpenStack'],
  [/tencent cloud/i, 'Tencent Cloud'],
  [/^ovh/i, 'OVHcloud'],
  [/ibm.*(cloud|softlayer)/i, 'IBM Cloud'],
];

/** Other hypervisors: whoever runs the host can read the guest's memory. */
const HYPERVISORS: ReadonlyArray<[RegExp, string]> = [
  [/qemu|kvm/i, 'QEMU/KVM'],
  [/vmware/i, 'VMware'],
  [/virtualbox|innotek/i, 'VirtualBox'],
  [/xen/i, 'Xen'],
  [/parallels/i, 'Parallels'],
  [/bochs/i, 'Bochs'],
  [/firecracker/i, 'Firecracker'],
  [/bhyve/i, 'bhyve'],
];

/** Running in a public cloud (fail) or any virtual machine (warn). */
export function virtualisationCheck(f: PreflightFacts): PreflightCheck {
  const values = Object.entries(f.dmi ?? {}).filter(([, v]) => v.trim());
  const hit = (table: ReadonlyArray<[RegExp, string]>) => {
    for (const [re, name] of table) for (const [k, v] of values) if (re.test(v.trim())) return { name, where: `${k} "${v.trim()}"` };
    return undefined;
  };
  // Azure: sys_vendor "Microsoft Corporation" is also a Surface laptop; a VM says so in product_name.
  const cloud = hit(CLOUDS);
  const surface = cloud?.name.startsWith('Microsoft') && !/virtual machine/i.test(f.dmi?.product_name ?? '');
  if (cloud && !surface) {
    return result('cloud-vm', 'host', 'fail', `a ${cloud.name} virtual machine (${cloud.where})`, 'never make or use keys on a cloud machine: its memory and disks belong to the provider; use the offline ceremony laptop');
  }
  const hv = hit(HYPERVISORS);
  if (hv || f.hypervisorFlag) {
    const what = hv ? `${hv.name} (${hv.where})` : 'a hypervisor (the CPU reports the "hypervisor" flag)';
    return result('cloud-vm', 'host', 'warn', `running in a virtual machine: ${what}`, 'whoever controls the host can read this machine\'s memory; use a physical ceremony laptop for real keys');
  }
  if (!values.length && f.hypervisorFlag === undefined) return result('cloud-vm', 'host', 'warn', `cannot read DMI or CPU flags on ${f.platform}`, 'check by hand that this is a physical machine');
  return result('cloud-vm', 'host', 'pass', 'no virtual machine detected');
}

/** Checks of the machine's memory and nature, in report order. */
export function hostChecks(f: PreflightFacts): PreflightCheck[] {
  return [swapCheck(f), coreDumpCheck(f), virtualisationCheck(f)];
}
