/**
 * Legacy signed messages (BIP-137 headers, Electrum's convention) against published vectors:
 * bitcoinjs-message's fixtures, Electrum's unit-test values and Trezor's device-test values
 * (fixtures/bip137/SOURCE.md), one test per vector; then round trips and mutations.
 */
import { describe, expect, it } from 'vitest';
import { base64, hex } from '@scure/base';
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { InputError } from '../../../../src/core/errors.js';
import { type LegacyScriptType, messageMagicHash, signLegacy, verifyLegacy } from '../../../../src/core/btc/message/bip137.js';
import { NETWORKS } from '../../../../src/core/network.js';
import { decodeWif, fixtureJson, utf8 } from '../../../helpers/fixtures.js';

const bjs = fixtureJson('bip137/bitcoinjs-message-fixtures.json');
const et = fixtureJson('bip137/electrum-trezor-vectors.json');
const mainnet = NETWORKS.mainnet;

describe('message digest (bitcoinjs-message magicHash)', () => {
  // Dogecoin's magic prefix is another network's; coldkit is Bitcoin only (SOURCE.md lists the skip).
  const cases = (bjs.valid.magicHash as { network: string; message: string; magicHash: string }[]).filter((v) => v.network === 'bitcoin');
  it.each(cases.map((v) => [JSON.stringify(v.message), v] as const))('%s', (_, v) => {
    expect(hex.encode(messageMagicHash(utf8(v.message)))).toBe(v.magicHash);
  });
});

describe('bitcoinjs-message sign vectors (private key 1)', () => {
  const v = (bjs.valid.sign as any[]).find((s) => s.network === 'bitcoin');
  const priv = new Uint8Array(32);
  priv[31] = 1;
  const cases: [string, LegacyScriptType, boolean, string][] = [
    ['uncompressed P2PKH', 'pkh', true, v.signature],
    ['compressed P2PKH', 'pkh', false, v.compressed.signature],
    ['P2SH-P2WPKH', 'sh-wpkh', false, v.segwit.P2SH_P2WPKH.signature],
    ['P2WPKH', 'wpkh', false, v.segwit.P2WPKH.signature],
  ];
  it.each(cases)('%s', (_, scriptType, uncompressed, expected) => {
    const s = signLegacy(utf8(v.message), priv, { scriptType, net: mainnet, uncompressed });
    expect(s.signature).toBe(expected);
  });
});

describe('bitcoinjs-message verify vectors', () => {
  const v = (bjs.valid.verify as any[]).find((s) => s.network === 'bitcoin');
  const cases: [string, string, string][] = [
    ['uncompressed P2PKH', v.address, v.signature],
    ['compressed P2PKH', v.compressed.address, v.compressed.signature],
    ['P2SH-P2WPKH', v.segwit.P2SH_P2WPKH.address, v.segwit.P2SH_P2WPKH.signature],
    ['P2WPKH', v.segwit.P2WPKH.address, v.segwit.P2WPKH.signature],
  ];
  it.each(cases)('%s', (_, address, sig) => {
    const r = verifyLegacy(utf8(v.message), address, sig);
    expect(r.state, r.reason).toBe('valid');
  });
  it.each((bjs.invalid.verify as any[]).map((x) => [x.description, x] as const))('rejects: %s', (_, x) => {
    expect(verifyLegacy(utf8(x.message), x.address, x.signature).state).toBe('invalid');
  });
  it.each((bjs.invalid.signature as any[]).map((x) => [x.exception, x] as const))('rejects a malformed signature: %s', (_, x) => {
    const r = verifyLegacy(utf8('vires is numeris'), '1PMycacnJaSqwwJqjawXBErnLsZ7RkXUAs', base64.encode(hex.decode(x.hex)));
    expect(r.state).toBe('invalid');
  });
});

describe('Electrum unit-test vectors', () => {
  it.each((et.electrum as any[]).map((v) => [v.test, v] as const))('%s', (_, v) => {
    const sig = v.signature ?? base64.encode(hex.decode(v.signatureHex));
    const r = verifyLegacy(utf8(v.message), v.address, sig);
    expect(r.state, r.reason).toBe(v.valid ? 'valid' : 'invalid');
    if (v.wif) {
      // Electrum signs with the compressed-P2PKH header for every type and grinds for a low R.
      const { priv, compressed } = decodeWif(v.wif);
      const ours = signLegacy(utf8(v.message), priv, { scriptType: v.scriptType ?? 'pkh', net: mainnet, uncompressed: !compressed, convention: 'electrum', lowR: true });
      expect(ours.address).toBe(v.address);
      expect(ours.signature).toBe(sig);
    }
  });
});

