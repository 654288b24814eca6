/**
 * EIP-4527 Ethereum QR types as implemented by Keystone / MetaMask (ur-registry-eth):
 *
 *   eth-sign-request (tag 401) = { ?1: #6.37(uuid 16 B), 2: sign-data, 3: data-type,
 *                                   ?4: chain-id, 5: #6.304(crypto-keypath), ?6: address 20 B, ?7: origin }
 *   eth-signature    (tag 402) = { ?1: #6.37(uuid 16 B), 2: signature r‖s‖v, ?3: origin }
 *
 * The signature is r (32 B) ‖ s (32 B) ‖ v. v is one byte for typed transactions, messages and typed
 * data; for a legacy EIP-155 transaction v = chainId·2 + 35 + yParity is written big-endian in as many
 * bytes as it needs (chain id > 110 makes v > 255), which is how Keystone and MetaMask's QR keyring
 * read it back (`v = signature.slice(64)`). So 65 to 72 bytes (v up to 8 bytes).
 *
 * The top-level map is untagged inside a UR (BCR-2020-005: "if the CBOR structure is the top-level
 * object in a UR, then it MUST NOT be tagged"); a tagged one is accepted on input.
 */
import { InputError } from '../../errors.js';
import { CborTag, cborGet, decodeCbor, encodeCbor, type CborMap, type CborValue } from '../cbor.js';
import { formatPath, keypathFromTagged, keypathToTagged, parsePath } from './keypath.js';

export const TAG_ETH_SIGN_REQUEST = 401;
export const TAG_ETH_SIGNATURE = 402;
export const TAG_UUID = 37;
export const UR_ETH_SIGN_REQUEST = 'eth-sign-request';
export const UR_ETH_SIGNATURE = 'eth-signature';

/** EIP-4527 data-type: 1 legacy tx RLP, 2 EIP-712 typed data JSON, 3 personal message, 4 typed tx (EIP-2718). */
export type EthDataType = 1 | 2 | 3 | 4;

export interface EthSignRequest {
  /** 16-byte UUID binding the signature to this request. */
  requestId: Uint8Array;
  signData: Uint8Array;
  dataType: EthDataType;
  chainId?: bigint;
  /** Derivation path, e.g. "m/44'/60'/0'/0/0". */
  path: string;
  /** Master key fingerprint (uint32) carried in the keypath's source-fingerprint. */
  sourceFingerprint?: number;
  /** 20-byte address the signer should check. */
  address?: Uint8Array;
  origin?: string;
}

export interface EthSignature {
  requestId?: Uint8Array;
  /** r ‖ s ‖ v: 65 bytes, or up to 72 for a legacy EIP-155 v above 255 (see checkEthSignatureBytes). */
  signature: Uint8Array;
  origin?: string;
}

function unwrap(cbor: Uint8Array, tag: number, field: string): CborMap {
  let v: CborValue = decodeCbor(cbor, field);
  if (v instanceof CborTag && v.tag === tag) v = v.value;
  return cborGet.map(v, field);
}

function checkKeys(m: CborMap, allowed: number[], field: string): void {
  for (const k of m.keys()) {
    if (typeof k !== 'number' || !allowed.includes(k)) throw new InputError(`unknown map key ${String(k)}`, field);
  }
}

function uuidFrom(v: CborValue | undefined, field: string): Uint8Array {
  // Keystone tags the request id with 37 (RFC 4122 UUID); accept a bare 16-byte string too.
  const inner = v instanceof CborTag ? cborGet.tagged(v, field, TAG_UUID).value : v;
  return cborGet.bytes(inner, field, 16);
}

/** Encode an eth-sign-request as its untagged CBOR map. */
export function encodeEthSignRequest(req: EthSignRequest): Uint8Array {
  const f = 'eth-sign-request';
  if (req.requestId.length !== 16) throw new InputError('request id must be 16 bytes (a UUID)', `${f}.requestId`);
  if (![1, 2, 3, 4].includes(req.dataType)) throw new InputError('data type must be 1, 2, 3 or 4', `${f}.dataType`);
  if (req.address && req.address.length !== 20) throw new InputError('address must be 20 bytes', `${f}.address`);
  const components = parsePath(req.path, `${f}.path`);
  if (components.some((c) => !('index' in c))) throw new InputError('path must not contain wildcards', `${f}.path`);
  const m: CborMap = new Map<number, CborValue>();
  m.set(1, new CborTag(TAG_UUID, req.requestId));
  m.set(2, req.signData);
  m.set(3, req.dataType);
  if (req.chainId !== undefined) m.set(4, req.chainId);
  m.set(5, keypathToTagged({ components, sourceFingerprint: req.sourceFingerprint }));
  if (req.address) m.set(6, req.address);
  if (req.origin !== undefined) m.set(7, req.origin);
  return encodeCbor(m);
}

