/** `coldkit derive --path P`: public key and address at a path (private key only with --reveal). */
import { WIF } from '@scure/btc-signer';
import { ethAddress } from '../../core/eth/public-key-address.js';
import { deriveIndices, masterFingerprint, masterKey } from '../../core/hd/keys.js';
import { formatPath, parsePath } from '../../core/hd/path.js';
import { addressOf } from '../../core/wallet/address.js';
import { scriptTemplate, templateOfPurpose } from '../../core/wallet/template.js';
import { toHex } from '../../core/text.js';
import type { Action } from '../command.js';
import { btcNetwork } from '../network-option.js';
import { readSeed } from '../seed-input.js';
import type { derive } from '../commands/derive.js';

const action: Action<typeof derive> = async (opts, ctx) => {
  const indices = parsePath(opts.path);
  const source = await readSeed(opts, ctx);
  const net = btcNetwork(ctx);
  const root = masterKey(source.seed, net);
  source.seed.fill(0);
  const node = deriveIndices(root, indices);
  const pub = node.publicKey!;
  const result: Record<string, unknown> = {
    fingerprint: masterFingerprint(root),
    path: formatPath(indices),
    chain: opts.chain,
    publicKey: toHex(pub),
    xpub: node.publicExtendedKey,
  };
  if (opts.chain === 'eth') result.address = ethAddress(pub);
  else {
    const t = scriptTemplate(opts.script);
    result.network = net.name;
    result.script = t.name;
    result.address = addressOf(t.build([pub]).script, net);
    // m/84'/… is a P2WPKH path by BIP84: another script there is an address no other wallet finds.
    const head = indices[0];
    const byPath = head !== undefined && head >= 0x80000000 ? templateOfPurpose(head - 0x80000000) : undefined;
    if (byPath && byPath.name !== t.name) {
      const warning = `path purpose ${byPath.purpose}h is for --script ${byPath.name}, not ${t.name}: wallets restoring this seed will not look for this address there`;
      ctx.note(`coldkit: WARNING ${warning}`);
      result.warning = warning;
    }
  }
  if (opts.reveal) {
    ctx.note('coldkit: WARNING --reveal prints a private key: anyone who sees it controls this address');
    result.privateKey = opts.chain === 'eth' ? '0x' + toHex(node.privateKey!) : WIF(net).encode(node.privateKey!);
    ctx.addSecret(String(result.privateKey)); // shown on purpose, but never journaled
  }
  root.wipePrivateData();
  return {
    result,
    reveals: Boolean(opts.reveal),
    journal: [{ op: 'derive', data: { fingerprint: result.fingerprint, path: result.path, chain: opts.chain, address: result.address, revealed: Boolean(opts.reveal) } }],
    human: (r) => Object.entries(r).map(([k, v]) => `${k.padEnd(12)} ${String(v)}`).join('\n'),
  };
};
export default action;
