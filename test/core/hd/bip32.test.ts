/**
 * BIP32 test vectors 1–5 from bip-0032.mediawiki (stored verbatim): each chain derived from the
 * seed through coldkit's masterKey/deriveIndices (xpub and xprv), the public-only derivation
 * (CKDpub) for every unhardened step, and every invalid key of vector 5 rejected.
 */
import { describe, expect, it } from 'vitest';
import { NETWORKS } from '../../../src/core/network.js';
import { InputError } from '../../../src/core/errors.js';
import { parseDescriptor } from '../../../src/core/wallet/descriptor.js';
import { deriveIndices, masterKey, publicNode } from '../../../src/core/hd/keys.js';
import { isHardened, parsePath } from '../../../src/core/hd/path.js';
import { normalizeExtendedPublic } from '../../../src/core/hd/slip132.js';
import { fromHex } from '../../../src/core/text.js';
import { bip32Chains, bip32InvalidKeys } from '../../helpers/spec-text.js';

const chains = bip32Chains();
const invalid = bip32InvalidKeys();

describe('BIP32 test vectors 1-4', () => {
  it('the fixture yields 17 chains over vectors 1-4', () => {
    expect(chains).toHaveLength(17);
    expect(new Set(chains.map((c) => c.vector))).toEqual(new Set([1, 2, 3, 4]));
  });

  it.each(chains.map((c) => [c.vector, c.chain, c] as const))('vector %i chain %s', (_v, _chain, c) => {
    const root = masterKey(fromHex(c.seedHex, 'seed'), NETWORKS.mainnet);
    const indices = parsePath(c.chain);
    const node = deriveIndices(root, indices);
    expect(node.privateExtendedKey).toBe(c.xprv);
    expect(node.publicExtendedKey).toBe(c.xpub);
  });

  // CKDpub: when the last step is unhardened, the child xpub follows from the parent xpub alone.
  const pubSteps = chains.flatMap((c, i) => {
    const idx = parsePath(c.chain);
    const parent = chains[i - 1];
    if (!parent || parent.vector !== c.vector || idx.length === 0 || isHardened(idx[idx.length - 1]!)) return [];
    return [[c.vector, c.chain, parent.xpub, idx[idx.length - 1]!, c.xpub] as const];
  });
  it('there are 6 unhardened steps to check from the parent xpub', () => {
    expect(pubSteps).toHaveLength(6);
  });
  it.each(pubSteps)('vector %i chain %s from the parent xpub', (_v, _c, parentXpub, index, xpub) => {
    expect(publicNode(parentXpub, NETWORKS.mainnet).deriveChild(index).publicExtendedKey).toBe(xpub);
  });
});

describe('BIP32 test vector 5: invalid extended keys are rejected', () => {
  it('the fixture holds 16 invalid keys', () => {
    expect(invalid).toHaveLength(16);
  });

  it.each(invalid.map((k) => [k.reason, k.key] as const))('%s: %s', (_reason, key) => {
    // The BIP32 parser coldkit uses for every extended key it reads.
    expect(() => publicNode(key, NETWORKS.mainnet)).toThrow();
    // The input edge (descriptors for address list/find, PSBT wallets): an InputError (exit 2), never an internal error.
    if (key.startsWith('xpub') || key.startsWith('DMwo')) {
      expect(() => normalizeExtendedPublic(key)).toThrow(InputError);
    }
    let err: unknown;
    try {
      parseDescriptor(`wpkh(${key}/0/*)`);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
  });
});
