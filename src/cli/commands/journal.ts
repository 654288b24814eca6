/** The `coldkit journal` group: verify, show, head. */
import type { Command } from 'commander';
import { lazyAction } from '../command.js';
import { summary } from './groups.js';

/** Register `coldkit journal …`. */
export function register(program: Command): void {
  const journal = program.command('journal').description(summary('journal'));
  journal
    .command('verify')
    .description('verify the hash chain; exit 3 naming the first bad line')
    .option('--anchor <hash-or-words>', 'a head hash (or its 6 words, optionally after "#SEQ") written down earlier: it must still be in the journal')
    .option('--against <journal>', 'another copy of this journal (a backup, an earlier copy): every entry it holds must be the same here')
    .action(lazyAction(() => import('../actions/journal-verify.js')));
  journal
    .command('show')
    .description('print journal entries')
    .option('--op <op>', 'only entries whose op is OP or starts with OP. (e.g. seed or psbt.sign)')
    .action(lazyAction(() => import('../actions/journal-show.js')));
  journal
    .command('head')
    .description('print the head hash and its 6-word form to copy onto paper')
    .action(lazyAction(() => import('../actions/journal-head.js')));
}
