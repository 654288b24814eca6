/**
 * The Ethereum account file (src/core/eth/account-file.ts): the export lists the addresses the
 * account xpub gives (checked against ethers' HD wallet), and walletRef believes a sender's path
 * only when the xpub gives that address there — an edited address, path or xpub is refused.
 */
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { HDNodeWallet } from 'ethers';
import { describe, expect, it } from 'vitest';
import { InputError, VerificationError } from '../../../src/core/errors.js';
import { ethAccountExport, walletRef } from '../../../src/core/eth/account-file.js';
import { SAMPLE_MNEMONIC } from '../../helpers/build-psbt.js';
import { ZOO } from '../../helpers/policy.js';

const exportOf = (mnemonic: string) => {
  const root = HDKey.fromMasterSeed(mnemonicToSeedSync(mnemonic));
  const fp = root.fingerprint.toString(16).padStart(8, '0');
  return JSON.parse(JSON.stringify(ethAccountExport(root.derive("m/44'/60'/0'"), fp, [0x8000002c, 0x8000003c, 0x80000000], 5))) as ReturnType<typeof ethAccountExport>;
};
const file = exportOf(SAMPLE_MNEMONIC);
const other = exportOf(ZOO);

describe('ethAccountExport', () => {
  it("lists the addresses ethers derives at m/44'/60'/0'/0/i", () => {
    for (const a of file.addresses) expect(a.address).toBe(HDNodeWallet.fromPhrase(SAMPLE_MNEMONIC, undefined, a.path.replaceAll('h', "'")).address);
  });
});

describe('walletRef', () => {
  it('gives the fingerprint and the checked path of a listed sender', () => {
    const ref = walletRef(file, file.addresses[3]!.address);
    expect(ref.path).toBe('m/44h/60h/0h/0/3');
    expect(ref.fingerprint).toBe(parseInt(file.fingerprint, 16));
  });
  it('a sender the file does not list has no path', () => {
    expect(walletRef(file, other.addresses[0]!.address).path).toBeUndefined();
  });
  it('refuses an address moved to another index (the path would sign with another key)', () => {
    const edited = structuredClone(file);
    edited.addresses[1]!.path = "m/44'/60'/0'/0/4";
    expect(() => walletRef(edited, file.addresses[1]!.address)).toThrow(VerificationError);
  });
  it("refuses another account's address listed in this file", () => {
    const edited = structuredClone(file);
    edited.addresses[0]!.address = other.addresses[0]!.address;
    expect(() => walletRef(edited, other.addresses[0]!.address)).toThrow(/xpub gives/);
  });
  it('refuses a swapped xpub', () => {
    const edited = { ...structuredClone(file), xpub: other.xpub };
    expect(() => walletRef(edited, file.addresses[2]!.address)).toThrow(VerificationError);
  });
  it('refuses a path outside the account or with a hardened tail', () => {
    for (const p of ["m/44'/60'/1'/0/0", "m/44'/60'/0'/0'/0", "m/44'/60'/0'"]) {
      const edited = structuredClone(file);
      edited.addresses[0]!.path = p;
      expect(() => walletRef(edited, file.addresses[0]!.address), p).toThrow(VerificationError);
    }
  });
  it('refuses a coldkit file without its xpub, and a malformed xpub', () => {
    const { xpub: _x, ...noXpub } = structuredClone(file);
    expect(() => walletRef(noXpub, file.addresses[0]!.address)).toThrow(InputError);
    expect(() => walletRef({ ...structuredClone(file), xpub: 'xpub123' }, file.addresses[0]!.address)).toThrow(/not a valid extended public key/);
  });
  it("reads other wallets' shapes (no xpub to check) as before", () => {
    const ref = walletRef({ masterFingerprint: 'DEADBEEF', accounts: [{ address: file.addresses[0]!.address, derivationPath: "m/44'/60'/0'/0/0" }] }, file.addresses[0]!.address);
    expect(ref).toEqual({ fingerprint: 0xdeadbeef, path: 'm/44h/60h/0h/0/0' });
  });
});
