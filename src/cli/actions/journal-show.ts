/** `coldkit journal show [--op X]`: the verified entries. */
import { sanitize } from '../../core/text.js';
import type { JournalEntry } from '../../core/journal/entry.js';
import type { Action } from '../command.js';
import { journalPath, readJournal } from '../journal-file.js';

const action: Action<{ op?: string }> = async (opts, ctx) => {
  const file = journalPath(ctx.globals.journal, ctx.env);
  const state = readJournal(file);
  const entries = opts.op ? state.entries.filter((e) => e.op === opts.op || e.op.startsWith(opts.op + '.')) : state.entries;
  return {
    result: { file, total: state.seq, entries },
    human: (r: { entries: JournalEntry[]; total: number }) =>
      r.entries.length === 0
        ? `No entries${opts.op ? ` with op ${opts.op}` : ''} (${r.total} in all).`
        : r.entries.map((e) => `#${e.seq} ${e.ts} ${e.op} by ${sanitize(e.operator)}@${sanitize(e.host)}  ${sanitize(JSON.stringify(e.data))}`).join('\n'),
  };
};
export default action;
