/**
 * Multisig scripts (src/core/wallet/multisig.ts): the BIP67 vectors (key order, script, P2SH
 * address) and the BIP383 multi/sortedmulti vectors, both stored verbatim in fixtures/, checked
 * at the script level: each key expression of a vector is evaluated here (hex, WIF, xpub/xprv
 * with its path) and the script built by coldkit must equal the vector's script byte for byte.
 */
import { describe, expect, it } from 'vitest';
import { base58check } from '../../../src/core/hd/base58.js';
import { InputError } from '../../../src/core/errors.js';
import { multisigScript, parseMultisig, sortKeys } from '../../../src/core/wallet/multisig.js';
import { p2sh, p2wsh } from '../../../src/core/wallet/script.js';
import { parseDescriptor } from '../../../src/core/wallet/descriptor.js';
import { fromHex, toHex } from '../../../src/core/text.js';
import { fixtureText } from '../../helpers/fixtures.js';
import { descriptorVectors, evalKey, type DescriptorVector } from '../../helpers/descriptor-keys.js';

interface Bip67Vector {
  name: string;
  list: string[];
  sorted: string[];
  script: string;
  address: string;
}

/** The four vectors of bip-0067.mediawiki ("Vector N" then List / Sorted / Script / Address bullets). */
function bip67Vectors(): Bip67Vector[] {
  const out: Bip67Vector[] = [];
  let cur: Bip67Vector | undefined;
  let field: 'list' | 'sorted' | 'script' | 'address' | undefined;
  for (const line of fixtureText('bip67/bip-0067.mediawiki').split('\n')) {
    const v = /^Vector (\d+)/.exec(line);
    if (v) {
      cur = { name: line.trim(), list: [], sorted: [], script: '', address: '' };
      out.push(cur);
      continue;
    }
    if (!cur) continue;
    const h = /^\* (List|Sorted|Script|Address)/.exec(line);
    if (h) field = h[1]!.toLowerCase() as typeof field;
    const item = /^\*\* (\S+)/.exec(line);
    if (item && field) {
      if (field === 'list' || field === 'sorted') cur[field].push(item[1]!);
      else cur[field] = item[1]!;
    }
  }
  return out;
}

describe('BIP67 test vectors', () => {
  const vectors = bip67Vectors();
  it('reads the four vectors of the stored BIP', () => expect(vectors.length).toBe(4));
  it.each(vectors.map((v) => [v.name, v] as const))('%s: order, 2-of-n script and P2SH address', (_, v) => {
    expect(sortKeys(v.list.map(fromHex)).map(toHex)).toEqual(v.sorted);
    const script = multisigScript(2, v.list.map(fromHex), true);
    expect(toHex(script)).toBe(v.script);
    const out = p2sh(script);
    expect(base58check.encode(Uint8Array.from([0x05, ...out.subarray(2, 22)]))).toBe(v.address);
    expect(parseMultisig(script)).toEqual({ threshold: 2, keys: v.sorted.map(fromHex) });
  });
});

type Bip383Vector = DescriptorVector;

const bip383Vectors = () => descriptorVectors('bip383/bip-0383.mediawiki');

/** The script of a BIP383 vector built with coldkit's multisigScript, wrapped as its descriptor says. */
function build(descriptor: string, i: number): Uint8Array {
  const m = /^((?:sh\(|wsh\()*)(multi|sortedmulti)\((.*?)\)+$/.exec(descriptor)!;
  const wrappers = m[1]!.match(/(sh|wsh)\(/g)?.map((w) => w.slice(0, -1)) ?? [];
  const [k, ...keys] = m[3]!.split(',');
  const segwit = wrappers.includes('wsh');
  // BIP383: up to 20 keys under wsh; P2SH (legacy) scripts take at most 15 (520-byte push limit).
  let s = multisigScript(Number(k), keys.map((x) => evalKey(x, i)), m[2] === 'sortedmulti', segwit ? 20 : 15);
  for (const w of [...wrappers].reverse()) s = w === 'wsh' ? p2wsh(s) : p2sh(s);
  return s;
}

describe('BIP383 test vectors (script level)', () => {
  const { valid, invalid } = bip383Vectors();
  it('reads the 9 valid and 4 invalid vectors of the stored BIP', () => {
    expect(valid.length).toBe(9);
    expect(invalid.length).toBe(4);
  });
  const uncompressed = (v: Bip383Vector) => /,(04[0-9a-f]{128}|5[1-9A-HJ-NP-Za-km-z]{50})[,)]/.test(v.descriptor);
  it.each(valid.map((v, n) => [n + 1, v] as const))('valid %i: coldkit builds the listed scripts (uncompressed keys refused: segwit-only builder)', (_, v) => {
    if (uncompressed(v)) {
      expect(() => build(v.descriptor, 0)).toThrow(InputError);
      return;
    }
    v.scripts.forEach((hex, i) => expect(toHex(build(v.descriptor, i))).toBe(hex));
  });
  it.each(invalid.map((v) => [v.label, v] as const))('invalid: %s — refused', (label, v) => {
    expect(() => build(v.descriptor, 0)).toThrow();
    expect(() => parseDescriptor(v.descriptor)).toThrow(InputError);
    void label;
  });
  it('parseMultisig refuses what is not exactly OP_k keys OP_n OP_CHECKMULTISIG', () => {
    const s = multisigScript(2, [evalKey('02fe6f0a5a297eb38c391581c4413e084773ea23954d93f7753db7dc0adc188b2f', 0), evalKey('02ff12471208c14bd580709cb2358d98975247d8765f92bc25eab3b2763ed605f8', 0)], true);
    expect(parseMultisig(s)).toBeDefined();
    for (const bad of [s.slice(0, -1), Uint8Array.from([...s.slice(0, -1), 0xad]), Uint8Array.from([0x53, ...s.slice(1)]), Uint8Array.from([...s.slice(0, -2), 0x53, 0xae])]) {
      expect(parseMultisig(bad)).toBeUndefined();
    }
  });
});
