/**
 * Typing die rolls a few at a time: the state machine behind the `seed new --dice` prompt. Pure —
 * the CLI (src/cli/dice-prompt.ts) shows `status` in each prompt and hands every answer here.
 *
 * An answer is any number of rolls (faces 1-6, spaces ignored); `-` takes back the last roll
 * (each `-` one roll, in order with the faces around it); an empty answer finishes once there are
 * enough rolls. A character that is neither a face nor `-` refuses the whole answer — nothing of
 * it is taken, the count does not move, and the notice names the roll it would have been, so one
 * slip after 90 rolls costs one line, not the ceremony. The rolls are as if typed in one go
 * (whitespace dropped), so dice-only entropy is SHA-256 of the same string as `--dice-rolls`.
 */
import { BITS_PER_ROLL, lopsidedFace } from './dice.js';

/** Where the entry stands (what the prompt shows). */
export interface DiceStatus {
  rolls: number;
  needed: number;
  /** Bits of entropy gathered so far: rolls × log2(6). */
  bits: number;
  /** True once there are enough rolls (an empty answer then finishes). */
  enough: boolean;
  done: boolean;
}

/** What happened with an answer (counts and positions only, never a roll). */
export type DiceNotice =
  /** The answer was refused: the character that would have been roll `roll`; the count stays at `from` − 1. */
  | { kind: 'not-a-face'; roll: number; character: string; from: number }
  | { kind: 'undone'; count: number }
  | { kind: 'nothing-to-undo' }
  | { kind: 'short'; missing: number }
  | { kind: 'enough'; rolls: number }
  /** Once 30 rolls are in, one face over 30% (the final check refuses such rolls). */
  | { kind: 'lopsided'; face: number; count: number; rolls: number };

/** Die rolls being typed; `needed` from rollsNeeded(bits). */
export class DiceEntry {
  readonly needed: number;
  private rolls = '';
  private finished = false;
  private warnedLopsided = false;

  constructor(needed: number) {
    if (!Number.isInteger(needed) || needed < 1) throw new RangeError('rolls needed must be a positive whole number');
    this.needed = needed;
  }

  get status(): DiceStatus {
    const n = this.rolls.length;
    return { rolls: n, needed: this.needed, bits: n * BITS_PER_ROLL, enough: n >= this.needed, done: this.finished };
  }

  /** The rolls as one string of faces, once done. */
  get result(): string {
    if (!this.finished) throw new Error('the rolls are not finished');
    return this.rolls;
  }

  /** Take one answer; returns what to tell the person. */
  answer(text: string): DiceNotice[] {
    if (this.finished) return [];
    if (text.trim() === '') {
      if (this.rolls.length >= this.needed) {
        this.finished = true;
        return [];
      }
      return [{ kind: 'short', missing: this.needed - this.rolls.length }];
    }
    let next = this.rolls;
    let undone = 0;
    let emptyUndo = false;
    for (const ch of text) {
      if (/\s/.test(ch)) continue;
      if (ch >= '1' && ch <= '6') next += ch;
      else if (ch === '-') {
        if (next.length === 0) emptyUndo = true;
        else {
          next = next.slice(0, -1);
          undone++;
        }
      } else return [{ kind: 'not-a-face', roll: next.length + 1, character: printable(ch), from: this.rolls.length + 1 }];
    }
    const before = this.rolls.length;
    this.rolls = next;
    const out: DiceNotice[] = [];
    if (emptyUndo && undone === 0) out.push({ kind: 'nothing-to-undo' });
    if (undone > 0) out.push({ kind: 'undone', count: undone });
    if (before < this.needed && this.rolls.length >= this.needed) out.push({ kind: 'enough', rolls: this.rolls.length });
    const lopsided = this.lopsided();
    if (lopsided && !this.warnedLopsided) out.push(lopsided);
    this.warnedLopsided = lopsided !== undefined;
    return out;
  }

  /** Forget the rolls. */
  wipe(): void {
    this.rolls = '';
  }

  private lopsided(): DiceNotice | undefined {
    const l = lopsidedFace(this.rolls);
    return l ? { kind: 'lopsided', face: l.face, count: l.count, rolls: this.rolls.length } : undefined;
  }
}

function printable(ch: string): string {
  return /[\u0000-\u001f\u007f-\u009f]/.test(ch) ? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}` : ch;
}
