/**
 * `coldkit journal report`: a self-contained, printable report for auditors. The journal is
 * verified as it streams into the report model (core/lifecycle/report.ts); only a whole, verified
 * journal gives a report (a bad line throws before anything is written). Due dates use the adopted
 * policy's rules (the same as `status`). Written atomically as Markdown or one HTML page.
 */
import { InputError } from '../../core/errors.js';
import { headWords } from '../../core/journal/entry.js';
import { ReportBuilder } from '../../core/lifecycle/report.js';
import type { Action } from '../command.js';
import { assertWritable, writeFileAtomic } from '../io.js';
import { scanJournal } from '../journal-file.js';
import { journalDueRules, journalPath } from '../lifecycle/journal-inventory.js';
import { renderHtml, renderMarkdown, reportDocument } from '../render/report.js';
import type { journalReport } from '../commands/journal.js';

const DAY_MS = 86_400_000;

const action: Action<typeof journalReport> = async (opts, ctx) => {
  const format = opts.format ?? (/\.html?$/i.test(opts.out) ? 'html' : /\.(md|markdown)$/i.test(opts.out) ? 'md' : undefined);
  if (!format) throw new InputError('name a .html or .md file, or give --format md|html', '--out');
  assertWritable(opts.out, '--out');
  // `--to 2026-06-30` means the whole of that day.
  const to = opts.to && opts.to.getTime() % DAY_MS === 0 ? new Date(opts.to.getTime() + DAY_MS - 1) : opts.to;
  if (opts.from && to && opts.from > to) throw new InputError('--from is after --to', '--from');
  const file = journalPath(ctx.globals.journal, ctx.env);
  const rules = await journalDueRules(file);
  const b = new ReportBuilder({ from: opts.from, to });
  const head = scanJournal(file, ({ entry }) => b.add(entry));
  if (head.seq === 0) throw new InputError(`the journal ${file} has no entries to report`, '--journal');
  const model = b.finish(ctx.now(), rules, { seq: head.seq, hash: head.hash, words: headWords(head.hash) });
  const doc = reportDocument(model, file);
  const text = format === 'html' ? renderHtml(doc) : renderMarkdown(doc);
  writeFileAtomic(opts.out, text);
  const result = {
    out: opts.out,
    format,
    bytes: Buffer.byteLength(text),
    range: model.range,
    entries: model.journal.entries,
    inRange: model.inRange.entries,
    head: model.journal.head,
    keys: model.keys.length,
    shareSets: model.shareSets.length,
    signatures: model.signatures.length,
    overrides: model.overrides.length,
    due: model.due.length,
  };
  return {
    result,
    human: (r) => `Report written to ${r.out} (${r.format}, ${r.bytes} bytes): ${r.inRange} of ${r.entries} entries, ${r.keys} keys, ${r.shareSets} share sets, ${r.signatures} signatures, ${r.overrides} overrides used, ${r.due} due. Journal verified; head #${r.head.seq} ${r.head.words}.`,
  };
};
export default action;
