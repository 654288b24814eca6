/**
 * The example derivations of BIP84, BIP86 and BIP49 (fixtures/bip84, bip86, bip49: the BIPs'
 * "Test vectors" blocks, stored verbatim) recomputed by coldkit: account export (xpub, SLIP-132
 * form, addresses), keys and output scripts. One test per value in each block.
 */
import { describe, expect, it } from 'vitest';
import { WIF } from '@scure/btc-signer';
import { sha256 } from '@noble/hashes/sha2.js';
import { ripemd160 } from '@noble/hashes/legacy.js';
import { NETWORKS, type BtcNetwork } from '../../../src/core/network.js';
import { addressOf } from '../../../src/core/wallet/address.js';
import { accountPath, exportAccount } from '../../../src/core/wallet/account.js';
import { deriveIndices, masterKey, seedFromMnemonic } from '../../../src/core/hd/keys.js';
import { parsePath } from '../../../src/core/hd/path.js';
import { parseMnemonic } from '../../../src/core/bip39/mnemonic.js';
import { withVersion } from '../../../src/core/hd/slip132.js';
import { template, type TemplateName as ScriptType } from '../../../src/core/wallet/template.js';

/** Address and output script of one key under a template (the wallet model's build + address). */
const outputFor = (script: ScriptType, pub: Uint8Array, net: BtcNetwork) => {
  const s = template(script).build([pub]).script;
  return { script: s, address: addressOf(s, net)! };
};
import { toHex } from '../../../src/core/text.js';
import { testVectorPairs, type KeyValue } from '../../helpers/spec-text.js';

// SLIP-132 private versions, for the BIPs' zprv/uprv lines (coldkit itself never prints private SLIP-132 forms).
const ZPRV = 0x04b2430c;
const UPRV = 0x044a4e28;
const hash160 = (b: Uint8Array) => ripemd160(sha256(b));

