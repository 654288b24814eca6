/**
 * Taproot vaults (src/core/wallet/tapscript-multisig.ts, template `tr-multi`, descriptor
 * `tr(NUMS,sortedmulti_a(k,…))`):
 * - the BIP387 multi_a/sortedmulti_a vectors, stored verbatim in fixtures/bip387, at the script
 *   level: each key expression is evaluated by the test's own evaluator and the leaf, tweak and
 *   output script coldkit builds must equal the vector's scriptPubKey byte for byte;
 * - a 2-of-3 vault of three published BIP39 test mnemonics at m/48'/coin'/0'/3': the first receive
 *   and change addresses equal @scure/btc-signer's p2tr(NUMS, p2tr_ms(2, x-only keys sorted));
 * - descriptor round trip, BIP380 checksum, and refusals (another internal key, multi_a, k > n).
 */
import { describe, expect, it } from 'vitest';
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import * as btc from '@scure/btc-signer';
import { InputError } from '../../../src/core/errors.js';
import { NETWORKS } from '../../../src/core/network.js';
import { taprootTreeOutputKey } from '../../../src/core/secp.js';
import { compareBytes } from '../../../src/core/bytes.js';
import { fromHex, toHex } from '../../../src/core/text.js';
import { formatDescriptor, parseDescriptor } from '../../../src/core/wallet/descriptor.js';
import { multiAScript, NUMS, NUMS_HEX, parseMultiA, tapLeafHash, tapVault } from '../../../src/core/wallet/tapscript-multisig.js';
import { template } from '../../../src/core/wallet/template.js';
import { Wallet } from '../../../src/core/wallet/wallet.js';
import { fixtureJson } from '../../helpers/fixtures.js';
import { descriptorVectors, evalXOnly, type DescriptorVector } from '../../helpers/descriptor-keys.js';
import { COSIGNER_MNEMONICS } from '../../helpers/vault-data.js';

type Vector = DescriptorVector;

const bip387Vectors = () => descriptorVectors('bip387/bip-0387.mediawiki');

/** The scriptPubKey of `tr(INTERNAL,multi_a|sortedmulti_a(k,…))` at child i, with coldkit's leaf builder and tweak. */
function build(descriptor: string, i: number): string {
  const m = /^tr\(([^,]+),(multi_a|sortedmulti_a)\((.*)\)\)$/.exec(descriptor)!;
  const [k, ...keys] = m[3]!.split(',');
  const leaf = multiAScript(Number(k), keys.map((x) => evalXOnly(x, i)), m[2] === 'sortedmulti_a');
  const q = taprootTreeOutputKey(evalXOnly(m[1]!, i), tapLeafHash(leaf))!;
  return `5120${toHex(q.outputKey)}`;
}

describe('BIP387 test vectors (script level)', () => {
  const { valid, invalid } = bip387Vectors();
  it('reads the 6 valid and 7 invalid vectors of the stored BIP', () => {
    expect(valid.length).toBe(6);
    expect(invalid.length).toBe(7);
  });
  it.each(valid.map((v, n) => [n + 1, v] as const))('valid %i: coldkit builds the listed scriptPubKeys', (_, v) => {
    v.scripts.forEach((hex, i) => expect(build(v.descriptor, i)).toBe(hex));
  });
  it('the NUMS + sortedmulti_a vectors give the same output through tapVault (the vault builder)', () => {
    const v = valid.find((x) => x.descriptor.includes('sortedmulti_a(2,xpub'))!;
    const m = /sortedmulti_a\(2,(.*)\)\)$/.exec(v.descriptor)!;
    v.scripts.forEach((hex, i) => expect(`5120${toHex(tapVault(2, m[1]!.split(',').map((e) => xpubChild(e, i))).outputKey)}`).toBe(hex));
  });
  it.each(invalid.map((v) => [v.label, v] as const))('invalid: %s — refused by the descriptor reader', (_, v) => {
    expect(() => parseDescriptor(v.descriptor)).toThrow(InputError);
  });
});

/** A compressed key of an xpub expression (`xpub…/a/b/*`) at child i. */
function xpubChild(expr: string, i: number): Uint8Array {
  const [ext, ...steps] = expr.split('/');
  let node = HDKey.fromExtendedKey(ext!);
  for (const st of steps) node = node.deriveChild(st === '*' ? i : Number(st));
  return node.publicKey!;
}

