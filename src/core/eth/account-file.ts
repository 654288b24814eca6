/**
 * The watch-only Ethereum account file (`coldkit account export --chain eth --out FILE`, kind
 * `coldkit/eth-account`): the account's master fingerprint, path and xpub, and its first EIP-55
 * addresses at <account>/0/i. Only public data; the online side reads it for a sign request's
 * source fingerprint and the path of the sender. The path of the sender is believed only after the
 * address is derived again from the file's xpub: a file whose address list was edited would
 * otherwise send the signer a request for another key's path.
 */
import { HDKey } from '@scure/bip32';
import { InputError, VerificationError } from '../errors.js';
import { formatPath, HARDENED, parsePath } from '../hd/path.js';
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
      if (o.kind === ETH_ACCOUNT_KIND) checkDerived(o, ref.path, from, field);
      return ref;
    }
  }
  return ref;
}

/**
 * A coldkit account file's address must be what its account xpub gives at the listed path (BIP32
 * public derivation of the unhardened tail below the account path); otherwise the file was edited
 * or mixes two accounts, and it is refused. Other wallets' shapes carry no account xpub to check.
 */
function checkDerived(o: Record<string, unknown>, path: string, from: string, field: string): void {
  const account = str(o, 'path');
  const xpub = str(o, 'xpub');
  if (!account || !xpub) throw new InputError('is a coldkit Ethereum account file without its account path and xpub; export it again (coldkit account export --chain eth)', field);
  const base = parsePath(account, `${field} path`);
  const full = parsePath(path, `${field} path`);
  const tail = full.slice(base.length);
  if (full.length <= base.length || base.some((v, i) => full[i] !== v) || tail.some((v) => v >= HARDENED)) {
    throw new VerificationError(`${field}: the path ${path} listed for ${from} is not an unhardened path below the file's account ${normalizePath(account, field)}; the file was edited or mixes accounts — export it again`);
  }
  let node: HDKey;
  try {
    node = HDKey.fromExtendedKey(xpub);
  } catch {
    throw new InputError('has an xpub that is not a valid extended public key', `${field} xpub`);
  }
  for (const i of tail) node = node.deriveChild(i);
  const derived = ethAddress(node.publicKey!);
  if (!sameAddress(derived, from)) {
    throw new VerificationError(`${field}: the file lists ${from} at ${path}, but its xpub gives ${derived} there; the file was edited — export it again on the signer`);
  }
}