describe('Trezor device-test vectors ("all all … all" seed)', () => {
  const root = HDKey.fromMasterSeed(mnemonicToSeedSync(et.trezor.mnemonic));
  it.each((et.trezor.cases as any[]).map((v, i) => [`#${i + 1} ${v.coin} ${v.case}${v.noScriptType ? ' (no_script_type)' : ''}`, v] as const))('%s', (_, v) => {
    const message = utf8(v.message.repeat(v.messageRepeat ?? 1));
    const sig = base64.encode(hex.decode(v.signatureHex));
    const net = v.coin === 'Testnet' ? NETWORKS.testnet : mainnet;
    if (v.case === 'NFKD message') {
      // Trezor normalises the message to NFC before signing; coldkit signs the exact bytes given,
      // so the NFKD bytes are another message (the NFC vector proves the same signature).
      expect(verifyLegacy(message, v.address, sig).state).toBe('invalid');
      expect(verifyLegacy(utf8(v.message.normalize('NFC')), v.address, sig).state).toBe('valid');
      return;
    }
    expect(verifyLegacy(message, v.address, sig).state).toBe('valid');
    const key = root.derive(v.path.replace(/h/g, "'"));
    const ours = signLegacy(message, key.privateKey!, { scriptType: v.scriptType, net, convention: v.noScriptType ? 'electrum' : 'bip137' });
    expect(ours.address).toBe(v.address);
    expect(ours.signature).toBe(sig);
  });
});

const KEY = decodeWif('L1cgMEnShp73r9iCukoPE3MogLeueNYRD9JVsfT1zVHyPBR3KqBY').priv;
const TYPES: [LegacyScriptType, boolean][] = [['pkh', false], ['pkh', true], ['sh-wpkh', false], ['wpkh', false]];

describe('sign → verify round trips', () => {
  it.each(TYPES)('%s (uncompressed %s) under both conventions, mainnet and testnet', (scriptType, uncompressed) => {
    for (const net of [NETWORKS.mainnet, NETWORKS.testnet]) {
      for (const convention of ['bip137', 'electrum'] as const) {
        for (const m of ['', 'Hello World', 'ß→😄', 'a'.repeat(300), 'a'.repeat(70_000)]) {
          const s = signLegacy(utf8(m), KEY, { scriptType, net, convention, uncompressed });
          const r = verifyLegacy(utf8(m), s.address, s.signature, net);
          expect(r.state, r.reason).toBe('valid');
          expect(r.legacy?.header).toBe(s.header);
          expect(verifyLegacy(utf8(m + '.'), s.address, s.signature, net).state).toBe('invalid');
        }
      }
    }
  });
  it('refuses an uncompressed key for a segwit address', () => {
    expect(() => signLegacy(utf8('x'), KEY, { scriptType: 'wpkh', net: mainnet, uncompressed: true })).toThrow(InputError);
  });
  it('a P2TR address cannot carry a legacy signature', () => {
    const s = signLegacy(utf8('x'), KEY, { scriptType: 'wpkh', net: mainnet });
    const r = verifyLegacy(utf8('x'), 'bc1p5cyxnuxmeuwuvkwfem96lqzszd02n6xdcjrs20cac6yqjjwudpxqkedrcr', s.signature);
    expect(r.state).toBe('invalid');
    expect(r.reason).toMatch(/BIP-322/);
  });
});

describe('mutations: every single-bit change is rejected', () => {
  it.each(TYPES)('%s (uncompressed %s)', (scriptType, uncompressed) => {
    const m = utf8('I control this address. 2026-08-20');
    const s = signLegacy(m, KEY, { scriptType, net: mainnet, uncompressed });
    const raw = base64.decode(s.signature);
    for (let i = 0; i < raw.length; i++) {
      for (let bit = 0; bit < 8; bit++) {
        const b = raw.slice();
        b[i]! ^= 1 << bit;
        // Flipping bit 2 of the P2PKH header switches 27–30 ↔ 31–34: another (un)compressed key, another address.
        expect(verifyLegacy(m, s.address, base64.encode(b)).state, `byte ${i} bit ${bit}`).toBe('invalid');
      }
    }
  });
});
