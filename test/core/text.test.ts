/** Text helpers (src/core/text.ts): JSON rendering of results, hex, and sanitising untrusted text. */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { fromHex, sanitize, toHex, toJson, groupedAddress } from '../../src/core/text.js';

describe('toJson', () => {
  it('bigint as decimal strings, bytes as hex (Uint8Array and Buffer alike), nested', () => {
    const doc = { amount: 2_100_000_000_000_000n, bytes: new Uint8Array([0, 255]), buf: Buffer.from([1, 2, 171]), list: [{ n: -1n, b: Buffer.alloc(0) }], date: new Date(0), s: 'x' };
    expect(JSON.parse(toJson(doc))).toEqual({ amount: '2100000000000000', bytes: '00ff', buf: '0102ab', list: [{ n: '-1', b: '' }], date: '1970-01-01T00:00:00.000Z', s: 'x' });
    expect(toJson(new Uint8Array([16]))).toBe('"10"');
    expect(toJson(5n)).toBe('"5"');
  });
  it('is indented (one readable document)', () => {
    expect(toJson({ a: 1 })).toBe('{\n  "a": 1\n}');
  });
});

describe('hex', () => {
  it('round trips, accepts 0x and upper case', () => {
    expect(toHex(fromHex('0xDEADbeef', 'f'))).toBe('deadbeef');
    expect(fromHex('', 'f')).toEqual(new Uint8Array());
  });
  it.each(['abc', 'zz', '0x0g', '12 34'])('%j is refused naming the field', (t) => {
    expect(() => fromHex(t, '--tx')).toThrow(new InputError('not valid hex (need an even number of 0-9a-f characters)', '--tx'));
  });
});

describe('sanitize', () => {
  it('replaces control, C1 and bidi-override characters; keeps ordinary text', () => {
    expect(sanitize('ok\u001b[2J\r\n\u0007\u009b\u202eevil\u2066')).toBe('ok\uFFFD[2J\uFFFD\uFFFD\uFFFD\uFFFD\uFFFDevil\uFFFD');
    expect(sanitize('Zoë — 1 BTC → bc1q…')).toBe('Zoë — 1 BTC → bc1q…');
  });
});

describe('groupedAddress', () => {
  it('4-character blocks, the last one shorter; control characters sanitized first', () => {
    expect(groupedAddress('bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4')).toBe('bc1q w508 d6qe jxtd g4y5 r3za rvar y0c5 xw7k v8f3 t4');
    expect(groupedAddress('1BoatSLRHtKNngkdXEeobR76b53LETtpyT')).toBe('1Boa tSLR HtKN ngkd XEeo bR76 b53L ETtp yT');
    expect(groupedAddress('abc\u001bdefgh')).toBe('abc\uFFFD defg h');
    expect(groupedAddress('')).toBe('');
  });
});
