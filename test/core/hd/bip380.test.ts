/**
 * BIP380 (fixtures/bip380/bip-0380.mediawiki, verbatim): the checksum and character-set test
 * vectors, the key-expression vectors against coldkit's descriptor subset (single-key, ranged,
 * watch-only xpubs), and coldkit's checksum against the BIP's own Python reference code run as an
 * independent oracle.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { NETWORKS } from '../../../src/core/network.js';
import { accountPath, exportAccount } from '../../../src/core/wallet/account.js';
import { descriptorChecksum, verifyChecksum, withChecksum } from '../../../src/core/hd/checksum.js';
import { parseDescriptor } from '../../../src/core/wallet/descriptor.js';
import { masterKey } from '../../../src/core/hd/keys.js';
import { TEMPLATE_NAMES as SCRIPT_TYPES } from '../../../src/core/wallet/template.js';
import { HARDENED } from '../../../src/core/hd/path.js';
import { fixtureText, ttBullets } from '../../helpers/spec-text.js';
import { inputError } from '../../helpers/expect-error.js';

const FILE = 'bip380/bip-0380.mediawiki';
const checksumVectors = ttBullets(FILE, 'The following tests cover the checksum and character set:');
const validKeys = ttBullets(FILE, 'Valid expressions:');
const invalidKeys = ttBullets(FILE, 'Invalid expression:');


describe('BIP380 checksum vectors', () => {
  it('8 checksum vectors in the fixture', () => {
    expect(checksumVectors.map((v) => v.label)).toEqual([
      'Valid checksum',
      'No checksum',
      'Missing checksum',
      'Too long checksum (9 chars)',
      'Too short checksum (7 chars)',
      'Error in payload',
      'Error in checksum',
      'Invalid characters in payload',
    ]);
  });
  const expected: Record<string, RegExp | 'ok' | 'no-checksum'> = {
    'Valid checksum': 'ok',
    'No checksum': 'no-checksum',
    'Missing checksum': /checksum "" must be 8 characters/,
    'Too long checksum (9 chars)': /must be 8 characters/,
    'Too short checksum (7 chars)': /must be 8 characters/,
    'Error in payload': /checksum mismatch/,
    'Error in checksum': /must be 8 characters of/,
    'Invalid characters in payload': /character 5 "Ü" is not allowed/,
  };
  it.each(checksumVectors.map((v) => [v.label, v.value] as const))('%s: %s', (label, value) => {
    const want = expected[label]!;
    if (want === 'ok') {
      expect(verifyChecksum(value)).toEqual({ body: 'raw(deadbeef)', checksum: '89f8spxm' });
      expect(descriptorChecksum('raw(deadbeef)')).toBe('89f8spxm');
      expect(withChecksum('raw(deadbeef)')).toBe(value);
    } else if (want === 'no-checksum') {
      expect(verifyChecksum(value)).toEqual({ body: value });
    } else {
      expect(inputError(() => verifyChecksum(value)).message).toMatch(want);
    }
  });
});

/**
 * coldkit reads only single-key ranged descriptors over an extended public key (watch-only). The
 * BIP's valid key expressions are tried inside wpkh(…): the one in that subset parses; the rest are
 * refused with the reason (hex/WIF keys, private keys, no wildcard, hardened steps after an xpub).
 */
const VALID_EXPECTED: [RegExp, RegExp | 'accept'][] = [
  [/^(Compressed|Uncompressed) public key|^Public key with key origin|^WIF/, /is not an extended public key/],
  [/^Extended public key with derivation and children$/, 'accept'],
  [/^Extended public key(: | with key origin$| with derivation$)|^Extended public key$|^Extended public key with key origin$/, /must end in a ranged path/],
  [/^Extended public key with (key origin, )?hardened derivation/, /hardened|ranged path such as \/0\/\*/],
  [/^Extended private key/, /private extended key is not accepted/],
];

