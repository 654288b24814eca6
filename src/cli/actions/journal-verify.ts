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
import { journalPath, walkBeside } from '../journal-file.js';
import { verifyJournalFile } from '../journal-parallel.js';

const action: Action<{ anchor?: string; against?: string }> = async (opts, ctx) => {
  const file = journalPath(ctx.globals.journal, ctx.env);
  const anchors = opts.anchor ? [opts.anchor] : [];
  const parsed = anchors.map((a) => parseAnchor(a, '--anchor'));
  let head: ChainHead;
  let anchorSeq: number | undefined;
  let against: { file: string; entries: number; agreedUpTo: number } | undefined;
  if (opts.against) {
    if (!fs.existsSync(opts.against) || !fs.statSync(opts.against).isFile()) throw new InputError(`"${opts.against}" is not a journal file`, '--against');
    const check = new AnchorCheck(parsed);
    const walk = walkBeside(file, opts.against, `--against ${opts.against}`, (l) => check.observe(l.seq, l.hash));
    head = walk.head;
    const { agreedUpTo } = judgeAgainstCopy({ ours: head.seq, theirs: walk.other.seq, firstDifferent: walk.firstDifferent }, `--against ${opts.against}`);
    against = { file: opts.against, entries: walk.other.seq, agreedUpTo };
    [anchorSeq] = check.finish(head.seq);
  } else {
    // A large journal is verified on every core (journal-parallel.ts), with the same result and messages.
    const r = await verifyJournalFile(file, anchors);
    head = r.head;
    [anchorSeq] = r.anchorSeqs;
  }
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
