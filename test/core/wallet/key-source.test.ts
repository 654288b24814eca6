/**
 * Keys found by origin (src/core/wallet/key-source.ts): a descriptor's key source holds every
 * fingerprint of its keys — one for a single-key account, several for a wallet over several keys —
 * and derives a key only below the origin of a key with that fingerprint, through unhardened steps.
 */
import { describe, expect, it } from 'vitest';
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { withVersion } from '../../../src/core/hd/slip132.js';
import { NETWORKS } from '../../../src/core/network.js';
import type { Descriptor } from '../../../src/core/wallet/descriptor.js';
import { DescriptorKeys } from '../../../src/core/wallet/key-source.js';

const H = 0x80000000;
const net = NETWORKS.testnet;
const seeds = ['abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about', 'zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo wrong'].map((m) => HDKey.fromMasterSeed(mnemonicToSeedSync(m)));
const origin = [48 + H, 1 + H, H, 2 + H];
const hex = (b: Uint8Array | undefined) => (b ? Buffer.from(b).toString('hex') : 'none');

/** A descriptor over two keys of two seeds (the shape a 2-key wallet has), built directly: the reader refuses multisig for now. */
const twoKeys: Descriptor = {
  script: 'wpkh',
  threshold: 1,
  mainnet: false,
  branches: [0, 1],
  keys: seeds.map((r) => ({ fingerprint: r.fingerprint.toString(16).padStart(8, '0'), originPath: origin, xpub: withVersion(r.derive("m/48'/1'/0'/2'").publicExtendedKey, net.bip32.public), prefix: [] })),
};

describe('DescriptorKeys', () => {
  const keys = new DescriptorKeys(twoKeys, net);
  it('holds every fingerprint of its keys', () => {
    expect(keys.fingerprints).toEqual(seeds.map((r) => r.fingerprint >>> 0));
  });
  it('derives each key below its own origin, as the seed does', () => {
    for (const r of seeds) {
      for (const tail of [[0, 0], [1, 7], [0, 99]]) {
        expect(hex(keys.publicKey(r.fingerprint >>> 0, [...origin, ...tail]))).toBe(hex(r.derive(`m/48'/1'/0'/2'/${tail.join('/')}`).publicKey!));
      }
    }
  });
  it('no key outside an origin, under another fingerprint, through a hardened step, or at the origin itself', () => {
    const fp = seeds[0]!.fingerprint >>> 0;
    expect(keys.publicKey(fp, [84 + H, 1 + H, H, 0, 0])).toBeUndefined();
    expect(keys.publicKey(0x12345678, [...origin, 0, 0])).toBeUndefined();
    expect(keys.publicKey(fp, [...origin, H, 0])).toBeUndefined();
    expect(keys.publicKey(fp, origin)).toBeUndefined();
  });
});
