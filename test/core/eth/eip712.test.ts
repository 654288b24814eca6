/**
 * EIP-712: the reference example of the EIP (fixtures/eip712/Example.js, verbatim). The typed-data
 * object and every expected value are read out of the file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TypedDataEncoder, computeAddress, keccak256, toUtf8Bytes } from 'ethers';
import { describe, expect, it } from 'vitest';
import { signDigest } from '../../../src/core/eth/sign.js';
import { MAX_TYPED_VALUES, parseTypedData, reviewTypedData, typedDataDigest } from '../../../src/core/eth/typed-data.js';
import { fromHex } from '../../../src/core/text.js';
import { ROOT } from '../../helpers/cli.js';

const src = fs.readFileSync(path.join(ROOT, 'fixtures/eip712/Example.js'), 'utf8');
/** The `typedData` object literal, turned into JSON (quote keys, single → double quotes, drop trailing commas). */
function typedDataJson(): string {
  const lit = src.slice(src.indexOf('const typedData = ') + 'const typedData = '.length, src.indexOf('};\n') + 1);
  return lit
    .replace(/'/g, '"')
    .replace(/([{,]\s*)([A-Za-z0-9_]+)\s*:/g, '$1"$2":')
    .replace(/,(\s*[}\]])/g, '$1');
}
/** Every `expect(X).to.equal('0x…')` / `.to.equal(N)` in the file, keyed by the expression X. */
const expected = new Map(
  [...src.matchAll(/expect\(((?:(?!expect\()[\s\S])*?)\)\.to\.equal\(\s*(?:'([^']*)'|(\d+)),?\s*\);/g)].map((m) => [m[1]!.replace(/\s+/g, ' '), m[2] ?? m[3]!]),
);
const want = (key: string) => {
  const hit = [...expected.entries()].find(([k]) => k.includes(key));
  if (!hit) throw new Error(`no expectation for ${key}`);
  return hit[1];
};

describe('EIP-712 reference example (assets/eip-712/Example.js)', () => {
  const json = typedDataJson();
  const td = parseTypedData(json);
  const enc = new TypedDataEncoder({ Person: td.types.Person!, Mail: td.types.Mail! });
  it('has the Mail example with all its expectations', () => {
    expect(td.primaryType).toBe('Mail');
    expect(expected.size).toBe(10);
  });
  it('encodeType(Mail)', () => expect(enc.encodeType('Mail')).toBe(want("encodeType('Mail')")));
  it('typeHash(Mail)', () => expect(keccak256(toUtf8Bytes(enc.encodeType('Mail')))).toBe(want("typeHash('Mail')")));
  it('encodeData(Mail, message)', () => expect(enc.encodeData('Mail', td.message)).toBe(want('encodeData(typedData.primaryType')));
  it('structHash(Mail, message)', () => expect(enc.hashStruct('Mail', td.message)).toBe(want('structHash(typedData.primaryType')));
  it('structHash(EIP712Domain, domain)', () => {
    expect(new TypedDataEncoder({ EIP712Domain: td.types.EIP712Domain! }).hashStruct('EIP712Domain', td.domain)).toBe(want("structHash('EIP712Domain'"));
  });
  it('signHash (the digest coldkit signs)', () => {
    expect(typedDataDigest(td)).toBe(want('signHash()'));
    expect(reviewTypedData(td).digest).toBe(want('signHash()'));
  });
  it('signature by keccak256("cow"): address, v, r, s', () => {
    const key = fromHex(keccak256(toUtf8Bytes('cow')), 'key');
    expect(computeAddress(keccak256(toUtf8Bytes('cow'))).toLowerCase()).toBe(want('bufferToHex(address)'));
    const sig = signDigest(typedDataDigest(td), key).bytes;
    expect('0x' + Buffer.from(sig.subarray(0, 32)).toString('hex')).toBe(want('sig.r'));
    expect('0x' + Buffer.from(sig.subarray(32, 64)).toString('hex')).toBe(want('sig.s'));
    expect(String(sig[64])).toBe(want('sig.v'));
  });
});

describe('EIP-712 input that must be refused as input (exit 2), not crash', () => {
  const domain = { EIP712Domain: [{ name: 'name', type: 'string' }] };
  const inputError = (text: string): Error => {
    try {
      parseTypedData(text, 'file');
    } catch (e) {
      return e as Error;
    }
    throw new Error('accepted');
  };
  it('a primaryType or field type that only Object.prototype has ("constructor", "toString")', () => {
    const ctor = inputError(JSON.stringify({ types: { ...domain, A: [{ name: 'a', type: 'uint8' }] }, primaryType: 'constructor', domain: { name: 'x' }, message: {} }));
    expect(ctor.name).toBe('InputError');
    expect(ctor.message).toMatch(/primaryType "constructor" is not defined in types/);
    const field = inputError(JSON.stringify({ types: { ...domain, A: [{ name: 'a', type: 'toString' }] }, primaryType: 'A', domain: { name: 'x' }, message: { a: 1 } }));
    expect(field.name).toBe('InputError');
    expect(field.message).toMatch(/uses undefined type "toString"/);
  });
  it('a message nested thousands of levels deep', () => {
    const n = 5000;
    const text = `{"types":{"EIP712Domain":[{"name":"name","type":"string"}],"A":[{"name":"a","type":"A[]"}]},"primaryType":"A","domain":{"name":"x"},"message":${'{"a":['.repeat(n)}{"a":[]}${']}'.repeat(n)}}`;
    const e = inputError(text);
    expect(e.name).toBe('InputError');
    expect(e.message).toMatch(/nested deeper than 64 levels/);
  });
  it(`more than MAX_TYPED_VALUES values in all, in one array or spread over many (a 2-million-element array took minutes and 4 GB)`, () => {
    const doc = (message: unknown, types: Record<string, unknown>) => JSON.stringify({ types: { ...domain, ...types }, primaryType: 'A', domain: { name: 'x' }, message });
    const one = inputError(doc({ v: Array(2_000_000).fill(1) }, { A: [{ name: 'v', type: 'uint256[]' }] }));
    expect(one.name).toBe('InputError');
    expect(one.message).toMatch(/message\.v has 2000000 elements; more than 100000 values/);
    const rows = Array.from({ length: 400 }, () => ({ w: Array(300).fill(1) }));
    const spread = inputError(doc({ v: rows }, { A: [{ name: 'v', type: 'B[]' }], B: [{ name: 'w', type: 'uint8[]' }] }));
    expect(spread.message).toMatch(/more than 100000 values/);
    expect(MAX_TYPED_VALUES).toBe(100_000);
    expect(() => parseTypedData(doc({ v: rows.slice(0, 300) }, { A: [{ name: 'v', type: 'B[]' }], B: [{ name: 'w', type: 'uint8[]' }] }), 'file')).not.toThrow();
  });
});