const TPUB = { public: 0x043587cf, private: 0x04358394 };

/** The cosigners at m/48'/coin'/0'/3' derived here with @scure/bip32. */
function cosigners(coin: 0 | 1) {
  return COSIGNER_MNEMONICS.slice(0, 3).map((m) => {
    const root = HDKey.fromMasterSeed(mnemonicToSeedSync(m), coin === 1 ? TPUB : undefined);
    const acct = root.derive(`m/48'/${coin}'/0'/3'`);
    return { fp: root.fingerprint.toString(16).padStart(8, '0'), xpub: acct.publicExtendedKey, node: acct };
  });
}

function vaultText(coin: 0 | 1): string {
  return `tr(${NUMS_HEX},sortedmulti_a(2,${cosigners(coin).map((k) => `[${k.fp}/48h/${coin}h/0h/3h]${k.xpub}/<0;1>/*`).join(',')}))`;
}

interface Bip341ScriptPubKey {
  given: { internalPubkey: string; scriptTree: null | { script: string; leafVersion: number } | unknown[] };
  intermediary: { leafHashes?: string[]; tweakedPubkey: string };
  expected: { scriptPubKey: string; scriptPathControlBlocks?: string[] };
}

describe('BIP341 scriptPubKey vectors with one tapscript leaf (fixtures/bip341)', () => {
  const all = fixtureJson<{ scriptPubKey: Bip341ScriptPubKey[] }>('bip341/wallet-test-vectors.json').scriptPubKey;
  const single = all.filter((v) => v.given.scriptTree && !Array.isArray(v.given.scriptTree));
  it('has the 2 single-leaf cases', () => expect(single.length).toBe(2));
  it.each(single.map((v, n) => [n + 1, v] as const))('single leaf %i: leaf hash, output key and control block', (_, v) => {
    const leaf = v.given.scriptTree as { script: string; leafVersion: number };
    expect(leaf.leafVersion).toBe(0xc0);
    const lh = tapLeafHash(fromHex(leaf.script, 'leaf'));
    expect(toHex(lh)).toBe(v.intermediary.leafHashes![0]);
    const q = taprootTreeOutputKey(fromHex(v.given.internalPubkey, 'key'), lh)!;
    expect(toHex(q.outputKey)).toBe(v.intermediary.tweakedPubkey);
    expect(`5120${toHex(q.outputKey)}`).toBe(v.expected.scriptPubKey);
    expect(`${(0xc0 | q.parity).toString(16)}${v.given.internalPubkey}`).toBe(v.expected.scriptPathControlBlocks![0]);
  });
});

describe('2-of-3 taproot vault against @scure/btc-signer', () => {
  for (const [coin, netName, net] of [[0, 'mainnet', btc.NETWORK], [1, 'testnet', btc.TEST_NETWORK]] as const) {
    it(`${netName}: first receive and change addresses equal p2tr(NUMS, p2tr_ms(2, sorted x-only keys))`, () => {
      const d = parseDescriptor(vaultText(coin));
      expect(d.script).toBe('tr-multi');
      const w = new Wallet(d, NETWORKS[netName]);
      for (const branch of [0, 1]) {
        for (const index of [0, 1, 7]) {
          const xs = cosigners(coin).map((c) => c.node.deriveChild(branch).deriveChild(index).publicKey!.slice(1)).sort(compareBytes);
          const oracle = btc.p2tr(btc.TAPROOT_UNSPENDABLE_KEY, { script: btc.p2tr_ms(2, xs).script }, net, true);
          const a = w.at(branch, index);
          expect(a.address).toBe(oracle.address);
          expect(toHex(a.scripts.tap!.leafScript)).toBe(toHex(btc.p2tr_ms(2, xs).script));
          expect(a.address.startsWith(coin === 0 ? 'bc1p' : 'tb1p')).toBe(true);
        }
      }
    });
  }
  it('btc-signer names the same unspendable key (BIP341 H)', () => {
    expect(toHex(btc.TAPROOT_UNSPENDABLE_KEY)).toBe(NUMS_HEX);
    expect(toHex(NUMS)).toBe(NUMS_HEX);
  });
  it('the leaf reads back as 2-of-3 over the sorted x-only keys; other scripts do not', () => {
    const w = new Wallet(parseDescriptor(vaultText(1)), NETWORKS.testnet);
    const leaf = w.at(0, 0).scripts.tap!.leafScript;
    const p = parseMultiA(leaf)!;
    expect(p.threshold).toBe(2);
    expect(p.keys.map(toHex)).toEqual(w.at(0, 0).keys.map((k) => toHex(k.pubkey.slice(1))).sort());
    expect(parseMultiA(leaf.slice(0, -1))).toBeUndefined();
    expect(parseMultiA(Uint8Array.from([...leaf.slice(0, -1), 0x87]))).toBeUndefined();
    expect(parseMultiA(Uint8Array.from([...leaf.slice(0, 33), 0xba, ...leaf.slice(34)]))).toBeUndefined();
  });
  it('control block: 0xc0 | parity of the output key, then H (BIP341), and it opens the output', () => {
    const w = new Wallet(parseDescriptor(vaultText(1)), NETWORKS.testnet);
    const a = w.at(1, 3);
    const tap = a.scripts.tap!;
    expect(tap.controlBlock.length).toBe(33);
    expect(toHex(tap.controlBlock.slice(1))).toBe(NUMS_HEX);
    const xs = a.keys.map((k) => k.pubkey.slice(1)).sort(compareBytes);
    const oracle = btc.p2tr(btc.TAPROOT_UNSPENDABLE_KEY, { script: btc.p2tr_ms(2, xs).script }, btc.TEST_NETWORK, true);
    expect(toHex(tap.controlBlock)).toBe(toHex(btc.TaprootControlBlock.encode(oracle.tapLeafScript![0]![0])));
  });
});

describe('tr(NUMS,sortedmulti_a(…)) descriptors', () => {
  it('round trips with its BIP380 checksum, multipath and per-branch', () => {
    const text = vaultText(1);
    const d = parseDescriptor(text);
    const again = formatDescriptor(d, 'multi');
    expect(again.split('#')[0]).toBe(text);
    expect(parseDescriptor(again).checksum).toBe(again.split('#')[1]);
    expect(formatDescriptor(d, 0, false)).toBe(text.replaceAll('<0;1>', '0'));
    expect(d.threshold).toBe(2);
    expect(d.keys.length).toBe(3);
  });
  it('a wrong checksum is refused', () => {
    const good = formatDescriptor(parseDescriptor(vaultText(1)), 'multi');
    const bad = good.slice(0, -1) + (good.endsWith('q') ? 'p' : 'q');
    expect(() => parseDescriptor(bad)).toThrow(InputError);
  });
  it('refuses another internal key: it could spend alone by the key path', () => {
    const other = toHex(cosigners(1)[0]!.node.publicKey!.slice(1));
    expect(() => parseDescriptor(vaultText(1).replace(NUMS_HEX, other))).toThrow(/unspendable point .*bypassing the threshold/);
    expect(() => parseDescriptor(vaultText(1).replace(`${NUMS_HEX},`, ''))).toThrow(/needs its internal key first/);
  });
  it('refuses multi_a (unsorted), k > n, k = 0, and tr(KEY) script trees it does not read', () => {
    expect(() => parseDescriptor(vaultText(1).replace('sortedmulti_a', 'multi_a'))).toThrow(InputError);
    expect(() => parseDescriptor(vaultText(1).replace('sortedmulti_a(2', 'sortedmulti_a(4'))).toThrow(/larger than the 3 keys/);
    expect(() => parseDescriptor(vaultText(1).replace('sortedmulti_a(2', 'sortedmulti_a(0'))).toThrow(InputError);
    expect(() => parseDescriptor(`tr(${NUMS_HEX},pk(${cosigners(1)[0]!.xpub}/0/*))`)).toThrow(/no taproot script tree/);
  });
  it('template tr-multi: BIP48 script_type 3, P2TR, script-path spend weight for 2-of-3', () => {
    const t = template('tr-multi');
    expect(t.bip48).toBe(3);
    expect(t.output).toBe('p2tr');
    // 41 non-witness bytes ×4 + witness: count 1, two 65-byte sig items, one empty item, leaf 1+104, control block 1+33.
    expect(t.inputWeight({ keys: 3, threshold: 2 })).toBe(4 * 41 + 1 + 2 * 65 + 1 + 1 + 104 + 34);
  });
});
