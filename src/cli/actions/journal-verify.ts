/**
 * `coldkit journal verify [--anchor A] [--against OTHER.jsonl]`: the whole chain, streamed (the
 * checkpoint is never read), plus what only an outside copy of the head can prove: a paper anchor
 * must still be an entry's hash, and another copy of the journal must agree entry for entry.
 */
import * as fs from 'node:fs';
import { InputError } from '../../core/errors.js';
import { AnchorCheck, judgeAgainstCopy, parseAnchor } from '../../core/journal/anchor.js';
import type { ChainHead } from '../../core/journal/chain.js';
import { headWords } from '../../core/journal/entry.js';
import type { Action } from '../command.js';
import { journalPath, scanLinks, walkBeside } from '../journal-file.js';
import type { journalVerify } from '../commands/journal.js';

const action: Action<typeof journalVerify> = async (opts, ctx) => {
  const file = journalPath(ctx.globals.journal, ctx.env);
  const check = new AnchorCheck(opts.anchor ? [parseAnchor(opts.anchor, '--anchor')] : []);
  const observe = (l: ChainHead) => check.observe(l.seq, l.hash);
  let head: ChainHead;
  let against: { file: string; entries: number; agreedUpTo: number } | undefined;
  if (opts.against) {
    if (!fs.existsSync(opts.against) || !fs.statSync(opts.against).isFile()) throw new InputError(`"${opts.against}" is not a journal file`, '--against');
    const walk = walkBeside(file, opts.against, `--against ${opts.against}`, observe);
    head = walk.head;
    const { agreedUpTo } = judgeAgainstCopy({ ours: head.seq, theirs: walk.other.seq, firstDifferent: walk.firstDifferent }, `--against ${opts.against}`);
    against = { file: opts.against, entries: walk.other.seq, agreedUpTo };
  } else {
    head = scanLinks(file, observe);
  }
  const [anchorSeq] = check.finish(head.seq);
  return {
    result: { ok: true, file, entries: head.seq, head: head.hash, headWords: headWords(head.hash), ...(anchorSeq !== undefined ? { anchorSeq } : {}), ...(against ? { against } : {}) },
    human: (r) =>
      [
        `Journal OK: ${r.entries} entries, chain intact.`,
        `  file  ${r.file}`,
        `  head  ${r.head}`,
        `  words ${r.headWords}`,
        ...(head.v === 1 ? ['  note  the last entry is in the first format (version 1): it carries no hash of its own, so only an anchor protects it until the next entry'] : []),
        ...(anchorSeq !== undefined ? [`  anchor found at entry ${anchorSeq}`] : []),
        ...(against ? [`  against ${against.file}: ${against.entries === 0 ? 'it is empty' : `its ${against.entries} entries are entries 1–${against.agreedUpTo} of this journal`}`] : []),
      ].join('\n'),
  };
};
export default action;
