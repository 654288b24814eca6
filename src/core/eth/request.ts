/**
 * EIP-4527 glue: an unsigned transaction, typed data or message as an `eth-sign-request`
 * (codec in src/core/transport/ur/eth.ts), and the `eth-signature` answer bound to its request id.
 * sign-data per data-type, as MetaMask's QR keyring sends it:
 *   1 legacy tx  → rlp([nonce, gasPrice, gas, to, value, data, chainId, 0, 0]) unsigned
 *   4 typed tx   → type ‖ rlp(payload) unsigned (EIP-2718)
 *   2 typed data → the EIP-712 JSON as UTF-8
 *   3 message    → the raw message bytes (the signer adds the EIP-191 prefix)
 */
import { InputError } from '../errors.js';
import { fromHex } from '../text.js';
import {
  UR_ETH_SIGNATURE,
  UR_ETH_SIGN_REQUEST,
  decodeEthSignRequest,
  decodeEthSignature,
  encodeEthSignRequest,
  encodeEthSignature,
  type EthDataType,
  type EthSignRequest,
  type EthSignature,
} from '../transport/ur/eth.js';
import { decodeUrSingle, encodeUrSingle } from '../transport/ur/ur.js';

export type { EthSignRequest, EthSignature };

/** Make 16 random bytes a version-4 UUID (RFC 4122 §4.4). */
export function uuidV4(random16: Uint8Array): Uint8Array {
  if (random16.length !== 16) throw new InputError('need 16 random bytes', 'request id');
  const u = Uint8Array.from(random16);
  u[6] = (u[6]! & 0x0f) | 0x40;
  u[8] = (u[8]! & 0x3f) | 0x80;
  return u;
}

/** The data-type for an unsigned transaction payload: 1 for legacy RLP, 4 for EIP-2718 typed. */
export function txDataType(unsignedHex: string): EthDataType {
  return fromHex(unsignedHex, 'unsigned transaction')[0]! >= 0xc0 ? 1 : 4;
}

/** Build the request and its single-part UR text. */
export function makeSignRequest(req: EthSignRequest): { cbor: Uint8Array; ur: string } {
  const cbor = encodeEthSignRequest(req);
  return { cbor, ur: encodeUrSingle(UR_ETH_SIGN_REQUEST, cbor) };
}

/** Parse a single-part `ur:eth-sign-request/…` string. */
export function parseSignRequestUr(text: string): EthSignRequest {
  const ur = decodeUrSingle(text);
  if (ur.type !== UR_ETH_SIGN_REQUEST) throw new InputError(`is a ur:${ur.type}, not a ur:${UR_ETH_SIGN_REQUEST}`, 'sign request');
  return decodeEthSignRequest(ur.cbor);
}

/** Build the eth-signature answer and its UR text. */
export function makeSignature(sig: EthSignature): { cbor: Uint8Array; ur: string } {
  const cbor = encodeEthSignature(sig);
  return { cbor, ur: encodeUrSingle(UR_ETH_SIGNATURE, cbor) };
}

/** Parse a single-part `ur:eth-signature/…` string. */
export function parseSignatureUr(text: string): EthSignature {
  const ur = decodeUrSingle(text);
  if (ur.type !== UR_ETH_SIGNATURE) throw new InputError(`is a ur:${ur.type}, not a ur:${UR_ETH_SIGNATURE}`, 'signature');
  return decodeEthSignature(ur.cbor);
}

/** The 20-byte address field from an EIP-55 address. */
export function addressBytes(address: string): Uint8Array {
  return fromHex(address, 'address');
}
