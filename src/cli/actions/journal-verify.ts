/** `coldkit journal verify`: check the hash chain (and an optional paper anchor). */
import { checkAnchor } from '../../core/journal/verify.js';
import { headWords } from '../../core/journal/entry.js';
import type { Action } from '../command.js';
import { journalPath, readJournal } from '../journal-file.js';

const action: Action<{ anchor?: string }> = async (opts, ctx) => {
  const file = journalPath(ctx.globals.journal, ctx.env);
  const state = readJournal(file);
  const anchored = opts.anchor ? checkAnchor(state, opts.anchor) : undefined;
  return {
    result: { ok: true, file, entries: state.seq, head: state.hash, headWords: headWords(state.hash), ...(anchored ? { anchorSeq: anchored.seq } : {}) },
    human: (r) =>
      [`Journal OK: ${r.entries} entries, chain intact.`, `  file  ${r.file}`, `  head  ${r.head}`, `  words ${r.headWords}`, ...(anchored ? [`  anchor found at entry ${anchored.seq}`] : [])].join('\n'),
  };
};
export default action;
