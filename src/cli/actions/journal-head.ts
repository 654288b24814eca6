/** `coldkit journal head`: the head hash and its 6-word form to copy onto paper. */
import { headWords } from '../../core/journal/entry.js';
import type { Action } from '../command.js';
import { journalPath, readJournal } from '../journal-file.js';

const action: Action = async (_opts, ctx) => {
  const file = journalPath(ctx.globals.journal, ctx.env);
  const state = readJournal(file);
  return {
    result: { file, seq: state.seq, head: state.hash, words: headWords(state.hash) },
    human: (r) => [`Journal head after entry ${r.seq}:`, `  ${r.head}`, `  ${r.words}`, 'Write the words on paper; later: coldkit journal verify --anchor "<words>"'].join('\n'),
  };
};
export default action;