/** The path a "// Account 0, … = m/…" comment names. */
function sectionPath(section: string): string {
  const m = /(m\/[0-9'/]+)/.exec(section);
  if (!m) throw new Error(`no path in "${section}"`);
  return m[1]!;
}

/** Strip " (testnet)", "HASH160(…) = " and "0x" decorations from a value. */
function clean(v: string): string {
  return v.replace(/\s*\(testnet\)$/, '').split(' = ').pop()!.replace(/^0x/, '');
}

function suite(name: string, file: string, script: ScriptType, net: BtcNetwork, expectedCount: number, compute: (kv: KeyValue, ctx: Ctx) => string) {
  const pairs = testVectorPairs(file);
  const mnemonic = pairs.find((p) => p.key === 'mnemonic' || p.key === 'masterseedWords')!.value;
  const root = masterKey(seedFromMnemonic(parseMnemonic(mnemonic).phrase, ''), net);
  const account = exportAccount(root, net, script, accountPath(script, net, 0), 2);
  const ctx: Ctx = { root, account, net, script };
  describe(name, () => {
    it(`the fixture's test-vector block has ${expectedCount} values`, () => {
      expect(pairs).toHaveLength(expectedCount);
    });
    it.each(pairs.filter((p) => p.key !== 'mnemonic' && p.key !== 'masterseedWords').map((p) => [p.section, p.key, p] as const))('%s: %s', (_s, _k, kv) => {
      expect(compute(kv, ctx)).toBe(clean(kv.value));
    });
  });
}

interface Ctx {
  root: ReturnType<typeof masterKey>;
  account: ReturnType<typeof exportAccount>;
  net: BtcNetwork;
  script: ScriptType;
}

/** The key at the path of a "first/second receiving, first change" section. */
function leaf(ctx: Ctx, section: string) {
  return deriveIndices(ctx.root, parsePath(sectionPath(section)));
}

suite('BIP84 test vectors', 'bip84/bip-0084.mediawiki', 'wpkh', NETWORKS.mainnet, 14, (kv, ctx) => {
  const { account } = ctx;
  switch (kv.key) {
    case 'rootpriv':
      return withVersion(ctx.root.privateExtendedKey, ZPRV);
    case 'rootpub':
      return withVersion(ctx.root.publicExtendedKey, 0x04b24746);
    case 'xpriv':
      return withVersion(deriveIndices(ctx.root, parsePath(sectionPath(kv.section))).privateExtendedKey, ZPRV);
    case 'xpub':
      expect(account.path).toBe('m/84h/0h/0h');
      return account.slip132!;
    case 'privkey':
      return WIF(ctx.net).encode(leaf(ctx, kv.section).privateKey!);
    case 'pubkey':
      return toHex(leaf(ctx, kv.section).publicKey!);
    case 'address': {
      const path = sectionPath(kv.section);
      // The account export's own address list and change address, not just a fresh derivation.
      const fromExport = path.endsWith('/1/0') ? account.firstChangeAddress : account.addresses[Number(path.split('/').pop())]!.address;
      expect(outputFor('wpkh', leaf(ctx, kv.section).publicKey!, ctx.net).address).toBe(fromExport);
      return fromExport;
    }
  }
  throw new Error(`unexpected key ${kv.key}`);
});

suite('BIP86 test vectors', 'bip86/bip-0086.mediawiki', 'tr', NETWORKS.mainnet, 23, (kv, ctx) => {
  const { account } = ctx;
  if (kv.section === 'root') return kv.key === 'rootpriv' ? ctx.root.privateExtendedKey : ctx.root.publicExtendedKey;
  const node = leaf(ctx, kv.section);
  const path = sectionPath(kv.section);
  const out = outputFor('tr', node.publicKey!, ctx.net);
  switch (kv.key) {
    case 'xprv':
      return node.privateExtendedKey;
    case 'xpub':
      if (path === "m/86'/0'/0'") {
        expect(account.slip132).toBeUndefined(); // BIP86 keeps the plain xpub
        return account.xpub;
      }
      return node.publicExtendedKey;
    case 'internal_key':
      return toHex(node.publicKey!.subarray(1));
    case 'output_key':
      return toHex(out.script.subarray(2));
    case 'scriptPubKey':
      return toHex(out.script);
    case 'address':
      return path.endsWith('/1/0') ? account.firstChangeAddress : account.addresses[Number(path.split('/').pop())]!.address;
  }
  throw new Error(`unexpected key ${kv.key}`);
});

suite('BIP49 test vectors (testnet)', 'bip49/bip-0049.mediawiki', 'sh-wpkh', NETWORKS.testnet, 11, (kv, ctx) => {
  const node = deriveIndices(ctx.root, parsePath("m/49'/1'/0'/0/0"));
  const pub = node.publicKey!;
  switch (kv.key) {
    case 'masterseed':
      return withVersion(ctx.root.privateExtendedKey, UPRV);
    case 'account0Xpriv':
      return withVersion(deriveIndices(ctx.root, parsePath("m/49'/1'/0'")).privateExtendedKey, UPRV);
    case 'account0Xpub':
      expect(ctx.account.path).toBe('m/49h/1h/0h');
      return ctx.account.slip132!;
    case 'account0recvPrivateKey':
      return WIF(ctx.net).encode(node.privateKey!);
    case 'account0recvPrivateKeyHex':
      return toHex(node.privateKey!);
    case 'account0recvPublicKeyHex':
      return toHex(pub);
    case 'keyhash':
      return toHex(hash160(pub));
    case 'scriptSig':
      return toHex(outputFor('wpkh', pub, ctx.net).script); // the redeem script 0014<keyhash>
    case 'addressBytes':
      return toHex(outputFor('sh-wpkh', pub, ctx.net).script.subarray(2, 22));
    case 'address':
      return ctx.account.addresses[0]!.address;
  }
  throw new Error(`unexpected key ${kv.key}`);
});
