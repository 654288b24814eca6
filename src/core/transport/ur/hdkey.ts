/**
 * crypto-hdkey (tag 303; v2 `hdkey` 40303; BCR-2020-007): `{?1 is-master, ?2 is-private,
 * 3 key-data(33), ?4 chain-code(32), ?5 use-info #305(coininfo), ?6 origin #304(keypath),
 * ?7 children #304(keypath), ?8 parent-fingerprint, ?9 name, ?10 note}`. Also BIP32
 * extended-key (xpub/tpub) conversion for descriptor text.
 */
import { InputError } from '../../errors.js';
import { base58check } from '../../hd/base58.js';
import { CborTag, cborGet, type CborMap, type CborValue } from '../cbor.js';
import { keypathFromTagged, keypathToTagged, type Keypath } from './keypath.js';

export const TAG_HDKEY = 303;
export const TAG_HDKEY_V2 = 40303;
export const TAG_COININFO = 305;
export const TAG_COININFO_V2 = 40305;

export interface HdKey {
  isMaster?: boolean;
  isPrivate?: boolean;
  keyData: Uint8Array;
  chainCode?: Uint8Array;
  /** SLIP-44 coin type (0 BTC, 60 ETH) and network (0 main, 1 test). */
  useInfo?: { type?: number; network?: number };
  origin?: Keypath;
  children?: Keypath;
  parentFingerprint?: number;
  name?: string;
  note?: string;
}

/** The untagged hdkey map. `v2` picks the 403xx tags for embedded keypaths/coininfo. */
export function hdkeyToCbor(k: HdKey, v2 = false): CborMap {
  const m: CborMap = new Map<number, CborValue>();
  if (k.isMaster) m.set(1, true);
  if (k.isPrivate) m.set(2, true);
  m.set(3, k.keyData);
  if (k.chainCode) m.set(4, k.chainCode);
  if (k.useInfo) {
    const u: CborMap = new Map<number, CborValue>();
    if (k.useInfo.type !== undefined && k.useInfo.type !== 0) u.set(1, k.useInfo.type);
    if (k.useInfo.network !== undefined && k.useInfo.network !== 0) u.set(2, k.useInfo.network);
    m.set(5, new CborTag(v2 ? TAG_COININFO_V2 : TAG_COININFO, u));
  }
  if (k.origin) m.set(6, keypathToTagged(k.origin, v2));
  if (k.children) m.set(7, keypathToTagged(k.children, v2));
  if (k.parentFingerprint !== undefined) m.set(8, k.parentFingerprint);
  if (k.name !== undefined) m.set(9, k.name);
  if (k.note !== undefined) m.set(10, k.note);
  return m;
}

/** Decode an untagged hdkey map; private keys are refused (coldkit moves only public keys). */
export function hdkeyFromCbor(v: CborValue | undefined, field = 'hdkey'): HdKey {
  const m = cborGet.map(v, field);
  const k: HdKey = { keyData: cborGet.bytes(m.get(3), `${field}.key-data`, 33) };
  if (m.has(1)) k.isMaster = cborGet.bool(m.get(1), `${field}.is-master`);
  if (m.has(2)) k.isPrivate = cborGet.bool(m.get(2), `${field}.is-private`);
  // BCR-2020-007: "private keys are prefixed with 0x00" (33-byte key-data); is-private may be absent.
  if (k.isPrivate || k.keyData[0] === 0x00) throw new InputError('this QR carries a PRIVATE key; coldkit refuses to import private keys over QR', field);
  if (m.has(4)) k.chainCode = cborGet.bytes(m.get(4), `${field}.chain-code`, 32);
  if (m.has(5)) {
    const u = cborGet.map(cborGet.tagged(m.get(5), `${field}.use-info`, TAG_COININFO, TAG_COININFO_V2).value, `${field}.use-info`);
    k.useInfo = {
      type: u.has(1) ? cborGet.uint(u.get(1), `${field}.use-info.type`) : 0,
      network: u.has(2) ? cborGet.uint(u.get(2), `${field}.use-info.network`) : 0,
    };
  }
  if (m.has(6)) k.origin = keypathFromTagged(m.get(6), `${field}.origin`);
  if (m.has(7)) k.children = keypathFromTagged(m.get(7), `${field}.children`);
  if (m.has(8)) k.parentFingerprint = cborGet.uint(m.get(8), `${field}.parent-fingerprint`, 0xffffffff);
  if (m.has(9)) k.name = cborGet.text(m.get(9), `${field}.name`);
  if (m.has(10)) k.note = cborGet.text(m.get(10), `${field}.note`);
  return k;
}

const XPUB = 0x0488b21e;
const TPUB = 0x043587cf;

/** BIP32 serialisation (xpub / tpub) of a public hdkey; depth and child number come from the origin. */
export function hdkeyToXpub(k: HdKey): string {
  if (!k.chainCode) throw new InputError('key has no chain code, so it is not an extended key', 'hdkey');
  const o = k.origin;
  const comps = o?.components ?? [];
  const last = comps[comps.length - 1];
  const depth = o?.depth ?? comps.length;
  let child = 0;
  if (last && 'index' in last) child = (last.index + (last.hardened ? 0x80000000 : 0)) >>> 0;
  const parent = k.parentFingerprint ?? (comps.length === 1 && o?.sourceFingerprint !== undefined ? o.sourceFingerprint : 0);
  const b = new Uint8Array(78);
  const dv = new DataView(b.buffer);
  dv.setUint32(0, k.useInfo?.network === 1 ? TPUB : XPUB);
  b[4] = depth;
  dv.setUint32(5, parent);
  dv.setUint32(9, child);
  b.set(k.chainCode, 13);
  b.set(k.keyData, 45);
  return base58check.encode(b);
}

/** Parse an xpub/tpub (78 bytes) into its fields. */
export function parseXpub(xpub: string, field = 'xpub'): { mainnet: boolean; depth: number; parentFingerprint: number; childNumber: number; chainCode: Uint8Array; keyData: Uint8Array } {
  let b: Uint8Array;
  try {
    b = base58check.decode(xpub);
  } catch {
    throw new InputError('not a valid base58check extended key', field);
  }
  if (b.length !== 78) throw new InputError('extended key must be 78 bytes', field);
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const ver = dv.getUint32(0);
  if (ver !== XPUB && ver !== TPUB) throw new InputError('only xpub/tpub extended public keys are supported here', field);
  return {
    mainnet: ver === XPUB,
    depth: b[4]!,
    parentFingerprint: dv.getUint32(5),
    childNumber: dv.getUint32(9),
    chainCode: b.slice(13, 45),
    keyData: b.slice(45, 78),
  };
}