describe('BIP380 key expressions: valid ones', () => {
  it('21 valid key expressions in the fixture', () => {
    expect(validKeys).toHaveLength(21);
  });
  it.each(validKeys.map((v) => [v.label, v.value] as const))('%s: %s', (label, value) => {
    const rule = VALID_EXPECTED.find(([re]) => re.test(label));
    expect(rule, `no expectation for "${label}"`).toBeDefined();
    const want = rule![1];
    const desc = `wpkh(${value})`;
    if (want === 'accept') {
      const d = parseDescriptor(desc);
      expect(d).toMatchObject({ script: 'wpkh', keys: [{ fingerprint: 'deadbeef', originPath: [HARDENED, 1 + HARDENED, 2 + HARDENED], prefix: [3, 4] }], branches: [5] });
      // Formatting the parse gives the same text back (h markers, as the BIP writes them).
      expect(parseDescriptor(withChecksum(desc)).checksum).toBe(descriptorChecksum(desc));
    } else {
      expect(inputError(() => parseDescriptor(desc)).message).toMatch(want);
    }
  });
});

describe('BIP380 key expressions: invalid ones', () => {
  it('16 invalid key expressions in the fixture', () => {
    expect(invalidKeys).toHaveLength(16);
  });
  it.each(invalidKeys.map((v) => [v.label, v.value] as const))('%s: %s', (_label, value) => {
    inputError(() => parseDescriptor(`wpkh(${value})`));
    inputError(() => parseDescriptor(`wpkh(${value}/0/*)`));
  });

  // The same key-origin faults in front of a key coldkit does accept, so the origin check itself is what refuses.
  const XPUB = 'xpub6ERApfZwUNrhLCkDtcHTcxd75RbzS1ed54G1LkBUHQVHQKqhMkhgbmJbZRkrgZw4koxb5JaHWkY4ALHY2grBGRjaDMzQLcgJvLJuZZvRcEL';
  const originFaults = invalidKeys
    .map((v) => /^(\[[^\]]*\])0260b2003c/.exec(v.value))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => m[1]!);
  it('7 invalid vectors are key-origin faults', () => {
    expect(originFaults).toHaveLength(7);
  });
  it.each(originFaults)('origin %s before a ranged xpub is refused', (origin) => {
    expect(parseDescriptor(`wpkh([deadbeef/0h/0h/0h]${XPUB}/0/*)`).keys[0]!.fingerprint).toBe('deadbeef');
    const e = inputError(() => parseDescriptor(`wpkh(${origin}${XPUB}/0/*)`));
    expect(e.message).toMatch(/key origin|fingerprint|level/);
  });
});

describe('BIP380 checksum against the BIP\'s Python reference (descsum_create)', () => {
  const text = fixtureText(FILE);
  const pre = [...text.matchAll(/<pre>\n([\s\S]*?)<\/pre>/g)].map((m) => m[1]!).filter((b) => /def descsum_/.test(b));
  const python = spawnSync('python3', ['--version']).status === 0;
  // Every descriptor form coldkit writes: 4 script types × 2 networks × receive/change/multipath.
  const root = masterKey(new Uint8Array(32).map((_, i) => i), NETWORKS.mainnet);
  const descs: string[] = [];
  for (const net of [NETWORKS.mainnet, NETWORKS.testnet]) {
    const r = masterKey(new Uint8Array(32).map((_, i) => i), net);
    for (const s of SCRIPT_TYPES) {
      const acc = exportAccount(r, net, s, accountPath(s, net, 7), 1);
      descs.push(acc.descriptors.receive, acc.descriptors.change, acc.descriptors.multipath);
    }
  }
  void root;
  it('the BIP holds the two reference code blocks', () => {
    expect(pre).toHaveLength(2);
  });
  it.skipIf(!python)('coldkit\'s 24 descriptor forms carry the checksum the reference computes', () => {
    const code = `${pre.join('\n')}\nimport sys, json\nfor d in json.load(sys.stdin):\n    print(descsum_create(d))\n`;
    const bodies = descs.map((d) => d.split('#')[0]!);
    const r = spawnSync('python3', ['-c', code], { input: JSON.stringify(bodies), encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual(descs);
    expect(descs).toHaveLength(24);
  });
});
