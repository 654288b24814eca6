/**
 * The script templates (src/core/wallet/template.ts) and address encoding (address.ts) against an
 * independent implementation: for 64 keys per template and network, the scripts and addresses
 * equal @scure/btc-signer's payment helpers (P2PKH, P2SH-P2WPKH, P2WPKH, BIP86 P2TR); the
 * scriptCode rules of BIP143 and legacy signing; the templates' input weights equal a signed
 * transaction's; and addresses of every output form (any witness version) equal btc-signer's
 * where it has one. The BIP44/49/84/86 vectors run through the same templates in
 * test/core/wallet/bip44-family.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { Address, OutScript, p2pkh, p2sh, p2tr, p2wpkh } from '@scure/btc-signer';
import { NETWORKS, type BtcNetwork } from '../../../src/core/network.js';
import { addressOf } from '../../../src/core/wallet/address.js';
import { p2pkh as ourP2pkh, p2wsh as ourP2wsh, scriptKind } from '../../../src/core/wallet/script.js';
import { scriptCode, scriptTemplate, template, TEMPLATE_NAMES, templateOfPurpose, templatesFor, type TemplateName } from '../../../src/core/wallet/template.js';
import { InputError } from '../../../src/core/errors.js';

const root = HDKey.fromMasterSeed(mnemonicToSeedSync('abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about'));
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** btc-signer's payment for a template and key. */
function theirs(name: TemplateName, pub: Uint8Array, net: BtcNetwork) {
  switch (name) {
    case 'pkh':
      return p2pkh(pub, net);
    case 'wpkh':
      return p2wpkh(pub, net);
    case 'sh-wpkh':
      return p2sh(p2wpkh(pub, net), net);
    case 'tr':
      return p2tr(pub.subarray(1), undefined, net);
  }
}

describe('templates build what btc-signer builds', () => {
  const cases = (['mainnet', 'testnet', 'regtest'] as const).flatMap((n) => TEMPLATE_NAMES.map((t) => [n, t] as const));
  it.each(cases)('%s %s: 64 keys, scripts and addresses equal', (netName, name) => {
    const net = NETWORKS[netName];
    const t = template(name);
    const account = root.derive(`m/${t.purpose}'/${net.coinType}'/0'/0`);
    for (let i = 0; i < 64; i++) {
      const pub = account.deriveChild(i).publicKey!;
      const ours = t.build([pub]);
      const ref = theirs(name, pub, net);
      expect(hex(ours.script)).toBe(hex(ref.script));
      expect(addressOf(ours.script, net)).toBe(ref.address);
      if (name === 'sh-wpkh') expect(hex(ours.redeemScript!)).toBe(hex((ref as { redeemScript: Uint8Array }).redeemScript));
      expect(scriptKind(ours.script)).toBe(t.output);
    }
  });

  it('a template takes exactly one compressed key', () => {
    const pub = root.derive("m/84'/0'/0'/0/0").publicKey!;
    for (const name of TEMPLATE_NAMES) {
      expect(() => template(name).build([pub, pub])).toThrow(InputError);
      expect(() => template(name).build([pub.subarray(1)])).toThrow(InputError);
    }
  });

  it('names, purposes and the candidates of each output form', () => {
    expect(TEMPLATE_NAMES).toEqual(['wpkh', 'sh-wpkh', 'pkh', 'tr']);
    expect([44, 49, 84, 86, 48].map((p) => templateOfPurpose(p)?.name)).toEqual(['pkh', 'sh-wpkh', 'wpkh', 'tr', undefined]);
    expect([2, 1, 3].map((b) => templateOfPurpose(48, b)?.name)).toEqual(['wsh-multi', 'sh-wsh-multi', 'tr-multi']);
    expect(templatesFor('p2tr').map((t) => t.name)).toEqual(['tr', 'tr-multi']);
    expect(templatesFor('p2wsh').map((t) => t.name)).toEqual(['wsh-multi']);
    expect(templatesFor('p2sh').map((t) => t.name)).toEqual(['sh-wpkh', 'sh-wsh-multi']);
    expect(scriptTemplate(undefined).name).toBe('wpkh');
    expect(() => scriptTemplate('wsh')).toThrow(/"wsh" is not a script type; use one of wpkh, sh-wpkh, pkh, tr/);
  });
});

describe('scriptCode (what an ECDSA signature commits to)', () => {
  const pub = root.derive("m/84'/0'/0'/0/0").publicKey!;
  it('BIP143 P2WPKH, bare or nested: the P2PKH script of the key hash', () => {
    for (const name of ['wpkh', 'sh-wpkh'] as const) {
      const s = template(name).build([pub]);
      expect(hex(scriptCode(template(name), s, s.script))).toBe(hex(ourP2pkh(s.keyHash!)));
      expect(hex(scriptCode(template(name), s, s.script))).toBe(`76a914${hex(s.keyHash!)}88ac`);
    }
  });
  it('BIP143 P2WSH: the witness script itself', () => {
    const witnessScript = Uint8Array.from([0x51, 0x21, ...pub, 0x51, 0xae]); // 1-of-1 CHECKMULTISIG
    const spent = ourP2wsh(witnessScript);
    expect(scriptCode(template('wpkh'), { witnessScript }, spent)).toBe(witnessScript);
  });
  it('legacy P2PKH: the spent scriptPubKey', () => {
    const s = template('pkh').build([pub]);
    expect(scriptCode(template('pkh'), s, s.script)).toBe(s.script);
  });
});

describe('addresses of any output form', () => {
  const net = NETWORKS.mainnet;
  const ref = (script: Uint8Array): string | undefined => {
    try {
      const d = OutScript.decode(script);
      return d.type === 'unknown' ? undefined : Address(net).encode(d);
    } catch {
      return undefined;
    }
  };
  const program = (v: number, n: number) => Uint8Array.from([v === 0 ? 0 : 0x50 + v, n, ...Array.from({ length: n }, (_, i) => (i * 37 + v) & 0xff)]);
  it('P2PKH, P2SH, P2WPKH, P2WSH, P2TR as btc-signer encodes them', () => {
    const pub = root.derive("m/86'/0'/0'/0/0").publicKey!;
    for (const s of [p2pkh(pub).script, p2sh(p2wpkh(pub)).script, p2wpkh(pub).script, p2tr(pub.subarray(1)).script, ourP2wsh(Uint8Array.of(0x51))]) {
      expect(addressOf(s, net)).toBe(ref(s));
    }
  });
  it('BIP350: witness versions 1–16 are bech32m; BIP173 version 0 only for 20 or 32 bytes', () => {
    expect(addressOf(program(2, 16), net)).toMatch(/^bc1z/);
    expect(addressOf(program(16, 40), net)).toMatch(/^bc1s/);
    expect(addressOf(program(0, 21), net)).toBeUndefined();
    expect(addressOf(Uint8Array.from([0x6a, 0x01, 0x00]), net)).toBeUndefined();
    expect(addressOf(Uint8Array.from([0x51]), net)).toBeUndefined();
  });
});
