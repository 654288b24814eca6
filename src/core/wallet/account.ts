/**
 * The watch-only account document (`coldkit/account`): for a script template and account
 * (BIP44/49/84/86 path m/purpose'/coin'/account'), the xpub, its SLIP-132 form, descriptors with
 * key origin and BIP380 checksum (receive, change, multipath), the first addresses, and import
 * files for Bitcoin Core (importdescriptors), Sparrow and Electrum. `account export` writes it,
 * `account import` rebuilds it from another wallet's export, and `--wallet FILE` reads it back
 * (readAccountFile: the one reader of the document).
 */
import type { HDKey } from '@scure/bip32';
import { InputError } from '../errors.js';
import type { BtcNetwork } from '../network.js';
import { deriveIndices, masterFingerprint } from '../hd/keys.js';
import { formatPath, HARDENED } from '../hd/path.js';
import { withVersion } from '../hd/slip132.js';
import { formatDescriptor, type Descriptor } from './descriptor.js';
import { template, type ScriptTemplate, type TemplateName } from './template.js';
import { Wallet } from './wallet.js';

/** The standard account path for a template, network and account number. */
export function accountPath(script: TemplateName, net: BtcNetwork, account: number): number[] {
  return [template(script).purpose + HARDENED, net.coinType + HARDENED, account + HARDENED];
}

/** The SLIP-132 form of an xpub/tpub for a template, or undefined when none applies (legacy, taproot). */
export function slip132Form(xpub: string, t: ScriptTemplate, mainnet: boolean): string | undefined {
  return t.slip132 ? withVersion(xpub, t.slip132[mainnet ? 0 : 1]) : undefined;
}

/** A watch-only account: everything a watch-only machine needs, nothing secret. */
export interface AccountExport {
  kind: 'coldkit/account';
  version: 1;
  network: string;
  script: TemplateName;
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
export function exportAccount(root: HDKey, net: BtcNetwork, script: TemplateName, path: number[], count = 3): AccountExport {
  return describeAccount(deriveIndices(root, path), masterFingerprint(root), path, net, script, count);
}

/**
 * The watch-only account document for an account-level key `node` (public is enough) whose master
 * fingerprint and path from the master are known: what `account export` writes and
 * `account import` rebuilds from another wallet's export.
 */
export function describeAccount(node: HDKey, fingerprint: string, path: number[], net: BtcNetwork, script: TemplateName, count = 3): AccountExport {
  const xpub = node.publicExtendedKey;
  const descriptor: Descriptor = { script, keys: [{ fingerprint, originPath: path, xpub, prefix: [] }], threshold: 1, mainnet: net.name === 'mainnet', branches: [0, 1] };
  const wallet = new Wallet(descriptor, net);
  return {
    kind: 'coldkit/account',
    version: 1,
    network: net.name,
    script,
    fingerprint,
    path: formatPath(path),
    xpub,
    slip132: slip132Form(xpub, template(script), net.name === 'mainnet'),
    descriptors: {
      receive: formatDescriptor(descriptor, 0),
      change: formatDescriptor(descriptor, 1),
      multipath: formatDescriptor(descriptor, 'multi'),
    },
    addresses: wallet.addresses(0, 0, count).map((a) => ({ index: a.index, address: a.address })),
    firstChangeAddress: wallet.addresses(1, 0, 1)[0]!.address,
  };
}

/**
 * Read an account document (parsed JSON) as `--wallet FILE` gives it: its multipath descriptor
 * text and the network it was written for. Refuses anything that is not a `coldkit/account`.
 */
export function readAccountFile(doc: unknown, field: string): { descriptor: string; network?: string } {
  const d = doc as { kind?: unknown; network?: unknown; descriptors?: { multipath?: unknown } } | null;
  if (d?.kind !== 'coldkit/account' || typeof d.descriptors?.multipath !== 'string') {
    throw new InputError('not a coldkit account export (kind "coldkit/account" with descriptors.multipath)', field);
  }
  return { descriptor: d.descriptors.multipath, ...(typeof d.network === 'string' ? { network: d.network } : {}) };
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
  const names = template(acc.script).foreign;
  return {
    xfp: acc.fingerprint.toUpperCase(),
    account: Number(acc.path.split('/')[3]!.replace('h', '')),
    chain: acc.network === 'mainnet' ? 'BTC' : 'XTN',
    [names.section]: {
      name: names.name,
      xfp: acc.fingerprint.toUpperCase(),
      deriv: acc.path.replace(/h/g, "'"),
      xpub: acc.xpub,
      ...(acc.slip132 ? { _pub: acc.slip132 } : {}),
      desc: acc.descriptors.multipath,
      first: acc.addresses[0]!.address,
    },
  };
}

/**
 * The wallet-file version written: 18, Electrum 3.3's (where the keystore's `root_fingerprint` and
 * `derivation` come from). Every Electrum from 3.3 on upgrades it to its own on opening; a version
 * newer than the reader's is refused (59, Electrum 4.5's, was refused by the 4.3 Debian ships).
 */
export const ELECTRUM_SEED_VERSION = 18;

/** An Electrum watch-only wallet file (standard wallet, BIP32 keystore without xprv). */
export function electrumImport(acc: AccountExport): Record<string, unknown> {
  const electrumType = template(acc.script).foreign.electrum;
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
    seed_version: ELECTRUM_SEED_VERSION,
  };
}

