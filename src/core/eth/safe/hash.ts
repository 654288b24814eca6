/**
 * Safe transaction hashes (EIP-712, as the Safe contract's `getTransactionHash` computes them):
 *   domainSeparator = keccak256(abi.encode(DOMAIN_TYPEHASH, [chainId,] safe))
 *   messageHash     = keccak256(abi.encode(SAFE_TX_TYPEHASH, to, value, keccak256(data), operation,
 *                       safeTxGas, baseGas|dataGas, gasPrice, gasToken, refundReceiver, nonce))
 *   safeTxHash      = keccak256(0x19 ‖ 0x01 ‖ domainSeparator ‖ messageHash)
 * Ledger shows the domain hash and the message hash; the independent checkers print all three.
 */
import { AbiCoder, concat, keccak256 } from 'ethers';
import { toHex } from '../../text.js';
import type { SafeVersionShape } from './versions.js';

/** keccak256("EIP712Domain(uint256 chainId,address verifyingContract)"), Safe ≥ 1.3.0. */
export const DOMAIN_TYPEHASH_CHAIN = '0x47e79534a245952e8b16893a336b85a3d9ea9fa8c573f3d803afb92a79469218';
/** keccak256("EIP712Domain(address verifyingContract)"), Safe ≤ 1.2.0. */
export const DOMAIN_TYPEHASH_LEGACY = '0x035aff83d86937d35b32e04f0ddc6ff469290eef2f1b692d8a815c89404d4749';
/** keccak256("SafeTx(address to,uint256 value,bytes data,uint8 operation,uint256 safeTxGas,uint256 baseGas,uint256 gasPrice,address gasToken,address refundReceiver,uint256 nonce)"). */
export const SAFE_TX_TYPEHASH = '0xbb8310d486368db6bd6f849402fdd73ad53d316b5a4b2644ad6efe0f941286d8';
/** The same with `dataGas` (Safe < 1.0.0). */
export const SAFE_TX_TYPEHASH_DATAGAS = '0x14d461bc7412367e924637b363c7bf29b8f47e2f84869f4426e5633d8af47b20';

/** `operation`: 0 CALL, 1 DELEGATECALL (Enum.Operation). */
export type Operation = 0 | 1;

/** The ten SafeTx fields. Addresses EIP-55, amounts bigint. */
export interface SafeTx {
  to: string;
  value: bigint;
  data: Uint8Array;
  operation: Operation;
  safeTxGas: bigint;
  baseGas: bigint;
  gasPrice: bigint;
  gasToken: string;
  refundReceiver: string;
  nonce: bigint;
}

/** The three hashes, 0x hex lowercase. */
export interface SafeHashes {
  domainHash: string;
  messageHash: string;
  safeTxHash: string;
}

const abi = AbiCoder.defaultAbiCoder();

/** The EIP-712 domain separator of the Safe at `safe` on `chainId`. */
export function domainSeparator(shape: SafeVersionShape, chainId: bigint, safe: string): string {
  return shape.chainIdInDomain
    ? keccak256(abi.encode(['bytes32', 'uint256', 'address'], [DOMAIN_TYPEHASH_CHAIN, chainId, safe]))
    : keccak256(abi.encode(['bytes32', 'address'], [DOMAIN_TYPEHASH_LEGACY, safe]));
}

/** hashStruct(SafeTx): the "message hash" Ledger shows. */
export function messageHash(shape: SafeVersionShape, tx: SafeTx): string {
  const typeHash = shape.gasField === 'dataGas' ? SAFE_TX_TYPEHASH_DATAGAS : SAFE_TX_TYPEHASH;
  return keccak256(
    abi.encode(
      ['bytes32', 'address', 'uint256', 'bytes32', 'uint8', 'uint256', 'uint256', 'uint256', 'address', 'address', 'uint256'],
      [typeHash, tx.to, tx.value, keccak256(tx.data), tx.operation, tx.safeTxGas, tx.baseGas, tx.gasPrice, tx.gasToken, tx.refundReceiver, tx.nonce],
    ),
  );
}

/** All three hashes of a Safe transaction. */
export function safeHashes(shape: SafeVersionShape, chainId: bigint, safe: string, tx: SafeTx): SafeHashes {
  const domainHash = domainSeparator(shape, chainId, safe);
  const msgHash = messageHash(shape, tx);
  return { domainHash, messageHash: msgHash, safeTxHash: keccak256(concat(['0x1901', domainHash, msgHash])) };
}

/**
 * The transaction as `eth_signTypedData_v4` typed data: what a wallet (or an EIP-4527 sign request
 * with data type 2) carries. Its EIP-712 digest is the safeTxHash.
 */
export function safeTxTypedData(shape: SafeVersionShape, chainId: bigint, safe: string, tx: SafeTx) {
  const domainFields = [...(shape.chainIdInDomain ? [{ name: 'chainId', type: 'uint256' }] : []), { name: 'verifyingContract', type: 'address' }];
  return {
    types: {
      EIP712Domain: domainFields,
      SafeTx: [
        { name: 'to', type: 'address' },
        { name: 'value', type: 'uint256' },
        { name: 'data', type: 'bytes' },
        { name: 'operation', type: 'uint8' },
        { name: 'safeTxGas', type: 'uint256' },
        { name: shape.gasField, type: 'uint256' },
        { name: 'gasPrice', type: 'uint256' },
        { name: 'gasToken', type: 'address' },
        { name: 'refundReceiver', type: 'address' },
        { name: 'nonce', type: 'uint256' },
      ],
    },
    primaryType: 'SafeTx',
    domain: shape.chainIdInDomain ? { chainId: chainId.toString(), verifyingContract: safe } : { verifyingContract: safe },
    message: {
      to: tx.to,
      value: tx.value.toString(),
      data: '0x' + toHex(tx.data),
      operation: tx.operation,
      safeTxGas: tx.safeTxGas.toString(),
      [shape.gasField]: tx.baseGas.toString(),
      gasPrice: tx.gasPrice.toString(),
      gasToken: tx.gasToken,
      refundReceiver: tx.refundReceiver,
      nonce: tx.nonce.toString(),
    },
  };
}
