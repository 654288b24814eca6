/**
 * Which key signs a message for an address: the key at a given path (its address type from the
 * path's BIP43 purpose or named), or the key whose address is the one given — looked up in a
 * watch-only wallet (which must be this seed's) or in account 0 of the standard path the
 * address's type implies (BIP44 pkh, BIP49 sh-wpkh, BIP84 wpkh, BIP86 tr), receive and change
 * chains. The address a key yields is always rebuilt from the key, never taken from a claim.
 */
import type { HDKey } from '@scure/bip32';
import { OutScript } from '@scure/btc-signer';
import { InputError, VerificationError } from '../../errors.js';
import { deriveIndices, masterFingerprint } from '../../hd/keys.js';
import { formatPath, HARDENED } from '../../hd/path.js';
import type { BtcNetwork } from '../../network.js';
import { sanitize } from '../../text.js';
import type { Descriptor } from '../../wallet/descriptor.js';
import { template, templateOfPurpose, type TemplateName } from '../../wallet/template.js';
import { Wallet } from '../../wallet/wallet.js';
import { decodeMessageAddress } from './address.js';
import { outputFor } from './output.js';

/** The signing key found. */
export interface MessageKey {
  address: string;
  path: string;
  scriptType: TemplateName;
  publicKey: Uint8Array;
  /** Wipe after signing. */
  privateKey: Uint8Array;
  /** How it was found. */
  foundBy: 'path' | 'wallet' | 'standard-account';
}

/** Where to look. */
export interface MessageKeyQuery {
  address?: string;
  path?: number[];
  script?: TemplateName;
  wallet?: Wallet;
  gap: number;
}

/** The single-key address type an output script has (P2SH is taken as P2SH-P2WPKH). */
export function scriptTypeOf(script: Uint8Array, field = '--address'): TemplateName {
  const t = OutScript.decode(script).type;
  if (t === 'pkh' || t === 'wpkh' || t === 'tr') return t;
  if (t === 'sh') return 'sh-wpkh';
  throw new InputError(`a ${t} address has no single key to sign a message with`, field);
}

function keyAt(root: HDKey, path: number[], scriptType: TemplateName, net: BtcNetwork, foundBy: MessageKey['foundBy']): MessageKey {
  const node = deriveIndices(root, path);
  const publicKey = node.publicKey!;
  return { address: outputFor(scriptType, publicKey, net).address, path: formatPath(path), scriptType, publicKey, privateKey: node.privateKey!, foundBy };
}

/** Find the key for `q` under `root` on `net`; throws InputError (bad query) or VerificationError (not this seed's). */
export function findMessageKey(root: HDKey, net: BtcNetwork, q: MessageKeyQuery): MessageKey {
  if (q.path) {
    const purpose = q.path[0] !== undefined && q.path[0] >= HARDENED ? q.path[0] - HARDENED : undefined;
    const scriptType = q.script ?? (purpose !== undefined ? templateOfPurpose(purpose)?.name : undefined);
    if (!scriptType) throw new InputError(`the path's purpose does not name an address type (44', 49', 84', 86'); give --script`, '--path');
    const key = keyAt(root, q.path, scriptType, net, 'path');
    if (q.address !== undefined && key.address !== q.address.trim()) {
      throw new VerificationError(`the ${scriptType} key at ${key.path} of this seed is ${key.address}, not ${sanitize(q.address.trim())}`);
    }
    return key;
  }
  if (q.address === undefined) throw new InputError('give --address ADDR or --path PATH', '--address');
  const addr = decodeMessageAddress(q.address, net);
  const scriptType = scriptTypeOf(addr.script);
  const fp = masterFingerprint(root);
  if (q.wallet) {
    const d = q.wallet.descriptor;
    if (d.keys.length !== 1) throw new InputError('the wallet is a multisig account; a message is signed by one key (give --path)', '--wallet');
    const k = d.keys[0]!;
    if (!k.fingerprint || !k.originPath) throw new InputError('the wallet has no key origin [fingerprint/path]; give --path', '--wallet');
    if (k.fingerprint !== fp) throw new VerificationError(`the wallet belongs to seed ${k.fingerprint}, not this seed (${fp})`);
    const hit = q.wallet.findAddress(addr.address, q.gap);
    if (!hit) throw new VerificationError(`${addr.address} is not among the first ${q.gap} receive or change addresses of the wallet`);
    return keyAt(root, [...k.originPath, ...k.prefix, hit.branch, hit.index], q.wallet.template.name, net, 'wallet');
  }
  const coin = net.name === 'mainnet' ? 0 : 1;
  const account = [template(scriptType).purpose + HARDENED, coin + HARDENED, HARDENED];
  const accountNode = deriveIndices(root, account);
  const descriptor: Descriptor = {
    script: scriptType,
    keys: [{ fingerprint: fp, originPath: account, xpub: accountNode.publicExtendedKey, prefix: [] }],
    threshold: 1,
    mainnet: net.name === 'mainnet',
    branches: [0, 1],
  };
  const hit = new Wallet(descriptor, net).findAddress(addr.address, q.gap);
  if (!hit) {
    throw new VerificationError(`${addr.address} is not among the first ${q.gap} receive or change addresses of ${formatPath(account)} of this seed; give --path or --wallet`);
  }
  return keyAt(root, [...account, hit.branch, hit.index], scriptType, net, 'standard-account');
}
