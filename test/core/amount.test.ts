/** The one strict decimal parser for money (src/core/amount.ts): bigint base units, never rounding. */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { formatDecimal, parseBtc, parseDecimal, parseEth, parseUint } from '../../src/core/amount.js';

describe('parseDecimal', () => {
  it.each([
    ['0', 8, 0n],
    ['1', 8, 100_000_000n],
    ['0.00000001', 8, 1n],
    ['0.00001', 8, 1000n],
    ['21000000', 8, 2_100_000_000_000_000n],
    ['1.5', 8, 150_000_000n],
    ['007.10', 8, 710_000_000n],
    [' 2 ', 0, 2n],
    ['123456789012345678901234567890', 18, 123456789012345678901234567890n * 10n ** 18n],
    ['0.000000000000000001', 18, 1n],
  ])('%j with %i decimals = %s', (text, decimals, units) => {
    expect(parseDecimal(text, decimals)).toBe(units);
  });

  it.each([
    ['-1', /is not a plain decimal number/],
    ['+1', /is not a plain decimal number/],
    ['1e8', /is not a plain decimal number/],
    ['1.', /is not a plain decimal number/],
    ['.5', /is not a plain decimal number/],
    ['1,5', /is not a plain decimal number/],
    ['1 000', /is not a plain decimal number/],
    ['', /is not a plain decimal number/],
    ['0x10', /is not a plain decimal number/],
    ['NaN', /is not a plain decimal number/],
    ['Infinity', /is not a plain decimal number/],
    ['１', /is not a plain decimal number/], // full-width digit
    ['0.000000001', /has 9 decimal places; at most 8 are allowed/],
  ])('%j is refused', (text, message) => {
    expect(() => parseDecimal(text, 8, '--amount')).toThrow(InputError);
    expect(() => parseDecimal(text, 8, '--amount')).toThrow(message);
  });

  it('errors name the field and clip long or control-character input', () => {
    const e = (() => {
      try {
        parseDecimal('9'.repeat(50) + '\u001b[2J', 8, '--fee');
      } catch (x) {
        return x as InputError;
      }
    })()!;
    expect(e.field).toBe('--fee');
    expect(e.message.startsWith('--fee: "' + '9'.repeat(40) + '…"')).toBe(true);
    expect(e.message).not.toContain('\u001b');
  });
  it('refuses excess precision rather than rounding (0.123456789 BTC)', () => {
    expect(() => parseBtc('0.123456789')).toThrow(/9 decimal places; at most 8/);
  });
});

describe('parseBtc / parseEth units', () => {
  it.each([
    ['0.001', 100_000n],
    ['0.001 BTC', 100_000n],
    ['1btc', 100_000_000n],
    ['1000sat', 1000n],
    ['1000 sats', 1000n],
    ['1 SAT', 1n],
  ])('BTC %j = %s sat', (text, sats) => {
    expect(parseBtc(text)).toBe(sats);
  });
  it.each(['1.5sat', '-1sat', '1 bitcoin', 'sat', '1 mbtc'])('BTC %j is refused', (text) => {
    expect(() => parseBtc(text)).toThrow(InputError);
  });
  it.each([
    ['1', 10n ** 18n],
    ['0.1 eth', 10n ** 17n],
    ['2 ether', 2n * 10n ** 18n],
    ['21gwei', 21_000_000_000n],
    ['1.5 gwei', 1_500_000_000n],
    ['0.000000001gwei', 1n],
    ['5wei', 5n],
  ])('ETH %j = %s wei', (text, wei) => {
    expect(parseEth(text)).toBe(wei);
  });
  it.each(['0.5wei', '0.0000000001gwei', '0.0000000000000000001', '1 finney'])('ETH %j is refused', (text) => {
    expect(() => parseEth(text)).toThrow(InputError);
  });
});

describe('formatDecimal', () => {
  it.each([
    [1000n, 8, '0.00001'],
    [0n, 8, '0'],
    [100_000_000n, 8, '1'],
    [123_456_789n, 8, '1.23456789'],
    [-150_000_000n, 8, '-1.5'],
    [10n ** 18n + 1n, 18, '1.000000000000000001'],
    [42n, 0, '42'],
  ])('%s with %i decimals = %s', (units, decimals, text) => {
    expect(formatDecimal(units, decimals)).toBe(text);
  });
  it('round trips with parseDecimal', () => {
    for (const v of [0n, 1n, 99n, 100_000_000n, 2_099_999_997_690_000n, 123_456_789_012n]) {
      expect(parseDecimal(formatDecimal(v, 8), 8)).toBe(v);
    }
  });
});

describe('parseUint', () => {
  it('whole numbers within a maximum', () => {
    expect(parseUint('0', 'n')).toBe(0n);
    expect(parseUint(' 42 ', 'n')).toBe(42n);
    expect(parseUint('255', 'n', 255n)).toBe(255n);
  });
  it.each([['256'], ['-1'], ['1.0'], ['0x1'], ['']])('%j is refused (max 255)', (t) => {
    expect(() => parseUint(t, '--n', 255n)).toThrow(InputError);
  });
});
