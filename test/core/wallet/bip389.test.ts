/**
 * BIP389 multipath descriptors (fixtures/bip389/bip-0389.mediawiki, verbatim). coldkit reads the
 * single-key subset with the multipath step in the branch position (`…/<0;1>/*`, receive; change).
 * Every invalid vector is refused; the valid ones outside that subset are refused with a reason,
 * never misread; and the rules of the specification text (no duplicates, unhardened indices).
 */
import { describe, expect, it } from 'vitest';
import { formatDescriptor, parseDescriptor } from '../../../src/core/wallet/descriptor.js';
import { fixtureText } from '../../helpers/spec-text.js';
import { inputError } from '../../helpers/expect-error.js';

const text = fixtureText('bip389/bip-0389.mediawiki');
const section = text.slice(text.indexOf('==Test Vectors=='), text.indexOf('==Backwards Compatibility=='));
const validPart = section.slice(0, section.indexOf('Invalid descriptors'));
const invalidPart = section.slice(section.indexOf('Invalid descriptors'));

/** Valid vectors: the multipath descriptor and the descriptors it expands into. */
const valid: { desc: string; expands: string[] }[] = [];
for (const line of validPart.split('\n')) {
  const top = /^\* <tt>(.+)<\/tt>$/.exec(line);
  const sub = /^\*\* <tt>(.+)<\/tt>$/.exec(line);
  if (top) valid.push({ desc: top[1]!, expands: [] });
  else if (sub) valid[valid.length - 1]!.expands.push(sub[1]!);
}
const invalid = [...invalidPart.matchAll(/^\* (.+?): <tt>(.+)<\/tt>$/gm)].map((m) => ({ label: m[1]!, desc: m[2]! }));

const refused = (desc: string) => inputError(() => parseDescriptor(desc));

describe('BIP389 valid multipath descriptors', () => {
  it('6 valid vectors with their expansions', () => {
    expect(valid.map((v) => v.expands.length)).toEqual([2, 2, 2, 2, 3, 3]);
  });
  it.each(valid.map((v) => [v.desc.slice(0, 40), v] as const))('%s…: refused with a reason (outside the single-key /<a;b>/* subset), never misread', (_d, v) => {
    expect(refused(v.desc).message).toMatch(/only single-key|is not a vault coldkit reads|ranged path|private extended key|not an unhardened index|branch before the wildcard/);
  });
  it('the one single-key vector, with the multipath step moved to the branch position, expands as the BIP says', () => {
    const v = valid.find((x) => x.desc.startsWith('wpkh('))!;
    // wpkh([ffffffff/13h]xpub…/<1;3>/2/*) → …/1/2/* and …/3/2/*: the BIP's own expansion, re-stated with the tuple last.
    const moved = v.desc.replace('/<1;3>/2/*', '/2/<1;3>/*');
    const d = parseDescriptor(moved);
    expect(d).toMatchObject({ keys: [{ fingerprint: 'ffffffff', prefix: [2] }], branches: [1, 3] });
    expect(formatDescriptor(d, 1, false)).toBe(v.expands[0]!.replace('/1/2/*', '/2/1/*'));
    expect(formatDescriptor(d, 3, false)).toBe(v.expands[1]!.replace('/3/2/*', '/2/3/*'));
  });
});

describe('BIP389 invalid descriptors', () => {
  it('8 invalid vectors', () => {
    expect(invalid).toHaveLength(8);
  });
  it.each(invalid.map((v) => [v.label, v.desc] as const))('%s: refused', (_l, desc) => {
    refused(desc);
  });
});

describe('BIP389 rules from the specification text', () => {
  const XPUB = 'xpub661MyMwAqRbcFW31YEwpkMuc5THy2PSt5bDMsktWQcFF8syAmRUapSCGu8ED9W6oDMSgv6Zz8idoc4a6mr8BDzTJY47LJhkJ8UB7WEGuduB';
  it('"Duplicate NUMs within a tuple are not allowed"', () => {
    expect(refused(`wpkh(${XPUB}/<1;1>/*)`).message).toBe('--descriptor: multipath step "<1;1>" repeats index 1; BIP389 does not allow duplicates');
  });
  it('tuple indices must be unhardened and below 2^31 for an xpub', () => {
    expect(refused(`wpkh(${XPUB}/<0;2147483648>/*)`).message).toMatch(/step "2147483648" after the key is not an unhardened index/);
    refused(`wpkh(${XPUB}/<0;1h>/*)`);
  });
  it('"/<0;1>" gives receive then change', () => {
    expect(parseDescriptor(`wpkh(${XPUB}/<0;1>/*)`).branches).toEqual([0, 1]);
    expect(parseDescriptor(`wpkh(${XPUB}/<7;3>/*)`).branches).toEqual([7, 3]);
  });
});
