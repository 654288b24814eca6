/**
 * `coldkit status`: the custody inventory folded from the journal as it streams and verifies,
 * judged by the adopted policy's `drills.every` and `rotation` dates (flags override; default:
 * drills every 365 days).
 */
import type { Inventory } from '../../core/lifecycle/inventory.js';
import type { Action } from '../command.js';
import { journalDueRules, journalInventory, journalPath } from '../lifecycle/journal-inventory.js';
import { renderInventory } from '../render/inventory.js';
import type { status } from '../commands/status.js';

const action: Action<typeof status> = async (opts, ctx) => {
  const file = journalPath(ctx.globals.journal, ctx.env);
  const rules = await journalDueRules(file, { drillEvery: opts.drillEvery, rotateAfter: opts.rotateAfter });
  // --as-of looks at the past: acts journaled after that moment are left out and due dates are judged then.
  const inv = journalInventory(file, ctx.now(), rules, opts.asOf);
  const result: Inventory & { file: string; head: string } = { file, ...inv };
  return {
    result,
    exitCode: opts.strict && inv.due.length > 0 ? 3 : 0,
    human: renderInventory,
  };
};
export default action;
