/**
 * BIP85 against every test vector in the BIP's text (fixtures/bip85/bip-0085.mediawiki, read
 * verbatim: each "INPUT:" block with its root key, path and DERIVED … outputs), one test per
 * vector; then the rules around them.
 */
import { describe, expect, it } from 'vitest';
import { hex } from '@scure/base';
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import {
  bip85Base64Password,
  bip85Base85Password,
  bip85Dice,
  bip85Drng,
  bip85Entropy,
  bip85Hex,
  bip85Mnemonic,
  bip85Nostr,
  bip85Wif,
  bip85Xprv,
} from '../../src/core/bip85.js';
import { InputError } from '../../src/core/errors.js';
import { NETWORKS } from '../../src/core/network.js';
import { parsePath } from '../../src/core/hd/path.js';
import { fixtureText } from '../helpers/fixtures.js';

interface Vector {
  title: string;
  root: string;
  path: string;
  out: Record<string, string>;
}

/** Every INPUT/OUTPUT block of the BIP, titled by the nearest heading above it. */
function vectors(): Vector[] {
  const out: Vector[] = [];
  let title = '';
  let cur: Vector | undefined;
  for (const line of fixtureText('bip85/bip-0085.mediawiki').split('\n')) {
    const h = /^=+\s*(.*?)\s*=+$/.exec(line);
    if (h) {
      title = h[1]!;
      cur = undefined;
      continue;
    }
    if (/^INPUT:?$/.test(line.trim())) {
      cur = { title, root: '', path: '', out: {} };
      out.push(cur);
      continue;
    }
    if (!cur) continue;
    const xprv = /(xprv[1-9A-HJ-NP-Za-km-z]{100,})/.exec(line);
    if (xprv && !cur.root) cur.root = xprv[1]!;
    const path = /(m\/83696968'[0-9'/]*)/.exec(line);
    if (path && !cur.path) cur.path = path[1]!;
    const kv = /^\*\s*(DERIVED [A-Z0-9 ]+|DRNG\(\d+ bytes\))=(.*)$/.exec(line.trim());
    if (kv) cur.out[kv[1]!] = kv[2]!.trim();
  }
  return out;
}

const VECTORS = vectors();

