/**
 * BIP174 PSBT_GLOBAL_XPUB (global type 0x01) for vault PSBTs, as Coldcard and Sparrow write them:
 * key `0x01 || the 78-byte BIP32 serialisation of the xpub`, value `master fingerprint (4 bytes) ||
 * each path index as uint32 little-endian`. One entry per cosigner key with an origin, so a signer
 * that registers vaults from PSBTs sees the whole policy. The pairs go right after the magic: BIP174
 * global maps are unordered key-value pairs.
 */
import { concatBytes } from '../bytes.js';
import { base58check } from '../hd/base58.js';
import type { KeyExpression } from '../wallet/descriptor.js';

function compactSize(n: number): Uint8Array {
  return n < 0xfd ? Uint8Array.of(n) : Uint8Array.of(0xfd, n & 0xff, n >> 8);
}

/** The PSBT with one PSBT_GLOBAL_XPUB pair per key that has an origin. */
export function withGlobalXpubs(psbt: Uint8Array, keys: readonly KeyExpression[]): Uint8Array {
  const pairs: Uint8Array[] = [];
  for (const k of keys) {
    if (!k.fingerprint || !k.originPath) continue;
    const key = concatBytes(Uint8Array.of(0x01), base58check.decode(k.xpub));
    const value = new Uint8Array(4 + 4 * k.originPath.length);
    const dv = new DataView(value.buffer);
    dv.setUint32(0, parseInt(k.fingerprint, 16) >>> 0, false);
    k.originPath.forEach((idx, i) => dv.setUint32(4 + 4 * i, idx >>> 0, true));
    pairs.push(compactSize(key.length), key, compactSize(value.length), value);
  }
  return concatBytes(psbt.subarray(0, 5), ...pairs, psbt.subarray(5));
}
