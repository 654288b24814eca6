/**
 * BIP39 with the Trezor reference vectors (fixtures/bip39/vectors.json, passphrase "TREZOR"):
 * entropy → mnemonic → (parse back to entropy) → seed → BIP32 root xprv, through coldkit's own
 * functions. One test per English vector; other languages are skipped (coldkit reads English only).
 */
import { describe, expect, it } from 'vitest';
import { mnemonicFromEntropy, parseMnemonic } from '../../../src/core/bip39/mnemonic.js';
import { masterKey, seedFromMnemonic } from '../../../src/core/hd/keys.js';
import { NETWORKS } from '../../../src/core/network.js';
import { fromHex, toHex } from '../../../src/core/text.js';
import { fixtureText } from '../../helpers/spec-text.js';

const vectors = JSON.parse(fixtureText('bip39/vectors.json')) as Record<string, [string, string, string, string][]>;
const english = vectors.english!;

describe('BIP39 Trezor vectors (english, passphrase "TREZOR")', () => {
  it('the fixture holds the 24 English vectors', () => {
    expect(english).toHaveLength(24);
  });

  it.each(english.map((v, i) => [i + 1, ...v] as const))('vector %i: %s', (_n, entropyHex, mnemonic, seedHex, xprv) => {
    const entropy = fromHex(entropyHex, 'entropy');
    expect(mnemonicFromEntropy(entropy)).toBe(mnemonic);
    const parsed = parseMnemonic(mnemonic);
    expect(parsed.phrase).toBe(mnemonic);
    expect(toHex(parsed.entropy)).toBe(entropyHex);
    const seed = seedFromMnemonic(parsed.phrase, 'TREZOR');
    expect(toHex(seed)).toBe(seedHex);
    expect(masterKey(seed, NETWORKS.mainnet).privateExtendedKey).toBe(xprv);
  });
});

describe('BIP39 passphrase normalisation (NFKD)', () => {
  it('composed and decomposed forms of the same passphrase give the same seed', () => {
    const phrase = english[0]![1];
    const nfc = 'caf\u00e9 \u2460'; // é precomposed, circled digit one
    const nfd = 'cafe\u0301 1'; // e + combining acute; NFKD maps ① to 1
    expect(toHex(seedFromMnemonic(phrase, nfc))).toBe(toHex(seedFromMnemonic(phrase, nfd)));
    expect(toHex(seedFromMnemonic(phrase, nfc))).not.toBe(toHex(seedFromMnemonic(phrase, 'cafe 1')));
  });
});
