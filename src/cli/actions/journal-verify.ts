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
import type { Action, Context } from '../command.js';
import type { Anchor } from '../../core/journal/anchor.js';
import { ANCHOR_TRAILER, asVerifyAnchor, readAnchorJson, splitAnchorTrailer } from '../../core/journal/payload-anchor.js';
import { readInputFile } from '../io.js';
import { journalPath, scanLinks, walkBeside } from '../journal-file.js';
import type { journalVerify } from '../commands/journal.js';

const action: Action<typeof journalVerify> = async (opts, ctx) => {
  const file = journalPath(ctx.globals.journal, ctx.env);
  const anchors = [...(opts.anchor ? [parseAnchor(opts.anchor, '--anchor')] : []), ...(await Promise.all((opts.anchorFrom ?? []).map((f) => anchorFromFile(f, ctx))))];
  const check = new AnchorCheck(anchors);
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
  const found = check.finish(head.seq);
  const anchorSeq = found[0];
  return {
    result: { ok: true, file, entries: head.seq, head: head.hash, headWords: headWords(head.hash), ...(anchorSeq !== undefined ? { anchorSeq } : {}), ...(opts.anchorFrom?.length ? { anchors: anchors.map((a, i) => ({ anchor: a.label, foundAt: found[i] })) } : {}), ...(against ? { against } : {}) },
    human: (r) =>
      [
        `Journal OK: ${r.entries} entries, chain intact.`,
        `  file  ${r.file}`,
        `  head  ${r.head}`,
        `  words ${r.headWords}`,
        ...(head.v === 1 ? ['  note  the last entry is in the first format (version 1): it carries no hash of its own, so only an anchor protects it until the next entry'] : []),
        ...anchors.map((a, i) => `  anchor ${a.label} found at entry ${found[i]}`),
        ...(against ? [`  against ${against.file}: ${against.entries === 0 ? 'it is empty' : `its ${against.entries} entries are entries 1–${against.agreedUpTo} of this journal`}`] : []),
      ].join('\n'),
  };
};
/**
 * The journal head a payload carries: a PSBT's proprietary pair, or `journalAnchor` in a JSON
 * document (a command's --json output, or a journal entry that recorded it under `data`).
 */
async function anchorFromFile(file: string, ctx: Context): Promise<Anchor> {
  const field = `--anchor-from ${file}`;
  const bytes = await readInputFile(file, '--anchor-from', ctx.io);
  const text = new TextDecoder().decode(bytes.subarray(0, 16)).trimStart();
  if (text.startsWith('{')) {
    let doc: unknown;
    try {
      doc = JSON.parse(new TextDecoder().decode(bytes));
    } catch {
      throw new InputError('not JSON, and not a PSBT', field);
    }
    const d = doc as { journalAnchor?: unknown; data?: { journalAnchor?: unknown } };
    const v = d?.journalAnchor ?? d?.data?.journalAnchor;
    if (v === undefined) throw new InputError('carries no journalAnchor (made with an empty journal, or not by coldkit)', field);
    return asVerifyAnchor(readAnchorJson(v, field), file);
  }
  if (text.startsWith('-----BEGIN SSH')) {
    // An approval (`coldkit approve`): the anchor line after the signature's armor.
    const a = splitAnchorTrailer(new TextDecoder().decode(bytes), field).anchor;
    if (!a) throw new InputError(`this SSH signature carries no "${ANCHOR_TRAILER.trim()}" line (approved with an empty journal, or not by coldkit approve)`, field);
    return asVerifyAnchor(a, file);
  }
  const { decodePsbt } = await import('../../core/btc/psbt-codec.js');
  const { readPsbtAnchor } = await import('../../core/btc/psbt-anchor.js');
  const raw = decodePsbt(bytes, field).bytes;
  const a = readPsbtAnchor(raw, field);
  if (!a) throw new InputError('this PSBT carries no coldkit journal anchor (signed with an empty journal, or not by coldkit psbt sign)', field);
  return asVerifyAnchor(a, file);
}

export default action;
