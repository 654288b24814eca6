/**
 * A Safe transaction read for the policy: the Safe Transaction Service's JSON for a pending
 * transaction (or an EIP-712 SafeTx typed-data document), its safeTxHash recomputed — never taken
 * from the file — as EIP-712 over `SafeTx(address to,uint256 value,bytes data,uint8 operation,
 * uint256 safeTxGas,uint256 baseGas,uint256 gasPrice,address gasToken,address refundReceiver,
 * uint256 nonce)` with the Safe ≥ 1.3.0 domain `EIP712Domain(uint256 chainId,address
 * verifyingContract)`. A file whose own safeTxHash differs is refused. The hashing is coldkit's one
 * EIP-712 implementation (src/core/eth/typed-data.ts).
 */
import { InputError } from '../errors.js';
import { parseAddress } from '../eth/account.js';
import { typedDataDigest, type TypedData } from '../eth/typed-data.js';
import { fromHex, toHex } from '../text.js';
import type { SafeTxFields } from './eth-payload.js';

const SAFE_TX_TYPE = [
  { name: 'to', type: 'address' },
  { name: 'value', type: 'uint256' },
  { name: 'data', type: 'bytes' },
  { name: 'operation', type: 'uint8' },
  { name: 'safeTxGas', type: 'uint256' },
  { name: 'baseGas', type: 'uint256' },
  { name: 'gasPrice', type: 'uint256' },
  { name: 'gasToken', type: 'address' },
  { name: 'refundReceiver', type: 'address' },
  { name: 'nonce', type: 'uint256' },
];

function uint(v: unknown, field: string): bigint {
  const s = typeof v === 'number' && Number.isSafeInteger(v) ? String(v) : v;
  if (typeof s !== 'string' || !/^\d{1,78}$/.test(s)) throw new InputError('must be a whole number (decimal string)', field);
  return BigInt(s);
}

/** Is this JSON document a Safe transaction (service JSON or SafeTx typed data)? */
export function looksLikeSafeTx(doc: unknown): boolean {
  if (typeof doc !== 'object' || doc === null) return false;
  const o = doc as Record<string, unknown>;
  return o.primaryType === 'SafeTx' || ('safe' in o && 'operation' in o && 'nonce' in o);
}

/** The SafeTx fields and their recomputed safeTxHash, from service JSON (chainId from the file or `chainId`). */
export function safeTxFromJson(doc: unknown, chainId: bigint | undefined, field = 'safe tx'): SafeTxFields & { typedData: TypedData } {
  if (typeof doc !== 'object' || doc === null) throw new InputError('must be a JSON object', field);
  let o = doc as Record<string, unknown>;
  let safe: unknown = o.safe;
  let chain: unknown = o.chainId ?? (chainId !== undefined ? chainId.toString() : undefined);
  if (o.primaryType === 'SafeTx') {
    const d = (o.domain ?? {}) as Record<string, unknown>;
    safe = d.verifyingContract;
    chain = d.chainId;
    o = (o.message ?? {}) as Record<string, unknown>;
  }
  if (chain === undefined) throw new InputError('names no chain id: give --chain-id', field);
  const f = (k: string) => `${field} ${k}`;
  const zero = '0x0000000000000000000000000000000000000000';
  const tx = {
    safe: parseAddress(String(safe ?? ''), f('safe')),
    chainId: uint(chain, f('chainId')),
    to: parseAddress(String(o.to ?? ''), f('to')),
    value: uint(o.value ?? '0', f('value')),
    data: o.data === null || o.data === undefined ? new Uint8Array() : fromHex(String(o.data), f('data')),
    operation: Number(uint(o.operation ?? '0', f('operation'))),
    safeTxGas: uint(o.safeTxGas ?? '0', f('safeTxGas')),
    baseGas: uint(o.baseGas ?? '0', f('baseGas')),
    gasPrice: uint(o.gasPrice ?? '0', f('gasPrice')),
    gasToken: parseAddress(String(o.gasToken ?? zero), f('gasToken')),
    refundReceiver: parseAddress(String(o.refundReceiver ?? zero), f('refundReceiver')),
    nonce: uint(o.nonce, f('nonce')),
  };
  if (tx.operation > 1) throw new InputError(`is ${tx.operation}; a Safe operation is 0 (CALL) or 1 (DELEGATECALL)`, f('operation'));
  const typedData: TypedData = {
    types: { EIP712Domain: [{ name: 'chainId', type: 'uint256' }, { name: 'verifyingContract', type: 'address' }], SafeTx: SAFE_TX_TYPE },
    primaryType: 'SafeTx',
    domain: { chainId: tx.chainId.toString(), verifyingContract: tx.safe },
    message: {
      to: tx.to,
      value: tx.value.toString(),
      data: '0x' + toHex(tx.data),
      operation: tx.operation,
      safeTxGas: tx.safeTxGas.toString(),
      baseGas: tx.baseGas.toString(),
      gasPrice: tx.gasPrice.toString(),
      gasToken: tx.gasToken,
      refundReceiver: tx.refundReceiver,
      nonce: tx.nonce.toString(),
    },
  };
  const safeTxHash = typedDataDigest(typedData, field).toLowerCase();
  const claimed = (doc as Record<string, unknown>).safeTxHash;
  if (typeof claimed === 'string' && claimed.toLowerCase() !== safeTxHash) {
    throw new InputError(`says safeTxHash ${claimed.slice(0, 18)}… but its fields hash to ${safeTxHash}: the file is inconsistent`, field);
  }
  return { ...tx, safeTxHash, typedData };
}
