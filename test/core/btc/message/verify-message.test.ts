/** One verifier for both formats: legacy and BIP-322 signatures are told apart by shape. */
import { describe, expect, it } from 'vitest';
import { base64, hex } from '@scure/base';
import { InputError } from '../../../../src/core/errors.js';
import { signLegacy } from '../../../../src/core/btc/message/bip137.js';
import { signBip322 } from '../../../../src/core/btc/message/bip322.js';
import { isLegacySignature, verifyMessage } from '../../../../src/core/btc/message/verify-message.js';
import { NETWORKS } from '../../../../src/core/network.js';
import { decodeWif, fixtureJson, utf8 } from '../../../helpers/fixtures.js';

const basic = fixtureJson('bip322/basic-test-vectors.json');
const generated = fixtureJson('bip322/generated-test-vectors.json');
const et = fixtureJson('bip137/electrum-trezor-vectors.json');
const KEY = decodeWif('L3VFeEujGtevx9w18HD1fhRbCH67Az2dpCymeRE1SoPK6XQtaN2k').priv;

describe('isLegacySignature', () => {
  it('is true for every legacy vector and false for every BIP-322 one (prefixed or not)', () => {
    const legacy = (et.electrum as any[]).map((v) => v.signature ?? base64.encode(hex.decode(v.signatureHex)));
    legacy.push(...(et.trezor.cases as any[]).map((v) => base64.encode(hex.decode(v.signatureHex))));
    const bip322 = [basic, generated].flatMap((d) => ['simple', 'full', 'proof_of_funds'].flatMap((s) => (d[s] ?? []).flatMap((v: any) => v.bip322_signatures as string[])));
    expect(legacy.every(isLegacySignature)).toBe(true);
    expect(bip322.some(isLegacySignature)).toBe(false);
    expect(bip322.map((s) => s.replace(/^(smp|ful|pof)/, '')).some(isLegacySignature)).toBe(false);
  });
});

describe('verifyMessage', () => {
  const m = utf8('one verifier');
  it('routes a legacy signature to the legacy verifier and a BIP-322 one to BIP-322', () => {
    const legacy = signLegacy(m, KEY, { scriptType: 'wpkh', net: NETWORKS.mainnet });
    const simple = signBip322(m, KEY, { scriptType: 'wpkh', net: NETWORKS.mainnet });
    expect(verifyMessage(m, legacy.address, legacy.signature)).toMatchObject({ state: 'valid', format: 'legacy' });
    expect(verifyMessage(m, simple.address, simple.signature)).toMatchObject({ state: 'valid', format: 'simple' });
    expect(verifyMessage(m, simple.address, 'AAAA')).toMatchObject({ state: 'invalid' });
  });
  it('recognises the network from the address, or holds the address to the one given', () => {
    const s = signBip322(m, KEY, { scriptType: 'tr', net: NETWORKS.testnet });
    expect(verifyMessage(m, s.address, s.signature)).toMatchObject({ state: 'valid', network: 'testnet' });
    expect(verifyMessage(m, s.address, s.signature, NETWORKS.signet)).toMatchObject({ state: 'valid', network: 'signet' });
    expect(() => verifyMessage(m, s.address, s.signature, NETWORKS.mainnet)).toThrow(/testnet address but the network is mainnet/);
  });
  it('an address that does not parse is a usage error naming the field', () => {
    expect(() => verifyMessage(m, 'bc1qnotanaddress', 'AAAA')).toThrow(InputError);
    expect(() => verifyMessage(m, 'bc1qnotanaddress', 'AAAA', undefined, '--address')).toThrow(/^--address: /);
  });
});
