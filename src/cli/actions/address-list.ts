/** `coldkit address list`: addresses of a descriptor branch (watch-only). */
import type { DerivedAddress } from '../../core/wallet/wallet.js';
import type { Action } from '../command.js';
import { readWatchAccount } from '../wallet-input.js';
import { useFastCurve } from '../public-curve-loader.js';
import type { addressList } from '../commands/address.js';

const action: Action<typeof addressList> = async (opts, ctx) => {
  const { descriptor, net, wallet } = await readWatchAccount(opts, ctx);
  const branch = wallet.branch(Boolean(opts.change));
  // One CKDpub per key per address: a long list loads the faster public-key curve build.
  await useFastCurve(opts.count * descriptor.keys.length);
  const addresses = wallet.list(branch, opts.from, opts.count);
  return {
    result: { network: net.name, script: descriptor.script, branch, addresses },
    human: (r: { addresses: DerivedAddress[] }) => r.addresses.map((a) => `${a.path}  ${a.address}`).join('\n'),
  };
};
export default action;
