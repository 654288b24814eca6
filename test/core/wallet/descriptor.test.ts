/**
 * Descriptors and paths (src/core/wallet/descriptor.ts and wallet.ts, src/core/hd/checksum.ts and path.ts): format → parse
 * round trips for every script type and network, the checksum guarding every character, precise
 * refusals, and the account-path hardening rule.
 */
import { describe, expect, it } from 'vitest';
import { NETWORKS } from '../../../src/core/network.js';
import { InputError, RefusedError } from '../../../src/core/errors.js';
import { accountPath, exportAccount } from '../../../src/core/wallet/account.js';
import { descriptorChecksum, verifyChecksum, withChecksum } from '../../../src/core/hd/checksum.js';
import { formatDescriptor, parseDescriptor } from '../../../src/core/wallet/descriptor.js';
import { masterKey, seedFromMnemonic } from '../../../src/core/hd/keys.js';
import { formatPath, HARDENED, parsePath, requireHardenedAccount } from '../../../src/core/hd/path.js';
import { TEMPLATE_NAMES as SCRIPT_TYPES } from '../../../src/core/wallet/template.js';
import { Wallet } from '../../../src/core/wallet/wallet.js';
import { inputError } from '../../helpers/expect-error.js';

const ABOUT = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
const seed = seedFromMnemonic(ABOUT);
const H = HARDENED;


