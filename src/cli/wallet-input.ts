/**
 * Watch-only account input shared by address and PSBT commands: `--descriptor D` or
 * `--wallet FILE` (an account export written by `coldkit account export --out`), resolved with
 * the network (the key's version bytes must agree with --network).
 */
import { InputError } from '../core/errors.js';
import { network, NETWORKS, type BtcNetwork } from '../core/btc/network.js';
import { parseDescriptor, type Descriptor } from '../core/hd/descriptor.js';
import type { Context } from './command.js';
import { readInputJson } from './io.js';

/** A resolved watch-only account. */
export interface WatchAccount {
  descriptor: Descriptor;
  net: BtcNetwork;
  /** The text the descriptor came from (multipath form for wallet files). */
  source: string;
}

/** Read --descriptor or --wallet and pick the network. */
export async function readWatchAccount(opts: { descriptor?: string; wallet?: string }, ctx: Context): Promise<WatchAccount> {
  if (opts.descriptor && opts.wallet) throw new InputError('give --descriptor or --wallet, not both', '--descriptor');
  let text: string;
  let walletNet: string | undefined;
  if (opts.descriptor) text = opts.descriptor;
  else if (opts.wallet) {
    const doc = (await readInputJson(opts.wallet, '--wallet', ctx.io, 'not JSON; expected the file written by `coldkit account export --out`')) as {
      kind?: string;
      network?: string;
      descriptors?: { multipath?: string };
    } | null;
    if (doc?.kind !== 'coldkit/account' || typeof doc.descriptors?.multipath !== 'string') {
      throw new InputError('not a coldkit account export (kind "coldkit/account" with descriptors.multipath)', '--wallet');
    }
    text = doc.descriptors.multipath;
    walletNet = doc.network;
  } else throw new InputError('give the account as --descriptor D or --wallet FILE', '--descriptor');
  const descriptor = parseDescriptor(text, opts.descriptor ? '--descriptor' : '--wallet');
  const net = resolveNetwork(descriptor.mainnet, ctx.globals.network ?? walletNet);
  return { descriptor, net, source: text };
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
