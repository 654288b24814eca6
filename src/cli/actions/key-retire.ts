/** `coldkit key retire FINGERPRINT --reason TEXT`: journal the key as retired (the journal is verified first). */
import { InventoryBuilder } from '../../core/lifecycle/inventory.js';
import { parseFingerprint, retireKey } from '../../core/lifecycle/retire.js';
import type { Action } from '../command.js';
import { journalPath, scanJournal } from '../journal-file.js';
import type { keyRetire } from '../commands/key.js';

const action: Action<typeof keyRetire> = async (opts, ctx, args) => {
  const fingerprint = parseFingerprint(args[0] ?? '', '<fingerprint>');
  const b = new InventoryBuilder();
  scanJournal(journalPath(ctx.globals.journal, ctx.env), ({ entry }) => b.add(entry));
  const { data } = retireKey(b.finish(ctx.now()), fingerprint, opts.reason);
  return {
    result: { retired: true, ...data },
    journal: [{ op: 'key.retire', data }],
    human: () => `Key ${fingerprint} retired: ${opts.reason.trim()}. A later signing with it is refused unless overridden; coldkit status lists it as retired.`,
  };
};
export default action;
