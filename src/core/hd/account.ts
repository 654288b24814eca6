/**
 * Watch-only account export: for a script type and account (BIP44/49/84/86 path
 * m/purpose'/coin'/account'), the xpub, its SLIP-132 form, descriptors with key origin and
 * BIP380 checksum (receive, change, multipath), the first addresses, and import files for
 * Bitcoin Core (importdescriptors), Sparrow and Electrum.
 */
import type { HDKey } from '@scure/bip32';
import type { BtcNetwork } from '../btc/network.js';
import { outputFor } from './address.js';
import { childPublicKeys } from './batch-derive.js';
import { formatDescriptor } from './descriptor.js';
import { deriveIndices, fingerprintHex, masterFingerprint } from './keys.js';
import { formatPath, HARDENED } from './path.js';
import { PURPOSE, type ScriptType } from './script-type.js';
import { slip132Form } from './slip132.js';

/** The standard account path for a script type, network and account number. */
export function accountPath(script: ScriptType, net: BtcNetwork, account: number): number[] {
  return [PURPOSE[script] + HARDENED, net.coinType + HARDENED, account + HARDENED];
}

/** A watch-only account: everything a watch-only machine needs, nothing secret. */
export interface AccountExport {
  kind: 'coldkit/account';
  version: 1;
  network: string;
  script: ScriptType;
  fingerprint: string;
  path: string;
  xpub: string;
  /** SLIP-132 form (ypub/zpub/upub/vpub) where one applies. */
  slip132?: string;
  descriptors: { receive: string; change: string; multipath: string };
  /** First receive addresses (index → address). */
  addresses: { index: number; address: string }[];
  firstChangeAddress: string;
}

/** Build the account export from the master key (the only place the private key is touched). */
export function exportAccount(root: HDKey, net: BtcNetwork, script: ScriptType, path: number[], count = 3): AccountExport {
  return describeAccount(deriveIndices(root, path), masterFingerprint(root), path, net, script, count);
}

/**
 * The watch-only account document for an account-level key `node` (public is enough) whose master
 * fingerprint and path from the master are known: what `account export` writes and
 * `account import` rebuilds from another wallet's export.
 */
export function describeAccount(node: HDKey, fingerprint: string, path: number[], net: BtcNetwork, script: ScriptType, count = 3): AccountExport {
  const xpub = node.publicExtendedKey;
  const base = { script, fingerprint, originPath: path, xpub, prefix: [] as number[] };
  const [receive, change] = [0, 1].map((b) => node.deriveChild(b));
  return {
    kind: 'coldkit/account',
    version: 1,
    network: net.name,
    script,
    fingerprint,
    path: formatPath(path),
    xpub,
    slip132: slip132Form(xpub, script, net.name === 'mainnet'),
    descriptors: {
      receive: formatDescriptor(base, 0),
      change: formatDescriptor(base, 1),
      multipath: formatDescriptor(base, 'multi'),
    },
    addresses: childPublicKeys(receive!, 0, count).map((key, i) => ({ index: i, address: outputFor(script, key, net).address })),
    firstChangeAddress: outputFor(script, childPublicKeys(change!, 0, 1)[0]!, net).address,
  };
}

/** Bitcoin Core `importdescriptors` request body for the account (watch-only, active, receive + change). */
export function bitcoinCoreImport(acc: AccountExport, timestamp: number | 'now' = 'now'): unknown[] {
  return [
    { desc: acc.descriptors.receive, active: true, internal: false, timestamp, range: [0, 999] },
    { desc: acc.descriptors.change, active: true, internal: true, timestamp, range: [0, 999] },
  ];
}

/**
 * Sparrow imports the "generic JSON" wallet export that Coldcard and others write
 * (File → Import Wallet): master fingerprint plus per-script-type xpub, derivation and descriptor.
 */
export function sparrowImport(acc: AccountExport): Record<string, unknown> {
  const key = { pkh: 'bip44', 'sh-wpkh': 'bip49', wpkh: 'bip84', tr: 'bip86' }[acc.script];
  return {
    xfp: acc.fingerprint.toUpperCase(),
    account: Number(acc.path.split('/')[3]!.replace('h', '')),
    chain: acc.network === 'mainnet' ? 'BTC' : 'XTN',
    [key]: {
      name: { pkh: 'p2pkh', 'sh-wpkh': 'p2sh-p2wpkh', wpkh: 'p2wpkh', tr: 'p2tr' }[acc.script],
      xfp: acc.fingerprint.toUpperCase(),
      deriv: acc.path.replace(/h/g, "'"),
      xpub: acc.xpub,
      ...(acc.slip132 ? { _pub: acc.slip132 } : {}),
      desc: acc.descriptors.multipath,
      first: acc.addresses[0]!.address,
    },
  };
}

/** An Electrum watch-only wallet file (standard wallet, BIP32 keystore without xprv). */
export function electrumImport(acc: AccountExport): Record<string, unknown> {
  const electrumType = { pkh: 'p2pkh', 'sh-wpkh': 'p2wpkh-p2sh', wpkh: 'p2wpkh', tr: 'p2tr' }[acc.script];
  return {
    keystore: {
      type: 'bip32',
      xpub: acc.slip132 ?? acc.xpub,
      xprv: null,
      root_fingerprint: acc.fingerprint,
      derivation: acc.path.replace(/h/g, "'"),
      label: `coldkit ${acc.fingerprint} ${electrumType}`,
    },
    wallet_type: 'standard',
    use_encryption: false,
    seed_version: 59,
  };
}

export { fingerprintHex };
