/** `--birthday`: the importdescriptors timestamp from a date, a UNIX time, 0 or now; a block height refused. */
import { describe, expect, it } from 'vitest';
import { birthdayText, GENESIS_TIME, parseBirthday } from '../../../src/core/wallet/birthday.js';
import { InputError } from '../../../src/core/errors.js';

describe('parseBirthday', () => {
  it.each([
    ['2024-03-01', 1709251200],
    ['2024-03-01T12:00:00Z', 1709294400],
    ['2024-03-01T12:00:00+02:00', 1709287200],
    ['1709251200', 1709251200],
    ['0', 0],
    ['now', 'now'],
    ['2008-12-31', 0], // before the genesis block: everything
    [String(GENESIS_TIME), GENESIS_TIME],
  ] as const)('%s → %s', (text, ts) => expect(parseBirthday(text)).toBe(ts));

  it.each(['850000', '1', String(GENESIS_TIME - 1)])('%s looks like a block height: refused with the reason', (text) => {
    expect(() => parseBirthday(text)).toThrow(InputError);
    expect(() => parseBirthday(text)).toThrow(/block height; Bitcoin Core's importdescriptors takes a time, not a height/);
  });

  it.each(['2024-02-30', '2024-13-01', 'yesterday', '2024-03-01 12:00', '2024-03-01T12:00:00', '-5', ''])('%j is not a date', (text) => {
    expect(() => parseBirthday(text)).toThrow(/is not a date|block height/);
  });

  it('says which rescan Core will do', () => {
    expect(birthdayText(0)).toMatch(/whole chain/);
    expect(birthdayText('now')).toMatch(/does not rescan/);
    expect(birthdayText(1709251200)).toMatch(/2024-03-01T00:00:00Z.*rescans from then/);
  });
});
