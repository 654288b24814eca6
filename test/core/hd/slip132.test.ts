/**
 * SLIP-132 (fixtures/slip132/slip-0132.md, verbatim): coldkit's version bytes equal the registry's
 * Bitcoin and Bitcoin Testnet rows, and the "Bitcoin Test Vectors" (m/44'/49'/84' of the
 * "abandon … about" mnemonic: xprv/xpub, yprv/ypub, zprv/zpub and first addresses) are reproduced.
 */
import { describe, expect, it } from 'vitest';
import { NETWORKS } from '../../../src/core/network.js';
import { parseMnemonic } from '../../../src/core/bip39/mnemonic.js';
import { accountPath, exportAccount } from '../../../src/core/wallet/account.js';
import { parseDescriptor } from '../../../src/core/wallet/descriptor.js';
import { deriveIndices, masterKey, seedFromMnemonic } from '../../../src/core/hd/keys.js';
import { template, templateOfPurpose, type TemplateName as ScriptType } from '../../../src/core/wallet/template.js';
import { KNOWN_PUBLIC_VERSIONS, normalizeExtendedPublic, withVersion } from '../../../src/core/hd/slip132.js';
import { fixtureText } from '../../helpers/spec-text.js';

const text = fixtureText('slip132/slip-0132.md');

/** Registry rows: coin, public version, public prefix, private version, private prefix, address encoding. */
const rows = [...text.matchAll(/^(Bitcoin(?: Testnet)?)\s*\| `0x([0-9a-f]{8})` - `(\w+)` \| `0x([0-9a-f]{8})` - `(\w+)` \| ([^|]+?)\s*\|/gm)].map((m) => ({
  coin: m[1]!,
  pub: parseInt(m[2]!, 16),
  pubPrefix: m[3]!,
  prv: parseInt(m[4]!, 16),
  prvPrefix: m[5]!,
  encoding: m[6]!,
}));

const SCRIPT_OF: Record<string, ScriptType | undefined> = { 'P2PKH or P2SH': 'pkh', 'P2WPKH in P2SH': 'sh-wpkh', P2WPKH: 'wpkh' };

describe('SLIP-132 registered version bytes (Bitcoin, Bitcoin Testnet)', () => {
  it('the registry has 10 Bitcoin/Bitcoin Testnet rows', () => {
    expect(rows).toHaveLength(10);
  });
  it.each(rows.map((r) => [r.coin, r.pubPrefix, r] as const))('%s %s', (_c, _p, r) => {
    const script = SCRIPT_OF[r.encoding];
    const mainnet = r.coin === 'Bitcoin';
    if (!script) {
      // Multisig Ypub/Zpub/Upub/Vpub: read as vault cosigner keys, hinting the BIP48 vault templates.
      expect(KNOWN_PUBLIC_VERSIONS[r.pub]).toMatchObject({ prefix: r.pubPrefix, mainnet, script: /^Z|^V/.test(r.pubPrefix) ? 'wsh-multi' : 'sh-wsh-multi' });
      return;
    }
    expect(KNOWN_PUBLIC_VERSIONS[r.pub]).toMatchObject({ prefix: r.pubPrefix, mainnet });
    if (script === 'pkh') {
      expect(NETWORKS[mainnet ? 'mainnet' : 'testnet'].bip32).toEqual({ public: r.pub, private: r.prv });
      expect(KNOWN_PUBLIC_VERSIONS[r.pub]!.script).toBeUndefined();
    } else {
      expect(template(script).slip132![mainnet ? 0 : 1]).toBe(r.pub);
      expect(KNOWN_PUBLIC_VERSIONS[r.pub]!.script).toBe(script);
    }
    // The version really produces the registered prefix.
    const root = masterKey(new Uint8Array(32).fill(7), NETWORKS.mainnet);
    expect(withVersion(root.publicExtendedKey, r.pub).slice(0, 4)).toBe(r.pubPrefix);
    expect(withVersion(root.privateExtendedKey, r.prv).slice(0, 4)).toBe(r.prvPrefix);
  });
});

/** The "Bitcoin Test Vectors" block: path, then private key, public key, "address:" line, address. */
const block = /## Bitcoin Test Vectors\s*```([\s\S]*?)```/.exec(text)![1]!;
const mnemonic = /Mnemonic: (.+)/.exec(block)![1]!.trim();
const groups = [...block.matchAll(/^(m\/\d+'\/0'\/0')\n(\w+)\n(\w+)\nm\/\S+ address:\n(\w+)$/gm)].map((m) => ({
  path: m[1]!,
  prv: m[2]!,
  pub: m[3]!,
  address: m[4]!,
}));

describe('SLIP-132 Bitcoin test vectors', () => {
  const root = masterKey(seedFromMnemonic(parseMnemonic(mnemonic).phrase), NETWORKS.mainnet);
  it('the block holds 3 accounts (m/44\', m/49\', m/84\')', () => {
    expect(groups.map((g) => g.path)).toEqual(["m/44'/0'/0'", "m/49'/0'/0'", "m/84'/0'/0'"]);
  });
  const cases = groups.flatMap((g) => [
    [g.path, 'private key', g] as const,
    [g.path, 'public key', g] as const,
    [g.path, 'address', g] as const,
  ]);
  it.each(cases)('%s %s', (_p, what, g) => {
    const purpose = Number(/^m\/(\d+)'/.exec(g.path)![1]);
    const script = templateOfPurpose(purpose)!.name;
    const acc = exportAccount(root, NETWORKS.mainnet, script, accountPath(script, NETWORKS.mainnet, 0), 1);
    if (what === 'public key') {
      expect(acc.slip132 ?? acc.xpub).toBe(g.pub);
      // And the SLIP-132 form reads back as the plain xpub with its script hint.
      const n = normalizeExtendedPublic(g.pub);
      expect(n.xpub).toBe(acc.xpub);
      expect(n.script).toBe(script === 'pkh' ? undefined : script);
      expect(parseDescriptor(`${script === 'sh-wpkh' ? 'sh(wpkh(' : script + '('}${g.pub}/0/*)${script === 'sh-wpkh' ? ')' : ''}`).keys[0]!.xpub).toBe(acc.xpub);
    } else if (what === 'private key') {
      const prvVersion = rows.find((r) => r.coin === 'Bitcoin' && r.prvPrefix === g.prv.slice(0, 4))!.prv;
      const node = deriveIndices(root, accountPath(script, NETWORKS.mainnet, 0));
      expect(withVersion(node.privateExtendedKey, prvVersion)).toBe(g.prv);
    } else {
      expect(acc.addresses[0]!.address).toBe(g.address);
    }
  });
});
