/** `coldkit derive`: one key at a path. */
import { Option, type Command } from 'commander';
import { lazyAction } from '../command.js';
import { summary } from './groups.js';
import { seedInputOptions } from '../options.js';

/** Register `coldkit derive`. */
export function register(program: Command): void {
  seedInputOptions(
    program
      .command('derive')
      .description(summary('derive'))
      .requiredOption('--path <path>', "derivation path, e.g. m/84'/0'/0'/0/0 or m/44'/60'/0'/0/0")
      .addOption(new Option('--script <type>', 'address type for bitcoin').choices(['wpkh', 'sh-wpkh', 'pkh', 'tr']).default('wpkh'))
      .addOption(new Option('--chain <chain>', 'btc or eth').choices(['btc', 'eth']).default('btc'))
      .option('--reveal', 'also print the private key (WIF for btc, hex for eth); a warning goes to stderr'),
  ).action(lazyAction(() => import('../actions/derive.js')));
}
