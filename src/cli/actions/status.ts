/** `coldkit status`: the custody inventory folded from the journal as it streams and verifies. */
import { InventoryBuilder, type Inventory } from '../../core/lifecycle/inventory.js';
import type { Action } from '../command.js';
import { journalPath, scanJournal } from '../journal-file.js';
import { renderInventory } from '../render/inventory.js';
import type { status } from '../commands/status.js';

const action: Action<typeof status> = async (opts, ctx) => {
  const file = journalPath(ctx.globals.journal, ctx.env);
  const b = new InventoryBuilder();
  // --as-of looks at the past: acts journaled after that moment are left out (the whole chain is still verified).
  const cut = opts.asOf?.getTime();
  const head = scanJournal(file, ({ entry }) => {
    if (cut === undefined || !(Date.parse(entry.ts) > cut)) b.add(entry);
  });
  const inv = b.finish(opts.asOf ?? ctx.now(), { drillEveryDays: opts.drillEvery, rotateAfterDays: opts.rotateAfter ?? null });
  const result: Inventory & { file: string; head: string } = { file, head: head.hash, ...inv };
  return {
    result,
    exitCode: opts.strict && inv.due.length > 0 ? 3 : 0,
    human: renderInventory,
  };
};
export default action;
