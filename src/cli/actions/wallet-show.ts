/**
 * `coldkit wallet show FILE`: a vault's policy, cosigners, id words and first addresses, from the
 * coldkit vault file or any format another wallet wrote (descriptor, Electrum, Coldcard, BSMS,
 * Caravan; src/core/wallet/vault-formats.ts). A BSMS record's first address must be the
 * descriptor's (BIP129: the signer checks it; readVaultText does), else exit 3.
 */
import { InputError } from '../../core/errors.js';
import { formatDescriptor } from '../../core/wallet/descriptor.js';
import { template } from '../../core/wallet/template.js';
import { readVault, vaultId, type VaultFile } from '../../core/wallet/vault.js';
import { readVaultText } from '../../core/wallet/vault-formats.js';
import { formatPath } from '../../core/hd/path.js';
import { Wallet } from '../../core/wallet/wallet.js';
import type { Action } from '../command.js';
import { readInputText } from '../io.js';
import { resolveNetwork } from '../wallet-input.js';
import { describeVault } from './wallet-create.js';
import type { walletShow } from '../commands/wallet.js';

const action: Action<typeof walletShow> = async (opts, ctx, args) => {
  const file = args[0]!;
  const text = await readInputText(file, file, ctx.io);
  const foreign = readVaultText(text, file);
  if (template(foreign.descriptor.script).keys !== 'many') throw new InputError('is a single-key descriptor, not a vault', file);
  let vault: VaultFile;
  let wallet: Wallet;
  if (foreign.format === 'coldkit') {
    const v = readVault(JSON.parse(text), file, ctx.globals.network);
    vault = v.file;
    wallet = v.wallet;
  } else {
    const d = foreign.descriptor;
    const net = resolveNetwork(d.mainnet, ctx.globals.network);
    wallet = new Wallet(d, net, file);
    const descriptor = formatDescriptor(d, 'multi');
    vault = {
      kind: 'coldkit/vault',
      version: 1,
      name: foreign.name ?? '',
      network: net.name,
      script: d.script,
      threshold: d.threshold,
      descriptor,
      descriptors: { receive: formatDescriptor(d, 0), change: formatDescriptor(d, 1) },
      ...vaultId(descriptor),
      cosigners: d.keys.map((k, i) => ({ label: foreign.labels?.[i] ?? `key ${i + 1}`, fingerprint: k.fingerprint!, path: formatPath(k.originPath ?? []), xpub: k.xpub })),
      firstAddresses: { receive: wallet.at(0, 0).address, change: wallet.at(1, 0).address },
    };
  }
  const receive = wallet.list(0, 0, opts.count).map((a) => a.address);
  return {
    result: { ...vault, format: foreign.format, receive },
    human: (r: VaultFile & { format: string }) => [`(read as ${r.format})`, ...describeVault(r, receive)].join('\n'),
  };
};
export default action;
