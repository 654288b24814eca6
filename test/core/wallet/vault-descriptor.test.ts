/**
 * Vault descriptors (src/core/wallet/descriptor.ts + template.ts `wsh-multi`/`sh-wsh-multi`):
 * a 2-of-3 vault of three published BIP39 test mnemonics at their BIP48 accounts, whose receive
 * and change addresses must equal Electrum 4.3.4's `listaddresses` for its own multisig wallet
 * file built from the same Zpub/Ypub keys (fixtures/electrum-multisig, stored answers; Electrum is
 * run again when installed) and bitcoinjs-lib's p2ms+p2wsh with BIP67-sorted keys; round trips,
 * checksums and refusals.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as bitcoin from 'bitcoinjs-lib';
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { NETWORKS } from '../../../src/core/network.js';
import { InputError } from '../../../src/core/errors.js';
import { formatDescriptor, parseDescriptor } from '../../../src/core/wallet/descriptor.js';
import { Wallet } from '../../../src/core/wallet/wallet.js';
import { template } from '../../../src/core/wallet/template.js';
import { fixtureJson } from '../../helpers/fixtures.js';
import { fixturePath } from '../../helpers/spec-text.js';

const MNEMONICS = [
  'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about',
  'legal winner thank year wave sausage worth useful legal winner thank yellow',
  'letter advice cage absurd amount doctor acoustic avoid letter advice cage above',
];

/** The cosigner keys at m/48'/coin'/0'/type' derived here with @scure/bip32 directly. */
function cosigners(coin: number, type: number, testnet = false) {
  return MNEMONICS.map((m) => {
    const root = HDKey.fromMasterSeed(mnemonicToSeedSync(m), testnet ? { public: 0x043587cf, private: 0x04358394 } : undefined);
    const acct = root.derive(`m/48'/${coin}'/0'/${type}'`);
    return { fp: root.fingerprint.toString(16).padStart(8, '0'), path: `48h/${coin}h/0h/${type}h`, xpub: acct.publicExtendedKey, node: acct };
  });
}

