/** The `coldkit journal` group: verify, show, head. */
import { command } from '../options/spec.js';

export const journalVerify = command({
  name: 'journal verify',
  description: 'verify the hash chain; exit 3 naming the first bad line',
  options: {
    anchor: { flag: '--anchor <hash-or-words>', help: 'a head hash (or its 6 words, optionally after "#SEQ") written down earlier: it must still be in the journal' },
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

export const COMMANDS = [journalVerify, journalShow, journalHead];
