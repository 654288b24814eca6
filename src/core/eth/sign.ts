/**
 * Signing with a secp256k1 key (ethers SigningKey: RFC 6979 deterministic nonces, low-s).
 * Transactions: the signature covers keccak256(unsigned payload); `v` is EIP-155 for legacy
 * (chainId·2 + 35 + yParity) and the bare y-parity for EIP-2718 typed transactions.
 */
import { SigningKey, Transaction } from 'ethers';
import { fromHex, toHex } from '../text.js';
import { decodeTx, toEthersTx, type DecodedTx, type TxFields } from './tx.js';

/** A signed transaction and the pieces an EIP-4527 eth-signature carries. */
export interface SignedTx {
  /** Signed raw transaction, 0x hex, ready for eth_sendRawTransaction. */
  rawHex: string;
  hash: string;
  /** keccak256 of the unsigned payload inside the signed transaction (what was signed). */
  signingHash: string;
  from: string;
  r: string;
  s: string;
  yParity: 0 | 1;
  v: bigint;
}

/**
 * Sign an unsigned transaction's fields with `privateKey`; the result is re-decoded as a check.
 * Whether to sign at all (chain id 0 among others) is the signer's decision (signer.ts), made before.
 */
export function signTx(fields: TxFields, privateKey: Uint8Array): SignedTx {
  const t: Transaction = toEthersTx(fields);
  const sig = new SigningKey('0x' + toHex(privateKey)).sign(t.unsignedHash);
  t.signature = sig;
  const back: DecodedTx = decodeTx(t.serialized, 'signed transaction');
  const s = back.signed!;
  return { rawHex: s.hex, hash: s.hash, signingHash: back.signingHash, from: s.from, r: s.signature.r, s: s.signature.s, yParity: s.signature.yParity, v: s.signature.v };
}

/**
 * The r ‖ s ‖ v an EIP-4527 eth-signature carries: v is the EIP-155 value for a legacy tx (big-endian,
 * as many bytes as it needs: one byte up to chain id 110) and the y-parity for typed transactions
 * (what MetaMask's QR keyring and Keystone feed back into the tx as `signature.slice(64)`).
 */
export function txSignatureBytes(signed: SignedTx): Uint8Array {
  let vHex = signed.v.toString(16);
  if (vHex.length % 2) vHex = '0' + vHex;
  const v = fromHex(vHex, 'v');
  const out = new Uint8Array(64 + v.length);
  out.set(fromHex(signed.r, 'r'), 0);
  out.set(fromHex(signed.s, 's'), 32);
  out.set(v, 64);
  return out;
}

/** Sign a 32-byte digest (EIP-191 / EIP-712 hash) → 65-byte signature with v = 27 + yParity. */
export function signDigest(digest: string, privateKey: Uint8Array): { signature: string; bytes: Uint8Array } {
  const sig = new SigningKey('0x' + toHex(privateKey)).sign(digest);
  return { signature: sig.serialized, bytes: fromHex(sig.serialized, 'signature') };
}
