/** One `wallet create` input → its cosigners: single exports, BCR-2020-015 entries, URs, and whole vaults in every format. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { readCosignerSource } from '../../../src/core/wallet/cosigner-source.js';
import { exportCosigner, bip48Path, cosignerEntry } from '../../../src/core/wallet/cosigner.js';
import { buildVault } from '../../../src/core/wallet/vault.js';
import { template } from '../../../src/core/wallet/template.js';
import { NETWORKS } from '../../../src/core/network.js';
import { payloadToUr } from '../../../src/core/transport/payload-ur.js';
import { encodeUrSingle } from '../../../src/core/transport/ur/ur.js';
import { bsmsRecord, caravanWallet, coldcardText, electrumWallet } from '../../../src/core/wallet/vault-formats.js';

const md = (n: string) => readFileSync(new URL(`../../../fixtures/ur/bcr/${n}`, import.meta.url), 'utf8');
const BCR15_UR = [...md('bcr-2020-015-account.md').matchAll(/```\n([\s\S]*?)\n```/g)].map((m) => m[1]!.trim()).find((x) => x.startsWith('ur:crypto-account/'))!;
const MNEMONICS = [
  'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about',
  'legal winner thank year wave sausage worth useful legal winner thank yellow',
  'letter advice cage absurd amount doctor acoustic avoid letter advice cage above',
];
const net = NETWORKS.testnet;
const urOf = (descriptor: string) => {
  const u = payloadToUr('output', new TextEncoder().encode(descriptor));
  return encodeUrSingle(u.type, u.cbor);
};

function cosignerOf(m: string, script: 'wsh-multi' | 'sh-wsh-multi' = 'wsh-multi') {
  const root = HDKey.fromMasterSeed(mnemonicToSeedSync(m), net.bip32);
  const path = bip48Path(template(script), net, 0);
  return exportCosigner(root.derive(`m/${path.map((i) => `${i - 0x80000000}'`).join('/')}`), root.fingerprint.toString(16).padStart(8, '0'), path, net, script);
}

describe('readCosignerSource', () => {
  it('the BCR-2020-015 crypto-account UR gives its P2WSH entry for a wsh vault and its P2SH-P2WSH entry for sh-wsh', () => {
    const w = readCosignerSource(BCR15_UR, 'bcr', 'wsh-multi', 'f');
    expect(w.vault).toBeUndefined();
    expect(w.cosigners).toHaveLength(1);
    expect(w.cosigners[0]).toMatchObject({ fingerprint: '37b5eed4', xpub: 'xpub6EC9f7mLFJQoRQ6qiTvWQeeYsgtki6fBzSUgWgUtAujEMtAfJSAn3AVS4KrLHRV2hNX77YwNkg4azUzuSwhNGtcq4r2J8bLGMDkrQYHvoed', hint: 'wsh-multi', label: 'bcr' });
    expect(w.cosigners[0]!.path).toEqual([48, 0, 0, 2].map((i) => i + 0x80000000));
    const s = readCosignerSource(BCR15_UR, 'bcr', 'sh-wsh-multi', 'f');
    expect(s.cosigners[0]!.xpub).toBe('xpub6EC9f7mLFJQoPaqDJ72Zbv67JWzmpXvCYQSecER9GzkYy5eWLsVLbHnxoAZ8NnnsrjhMLduJo9dG6fNQkmMFL3Qedj2kf5bEy5tptHPApNf');
  });

  it('an account export of our own (cosigner entry, its UR, its crypto-hdkey UR) reads as the same cosigner', () => {
    const c = cosignerOf(MNEMONICS[0]!);
    const want = { fingerprint: c.fingerprint, xpub: c.xpub };
    const entry = cosignerEntry(c);
    expect(readCosignerSource(entry, 'x', 'wsh-multi', 'f').cosigners[0]).toMatchObject(want);
    const acc = payloadToUr('account', new TextEncoder().encode(entry));
    expect(readCosignerSource(encodeUrSingle(acc.type, acc.cbor), 'x', 'wsh-multi', 'f').cosigners[0]).toMatchObject(want);
    const hd = payloadToUr('account', new TextEncoder().encode(c.key));
    expect(hd.type).toBe('crypto-hdkey');
    expect(readCosignerSource(encodeUrSingle(hd.type, hd.cbor), 'x', 'wsh-multi', 'f').cosigners[0]).toMatchObject(want);
    expect(readCosignerSource(JSON.stringify(c), 'x', 'wsh-multi', 'f').cosigners[0]).toMatchObject(want);
  });

  it('an entry of the other script type is refused, naming what the input has', () => {
    const c = cosignerOf(MNEMONICS[0]!, 'sh-wsh-multi');
    expect(() => readCosignerSource(cosignerEntry(c), 'x', 'wsh-multi', 'f')).toThrow(/no wsh-multi cosigner entry \(it has sh-wsh-multi\)/);
  });

  it('a single-key account (no BIP48 entry) is refused with the command to run', () => {
    const single = 'wpkh([37b5eed4/84h/0h/0h]xpub6BkU445MSEBXbPjD3g2c2ch6mn8yy1SXXQUM7EwjgYiq6Wt1NDwDZ45npqWcV8uQC5oi2gHuVukoCoZZyT4HKq8EpotPMqGqxdZRuapCQ23/<0;1>/*)\npkh([37b5eed4/44h/0h/0h]xpub6CnQkivUEH9bSbWVWfDLCtigKKgnSWGaVSRyCbN2QNBJzuvHT1vUQpgSpY1NiVvoeNEuVwk748Cn9G3NtbQB1aGGsEL7aYEnjVWgjj9tefu/<0;1>/*)';
    expect(() => readCosignerSource(single, 'x', 'wsh-multi', 'f')).toThrow(/single-key account.*account export --script wsh-multi/);
  });

  describe('a whole vault expands to its cosigners (same keys, in order, with its labels)', () => {
    const cs = MNEMONICS.map((m, i) => ({ ...cosignerOf(m), label: `laptop ${String.fromCharCode(65 + i)}` }));
    const plan = {
      name: 'treasury',
      threshold: 2,
      script: 'wsh-multi' as const,
      cosigners: cs.map((c) => ({ label: c.label, fingerprint: c.fingerprint, path: bip48Path(template('wsh-multi'), net, 0), xpub: c.xpub, mainnet: false })),
      net,
    };
    const v = buildVault(plan).file;
    const forms: [string, string][] = [
      ['coldkit vault.json', JSON.stringify(v)],
      ['descriptor', v.descriptor],
      ['crypto-output UR', urOf(v.descriptor)],
      ['Electrum', JSON.stringify(electrumWallet(v))],
      ['Coldcard', coldcardText(v)],
      ['BSMS', bsmsRecord(v)],
      ['Caravan', JSON.stringify(caravanWallet(v))],
    ];
    it.each(forms)('%s', (_, text) => {
      const got = readCosignerSource(text, 'other', 'wsh-multi', 'f');
      expect(got.vault).toMatchObject({ threshold: 2, script: 'wsh-multi' });
      expect(got.cosigners.map((c) => c.xpub)).toEqual(v.cosigners.map((c) => c.xpub));
      expect(got.cosigners.map((c) => c.fingerprint)).toEqual(v.cosigners.map((c) => c.fingerprint));
      const rebuilt = buildVault({ ...plan, cosigners: got.cosigners }).file;
      expect(rebuilt.id).toBe(v.id);
    });
  });
});
