/**
 * What the pre-flight knows about the machine: facts gathered by the CLI (src/cli/preflight/
 * gather.ts reads /proc, /sys, /etc and the process chain; nothing is sent anywhere), judged here
 * in core. A fact the gatherer could not read is `undefined`, and the check says it could not tell
 * (warn) rather than pass.
 */

/** One network interface of this machine's network namespace. */
export interface NetInterface {
  name: string;
  /** /sys/class/net/NAME/operstate ("up", "down", "unknown", "dormant", …), when readable. */
  operstate?: string;
  /** IFF_UP from /sys/class/net/NAME/flags (administratively up). */
  adminUp?: boolean;
  /** Loopback (IFF_LOOPBACK, or the name "lo"). */
  loopback: boolean;
  /** A Wi-Fi interface (/sys/class/net/NAME/wireless or phy80211). */
  wireless: boolean;
  /** Addresses assigned to it (IPv4 and IPv6, link-local included). */
  addresses: string[];
}

/** A radio known to rfkill (/sys/class/rfkill/rfkillN). */
export interface Radio {
  name: string;
  /** "wlan", "bluetooth", "wwan", … */
  type: string;
  /** Blocked in software or by a hardware switch. */
  blocked: boolean;
}

/** One active swap area (/proc/swaps). */
export interface SwapArea {
  name: string;
  type: string;
  sizeKiB: number;
}

/** One process of the chain from this one up to init (/proc/PID/stat and cmdline). */
export interface ProcessInfo {
  pid: number;
  /** The executable's short name (comm). */
  name: string;
  /** The command line (arguments joined by spaces). */
  args: string;
}

/** The network part of the facts (what every ceremony command gathers). */
export type NetworkFacts = Pick<PreflightFacts, 'platform' | 'interfaces' | 'defaultRoutes' | 'nameservers' | 'wifiDevices' | 'bluetoothDevices' | 'radios'>;

/** The facts the pre-flight judges. */
export interface PreflightFacts {
  /** process.platform. */
  platform: string;
  /** Interfaces of this network namespace (/proc/net/dev names, /sys state, addresses). */
  interfaces?: NetInterface[];
  /** Default routes (/proc/net/route destination 0.0.0.0/0, /proc/net/ipv6_route ::/0), as "IFACE via GATEWAY". */
  defaultRoutes?: string[];
  /** nameserver lines of /etc/resolv.conf (read only; nothing is resolved). */
  nameservers?: string[];
  /** Wi-Fi hardware: /sys/class/ieee80211/* and wireless interfaces. */
  wifiDevices?: string[];
  /** Bluetooth controllers: /sys/class/bluetooth/*. */
  bluetoothDevices?: string[];
  /** rfkill radios and whether each is blocked. */
  radios?: Radio[];
  /** Active swap areas. */
  swaps?: SwapArea[];
  /** /proc/self/limits "Max core file size", soft limit ("0", "unlimited" or bytes). */
  coreLimit?: string;
  /** /proc/sys/kernel/core_pattern. */
  corePattern?: string;
  /** DMI strings (/sys/class/dmi/id: sys_vendor, product_name, bios_vendor, board_vendor, chassis_asset_tag, product_version). */
  dmi?: Record<string, string>;
  /** The "hypervisor" CPU flag of /proc/cpuinfo (x86: running under a hypervisor). */
  hypervisorFlag?: boolean;
  /** The clock now (ISO 8601). */
  now: string;
  /** ts of the journal's last entry, when it has one. */
  lastJournalTs?: string;
  /** The earliest plausible time (the release bundle's SOURCE_DATE_EPOCH, ISO 8601), when known. */
  notBefore?: string;
  /** The journal file and the mount holding its folder (/proc/mounts, longest prefix). */
  journal: { path: string; mountPoint?: string; fsType?: string; source?: string };
  /** This process and its ancestors, nearest first. */
  processChain?: ProcessInfo[];
  /** Terminal multiplexer state from the environment and, inside tmux, whether the pane is piped. */
  terminal: { tmux: boolean; tmuxPanePiped?: boolean; screen: boolean; asciinema: boolean };
}
