/**
 * Owner signatures: the published signature recovers its signer, coldkit's own signatures (EIP-712
 * and eth_sign kinds) recover the key, collection drops duplicates and non-owners and orders by
 * owner address, and malformed signatures are refused with the field named.
 */
import { SigningKey, Wallet, getBytes, hashMessage } from 'ethers';
import { describe, expect, it } from 'vitest';
import { collectSignatures, recoverOwnerSignature } from '../../../../src/core/eth/safe/signatures.js';
import { signDigest } from '../../../../src/core/eth/sign.js';
import { fixtureJson } from '../../../helpers/fixtures.js';

const V = fixtureJson<{ safeTxHash: string; signature?: string; signer?: string }[]>('safe-tx-hashes/vectors.json').find((v) => v.signature)!;
const KEYS = ['0x' + '11'.repeat(32), '0x' + '22'.repeat(32), '0x' + '33'.repeat(32)].map((k) => new Wallet(k));
const HASH = V.safeTxHash;
const sign = (i: number) => signDigest(HASH, getBytes(KEYS[i]!.privateKey)).signature;

describe('Safe owner signatures', () => {
  it('the published execTransaction signature recovers its signer', () => {
    const r = recoverOwnerSignature(V.safeTxHash, V.signature!);
    expect(r.owner).toBe(V.signer);
    expect(r.kind).toBe('eip712');
  });

  it('an eth_sign signature (v + 4) recovers the same owner', () => {
    const sig = new SigningKey(KEYS[0]!.privateKey).sign(hashMessage(getBytes(HASH)));
    const bytes = getBytes(sig.serialized);
    bytes[64] = bytes[64]! + 4;
    const r = recoverOwnerSignature(HASH, '0x' + Buffer.from(bytes).toString('hex'));
    expect(r).toMatchObject({ owner: KEYS[0]!.address, kind: 'eth_sign', verified: true });
  });

  it('collect: verified, de-duplicated, ordered by owner address, missing counted', () => {
    const sigs = [sign(2), sign(0), sign(2), sign(1)];
    const owners = KEYS.map((k) => k.address);
    const c = collectSignatures(HASH, sigs, owners, 3);
    const sorted = [...owners].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
    expect(c.signatures.map((s) => s.owner)).toEqual(sorted);
    expect(c.dropped).toEqual([{ owner: KEYS[2]!.address, reason: 'duplicate' }]);
    expect(c.missing).toBe(0);
    expect(c.packed.length).toBe(2 + 130 * 3);
    const two = collectSignatures(HASH, [sign(0)], owners.slice(1), 2);
    expect(two.dropped[0]!.reason).toBe('not an owner');
    expect(two.missing).toBe(2);
  });

  it('approved-hash signatures (v = 1) are kept as unverified, contract signatures refused', () => {
    const owner = KEYS[1]!.address;
    const approved = '0x' + owner.slice(2).toLowerCase().padStart(64, '0') + '00'.repeat(32) + '01';
    expect(recoverOwnerSignature(HASH, approved)).toMatchObject({ owner, kind: 'approved-hash', verified: false });
    expect(() => recoverOwnerSignature(HASH, approved.slice(0, -2) + '00')).toThrow(/contract signature/);
  });

  it('malformed signatures are refused with a reason', () => {
    expect(() => recoverOwnerSignature(HASH, '0x1234')).toThrow(/130 hex digits/);
    expect(() => recoverOwnerSignature(HASH, sign(0).slice(0, -2) + '05')).toThrow(/v = 5/);
    const high = '0x' + sign(0).slice(2, 66) + 'f'.repeat(64) + '1b';
    expect(() => recoverOwnerSignature(HASH, high)).toThrow(/high s/);
  });
});
