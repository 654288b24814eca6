/** The `coldkit journal` group: verify, show, head, report. */
import { command } from '../options/spec.js';
import { isoDate } from '../options/parsers.js';

export const journalVerify = command({
  name: 'journal verify',
  description: 'verify the hash chain; exit 3 naming the first bad line',
  options: {
    anchor: {
      flag: '--anchor <hash-or-words>',
      help: 'a head hash (or its 6 words, optionally after "#SEQ") written down earlier: it must still be in the journal',
      doc: 'a head hash (64 hex) or its 6 words from `journal head`, optionally after its entry number (`#42 word …`, `42:<hash>`); the line a QR page or payload note prints, `journal #42 word word word word word word` (or `signer journal #42 …`), is taken as printed. It must still be in the journal.',
    },
    anchorFrom: {
      flag: '--anchor-from <file>',
      help: 'a payload this journal\'s signer handed back (signed PSBT, JSON output, cosigner file, approval): the head it carries must still be in the journal',
      doc: 'a payload made on this machine and carried across the gap: a signed PSBT (its proprietary pair 0xFC "coldkit" 0x01), a JSON output or coldkit cosigner file with `journalAnchor`, or an approval `.sig` file (`coldkit approve`: its `coldkit-journal-anchor:` line after the armor); the online side\'s journal entry that recorded it works too (its `data.journalAnchor`). The head it carries (entry number and hash) must still be that entry\'s hash here, else "the head changed" (an entry was edited and rehashed) or "cut from the end". Repeatable.',
      repeatable: true,
    },
    against: { flag: '--against <journal>', help: 'another copy of this journal (a backup, an earlier copy): every entry it holds must be the same here' },
  },
});

export const journalShow = command({
  name: 'journal show',
  description: 'print journal entries',
  options: {
    op: { flag: '--op <op>', help: 'only entries whose op is OP or starts with OP. (e.g. seed or psbt.sign)' },
  },
});

export const journalHead = command({
  name: 'journal head',
  description: 'print the head hash and its 6-word form to copy onto paper',
  options: {},
});

export const journalReport = command({
  name: 'journal report',
  description: 'write a self-contained printable report for auditors (Markdown or HTML) from the verified journal',
  options: {
    from: { flag: '--from <date>', help: 'first day of the timeline (acts before it still describe keys and share sets)', parse: isoDate() },
    to: { flag: '--to <date>', help: 'last day of the timeline (a date alone includes that whole day); later acts are left out', parse: isoDate() },
    out: { flag: '--out <file>', help: 'the report file: .html (one printable page, no external assets) or .md', required: true },
    format: { flag: '--format <format>', help: 'md or html (default: from the --out extension)', choices: ['md', 'html'] },
  },
  helpAfter: "\nThe journal is verified first; a damaged journal gives no report (exit 3). Due dates follow the adopted policy's drills.every.",
});

export const COMMANDS = [journalVerify, journalShow, journalHead, journalReport];
