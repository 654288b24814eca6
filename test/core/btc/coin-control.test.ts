/**
 * Coin control (src/core/btc/coin-control.ts): outpoints parsed strictly, exclusions applied, and
 * every contradiction (unknown coin, a coin both spent and excluded, a repeat) refused at once.
 */
import { describe, expect, it } from 'vitest';
import { applyCoinControl, parseOutpoint } from '../../../src/core/btc/coin-control.js';
import { InputError } from '../../../src/core/errors.js';

const A = 'aa'.repeat(32);
const B = 'bb'.repeat(32);
const list = [{ txid: A, vout: 0 }, { txid: A, vout: 1 }, { txid: B, vout: 7 }];

describe('parseOutpoint', () => {
  it('reads TXID:VOUT, lower-casing the txid', () => {
    expect(parseOutpoint(`${A.toUpperCase()}:1`, '--utxo')).toEqual({ txid: A, vout: 1 });
    expect(parseOutpoint(` ${B}:4294967295 `, '--utxo')).toEqual({ txid: B, vout: 0xffffffff });
  });
  it.each([
    ['short txid', `${A.slice(2)}:0`],
    ['no index', A],
    ['index past 2^32-1', `${A}:4294967296`],
    ['leading zero', `${A}:01`],
    ['negative', `${A}:-1`],
    ['non-hex', `${'zz'.repeat(32)}:0`],
    ['txid:vout:extra', `${A}:0:0`],
    ['terminal escape', `\u001b[31m${A}:0`],
  ])('refuses %s', (_, text) => {
    expect(() => parseOutpoint(text, '--utxo')).toThrow(InputError);
    try {
      parseOutpoint(text, '--utxo');
    } catch (e) {
      expect((e as Error).message).toMatch(/^--utxo: .* is not an outpoint; expected TXID:VOUT/);
      expect((e as Error).message).not.toContain('\u001b');
    }
  });
});

describe('applyCoinControl', () => {
  it('include keeps the list and names the coins; exclude drops them', () => {
    const r = applyCoinControl(list, { include: [{ txid: A, vout: 1 }], exclude: [{ txid: B, vout: 7 }] });
    expect(r.utxos).toEqual(list.slice(0, 2));
    expect([...r.include!]).toEqual([`${A}:1`]);
    expect(applyCoinControl(list, {})).toEqual({ utxos: list });
  });
  it('refuses, all at once: an unknown coin, one both spent and excluded, repeats', () => {
    let msg = '';
    try {
      applyCoinControl(list, { include: [{ txid: B, vout: 0 }, { txid: A, vout: 0 }, { txid: A, vout: 0 }], exclude: [{ txid: A, vout: 0 }, { txid: B, vout: 9 }] });
    } catch (e) {
      msg = (e as Error).message;
    }
    expect(msg).toContain(`--exclude-utxo ${B}:9 is not in --utxos`);
    expect(msg).toContain(`--utxo ${B}:0 is not in --utxos`);
    expect(msg).toContain(`${A}:0 is both spent (--utxo) and excluded (--exclude-utxo)`);
    expect(msg).toContain(`--utxo ${A}:0 is given twice`);
  });
});
