/**
 * The signer's own BIP32 derivation (seed-keys.ts) against @scure/bip32: `SeedKeys.fromSeed`
 * with Node's native HMAC-SHA512 (what `psbt sign` uses) and with noble's must give the master
 * fingerprint and, at every path, the public key HDKey derives; BIP32 test vector 1's seed too.
 */
import { describe, expect, it } from 'vitest';
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { SeedKeys } from '../../../src/core/btc/seed-keys.js';
import { nativeHmacSha512 } from '../../../src/cli/psbt/seed.js';
import { SAMPLE_MNEMONIC } from '../../helpers/build-psbt.js';

const H = 0x80000000;
const PATHS = [[], [0], [H], [84 + H, 1 + H, H, 0, 0], [84 + H, 1 + H, H, 1, 7], [44 + H, H, H, 0, 999], [86 + H, 1 + H, H, 0, 5], [0xffffffff, 1, 2]];
const hex = (b: Uint8Array | undefined) => (b ? Buffer.from(b).toString('hex') : 'none');

describe('SeedKeys.fromSeed', () => {
  const seeds = [mnemonicToSeedSync(SAMPLE_MNEMONIC), Uint8Array.from(Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex'))];
  for (const [n, seed] of seeds.entries()) {
    for (const [name, hmac] of [['native', nativeHmacSha512], ['noble', undefined]] as const) {
      it(`seed ${n}, ${name} HMAC: same fingerprint and keys as @scure/bip32`, () => {
        const root = HDKey.fromMasterSeed(seed);
        const keys = SeedKeys.fromSeed(seed, hmac);
        expect(keys.fingerprint).toBe(root.fingerprint >>> 0);
        for (const p of PATHS) {
          const want = p.length ? root.derive('m/' + p.map((i) => (i >= H ? `${i - H}'` : `${i}`)).join('/')) : root;
          expect(hex(keys.publicKey(root.fingerprint, p)), p.join('/')).toBe(hex(want.publicKey!));
          expect(hex(keys.keyPair(root.fingerprint.toString(16).padStart(8, '0'), p)?.priv), p.join('/')).toBe(hex(want.privateKey!));
        }
      });
    }
  }
  it('keys are found by origin: another master fingerprint has none', () => {
    const keys = SeedKeys.fromSeed(seeds[0]!, nativeHmacSha512);
    expect(keys.fingerprints).toEqual([keys.fingerprint]);
    expect(keys.publicKey(keys.fingerprint ^ 1, [0])).toBeUndefined();
    expect(keys.keyPair('00000000', [0])).toBeUndefined();
  });
  it('holdsAccount: true only for its own key at the origin, point and chain code both', () => {
    const root = HDKey.fromMasterSeed(seeds[0]!);
    const keys = SeedKeys.fromSeed(seeds[0]!, nativeHmacSha512);
    const origin = [48 + H, 1 + H, H, 2 + H];
    const acct = root.derive("m/48'/1'/0'/2'");
    const own = { publicKey: acct.publicKey!, chainCode: acct.chainCode! };
    expect(keys.holdsAccount(keys.fingerprint, origin, own)).toBe(true);
    // Another chain code (the same point), another point, another origin, another master: not held.
    const flipped = Uint8Array.from(own.chainCode);
    flipped[0]! ^= 1;
    expect(keys.holdsAccount(keys.fingerprint, origin, { publicKey: own.publicKey, chainCode: flipped })).toBe(false);
    expect(keys.holdsAccount(keys.fingerprint, origin, { publicKey: root.derive("m/48'/1'/0'/1'").publicKey!, chainCode: own.chainCode })).toBe(false);
    expect(keys.holdsAccount(keys.fingerprint, [48 + H, 1 + H, H, 1 + H], own)).toBe(false);
    expect(keys.holdsAccount(keys.fingerprint ^ 1, origin, own)).toBe(false);
  });
  it('signingKey: the private key, and its public key only once computed', () => {
    const root = HDKey.fromMasterSeed(seeds[0]!);
    const keys = SeedKeys.fromSeed(seeds[0]!, nativeHmacSha512);
    const fp = root.fingerprint.toString(16).padStart(8, '0');
    const path = [48 + H, 1 + H, H, 2 + H, 0, 3];
    const want = root.derive("m/48'/1'/0'/2'/0/3");
    const before = keys.signingKey(fp, path)!;
    expect(hex(before.priv)).toBe(hex(want.privateKey!));
    expect(before.pub).toBeUndefined();
    keys.publicKey(root.fingerprint, path);
    const after = keys.signingKey(fp, path)!;
    expect(hex(after.pub)).toBe(hex(want.publicKey!));
    expect(after.pubFull?.length).toBe(65);
    expect(keys.signingKey('00000000', path)).toBeUndefined();
  });
  it('adoptPublicKey: a key derived by CKDpub from its account key becomes the path\'s public key, never over one computed', () => {
    const root = HDKey.fromMasterSeed(seeds[0]!);
    const keys = SeedKeys.fromSeed(seeds[0]!, nativeHmacSha512);
    const fp = root.fingerprint.toString(16).padStart(8, '0');
    const path = [48 + H, 1 + H, H, 2 + H, 1, 4];
    const want = root.derive("m/48'/1'/0'/2'/1/4").publicKey!;
    const point = new Uint8Array(65).fill(4);
    keys.adoptPublicKey(keys.fingerprint, path, want, point);
    expect(hex(keys.signingKey(fp, path)!.pub)).toBe(hex(want));
    expect(keys.signingKey(fp, path)!.pubFull).toBe(point);
    expect(hex(keys.publicKey(keys.fingerprint, path))).toBe(hex(want));
    const other = [48 + H, 1 + H, H, 2 + H, 1, 5];
    const computed = keys.publicKey(keys.fingerprint, other)!;
    keys.adoptPublicKey(keys.fingerprint, other, want, point);
    expect(keys.publicKey(keys.fingerprint, other)).toBe(computed);
  });
  it('BIP32 test vector 1: master fingerprint 3442193e', () => {
    expect(SeedKeys.fromSeed(seeds[1]!, nativeHmacSha512).fingerprint.toString(16)).toBe('3442193e');
  });
  it('refuses a seed outside 16..64 bytes', () => {
    expect(() => SeedKeys.fromSeed(new Uint8Array(15))).toThrow(RangeError);
  });
});
