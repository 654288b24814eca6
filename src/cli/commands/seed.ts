/** The `coldkit seed` group: new, check, finish. */
import { Option, type Command } from 'commander';
import { lazyAction } from '../command.js';
import { summary } from './groups.js';
import { seedInputOptions } from '../options.js';

/** Register `coldkit seed …`. */
export function register(program: Command): void {
  const seed = program.command('seed').description(summary('seed'));

  seedInputOptions(
    seed
      .command('new')
      .description('generate a new BIP39 seed from the OS CSPRNG (optionally mixed with dice) and show its words to write down')
      .addOption(new Option('--words <n>', 'number of words').choices(['12', '15', '18', '21', '24']).default('24'))
      .option('--dice', 'type die rolls at a prompt; they are mixed with CSPRNG output')
      .option('--dice-rolls <file>', 'read die rolls (1-6, whitespace ignored) from a file or - for stdin; mixed with CSPRNG output')
      .option('--dice-only', 'entropy = SHA-256 of the rolls alone (Coldcard/SeedSigner convention, re-derivable by hand)')
      .option('--allow-biased-dice', 'accept rolls where one face exceeds 30% (journaled)')
      .option('--card <file>', 'write the public wallet card (JSON) to FILE')
      .option('--mnemonic-out <file>', 'write the words to FILE (mode 0600) instead of showing them')
      .option('--reveal', 'include the words in --json output (with --split: print the shares)')
      .option('--split <T-of-N>', 'never show the seed: split it into N Shamir shares, any T rebuild it (see coldkit shares split)')
      .option('--labels <names>', 'with --split: comma-separated holder names, one per share in order (journaled)')
      .option('--out <dir>', 'with --split: write printable share cards (HTML, SVG, QR PNG) and the wallet card into DIR')
      .option('--confirm', 'with --split: each holder re-enters their share before the split counts as done')
      .addOption(new Option('--format <format>', 'with --split: share format').choices(['v1', 'sskr']).default('v1')),
  )
    .addHelpText('after', '\nThe mnemonic input options are not used here; --passphrase/--passphrase-file set the passphrase for the wallet card.')
    .action(lazyAction(() => import('../actions/seed-new.js')));

  seedInputOptions(
    seed
      .command('check')
      .description('validate a mnemonic (precise errors, 4-letter prefixes) and print its fingerprint and wallet card')
      .option('--card <file>', 'write the public wallet card (JSON) to FILE')
      .option('--expect-fingerprint <hex>', 'exit 3 unless the master fingerprint equals HEX'),
  ).action(lazyAction(() => import('../actions/seed-check.js')));

  seed
    .command('finish')
    .description('given 11, 14, 17, 20 or 23 hand-chosen words, list every valid final word')
    .option('--mnemonic-file <path>', 'read the partial words from a file or - for stdin (default: hidden prompt)')
    .action(lazyAction(() => import('../actions/seed-finish.js')));
}