function vaultText(fn: 'wsh' | 'sh-wsh', keys: ReturnType<typeof cosigners>): string {
  const body = `sortedmulti(2,${keys.map((k) => `[${k.fp}/${k.path}]${k.xpub}/<0;1>/*`).join(',')})`;
  return fn === 'wsh' ? `wsh(${body})` : `sh(wsh(${body}))`;
}

const ELECTRUM = [
  { name: 'wsh-2of3', fn: 'wsh' as const, type: 2 },
  { name: 'sh-wsh-2of3', fn: 'sh-wsh' as const, type: 1 },
];

describe('2-of-3 vault of three published mnemonics against Electrum 4.3.4', () => {
  it.each(ELECTRUM.map((e) => [e.name, e] as const))('%s: 20 receive and 10 change addresses equal Electrum listaddresses', (_, e) => {
    const d = parseDescriptor(vaultText(e.fn, cosigners(0, e.type)));
    const w = new Wallet(d, NETWORKS.mainnet);
    expect(w.list(0, 0, 20).map((a) => a.address)).toEqual(fixtureJson<string[]>(`electrum-multisig/${e.name}.receive.json`));
    expect(w.list(1, 0, 10).map((a) => a.address)).toEqual(fixtureJson<string[]>(`electrum-multisig/${e.name}.change.json`));
  });
  it.runIf(existsSync('/usr/bin/electrum'))('Electrum itself, run now on the stored wallet file, lists the same first receive addresses', () => {
    const file = fixturePath('electrum-multisig/wsh-2of3.wallet.json');
    // Electrum rewrites a wallet file it opens: give it a copy.
    const tmp = `${process.env['TMPDIR'] ?? '/tmp'}/coldkit-electrum-${process.pid}.json`;
    execFileSync('cp', [file, tmp]);
    const out = JSON.parse(execFileSync('electrum', ['--offline', '-D', `${tmp}.dir`, '-w', tmp, 'listaddresses', '--receiving'], { encoding: 'utf8' })) as string[];
    execFileSync('rm', ['-rf', tmp, `${tmp}.dir`]);
    const w = new Wallet(parseDescriptor(vaultText('wsh', cosigners(0, 2))), NETWORKS.mainnet);
    expect(out.slice(0, 20)).toEqual(w.list(0, 0, 20).map((a) => a.address));
  }, 30_000);
});

describe('vault addresses against bitcoinjs-lib (p2ms + p2wsh, BIP67-sorted keys)', () => {
  const nets = [
    ['mainnet', 0, bitcoin.networks.bitcoin, false],
    ['testnet', 1, bitcoin.networks.testnet, true],
    ['regtest', 1, bitcoin.networks.regtest, true],
  ] as const;
  it.each(nets.flatMap(([n, coin, bnet, test]) => (['wsh', 'sh-wsh'] as const).map((fn) => [n, fn, coin, bnet, test] as const)))('%s %s: receive and change 0..4', (netName, fn, coin, bnet, test) => {
    const keys = cosigners(coin, fn === 'wsh' ? 2 : 1, test);
    const w = new Wallet(parseDescriptor(vaultText(fn, keys)), NETWORKS[netName]);
    for (const branch of [0, 1]) {
      for (let i = 0; i < 5; i++) {
        const pubs = keys.map((k) => Buffer.from(k.node.deriveChild(branch).deriveChild(i).publicKey!)).sort(Buffer.compare);
        const p2ms = bitcoin.payments.p2ms({ m: 2, pubkeys: pubs, network: bnet });
        const p2wsh = bitcoin.payments.p2wsh({ redeem: p2ms, network: bnet });
        const expected = fn === 'wsh' ? p2wsh.address : bitcoin.payments.p2sh({ redeem: p2wsh, network: bnet }).address;
        const a = w.at(branch, i);
        expect(a.address).toBe(expected);
        expect(Buffer.from(a.scripts.witnessScript!).equals(p2ms.output!)).toBe(true);
        expect(a.keys.map((k) => k.fingerprint.toString(16).padStart(8, '0'))).toEqual(keys.map((k) => k.fp));
      }
    }
  });
});

describe('vault descriptor text', () => {
  const keys = cosigners(0, 2);
  it('format → parse → format is the identity, with the BIP380 checksum', () => {
    const d = parseDescriptor(vaultText('wsh', keys));
    expect(d.script).toBe('wsh-multi');
    expect(d.threshold).toBe(2);
    expect(d.keys.map((k) => k.fingerprint)).toEqual(keys.map((k) => k.fp));
    const text = formatDescriptor(d, 'multi');
    expect(text).toMatch(/^wsh\(sortedmulti\(2,\[73c5da0a\/48h\/0h\/0h\/2h\]xpub.*\/<0;1>\/\*\)\)#[a-z0-9]{8}$/);
    expect(formatDescriptor(parseDescriptor(text), 'multi')).toBe(text);
    const sh = parseDescriptor(vaultText('sh-wsh', cosigners(0, 1)));
    expect(sh.script).toBe('sh-wsh-multi');
    expect(formatDescriptor(parseDescriptor(formatDescriptor(sh, 'multi')), 'multi')).toBe(formatDescriptor(sh, 'multi'));
    expect(template('wsh-multi').bip48).toBe(2);
    expect(template('sh-wsh-multi').bip48).toBe(1);
  });
  it('Zpub keys are read as the same xpub', () => {
    const e = fixtureJson<Record<string, { xpub: string }>>('electrum-multisig/wsh-2of3.wallet.json');
    const z = keys.map((k, i) => `[${k.fp}/${k.path}]${e[`x${i + 1}/`]!.xpub}/<0;1>/*`);
    expect(e['x1/']!.xpub.startsWith('Zpub')).toBe(true);
    const d = parseDescriptor(`wsh(sortedmulti(2,${z.join(',')}))`);
    expect(d.keys.map((k) => k.xpub)).toEqual(keys.map((k) => k.xpub));
  });
  const refusals: [string, string, RegExp][] = [
    ['threshold above n', vaultText('wsh', keys).replace('sortedmulti(2', 'sortedmulti(4'), /threshold 4 is larger than the 3 keys/],
    ['threshold 0', vaultText('wsh', keys).replace('sortedmulti(2', 'sortedmulti(0'), /threshold "0"/],
    ['repeated key', `wsh(sortedmulti(2,[${keys[0]!.fp}/${keys[0]!.path}]${keys[0]!.xpub}/<0;1>/*,[${keys[1]!.fp}/${keys[1]!.path}]${keys[0]!.xpub}/<0;1>/*))`, /key 2 repeats key 1/],
    ['mixed branches', vaultText('wsh', keys).replace(/<0;1>(?=\/\*\)\)$)/, '<2;3>'), /every key of a vault uses the same branches/],
    ['unsorted multi', vaultText('wsh', keys).replace('sortedmulti', 'multi'), /wsh\(multi\(…\)\) is not a vault coldkit reads/],
    ['bad checksum', formatDescriptor(parseDescriptor(vaultText('wsh', keys)), 'multi').replace(/#.*/, '#qqqqqqqq'), /checksum/],
  ];
  it.each(refusals)('refused: %s', (_, text, re) => {
    expect(() => parseDescriptor(text)).toThrow(InputError);
    expect(() => parseDescriptor(text)).toThrow(re);
  });
  it('refuses a mainnet vault on testnet', () => {
    expect(() => new Wallet(parseDescriptor(vaultText('wsh', keys)), NETWORKS.testnet)).toThrow(/mainnet/);
  });
});

