/** `coldkit journal head`: the head hash and its 6-word form to copy onto paper. */
import { headWords } from '../../core/journal/entry.js';
import type { Action } from '../command.js';
import { journalPath, openJournal } from '../journal-file.js';
import type { journalHead } from '../commands/journal.js';

const action: Action<typeof journalHead> = async (_opts, ctx) => {
  const file = journalPath(ctx.globals.journal, ctx.env);
  const { head } = openJournal(file, { unlocked: true, note: ctx.note });
  return {
    result: { file, seq: head.seq, head: head.hash, words: headWords(head.hash) },
    human: (r) => [`Journal head after entry ${r.seq}:`, `  ${r.head}`, `  ${r.words}`, `Write the entry number and the words on paper; later: coldkit journal verify --anchor "#${r.seq} <words>"`].join('\n'),
  };
};
export default action;