describe('descriptor format/parse round trips', () => {
  const cases = (['mainnet', 'testnet'] as const).flatMap((n) => SCRIPT_TYPES.map((s) => [n, s] as const));
  it.each(cases)('%s %s: receive, change and multipath forms', (netName, script) => {
    const net = NETWORKS[netName];
    const acc = exportAccount(masterKey(seed, net), net, script, accountPath(script, net, 0), 3);
    for (const [form, branches] of [
      ['receive', [0]],
      ['change', [1]],
      ['multipath', [0, 1]],
    ] as const) {
      const text = acc.descriptors[form];
      expect(text).toMatch(/#[qpzry9x8gf2tvdw0s3jn54khce6mua7l]{8}$/);
      const d = parseDescriptor(text);
      expect(d).toMatchObject({ script, keys: [{ fingerprint: '73c5da0a', xpub: acc.xpub, prefix: [] }], threshold: 1, mainnet: netName === 'mainnet', branches: [...branches] });
      expect(formatPath(d.keys[0]!.originPath!)).toBe(acc.path);
      expect(formatDescriptor(d, form === 'multipath' ? 'multi' : branches[0]!)).toBe(text);
    }
    // The watch-only side derives the very addresses the seed side exported.
    const w = new Wallet(parseDescriptor(acc.descriptors.multipath), net);
    expect(w.list(w.branch(false), 0, 3).map((a) => a.address)).toEqual(acc.addresses.map((a) => a.address));
    expect(w.list(w.branch(true), 0, 1)[0]!.address).toBe(acc.firstChangeAddress);
    const found = w.findAddress(acc.firstChangeAddress, 5);
    expect(found).toMatchObject({ branch: 1, index: 0, path: `${acc.path}/1/0` });
  });

  it('the BIP84 first address is bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu (BIP84 vector)', () => {
    const acc = exportAccount(masterKey(seed, NETWORKS.mainnet), NETWORKS.mainnet, 'wpkh', accountPath('wpkh', NETWORKS.mainnet, 0), 1);
    expect(acc.descriptors.receive).toBe(
      'wpkh([73c5da0a/84h/0h/0h]xpub6CatWdiZiodmUeTDp8LT5or8nmbKNcuyvz7WyksVFkKB4RHwCD3XyuvPEbvqAQY3rAPshWcMLoP2fMFMKHPJ4ZeZXYVUhLv1VMrjPC7PW6V/0/*)#' +
        descriptorChecksum('wpkh([73c5da0a/84h/0h/0h]xpub6CatWdiZiodmUeTDp8LT5or8nmbKNcuyvz7WyksVFkKB4RHwCD3XyuvPEbvqAQY3rAPshWcMLoP2fMFMKHPJ4ZeZXYVUhLv1VMrjPC7PW6V/0/*)'),
    );
    expect(acc.addresses[0]!.address).toBe('bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu');
  });

  it("' and h origin markers parse alike; a checksum is optional", () => {
    const acc = exportAccount(masterKey(seed, NETWORKS.mainnet), NETWORKS.mainnet, 'wpkh', accountPath('wpkh', NETWORKS.mainnet, 0), 1);
    const body = acc.descriptors.receive.split('#')[0]!;
    const a = parseDescriptor(body);
    const b = parseDescriptor(body.replace('84h/0h/0h', "84'/0'/0'"));
    expect(b.keys[0]!.originPath).toEqual(a.keys[0]!.originPath);
    expect(a.checksum).toBeUndefined();
  });
});

describe('the checksum catches any one-character change', () => {
  const acc = exportAccount(masterKey(seed, NETWORKS.mainnet), NETWORKS.mainnet, 'tr', accountPath('tr', NETWORKS.mainnet, 0), 1);
  const text = acc.descriptors.multipath;
  it('every position, one substitution each: refused', () => {
    const [body, sum] = text.split('#') as [string, string];
    let refused = 0;
    for (let i = 0; i < body.length; i++) {
      const c = body[i]!;
      const sub = c === '0' ? '1' : c === 'a' ? 'b' : c === 'A' ? 'B' : c === '(' ? ')' : /[0-9]/.test(c) ? '0' : /[a-z]/.test(c) ? 'a' : /[A-Z]/.test(c) ? 'A' : '0';
      const mutated = body.slice(0, i) + sub + body.slice(i + 1) + '#' + sum;
      expect(() => verifyChecksum(mutated)).toThrow(InputError);
      refused++;
    }
    expect(refused).toBe(body.length);
  });
  it('the mismatch message gives the right checksum', () => {
    const bad = text.slice(0, -1) + (text.endsWith('q') ? 'p' : 'q');
    expect(inputError(() => parseDescriptor(bad)).message).toBe(
      `--descriptor: checksum mismatch: "#${bad.split('#')[1]}" given, the descriptor's is "#${text.split('#')[1]}" — it was altered or mistyped`,
    );
  });
  it('withChecksum then verifyChecksum is the identity', () => {
    expect(verifyChecksum(withChecksum('raw(deadbeef)'))).toEqual({ body: 'raw(deadbeef)', checksum: '89f8spxm' });
  });
});

describe('descriptor refusals name the problem', () => {
  const XPUB = 'xpub6CatWdiZiodmUeTDp8LT5or8nmbKNcuyvz7WyksVFkKB4RHwCD3XyuvPEbvqAQY3rAPshWcMLoP2fMFMKHPJ4ZeZXYVUhLv1VMrjPC7PW6V';
  const XPRV = masterKey(seed, NETWORKS.mainnet).derive("m/84'/0'/0'").privateExtendedKey;
  it.each([
    ['wsh(multi)', `wsh(pkh(${XPUB}/0/*))`, /only single-key wpkh\(…\), sh\(wpkh\(…\)\), pkh\(…\) and tr\(KEY\) descriptors are supported/],
    ['wsh(sortedmulti) over the same xpub twice', `wsh(sortedmulti(2,${XPUB}/0/*,${XPUB}/0/*))`, /key 2 repeats key 1/],
    ['wsh(multi): unsorted', `wsh(multi(1,${XPUB}/0/*))`, /^--descriptor: wsh\(multi\(…\)\) is not a vault coldkit reads: wsh\(sortedmulti\(k,…\)\), sh\(wsh\(sortedmulti\(k,…\)\)\) or tr\(50929b74[0-9a-f]{56},sortedmulti_a\(k,…\)\)/],
    ['sh(sortedmulti): legacy P2SH multisig', `sh(sortedmulti(1,${XPUB}/0/*))`, /^--descriptor: sh\(sortedmulti\(…\)\) is not a vault coldkit reads/],
    ['multi_a in tr', `tr(${XPUB}/0/*,multi_a(1,${XPUB}/1/*))`, /tr\(KEY,multi_a\(…\)\): coldkit reads no taproot script tree but a vault's tr\(50929b74/],
    ['tr with a script tree', `tr(${XPUB}/0/*,pk(${XPUB}/1/*))`, /tr\(KEY,pk\(…\)\): coldkit reads no taproot script tree/],
    ['taproot vault with a spendable internal key', `tr(${XPUB}/0/*,sortedmulti_a(1,${XPUB}/1/*))`, /internal key of a taproot vault must be BIP341's unspendable point/],
    ['sh(pkh)', `sh(pkh(${XPUB}/0/*))`, /only single-key/],
    ['no wildcard', `wpkh(${XPUB}/0)`, /must end in a ranged path such as \/0\/\* or \/<0;1>\/\*/],
    ['no branch', `wpkh(${XPUB}/*)`, /give the branch before the wildcard/],
    ['hardened branch', `wpkh(${XPUB}/0h/*)`, /step "0h" after the xpub is hardened/],
    ['hardened wildcard', `wpkh(${XPUB}/0/*')`, /ranged path/],
    ['private key', `wpkh(${XPRV}/0/*)`, /a private extended key is not accepted here: give the xpub/],
    ['unclosed origin', `wpkh([73c5da0a/84h/0h/0h${XPUB}/0/*)`, /key origin "\[" is not closed with "\]"/],
    ['short fingerprint', `wpkh([73c5da0/84h/0h/0h]${XPUB}/0/*)`, /key origin fingerprint "73c5da0" must be 8 hex characters/],
    ['H origin marker', `wpkh([73c5da0a/84H/0h/0h]${XPUB}/0/*)`, /key origin step "84H": the hardened marker is h or ' \(BIP380\), not H/],
    ['origin index too big', `wpkh([73c5da0a/2147483648/0h/0h]${XPUB}/0/*)`, /index 2147483648 is not below 2\^31/],
    ['not a key', 'wpkh(hello/0/*)', /key "hello…" is not an extended public key/],
    ['base58 checksum broken', `wpkh(${XPUB.slice(0, -1)}W/0/*)`, /is not a base58check extended key/],
    ['bad character', `wpkh(${XPUB}/0/*)é`, /is not allowed in a descriptor|only single-key/],
    ['branch index too big', `wpkh(${XPUB}/2147483648/*)`, /step "2147483648" after the key is not an unhardened index/],
  ])('%s', (_name, text, message) => {
    expect(inputError(() => parseDescriptor(text)).message).toMatch(message);
  });
  it('--change on a single-branch descriptor is refused', () => {
    const w = new Wallet(parseDescriptor(`wpkh(${XPUB}/0/*)`), NETWORKS.mainnet);
    expect(() => w.branch(true)).toThrow(/this descriptor has one branch; --change needs a \/<0;1>\/\* descriptor/);
    expect(w.branch(false)).toBe(0);
  });
});

describe('paths', () => {
  it.each([
    ['m', []],
    ["m/84'/0'/0'", [84 + H, H, H]],
    ['m/84h/0H/0h/1/2', [84 + H, H, H, 1, 2]],
    ['M/0', [0]],
    [` m/2147483647'/2147483647 `, [0xffffffff, 2147483647]],
  ] as [string, number[]][])('%s', (text, indices) => {
    expect(parsePath(text)).toEqual(indices);
  });
  it.each([
    ['84h/0h', /must start with "m\/"/],
    ['m/', /level 1 "" is not an index/],
    ['m/84hh', /level 1 "84hh" is not an index/],
    ['m/-1', /level 1 "-1" is not an index/],
    ['m/2147483648', /level 1 index 2147483648 is not below 2\^31/],
    ['m/0/1.5', /level 2 "1.5" is not an index/],
  ])('%s is refused', (text, message) => {
    expect(inputError(() => parsePath(text)).message).toMatch(message);
  });
  it('formatPath uses h by default and round trips', () => {
    expect(formatPath([84 + H, H, H, 0, 5])).toBe('m/84h/0h/0h/0/5');
    expect(formatPath([84 + H, 1], "'")).toBe("m/84'/1");
    expect(parsePath(formatPath([44 + H, 60 + H, H, 0, 0]))).toEqual([44 + H, 60 + H, H, 0, 0]);
  });
  it.each([
    ["m/84/0'/0'", 1, 'purpose'],
    ["m/84'/0/0'", 2, 'coin type'],
    ["m/84'/0'/0", 3, 'account'],
  ])('unhardened %s: level %i (%s) refused with the override code "unhardened"', (p, level, name) => {
    let err: unknown;
    try {
      requireHardenedAccount(parsePath(p), false);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(RefusedError);
    expect((err as RefusedError).overrides).toEqual(['unhardened']);
    expect((err as Error).message).toMatch(new RegExp(`^--path level ${level} \\(${name}\\) is not hardened`));
    expect(() => requireHardenedAccount(parsePath(p), true)).not.toThrow();
  });
  it('hardened account paths pass; levels below the account are free', () => {
    expect(() => requireHardenedAccount(parsePath("m/84'/0'/0'/0/0"), false)).not.toThrow();
  });
});
