/** The `coldkit account` group: watch-only export. */
import { Option, type Command } from 'commander';
import { lazyAction } from '../command.js';
import { summary } from './groups.js';
import { intArg, payloadInputOptions, payloadOutputOptions, seedInputOptions } from '../options.js';

/** Register `coldkit account …`. */
export function register(program: Command): void {
  const account = program.command('account').description(summary('account'));
  payloadOutputOptions(seedInputOptions(
    account
      .command('export')
      .description('export an account xpub, descriptors and import files for Bitcoin Core, Sparrow and Electrum (or an Ethereum account)')
      .addOption(new Option('--script <type>', 'script type: wpkh (BIP84), sh-wpkh (BIP49), pkh (BIP44), tr (BIP86)').choices(['wpkh', 'sh-wpkh', 'pkh', 'tr']).default('wpkh'))
      .option('--account <n>', 'account number', intArg('--account', 0, 0x7fffffff), 0)
      .option('--path <path>', "explicit account path, e.g. m/84'/0'/0' (instead of --script's standard path)")
      .addOption(new Option('--chain <chain>', 'btc, or eth for the m/44\'/60\'/0\' Ethereum account').choices(['btc', 'eth']).default('btc'))
      .option('--count <n>', 'number of first receive addresses to list', intArg('--count', 1, 1000), 3)
      .option('--out <file>', 'write the account export (the --wallet file other commands read) as JSON')
      .option('--export-dir <dir>', 'write bitcoin-core-importdescriptors.json, sparrow.json, electrum.json and descriptor.txt into DIR')
      .option('--allow-unhardened', 'allow unhardened purpose/coin/account levels in --path (journaled)')
      .option('--reveal', 'also print the account xprv (a warning goes to stderr)'),
  )).action(lazyAction(() => import('../actions/account-export.js')));

  payloadInputOptions(
    account
      .command('import')
      .description("turn another wallet's watch-only export (QR crypto-account/crypto-output/crypto-hdkey, a UR, or descriptor text) into the account file --wallet reads (no secret)")
      .argument('[file]', 'descriptor text (one per line), a bare [fingerprint/path]xpub, or a ur:… string; - for stdin')
      .addOption(new Option('--script <type>', 'which account to take when the export holds several (or the script of a bare key)').choices(['wpkh', 'sh-wpkh', 'pkh', 'tr']))
      .option('--count <n>', 'number of first receive addresses to list', intArg('--count', 1, 1000), 3)
      .option('--out <file>', 'write the account file (same format as account export --out)')
      .option('--allow-unhardened', 'accept an account path whose purpose/coin/account levels are not all hardened (journaled)'),
  ).action(lazyAction(() => import('../actions/account-import.js')));
}
