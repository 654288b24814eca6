/**
 * Reading the watch-only wallet file written by `coldkit account export --chain eth` for the
 * sign request's source fingerprint and path. Only public data is read: fingerprint, paths,
 * addresses.
 */
import { InputError } from '../../core/errors.js';
import { parseAddress } from '../../core/eth/erc20.js';
import { normalizePath, parseFingerprint } from '../../core/eth/key.js';

export interface WalletRef {
  fingerprint: number;
  /** The path of the account whose address is `from`, when the file lists it. */
  path?: string;
}

function str(o: Record<string, unknown>, ...keys: string[]): string | undefined {
  for (const k of keys) if (typeof o[k] === 'string') return o[k] as string;
  return undefined;
}

/** Find the fingerprint (and the path of `from`) in the wallet JSON. */
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
    if (a && p && /^0x[0-9a-fA-F]{40}$/.test(a.trim()) && parseAddress(a, field).toLowerCase() === from.toLowerCase()) {
      ref.path = normalizePath(p, `${field} path`);
      return ref;
    }
  }
  return ref;
}
