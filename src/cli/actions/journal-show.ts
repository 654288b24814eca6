/** `coldkit journal show [--op X]`: the verified entries (the file is streamed; only matches are kept). */
import { sanitize } from '../../core/text.js';
import type { JournalEntry } from '../../core/journal/entry.js';
import type { Action } from '../command.js';
import { journalPath, scanJournal } from '../journal-file.js';
import type { journalShow } from '../commands/journal.js';

const action: Action<typeof journalShow> = async (opts, ctx) => {
  const file = journalPath(ctx.globals.journal, ctx.env);
  const entries: JournalEntry[] = [];
  const head = scanJournal(file, ({ entry: e }) => {
    if (!opts.op || e.op === opts.op || e.op.startsWith(opts.op + '.')) entries.push(e);
  });
  return {
    result: { file, total: head.seq, entries },
    human: (r: { entries: JournalEntry[]; total: number }) =>
      r.entries.length === 0
        ? `No entries${opts.op ? ` with op ${opts.op}` : ''} (${r.total} in all).`
        : r.entries.map((e) => `#${e.seq} ${e.ts} ${e.op} by ${sanitize(e.operator)}@${sanitize(e.host)}  ${sanitize(JSON.stringify(e.data))}`).join('\n'),
  };
};
export default action;
