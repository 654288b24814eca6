/**
 * Die rolls typed a few at a time (src/core/bip39/dice-entry.ts): the count and bits so far, a
 * stray character refuses only its line (naming the roll), "-" takes back rolls, an empty answer
 * finishes only once there are enough, a lopsided run is warned about as it happens; the result
 * is the same string of faces as the file form, so dice-only entropy does not depend on how the
 * rolls were typed.
 */
import { describe, expect, it } from 'vitest';
import { BITS_PER_ROLL, parseRolls, rollsNeeded } from '../../../src/core/bip39/dice.js';
import { DiceEntry } from '../../../src/core/bip39/dice-entry.js';

const ROLLS = '36142516364251632451263542165346215364125634126534215634216534125634215634125643215634215634125634216';

describe('dice entry', () => {
  it('rolls in lines of any length give the same faces as the file form', () => {
    const e = new DiceEntry(rollsNeeded(256));
    for (let i = 0; i < ROLLS.length; i += 7) e.answer(ROLLS.slice(i, i + 7).split('').join(' '));
    expect(e.status).toMatchObject({ rolls: ROLLS.length, enough: true, done: false });
    expect(e.answer('')).toEqual([]);
    expect(e.result).toBe(parseRolls(ROLLS));
  });

  it('the roll count and bits so far', () => {
    const e = new DiceEntry(50);
    e.answer('123456');
    expect(e.status).toEqual({ rolls: 6, needed: 50, bits: 6 * BITS_PER_ROLL, enough: false, done: false });
  });

  it('a stray character refuses its whole line, names the roll, and keeps the count', () => {
    const e = new DiceEntry(50);
    e.answer('1'.repeat(0) + ROLLS.slice(0, 20));
    expect(e.answer('45 7 1')).toEqual([{ kind: 'not-a-face', roll: 23, character: '7', from: 21 }]);
    expect(e.status.rolls).toBe(20);
    expect(e.answer('\u0007')).toEqual([{ kind: 'not-a-face', roll: 21, character: '\\u0007', from: 21 }]);
    expect(e.answer('451')).toEqual([]);
    expect(e.status.rolls).toBe(23);
  });

  it('"-" takes back the last roll (each "-" one, in order with the faces)', () => {
    const e = new DiceEntry(50);
    expect(e.answer('-')).toEqual([{ kind: 'nothing-to-undo' }]);
    e.answer('1234');
    expect(e.answer('-')).toEqual([{ kind: 'undone', count: 1 }]);
    expect(e.answer('5--6')).toEqual([{ kind: 'undone', count: 2 }]);
    e.answer(ROLLS.slice(0, 50));
    e.answer('');
    expect(e.result).toBe('126' + ROLLS.slice(0, 50));
  });

  it('Enter finishes only with enough rolls; reaching enough is said once', () => {
    const e = new DiceEntry(50);
    e.answer(ROLLS.slice(0, 48));
    expect(e.answer('')).toEqual([{ kind: 'short', missing: 2 }]);
    expect(e.status.done).toBe(false);
    expect(e.answer('12')).toEqual([{ kind: 'enough', rolls: 50 }]);
    expect(e.answer('3')).toEqual([]);
    expect(e.answer('  ')).toEqual([]);
    expect(e.status.done).toBe(true);
    expect(e.result).toHaveLength(51);
  });

  it('a lopsided run is warned about once it shows, once', () => {
    const e = new DiceEntry(50);
    e.answer('123456'.repeat(4));
    expect(e.answer('66666')).toEqual([]); // 29 rolls: too few to judge
    expect(e.answer('6')).toEqual([{ kind: 'lopsided', face: 6, count: 10, rolls: 30 }]);
    expect(e.answer('6')).toEqual([]); // still lopsided: not said again
    expect(e.answer('1234512345')).toEqual([]); // 11 of 41: back under 30%
    expect(e.answer('666666')).toEqual([{ kind: 'lopsided', face: 6, count: 17, rolls: 47 }]);
  });

  it('notices never carry a roll', () => {
    const e = new DiceEntry(50);
    const notices = [e.answer(ROLLS.slice(0, 49)), e.answer('-'), e.answer('x'), e.answer(''), e.answer('55')].flat();
    expect(JSON.stringify(notices)).not.toMatch(/[1-6]{3}/);
  });
});
