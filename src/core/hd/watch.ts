/**
 * Watch-only address work from a descriptor: list addresses of a branch, and find which index
 * (and branch) an address belongs to within a gap limit. No secret is involved.
 */
import type { HDKey } from '@scure/bip32';
import { InputError } from '../errors.js';
import type { BtcNetwork } from '../btc/network.js';
import { outputFor } from './address.js';
import type { Descriptor } from './descriptor.js';
import { childPublicKeys } from './batch-derive.js';
import { publicNode } from './keys.js';
import { formatPath } from './path.js';

/** One derived address. */
export interface DerivedAddress {
  branch: number;
  index: number;
  address: string;
  path: string;
}

/** The node of a descriptor branch (xpub / prefix… / branch). */
export function branchNode(d: Descriptor, net: BtcNetwork, branch: number): HDKey {
  let node = publicNode(d.xpub, net);
  for (const p of d.prefix) node = node.deriveChild(p);
  return node.deriveChild(branch);
}

/** Pick the receive (first) or change (second) branch of a descriptor. */
export function chooseBranch(d: Descriptor, change: boolean): number {
  if (d.branches.length === 1) {
    if (change) throw new InputError('this descriptor has one branch; --change needs a /<0;1>/* descriptor or the /1/* one', '--change');
    return d.branches[0]!;
  }
  return change ? d.branches[1]! : d.branches[0]!;
}

/** Derive `count` addresses from `from` on one branch. */
export function listAddresses(d: Descriptor, net: BtcNetwork, branch: number, from: number, count: number): DerivedAddress[] {
  const prefix = `${pathPrefix(d)}/${branch}/`;
  return childPublicKeys(branchNode(d, net, branch), from, count).map((key, k) => ({
    branch,
    index: from + k,
    address: outputFor(d.script, key, net).address,
    path: prefix + String(from + k),
  }));
}

/** Indices derived at once while searching (one shared inversion per chunk). */
const FIND_CHUNK = 256;

/** Search each branch up to `gap` indices for an address. */
export function findAddress(d: Descriptor, net: BtcNetwork, address: string, gap: number): DerivedAddress | undefined {
  for (const branch of d.branches) {
    for (let from = 0; from < gap; from += FIND_CHUNK) {
      const hit = listAddresses(d, net, branch, from, Math.min(FIND_CHUNK, gap - from)).find((a) => a.address === address);
      if (hit) return hit;
    }
  }
  return undefined;
}

/** The full path prefix to the xpub ("m/84h/0h/0h" from the key origin, or "xpub" when unknown), plus fixed steps. */
function pathPrefix(d: Descriptor): string {
  const base = d.originPath ? formatPath(d.originPath) : 'xpub';
  return [base, ...d.prefix.map(String)].join('/');
}