/** Decode an eth-sign-request CBOR payload; every field is checked and named on error. */
export function decodeEthSignRequest(cbor: Uint8Array): EthSignRequest {
  const f = 'eth-sign-request';
  const m = unwrap(cbor, TAG_ETH_SIGN_REQUEST, f);
  checkKeys(m, [1, 2, 3, 4, 5, 6, 7], f);
  if (!m.has(1)) throw new InputError('request id (key 1) is missing; coldkit binds every signature to a request id', `${f}.requestId`);
  const dataType = cborGet.uint(m.get(3), `${f}.dataType`);
  if (dataType < 1 || dataType > 4) throw new InputError(`data type ${dataType} is not 1, 2, 3 or 4`, `${f}.dataType`);
  const kp = keypathFromTagged(m.get(5), `${f}.derivationPath`);
  if (kp.components.some((c) => !('index' in c))) throw new InputError('path must not contain wildcards', `${f}.derivationPath`);
  const req: EthSignRequest = {
    requestId: uuidFrom(m.get(1), `${f}.requestId`),
    signData: cborGet.bytes(m.get(2), `${f}.signData`),
    dataType: dataType as EthDataType,
    path: formatPath(kp.components),
  };
  if (m.has(4)) req.chainId = cborGet.int(m.get(4), `${f}.chainId`);
  if (kp.sourceFingerprint !== undefined) req.sourceFingerprint = kp.sourceFingerprint;
  if (m.has(6)) req.address = cborGet.bytes(m.get(6), `${f}.address`, 20);
  if (m.has(7)) req.origin = cborGet.text(m.get(7), `${f}.origin`);
  return req;
}

/**
 * Check an eth-signature's r ‖ s ‖ v bytes: r 32, s 32, v 1 to 8 bytes big-endian (65–72 in all),
 * and a multi-byte v has no leading zero byte (its shortest form, as an EIP-155 v > 255 is written).
 */
export function checkEthSignatureBytes(sig: Uint8Array, field = 'eth-signature.signature'): void {
  if (sig.length < 65 || sig.length > 72) {
    throw new InputError(`is ${sig.length} bytes; must be r (32) ‖ s (32) ‖ v (1 to 8 bytes), 65 to 72 bytes`, field);
  }
  if (sig.length > 65 && sig[64] === 0) throw new InputError(`its ${sig.length - 64}-byte v starts with a zero byte; a multi-byte v must be minimal big-endian`, field);
}

/** Encode an eth-signature as its untagged CBOR map. */
export function encodeEthSignature(sig: EthSignature): Uint8Array {
  const f = 'eth-signature';
  if (sig.requestId && sig.requestId.length !== 16) throw new InputError('request id must be 16 bytes', `${f}.requestId`);
  checkEthSignatureBytes(sig.signature, `${f}.signature`);
  const m: CborMap = new Map<number, CborValue>();
  if (sig.requestId) m.set(1, new CborTag(TAG_UUID, sig.requestId));
  m.set(2, sig.signature);
  if (sig.origin !== undefined) m.set(3, sig.origin);
  return encodeCbor(m);
}

/** Decode an eth-signature CBOR payload (r ‖ s ‖ v of 65 to 72 bytes; see checkEthSignatureBytes). */
export function decodeEthSignature(cbor: Uint8Array): EthSignature {
  const f = 'eth-signature';
  const m = unwrap(cbor, TAG_ETH_SIGNATURE, f);
  checkKeys(m, [1, 2, 3], f);
  const signature = cborGet.bytes(m.get(2), `${f}.signature`);
  checkEthSignatureBytes(signature, `${f}.signature`);
  const out: EthSignature = { signature };
  if (m.has(1)) out.requestId = uuidFrom(m.get(1), `${f}.requestId`);
  if (m.has(3)) out.origin = cborGet.text(m.get(3), `${f}.origin`);
  return out;
}

/** Format a 16-byte request id as a UUID string (8-4-4-4-12). */
export function formatUuid(id: Uint8Array): string {
  const h = Array.from(id, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Parse a UUID string (with or without hyphens) to 16 bytes. */
export function parseUuid(text: string, field = 'request id'): Uint8Array {
  const h = text.trim().replace(/-/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(h)) throw new InputError('not a UUID (32 hex digits, hyphens optional)', field);
  return Uint8Array.from({ length: 16 }, (_, i) => parseInt(h.slice(2 * i, 2 * i + 2), 16));
}