describe('BIP85 test vectors (verbatim from the BIP)', () => {
  it('finds all 15 vectors in the text', () => {
    expect(VECTORS.map((v) => v.title)).toEqual([
      'Test case 1',
      'Test case 2',
      'Test Vectors',
      '12 English words',
      '18 English words',
      '24 English words',
      'HD-Seed WIF',
      'XPRV',
      'HEX',
      'PWD BASE64',
      'PWD BASE85',
      'DICE',
      'Nostr',
      'Nostr',
      'Nostr',
    ]);
  });

  it.each(VECTORS.map((v, i) => [`#${i + 1} ${v.title} ${v.path}`, v] as const))('%s', (_, v) => {
    const root = HDKey.fromExtendedKey(v.root);
    const levels = parsePath(v.path).slice(1).map((i) => i - 0x80000000);
    const entropy = bip85Entropy(root, levels);
    expect(entropy.path).toBe(v.path.replace(/'/g, 'h')); // printed in coldkit's one notation (h)
    const shown = v.out['DERIVED ENTROPY']!;
    const app = levels[0];
    // The BIP shows the entropy the application uses: all 64 bytes, or its truncation (XPRV: the key half).
    if (app === 32) expect(hex.encode(entropy.value.slice(32))).toBe(shown);
    else expect(hex.encode(entropy.value)).toMatch(new RegExp('^' + shown));
    if (v.out['DERIVED KEY']) expect(hex.encode(root.derive(v.path).privateKey!)).toBe(v.out['DERIVED KEY']);
    if (v.out['DRNG(80 bytes)']) expect(hex.encode(bip85Drng(entropy.value)(80))).toBe(v.out['DRNG(80 bytes)']);
    const idx = levels[levels.length - 1]!;
    switch (app) {
      case 0:
        break;
      case 39: {
        const child = bip85Mnemonic(root, levels[2]!, idx);
        expect(child.path).toBe(v.path.replace(/'/g, 'h'));
        expect(hex.encode(child.value.entropy)).toBe(shown);
        expect(child.value.mnemonic).toBe(v.out['DERIVED BIP39 MNEMONIC']);
        break;
      }
      case 2:
        expect(bip85Wif(root, idx, NETWORKS.mainnet).value).toBe(v.out['DERIVED WIF']);
        break;
      case 32:
        expect(bip85Xprv(root, idx).value).toBe(v.out['DERIVED XPRV']);
        break;
      case 128169:
        expect(hex.encode(bip85Hex(root, levels[1]!, idx).value)).toBe(shown);
        break;
      case 707764:
        expect(bip85Base64Password(root, levels[1]!, idx).value).toBe(v.out['DERIVED PWD']);
        break;
      case 707785:
        expect(bip85Base85Password(root, levels[1]!, idx).value).toBe(v.out['DERIVED PWD']);
        break;
      case 89101:
        expect(bip85Dice(root, levels[1]!, levels[2]!, idx).value.join(',')).toBe(v.out['DERIVED ROLLS']);
        break;
      case 128002:
        expect(bip85Nostr(root, levels[1]!, idx).value).toBe(v.out['DERIVED NSEC']);
        break;
      default:
        throw new Error(`vector for an application this test does not know: ${app}`);
    }
  });
});

describe('BIP85 rules', () => {
  const root = HDKey.fromExtendedKey(VECTORS[0]!.root);
  it('derives only from a master private key', () => {
    expect(() => bip85Entropy(root.derive("m/0'"), [0, 0])).toThrow(/depth 0/);
    expect(() => bip85Entropy(HDKey.fromExtendedKey(root.publicExtendedKey), [0, 0])).toThrow(/private key/);
  });
  it('refuses word counts, byte counts and lengths outside the BIP, and indices of 2^31 or more', () => {
    expect(() => bip85Mnemonic(root, 13, 0)).toThrow(InputError);
    expect(() => bip85Mnemonic(root, 12, 2 ** 31)).toThrow(InputError);
    expect(() => bip85Mnemonic(root, 12, -1)).toThrow(InputError);
    expect(() => bip85Hex(root, 15, 0)).toThrow(InputError);
    expect(() => bip85Hex(root, 65, 0)).toThrow(InputError);
    expect(() => bip85Base64Password(root, 19, 0)).toThrow(InputError);
    expect(() => bip85Base85Password(root, 81, 0)).toThrow(InputError);
    expect(() => bip85Dice(root, 1, 10, 0)).toThrow(InputError);
    expect(() => bip85Dice(root, 2 ** 31, 10, 0)).toThrow(/2\^31/);
  });
  it('every word count and index gives a distinct valid mnemonic of that length', () => {
    const seen = new Set<string>();
    for (const words of [12, 15, 18, 21, 24]) {
      for (let i = 0; i < 5; i++) {
        const m = bip85Mnemonic(root, words, i).value.mnemonic;
        expect(m.split(' ')).toHaveLength(words);
        expect(() => mnemonicToSeedSync(m)).not.toThrow();
        seen.add(m);
      }
    }
    expect(seen.size).toBe(25);
  });
  it('an XPRV child keeps a testnet root testnet (TPRV) and is a depth-0 key with zero parent', () => {
    const troot = HDKey.fromMasterSeed(mnemonicToSeedSync('abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about'), NETWORKS.testnet.bip32);
    const x = bip85Xprv(troot, 0).value;
    expect(x.startsWith('tprv')).toBe(true);
    const k = HDKey.fromExtendedKey(x, NETWORKS.testnet.bip32);
    expect([k.depth, k.index, k.parentFingerprint]).toEqual([0, 0, 0]);
    expect(bip85Wif(troot, 0, NETWORKS.testnet).value).toMatch(/^c/);
  });
  it('dice rolls stay below the number of sides for awkward side counts', () => {
    for (const sides of [2, 3, 7, 10, 100, 257, 1000, 2 ** 31 - 1]) {
      const r = bip85Dice(root, sides, 50, 0).value;
      expect(r).toHaveLength(50);
      expect(r.every((x) => Number.isInteger(x) && x >= 0 && x < sides)).toBe(true);
    }
  });
  it('the DRNG is a stream: reads in pieces equal one long read', () => {
    const e = bip85Entropy(root, [0, 0]).value;
    const a = bip85Drng(e);
    const b = bip85Drng(e);
    const pieces = new Uint8Array([...a(7), ...a(33), ...a(40)]);
    expect(hex.encode(pieces)).toBe(hex.encode(b(80)));
  });
});
