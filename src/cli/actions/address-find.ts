/** `coldkit address find ADDRESS`: which branch and index of a descriptor pays to ADDRESS. */
import { VerificationError } from '../../core/errors.js';
import { sanitize } from '../../core/text.js';
import type { Action } from '../command.js';
import { progressLine } from '../progress.js';
import { readWatchAccount } from '../wallet-input.js';
import type { addressFind } from '../commands/address.js';

const action: Action<typeof addressFind> = async (opts, ctx, args) => {
  const address = args[0]!.trim();
  const { descriptor, wallet } = await readWatchAccount(opts, ctx);
  const progress = progressLine(ctx, `searching ${descriptor.branches.length} branch(es) for the address`);
  const found = wallet.findAddress(address, opts.gap, progress.update);
  progress.done();
  if (!found) {
    throw new VerificationError(`${sanitize(address)} is not among the first ${opts.gap} addresses of branch(es) ${descriptor.branches.join(', ')} of this descriptor`);
  }
  return {
    result: { found: true, ...found, change: found.branch === 1 },
    human: (r) => `${r.address} is ${r.change ? 'change' : 'receive'} address ${r.index} at ${r.path}`,
  };
};
export default action;
