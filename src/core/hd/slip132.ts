/**
 * SLIP-132 extended-key version bytes: the same key serialised as xpub/ypub/zpub (mainnet) or
 * tpub/upub/vpub (testnet) to hint its script type. Taproot and legacy use plain xpub/tpub.
 */
import { HDKey } from '@scure/bip32';
import { base58check } from './base58.js';
import { InputError } from '../errors.js';
import { SLIP132 } from '../network.js';

/** The script type a SLIP-132 version hints at, by coldkit's template name. */
export type Slip132Hint = 'sh-wpkh' | 'wpkh' | 'wsh-multi' | 'sh-wsh-multi';

/** All public versions coldkit reads, with their name, network family and script hint. */
export const KNOWN_PUBLIC_VERSIONS: Record<number, { prefix: string; mainnet: boolean; script?: Slip132Hint }> = {
  0x0488b21e: { prefix: 'xpub', mainnet: true },
  0x043587cf: { prefix: 'tpub', mainnet: false },
  [SLIP132.ypub]: { prefix: 'ypub', mainnet: true, script: 'sh-wpkh' },
  [SLIP132.upub]: { prefix: 'upub', mainnet: false, script: 'sh-wpkh' },
  [SLIP132.zpub]: { prefix: 'zpub', mainnet: true, script: 'wpkh' },
  [SLIP132.vpub]: { prefix: 'vpub', mainnet: false, script: 'wpkh' },
  [SLIP132.Ypub]: { prefix: 'Ypub', mainnet: true, script: 'sh-wsh-multi' },
  [SLIP132.Upub]: { prefix: 'Upub', mainnet: false, script: 'sh-wsh-multi' },
  [SLIP132.Zpub]: { prefix: 'Zpub', mainnet: true, script: 'wsh-multi' },
  [SLIP132.Vpub]: { prefix: 'Vpub', mainnet: false, script: 'wsh-multi' },
};

/** Re-serialise an extended public key with other version bytes. */
export function withVersion(extKey: string, version: number): string {
  const raw = base58check.decode(extKey);
  const out = new Uint8Array(raw);
  new DataView(out.buffer).setUint32(0, version);
  return base58check.encode(out);
}

/** Normalise any known public version to plain xpub/tpub; returns the key and what its version said. */
export function normalizeExtendedPublic(extKey: string, field = 'xpub'): { xpub: string; mainnet: boolean; script?: Slip132Hint } {
  let raw: Uint8Array;
  try {
    raw = base58check.decode(extKey);
  } catch {
    throw new InputError(`"${clip(extKey)}" is not a base58check extended key (bad characters or checksum)`, field);
  }
  if (raw.length !== 78) throw new InputError(`extended key is ${raw.length} bytes, expected 78`, field);
  const version = new DataView(raw.buffer, raw.byteOffset).getUint32(0);
  const info = KNOWN_PUBLIC_VERSIONS[version];
  if (!info) {
    throw new InputError(`version 0x${version.toString(16).padStart(8, '0')} is not a known extended PUBLIC key (xpub/ypub/zpub/tpub/upub/vpub)`, field);
  }
  const xpub = withVersion(extKey, info.mainnet ? 0x0488b21e : 0x043587cf);
  // BIP32 "Serialization format": the key data must be a valid point (02/03 prefix, on the curve),
  // and depth 0 needs a zero parent fingerprint and index. Check it here, at the input edge.
  try {
    HDKey.fromExtendedKey(xpub, info.mainnet ? { public: 0x0488b21e, private: 0x0488ade4 } : { public: 0x043587cf, private: 0x04358394 });
  } catch (e) {
    throw new InputError(`not a valid BIP32 extended public key: ${(e as Error).message}`, field);
  }
  return { xpub, mainnet: info.mainnet, script: info.script };
}

function clip(s: string): string {
  return s.length > 24 ? s.slice(0, 24) + '…' : s;
}
