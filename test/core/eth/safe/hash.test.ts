/**
 * Safe transaction hashes: the published known answers (fixtures/safe-tx-hashes, verbatim), the
 * type hashes recomputed from their type strings, and every listed version against ethers'
 * TypedDataEncoder (an independent EIP-712 implementation) over the typed data we produce.
 */
import { TypedDataEncoder, id } from 'ethers';
import { describe, expect, it } from 'vitest';
import { DOMAIN_TYPEHASH_CHAIN, DOMAIN_TYPEHASH_LEGACY, SAFE_TX_TYPEHASH, SAFE_TX_TYPEHASH_DATAGAS, domainSeparator, safeHashes, safeTxTypedData, type SafeTx } from '../../../../src/core/eth/safe/hash.js';
import { SAFE_VERSIONS, versionShape } from '../../../../src/core/eth/safe/versions.js';
import { fromHex } from '../../../../src/core/text.js';
import { fixtureJson } from '../../../helpers/fixtures.js';

interface Vector {
  name: string;
  chainId: number;
  safeVersion: string;
  multisig: string;
  to: string;
  value: string;
  data: string;
  operation: 0 | 1;
  safeTxGas: string;
  baseGas: string;
  gasPrice: string;
  gasToken: string;
  refundReceiver: string;
  nonce: string;
  domainHash: string;
  messageHash: string;
  safeTxHash: string;
}

const VECTORS = fixtureJson<Vector[]>('safe-tx-hashes/vectors.json');

export function vectorTx(v: Vector): SafeTx {
  return {
    to: v.to,
    value: BigInt(v.value),
    data: fromHex(v.data.slice(2), 'data'),
    operation: v.operation,
    safeTxGas: BigInt(v.safeTxGas),
    baseGas: BigInt(v.baseGas),
    gasPrice: BigInt(v.gasPrice),
    gasToken: v.gasToken,
    refundReceiver: v.refundReceiver,
    nonce: BigInt(v.nonce),
  };
}

describe('Safe hash known answers (safe-tx-hashes-util, morpho safe-tx-hash)', () => {
  for (const v of VECTORS) {
    it(v.name, () => {
      const h = safeHashes(versionShape(v.safeVersion)!, BigInt(v.chainId), v.multisig, vectorTx(v));
      expect(h.domainHash).toBe(v.domainHash.toLowerCase());
      expect(h.messageHash).toBe(v.messageHash.toLowerCase());
      expect(h.safeTxHash).toBe(v.safeTxHash.toLowerCase());
    });
  }
});

describe('type hashes are keccak256 of the Safe contracts type strings', () => {
  it('domain with and without chainId, SafeTx with baseGas and dataGas', () => {
    expect(id('EIP712Domain(uint256 chainId,address verifyingContract)')).toBe(DOMAIN_TYPEHASH_CHAIN);
    expect(id('EIP712Domain(address verifyingContract)')).toBe(DOMAIN_TYPEHASH_LEGACY);
    const fields = (gas: string) => `SafeTx(address to,uint256 value,bytes data,uint8 operation,uint256 safeTxGas,uint256 ${gas},uint256 gasPrice,address gasToken,address refundReceiver,uint256 nonce)`;
    expect(id(fields('baseGas'))).toBe(SAFE_TX_TYPEHASH);
    expect(id(fields('dataGas'))).toBe(SAFE_TX_TYPEHASH_DATAGAS);
  });
});

describe('every listed Safe version against ethers TypedDataEncoder', () => {
  const tx = vectorTx(VECTORS[2]!);
  tx.gasPrice = 7n;
  tx.baseGas = 21000n;
  tx.safeTxGas = 5n;
  const safe = '0x5EA1d9A6dDC3A0329378a327746D71A2019eC332';
  for (const [version, shape] of Object.entries(SAFE_VERSIONS)) {
    it(`${version}: ${shape.chainIdInDomain ? 'chainId in the domain' : 'no chainId in the domain'}, ${shape.gasField}`, () => {
      const td = safeTxTypedData(shape, 10n, safe, tx);
      const { EIP712Domain: _d, ...types } = td.types;
      const expected = TypedDataEncoder.hash(td.domain, types, td.message);
      const h = safeHashes(shape, 10n, safe, tx);
      expect(h.safeTxHash).toBe(expected);
      expect(h.domainHash).toBe(TypedDataEncoder.hashDomain(td.domain));
      expect(h.messageHash).toBe(TypedDataEncoder.from(types).hash(td.message));
    });
  }
  it('the chain id changes the hash from 1.3.0 on and not before', () => {
    expect(domainSeparator(versionShape('1.1.1')!, 1n, safe)).toBe(domainSeparator(versionShape('1.1.1')!, 137n, safe));
    expect(domainSeparator(versionShape('1.3.0')!, 1n, safe)).not.toBe(domainSeparator(versionShape('1.3.0')!, 137n, safe));
  });
  it('an unknown version has no shape; +L2 is the same shape', () => {
    expect(versionShape('1.6.0')).toBeNull();
    expect(versionShape('1.3.0+L2')).toEqual(versionShape('1.3.0'));
  });
});
