/** The `coldkit address` group: watch-only listing and search. */
import type { Command } from 'commander';
import { lazyAction } from '../command.js';
import { summary } from './groups.js';
import { intArg } from '../options.js';

/** Register `coldkit address …`. */
export function register(program: Command): void {
  const address = program.command('address').description(summary('address'));
  address
    .command('list')
    .description('list addresses of a descriptor')
    .option('--descriptor <desc>', 'output descriptor, e.g. wpkh([fp/84h/0h/0h]xpub…/<0;1>/*)#checksum')
    .option('--wallet <file>', 'account export JSON (from account export --out) instead of --descriptor')
    .option('--from <n>', 'first index', intArg('--from', 0, 0x7fffffff), 0)
    .option('--count <n>', 'how many', intArg('--count', 1, 1_000_000), 20)
    .option('--change', 'the change branch (/1/*) instead of receive')
    .action(lazyAction(() => import('../actions/address-list.js')));
  address
    .command('find')
    .description('find the branch and index of an address within a gap limit')
    .argument('<address>', 'address to look for')
    .option('--descriptor <desc>', 'output descriptor')
    .option('--wallet <file>', 'account export JSON instead of --descriptor')
    .option('--gap <n>', 'indices to search on each branch', intArg('--gap', 1, 1_000_000), 1000)
    .action(lazyAction(() => import('../actions/address-find.js')));
}
