/**
 * Vault files (src/core/wallet/vault.ts) and the formats other tools read
 * (src/core/wallet/vault-formats.ts): the BIP129 descriptor records stored verbatim (first address
 * re-derived), every export format read back to the same descriptor, Electrum opening coldkit's
 * Electrum file and listing the same addresses, cosigner inputs in each form, and the plan's
 * findings (duplicates, unhardened, path/script mismatch) and malformed-input errors.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { NETWORKS } from '../../../src/core/network.js';
import { InputError, VerificationError } from '../../../src/core/errors.js';
import { readCosignerSource } from '../../../src/core/wallet/cosigner-source.js';
import { bip48Path, coldcardCosigner, exportCosigner, parseCosigner } from '../../../src/core/wallet/cosigner.js';
import { formatDescriptor } from '../../../src/core/wallet/descriptor.js';
import { buildVault, planFindings, readVault, type VaultPlan } from '../../../src/core/wallet/vault.js';
import { bsmsRecord, caravanWallet, coldcardText, coreImport, electrumWallet, readVaultText } from '../../../src/core/wallet/vault-formats.js';
import { Wallet } from '../../../src/core/wallet/wallet.js';
import { template, type TemplateName } from '../../../src/core/wallet/template.js';
import { fixtureText } from '../../helpers/spec-text.js';

const MNEMONICS = [
  'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about',
  'legal winner thank year wave sausage worth useful legal winner thank yellow',
  'letter advice cage absurd amount doctor acoustic avoid letter advice cage above',
];

function cosignerExports(script: TemplateName, netName: 'mainnet' | 'testnet' = 'mainnet') {
  const net = NETWORKS[netName];
  return MNEMONICS.map((m) => {
    const root = HDKey.fromMasterSeed(mnemonicToSeedSync(m), net.bip32);
    const path = bip48Path(template(script), net, 0);
    let node = root;
    for (const i of path) node = node.deriveChild(i);
    return exportCosigner(node, root.fingerprint.toString(16).padStart(8, '0'), path, net, script);
  });
}

function plan(script: TemplateName = 'wsh-multi', netName: 'mainnet' | 'testnet' = 'mainnet'): VaultPlan {
  const ex = cosignerExports(script, netName);
  return { name: 'family vault', threshold: 2, script, net: NETWORKS[netName], cosigners: ex.map((e, i) => parseCosigner(JSON.stringify(e), `laptop ${'ABC'[i]}`, script, `cosigner ${i + 1}`)) };
}

describe('BIP129 descriptor records', () => {
  const records = [...fixtureText('bip129/bip-0129.mediawiki').matchAll(/<pre>(BSMS 1\.0\n[^<]*)<\/pre>/g)].map((m) => m[1]!).filter((r) => r.split('\n').length === 4 && !/^[0-9a-f]{16}$/.test(r.split('\n')[1]!));
  it('the stored BIP holds 4 descriptor records', () => expect(records.length).toBe(4));
  const sorted = records.filter((r) => r.includes('sortedmulti') && r.includes('xpub'));
  it.each(sorted.map((r, i) => [i + 1, r] as const))('ranged sortedmulti record %i: read, and its first address is the descriptor\'s receive/0', (_, r) => {
    const v = readVaultText(r, 'bsms');
    expect(v.format).toBe('bsms');
    expect(new Wallet(v.descriptor, NETWORKS.mainnet).at(0, 0).address).toBe(r.trim().split('\n')[3]);
  });
  it('a record whose first address or descriptor checksum was altered is refused on reading (BIP129: the signer checks them), wherever it is read', () => {
    for (const script of ['wsh-multi', 'sh-wsh-multi'] as const) {
      for (const netName of ['mainnet', 'testnet'] as const) {
        const rec = bsmsRecord(buildVault(plan(script, netName)).file);
        const [version, tmpl, restrictions, first] = rec.trim().split('\n') as [string, string, string, string];
        expect(readVaultText(rec, 'bsms').firstAddress).toBe(first);
        const other = buildVault({ ...plan(script, netName), threshold: 3 }).file.firstAddresses.receive;
        const edited = [version, tmpl, restrictions, other].join('\n');
        expect(() => readVaultText(edited, 'bsms')).toThrow(VerificationError);
        expect(() => readVaultText(edited, 'bsms')).toThrow(/first address .* is not its descriptor's/);
        expect(() => readCosignerSource(edited, 'coordinator', script, 'bsms')).toThrow(VerificationError);
        const mainForm = buildVault(plan(script, 'mainnet')).file.firstAddresses.receive;
        if (netName === 'testnet') expect(() => readVaultText([version, tmpl, restrictions, mainForm].join('\n'), 'bsms')).toThrow(VerificationError);
        const badSum = tmpl.replace(/#(.)/, (_, c: string) => `#${c === 'q' ? 'p' : 'q'}`);
        expect(() => readVaultText([version, badSum, restrictions, first].join('\n'), 'bsms')).toThrow(/checksum mismatch/);
      }
    }
  });
  it('the records outside coldkit vaults are refused by name (single-address hex keys; unsorted multi)', () => {
    for (const r of records.filter((x) => !sorted.includes(x))) expect(() => readVaultText(r, 'bsms')).toThrow(InputError);
  });
});

describe('another tool\'s vault JSON of the wrong shape', () => {
  const v = buildVault(plan()).file;
  const electrum = electrumWallet(v) as Record<string, unknown>;
  const caravan = caravanWallet(v) as Record<string, unknown>;
  const cases: [string, unknown][] = [
    ['coldkit cosigners a string', { ...v, cosigners: 'x' }],
    ['coldkit cosigners holding null', { ...v, cosigners: [null] }],
    ['coldkit label a number', { ...v, cosigners: v.cosigners.map((c) => ({ ...c, label: 7 })) }],
    ['coldkit descriptor null', { ...v, descriptor: null }],
    ['coldkit name an object', { ...v, name: {} }],
    ['Electrum keystore a string', { ...electrum, 'x1/': 'x' }],
    ['Electrum xpub a number', { ...electrum, 'x2/': { ...(electrum['x2/'] as object), xpub: 5 } }],
    ['Electrum 0of99', { ...electrum, wallet_type: '0of99' }],
    ['Caravan key null', { ...caravan, extendedPublicKeys: [null, null, null] }],
    ['Caravan xpub an array', { ...caravan, extendedPublicKeys: (caravan['extendedPublicKeys'] as object[]).map((k) => ({ ...k, xpub: [] })) }],
    ['Caravan requiredSigners text', { ...caravan, quorum: { requiredSigners: 'two', totalSigners: 3 } }],
    ['a JSON array', [v]],
  ];
  it.each(cases)('%s: an InputError naming the file, never a TypeError', (_, doc) => {
    expect(() => readVaultText(JSON.stringify(doc), 'vault.json')).toThrow(InputError);
  });
});

describe('vault export formats read back to the same vault', () => {
  for (const script of ['wsh-multi', 'sh-wsh-multi'] as const) {
    it(`${script}: descriptor, Electrum, Coldcard, BSMS, Caravan and the coldkit file`, () => {
      const v = buildVault(plan(script)).file;
      const forms: [string, string][] = [
        ['descriptor', v.descriptor],
        ['electrum', JSON.stringify(electrumWallet(v))],
        ['coldcard', coldcardText(v)],
        ['bsms', bsmsRecord(v)],
        ['caravan', JSON.stringify(caravanWallet(v))],
        ['coldkit', JSON.stringify(v)],
      ];
      for (const [format, text] of forms) {
        const back = readVaultText(text, format);
        expect(back.format).toBe(format);
        expect(formatDescriptor(back.descriptor, 'multi')).toBe(v.descriptor);
      }
      expect(readVaultText(bsmsRecord(v), 'bsms').firstAddress).toBe(v.firstAddresses.receive);
      expect((coreImport(v) as { desc: string }[]).map((x) => x.desc)).toEqual([v.descriptors.receive, v.descriptors.change]);
    });
  }
  it('the vault id and words are the descriptor\'s, and a hand-edited file is refused', () => {
    const v = buildVault(plan()).file;
    expect(v.id).toMatch(/^[0-9a-f]{8}$/);
    expect(v.words.split(' ')).toHaveLength(4);
    expect(readVault(JSON.parse(JSON.stringify(v)), 'vault').file.id).toBe(v.id);
    expect(() => readVault({ ...v, id: '00000000' }, 'vault')).toThrow(/altered/);
    const swapped = { ...v, cosigners: [v.cosigners[1], v.cosigners[0], v.cosigners[2]] };
    expect(() => readVault(swapped, 'vault')).toThrow(/is not key 1 of the descriptor/);
    expect(() => readVault(v, 'vault', 'testnet')).toThrow(/mainnet vault but --network is testnet/);
  });
  it.runIf(existsSync('/usr/bin/electrum'))('Electrum 4.3.4 opens the Electrum file coldkit writes and lists the same receive and change addresses', () => {
    const v = buildVault(plan('sh-wsh-multi')).file;
    const dir = mkdtempSync(join(tmpdir(), 'coldkit-electrum-'));
    try {
      const f = join(dir, 'w.json');
      writeFileSync(f, JSON.stringify(electrumWallet(v)));
      const run = (flag: string) => JSON.parse(execFileSync('electrum', ['--offline', '-D', join(dir, 'd'), '-w', f, 'listaddresses', flag], { encoding: 'utf8' })) as string[];
      const w = readVault(v, 'vault').wallet;
      expect(run('--receiving').slice(0, 20)).toEqual(w.list(0, 0, 20).map((a) => a.address));
      expect(run('--change').slice(0, 10)).toEqual(w.list(1, 0, 10).map((a) => a.address));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});

describe('cosigner inputs', () => {
  const [e] = cosignerExports('wsh-multi');
  it('coldkit JSON, Coldcard generic JSON, key expressions and Zpub are the same cosigner', () => {
    const want = parseCosigner(JSON.stringify(e), 'a', 'wsh-multi', 'f');
    expect(want).toMatchObject({ fingerprint: '73c5da0a', xpub: e!.xpub, hint: 'wsh-multi', mainnet: true });
    expect(parseCosigner(JSON.stringify(coldcardCosigner(e!)), 'a', 'wsh-multi', 'f')).toEqual(want);
    expect(parseCosigner(e!.key, 'a', undefined, 'f')).toEqual(want);
    expect(parseCosigner(`${e!.key}/<0;1>/*\n`, 'a', undefined, 'f')).toEqual(want);
    expect(parseCosigner(e!.key.replace(e!.xpub, e!.slip132), 'a', undefined, 'f')).toEqual(want);
  });
  it('refuses a key without origin, a single-key account export and other JSON', () => {
    expect(() => parseCosigner(e!.xpub, 'a', undefined, 'f')).toThrow(/without its origin/);
    expect(() => parseCosigner(JSON.stringify({ kind: 'coldkit/account', script: 'wpkh' }), 'a', undefined, 'f')).toThrow(/single-key account export/);
    expect(() => parseCosigner('{"a":1}', 'a', undefined, 'f')).toThrow(InputError);
  });
});

describe('vault plan findings', () => {
  it('a clean plan has no findings', () => expect(planFindings(plan())).toEqual([]));
  it('the same seed twice is refused without override', () => {
    const p = plan();
    const f = planFindings({ ...p, cosigners: [p.cosigners[0]!, p.cosigners[1]!, { ...p.cosigners[0]!, label: 'again' }] });
    expect(f.map((x) => [x.code, x.overridable])).toEqual([['duplicate-cosigner', false]]);
    expect(f[0]!.message).toMatch(/cosigner 3 \(again\) has the same key as cosigner 1 \(laptop A\)/);
  });
  it('a P2SH-P2WSH key in a P2WSH vault, and a non-BIP48 path, are vault-path-mismatch', () => {
    const p = plan();
    const sh = plan('sh-wsh-multi').cosigners[2]!;
    const f = planFindings({ ...p, cosigners: [p.cosigners[0]!, p.cosigners[1]!, sh] });
    expect(f.map((x) => x.code)).toEqual(['vault-path-mismatch']);
    expect(f[0]!.message).toMatch(/is a sh-wsh-multi key, but the vault is wsh-multi/);
    const odd = { ...p.cosigners[2]!, path: [84 + 0x80000000, 0x80000000, 0x80000000], hint: undefined };
    expect(planFindings({ ...p, cosigners: [p.cosigners[0]!, p.cosigners[1]!, odd] })[0]!.message).toMatch(/path m\/84h\/0h\/0h is not m\/48h\/0h\/<account>h\/2h/);
  });
  it('an unhardened account level is the unhardened finding', () => {
    const p = plan();
    const c = { ...p.cosigners[1]!, path: [48 + 0x80000000, 0x80000000, 0, 2 + 0x80000000] };
    expect(planFindings({ ...p, cosigners: [p.cosigners[0]!, c, p.cosigners[2]!] }).map((x) => x.code)).toContain('unhardened');
  });
  it('malformed plans are input errors: k > n, one cosigner, mixed networks', () => {
    const p = plan();
    expect(() => planFindings({ ...p, threshold: 4 })).toThrow(/threshold 4 must be between 1 and the 3 cosigners/);
    expect(() => planFindings({ ...p, threshold: 0 })).toThrow(InputError);
    expect(() => planFindings({ ...p, cosigners: [p.cosigners[0]!] })).toThrow(/at least 2 cosigners/);
    const t = plan('wsh-multi', 'testnet').cosigners[2]!;
    expect(() => planFindings({ ...p, cosigners: [p.cosigners[0]!, p.cosigners[1]!, t] })).toThrow(/test-network key but --network is mainnet/);
  });
});

describe('taproot vaults in the formats', () => {
  it('tr-multi: cosigners at m/48h/0h/0h/3h, no SLIP-132 form; planned without findings; the descriptor reads back', () => {
    const p = plan('tr-multi');
    expect(p.cosigners.map((c) => c.hint)).toEqual(['tr-multi', 'tr-multi', 'tr-multi']);
    expect(cosignerExports('tr-multi')[0]!.slip132).toBeUndefined();
    expect(planFindings(p)).toEqual([]);
    const v = buildVault(p).file;
    expect(v.descriptor).toMatch(/^tr\(50929b74[0-9a-f]{56},sortedmulti_a\(2,\[73c5da0a\/48h\/0h\/0h\/3h\]xpub/);
    expect(readVaultText(`${v.descriptor}\n`, 'file').descriptor.script).toBe('tr-multi');
    expect(readVault(v, 'vault').file.id).toBe(v.id);
    expect(coreImport(v)).toHaveLength(2);
  });
  it('wsh-multi keys in a tr vault are a vault-path-mismatch finding', () => {
    const p = { ...plan('wsh-multi'), script: 'tr-multi' as const };
    expect(planFindings(p).map((f) => f.code)).toEqual(['vault-path-mismatch', 'vault-path-mismatch', 'vault-path-mismatch']);
  });
  it('the formats without taproot multisig refuse a tr vault by name', () => {
    const v = buildVault(plan('tr-multi')).file;
    expect(() => electrumWallet(v)).toThrow(/the Electrum wallet file has no taproot multisig/);
    expect(() => coldcardText(v)).toThrow(/the Coldcard multisig setup file has no taproot multisig/);
    expect(() => bsmsRecord(v)).toThrow(/the BIP129 BSMS record has no taproot multisig/);
    expect(() => caravanWallet(v)).toThrow(/the Caravan wallet config has no taproot multisig/);
    expect(() => electrumWallet(v)).toThrow(InputError);
  });
});
