/**
 * Typing die rolls at the terminal (the rules are core/bip39/dice-entry.ts): hidden answers of a
 * few rolls each, every prompt showing the roll count and the bits gathered so far; `-` takes
 * back the last roll; a stray character refuses only the line it is on; an empty answer
 * finishes once there are enough rolls.
 */
import { DiceEntry, type DiceNotice, type DiceStatus } from '../core/bip39/dice-entry.js';
import type { Context } from './command.js';

/** Read die rolls until there are at least `needed` and the person ends with an empty answer. */
export async function promptRolls(ctx: Context, needed: number, bitsWanted: number): Promise<string> {
  const entry = new DiceEntry(needed);
  ctx.note(`coldkit: type the die rolls (1-6), as many per line as you like; they stay hidden. "-" takes back the last roll. ${needed} rolls give ${bitsWanted} bits.`);
  try {
    for (let s = entry.status; !s.done; s = entry.status) {
      const answer = await ctx.prompt.secret(rollPrompt(s, bitsWanted));
      for (const n of entry.answer(answer)) ctx.note(`coldkit: ${describe(n)}`);
    }
    return entry.result;
  } finally {
    entry.wipe();
  }
}

function rollPrompt(s: DiceStatus, bitsWanted: number): string {
  const gathered = `${s.rolls} roll${s.rolls === 1 ? '' : 's'}, ${s.bits.toFixed(1)} of ${bitsWanted} bits`;
  return s.enough
    ? `Die rolls — ${gathered}: enough; more rolls, or Enter to finish (hidden):`
    : `Die rolls — ${gathered}; roll ${s.rolls + 1} of ${s.needed} next (hidden):`;
}

/** One notice as a line (counts and positions, never a roll). */
export function describe(n: DiceNotice): string {
  switch (n.kind) {
    case 'not-a-face':
      return `roll ${n.roll} would be "${n.character}", not a die face 1-6: nothing from that line was taken — type it again from roll ${n.from}`;
    case 'undone':
      return `${n.count} roll${n.count === 1 ? '' : 's'} taken back`;
    case 'nothing-to-undo':
      return 'no roll to take back yet';
    case 'short':
      return `${n.missing} more roll${n.missing === 1 ? '' : 's'} needed before finishing`;
    case 'enough':
      return `${n.rolls} rolls: enough for the seed; press Enter on an empty line to finish (more rolls do no harm)`;
    case 'lopsided':
      return `warning: face ${n.face} came up ${n.count} times in ${n.rolls} rolls (over 30%); the die or the recording looks biased, and such rolls are refused at the end`;
  }
}
