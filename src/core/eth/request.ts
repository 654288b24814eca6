/**
 * EIP-4527 glue: an unsigned transaction, typed data or message as an `eth-sign-request`
 * (codec in src/core/transport/ur/eth.ts), and the `eth-signature` answer bound to its request id.
 * sign-data per data-type, as MetaMask's QR keyring sends it:
 *   1 legacy tx  → rlp([nonce, gasPrice, gas, to, value, data, chainId, 0, 0]) unsigned
 *   4 typed tx   → type ‖ rlp(payload) unsigned (EIP-2718)
 *   2 typed data → the EIP-712 JSON as UTF-8
 *   3 message    → the raw message bytes (the signer adds the EIP-191 prefix)
 */
import { Signature } from 'ethers';
import { InputError, VerificationError } from '../errors.js';
import { fromHex, toHex } from '../text.js';
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
  checkEthSignatureBytes,
  formatUuid,
} from '../transport/ur/eth.js';
import { decodeTx, toEthersTx, type DecodedTx } from './tx.js';
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

/**
 * Build the eth-signature answer and its UR text. The signature is r ‖ s ‖ v; a legacy EIP-155 v
 * above 255 takes several bytes (the transport codec's checkEthSignatureBytes states the rule).
 */
export function makeSignature(sig: EthSignature): { cbor: Uint8Array; ur: string } {
  const cbor = encodeEthSignature(sig);
  return { cbor, ur: encodeUrSingle(UR_ETH_SIGNATURE, cbor) };
}

/** Split an eth-signature's r ‖ s ‖ v bytes into r, s (0x hex) and v (which may span several bytes). */
export function splitSignature(sig: Uint8Array): { r: string; s: string; v: bigint } {
  checkEthSignatureBytes(sig, 'eth-signature');
  return { r: '0x' + toHex(sig.subarray(0, 32)), s: '0x' + toHex(sig.subarray(32, 64)), v: BigInt('0x' + toHex(sig.subarray(64))) };
}

/** Parse a single-part `ur:eth-signature/…` string. */
export function parseSignatureUr(text: string): EthSignature {
  const ur = decodeUrSingle(text);
  if (ur.type !== UR_ETH_SIGNATURE) throw new InputError(`is a ur:${ur.type}, not a ur:${UR_ETH_SIGNATURE}`, 'signature');
  return decodeEthSignature(ur.cbor);
}

/**
 * Complete the request's unsigned transaction with the eth-signature that answers it. The answer
 * must carry this request's id, its v must fit the transaction (EIP-155 v or 27/28 for legacy,
 * y-parity 0/1 or 27/28 for typed), and the recovered signer must be the request's address.
 * Returns the decoded signed transaction.
 */
export function applySignature(req: EthSignRequest, sig: EthSignature): DecodedTx {
  if (req.dataType !== 1 && req.dataType !== 4) throw new InputError(`the sign request has data type ${req.dataType} (not a transaction)`, 'request');
  if (!sig.requestId) throw new InputError('carries no request id, so it cannot be matched to the request', 'signature');
  if (toHex(sig.requestId) !== toHex(req.requestId)) {
    throw new VerificationError(`answers request ${formatUuid(sig.requestId)}, not this request ${formatUuid(req.requestId)}`);
  }
  const tx = decodeTx('0x' + toHex(req.signData), 'request');
  const { r, s, v } = splitSignature(sig.signature);
  const f = tx.fields;
  const base = f.type === 0 && v >= 35n ? f.chainId * 2n + 35n : v >= 27n ? 27n : 0n;
  const yParity = v - base;
  if (yParity !== 0n && yParity !== 1n) throw new VerificationError(`v = ${v} does not fit a type ${f.type} transaction on chain ${f.chainId}`);
  const t = toEthersTx(f);
  try {
    t.signature = Signature.from({ r, s, yParity: Number(yParity) as 0 | 1 });
  } catch (e) {
    throw new InputError(`is not a valid signature: ${(e as Error).message.slice(0, 80)}`, 'signature');
  }
  const signed = decodeTx(t.serialized, 'signed transaction');
  if (req.address && signed.signed!.from.toLowerCase() !== '0x' + toHex(req.address)) {
    throw new VerificationError(`the signature recovers ${signed.signed!.from}, not the request's address 0x${toHex(req.address)}`);
  }
  return signed;
}

/** The 20-byte address field from an EIP-55 address. */
export function addressBytes(address: string): Uint8Array {
  return fromHex(address, 'address');
}
