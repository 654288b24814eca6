/**
 * SLIP-132 extended-key version bytes: the same key serialised as xpub/ypub/zpub (mainnet) or
 * tpub/upub/vpub (testnet) to hint its script type. Taproot and legacy use plain xpub/tpub.
 */
import { HDKey } from '@scure/bip32';
import { base58check } from './base58.js';
import { InputError } from '../errors.js';
import type { ScriptType } from './script-type.js';

/** SLIP-132 public versions: [mainnet, testnet] per script type (null = plain xpub/tpub). */
export const SLIP132_PUBLIC: Record<ScriptType, [number, number] | null> = {
  pkh: null,
  'sh-wpkh': [0x049d7cb2, 0x044a5262], // ypub, upub
  wpkh: [0x04b24746, 0x045f1cf6], // zpub, vpub
  tr: null,
};

/** All public versions coldkit reads, with their name, network family and script hint. */
export const KNOWN_PUBLIC_VERSIONS: Record<number, { prefix: string; mainnet: boolean; script?: ScriptType }> = {
  0x0488b21e: { prefix: 'xpub', mainnet: true },
  0x043587cf: { prefix: 'tpub', mainnet: false },
  0x049d7cb2: { prefix: 'ypub', mainnet: true, script: 'sh-wpkh' },
  0x044a5262: { prefix: 'upub', mainnet: false, script: 'sh-wpkh' },
  0x04b24746: { prefix: 'zpub', mainnet: true, script: 'wpkh' },
  0x045f1cf6: { prefix: 'vpub', mainnet: false, script: 'wpkh' },
};

/** Re-serialise an extended public key with other version bytes. */
export function withVersion(extKey: string, version: number): string {
  const raw = base58check.decode(extKey);
  const out = new Uint8Array(raw);
  new DataView(out.buffer).setUint32(0, version);
  return base58check.encode(out);
}

/** The SLIP-132 form of an xpub/tpub for a script type, or undefined when none applies. */
export function slip132Form(xpub: string, script: ScriptType, mainnet: boolean): string | undefined {
  const v = SLIP132_PUBLIC[script];
  return v ? withVersion(xpub, mainnet ? v[0] : v[1]) : undefined;
}

/** Normalise any known public version to plain xpub/tpub; returns the key and what its version said. */
export function normalizeExtendedPublic(extKey: string, field = 'xpub'): { xpub: string; mainnet: boolean; script?: ScriptType } {
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
