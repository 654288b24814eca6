/**
 * The watch-only Ethereum account file (`coldkit account export --chain eth --out FILE`, kind
 * `coldkit/eth-account`): the account's master fingerprint, path and xpub, and its first EIP-55
 * addresses at <account>/0/i. Only public data; the online side reads it for a sign request's
 * source fingerprint and the path of the sender.
 */
import type { HDKey } from '@scure/bip32';
import { InputError } from '../errors.js';
import { formatPath } from '../hd/path.js';
import { parseAddress, sameAddress } from './account.js';
import { ethAddress } from './public-key-address.js';
import { normalizePath, parseFingerprint } from './key.js';

/** The file's kind tag. */
export const ETH_ACCOUNT_KIND = 'coldkit/eth-account';

/** The Ethereum account export. */
export interface EthAccountExport {
  kind: typeof ETH_ACCOUNT_KIND;
  version: 1;
  /** Master key fingerprint, 8 hex digits. */
  fingerprint: string;
  /** Account path (m/44h/60h/0h). */
  path: string;
  xpub: string;
  addresses: { index: number; path: string; address: string }[];
}

/** Build the export of the account key `node` at `indices` with its first `count` receive addresses. */
export function ethAccountExport(node: HDKey, fingerprint: string, indices: number[], count: number): EthAccountExport {
  const path = formatPath(indices);
  const receive = node.deriveChild(0);
  return {
    kind: ETH_ACCOUNT_KIND,
    version: 1,
    fingerprint,
    path,
    xpub: node.publicExtendedKey,
    addresses: Array.from({ length: count }, (_, i) => ({ index: i, path: `${path}/0/${i}`, address: ethAddress(receive.deriveChild(i).publicKey!) })),
  };
}

/** What a sign request needs from the account file for one sender. */
export interface WalletRef {
  fingerprint: number;
  /** The path of the account whose address is `from`, when the file lists it. */
  path?: string;
}

function str(o: Record<string, unknown>, ...keys: string[]): string | undefined {
  for (const k of keys) if (typeof o[k] === 'string') return o[k] as string;
  return undefined;
}

/**
 * Find the master fingerprint (and the path of `from`) in an account file's JSON. Accepts
 * coldkit's export and the common shapes of other wallets' exports (`masterFingerprint`/`xfp`,
 * `accounts`/`addresses` lists with `path`/`derivationPath`).
 */
export function walletRef(json: unknown, from: string, field = '--wallet'): WalletRef {
  if (typeof json !== 'object' || json === null) throw new InputError('is not a JSON object from `coldkit account export --chain eth`', field);
  const o = json as Record<string, unknown>;
  const fpText = str(o, 'masterFingerprint', 'fingerprint', 'xfp');
  if (!fpText) throw new InputError('has no master fingerprint (masterFingerprint)', field);
  const ref: WalletRef = { fingerprint: parseFingerprint(fpText, `${field} fingerprint`) };
  const lists = ['accounts', 'addresses'].map((k) => o[k]).filter(Array.isArray) as unknown[][];
  const entries: Record<string, unknown>[] = [o, ...lists.flat().filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null)];
  for (const e of entries) {
    const a = str(e, 'address');
    const p = str(e, 'path', 'derivationPath');
    if (a && p && /^0x[0-9a-fA-F]{40}$/.test(a.trim()) && sameAddress(parseAddress(a, field), from)) {
      ref.path = normalizePath(p, `${field} path`);
      return ref;
    }
  }
  return ref;
}
