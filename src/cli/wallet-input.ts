/**
 * Watch-only account input shared by address and PSBT commands: `--descriptor D` or
 * `--wallet FILE` (an account export written by `coldkit account export --out`, or a vault file
 * written by `coldkit wallet create --out`), resolved with
 * the network (the key's version bytes must agree with --network).
 */
import * as fs from 'node:fs';
import { InputError } from '../core/errors.js';
import { network, NETWORKS, type BtcNetwork } from '../core/network.js';
import { readAccountFile } from '../core/wallet/account.js';
import { parseDescriptor, type Descriptor } from '../core/wallet/descriptor.js';
import { Wallet } from '../core/wallet/wallet.js';
import { readVault, vaultId, type VaultFile } from '../core/wallet/vault.js';
import type { Context } from './command.js';
import { readInputJson } from './io.js';

/** A resolved watch-only account. */
export interface WatchAccount {
  descriptor: Descriptor;
  net: BtcNetwork;
  /** The text the descriptor came from (multipath form for wallet files). */
  source: string;
  /** The flag it came from, for messages. */
  field: '--descriptor' | '--wallet';
  /** The wallet on its network. */
  wallet: Wallet;
  /** The vault file, when --wallet is a coldkit vault (checked against itself by readVault). */
  vault?: VaultFile;
}

/** Read --descriptor or --wallet and pick the network. */
export async function readWatchAccount(opts: { descriptor?: string; wallet?: string }, ctx: Context): Promise<WatchAccount> {
  if (opts.descriptor && opts.wallet) throw new InputError('give --descriptor or --wallet, not both', '--descriptor');
  let text: string;
  let walletNet: string | undefined;
  if (opts.descriptor) text = opts.descriptor;
  else if (opts.wallet) {
    const doc = await readInputJson(opts.wallet, '--wallet', ctx.io, 'not JSON; expected the file written by `coldkit account export --out`');
    if ((doc as { kind?: unknown } | null)?.kind === 'coldkit/vault') return vaultAccount(doc, ctx.globals.network);
    const acc = readAccountFile(doc, '--wallet');
    text = acc.descriptor;
    walletNet = acc.network;
  } else throw new InputError('give the account as --descriptor D or --wallet FILE', '--descriptor');
  const field = opts.descriptor ? '--descriptor' : '--wallet';
  const descriptor = parseDescriptor(text, field);
  const net = resolveNetwork(descriptor.mainnet, ctx.globals.network ?? walletNet);
  return { descriptor, net, source: text, field, wallet: new Wallet(descriptor, net, field) };
}

/** A coldkit vault document (`wallet create --out`, parsed JSON) as the account of `--wallet`, checked against itself (readVault). */
export function vaultAccount(doc: unknown, networkName: string | undefined): WatchAccount {
  const v = readVault(doc, '--wallet', networkName);
  return { descriptor: v.descriptor, net: v.net, source: v.file.descriptor, field: '--wallet', wallet: v.wallet, vault: v.file };
}

/** The network for a key: --network (or the wallet's) must be in the key's family; default mainnet or testnet. */
export function resolveNetwork(mainnetKey: boolean, requested: string | undefined): BtcNetwork {
  if (!requested) return mainnetKey ? NETWORKS.mainnet : NETWORKS.testnet;
  const net = network(requested);
  if ((net.name === 'mainnet') !== mainnetKey) {
    throw new InputError(`the key is a ${mainnetKey ? 'mainnet (xpub)' : 'test-network (tpub)'} key but --network is ${net.name}`, '--network');
  }
  return net;
}

/** The vault a watch-only account is, for proving vault scripts (undefined for a single-key account). */
export function vaultContext(a: WatchAccount): { wallet: Wallet; label: string; cosigners?: Record<string, string> } | undefined {
  if (a.wallet.template.keys !== 'many') return undefined;
  const id = a.vault?.id ?? vaultId(a.source).id;
  return {
    wallet: a.wallet,
    label: `vault ${a.vault?.name ? `"${a.vault.name}" ` : ''}${id}`,
    ...(a.vault ? { cosigners: Object.fromEntries(a.vault.cosigners.map((c) => [c.fingerprint, c.label])) } : {}),
  };
}

/** A wallet named as the destination of a sweep: the account, its id and a label. */
export interface NamedWallet {
  account: WatchAccount;
  /** First 4 bytes of SHA-256 of its descriptor text (a vault file's own id). */
  id: string;
  label: string;
}

/**
 * Read a wallet given as a file (account export or vault file) or as descriptor text, and name it
 * by its id: `wallet sweep --to` and `psbt sign --to-wallet` name the same wallet the same way.
 */
export async function readNamedWallet(ref: string, field: string, ctx: Context): Promise<NamedWallet> {
  const isFile = ref === '-' || fs.existsSync(ref);
  const account = await readWatchAccount(isFile ? { wallet: ref } : { descriptor: ref }, ctx).catch((e: unknown) => {
    if (e instanceof InputError) throw new InputError(e.message.replace(/^--(wallet|descriptor):?\s*/, ''), field);
    throw e;
  });
  account.wallet.requireOrigins(field);
  const id = account.vault?.id ?? vaultId(account.source).id;
  const label = account.vault ? `vault "${account.vault.name}" ${id}` : `${account.wallet.template.name} account ${account.descriptor.keys[0]!.fingerprint ?? ''}`.trim();
  return { account, id, label };
}
