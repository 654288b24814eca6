/**
 * The `coldkit shares` group: split a seed into Shamir shares (coldkit v1 or SSKR), check one
 * share alone, combine shares, and run recovery drills that print MATCH/MISMATCH, never words.
 * Formats: docs/formats/shares-v1.md; commands: docs/cli/shares.md.
 */
import { Option, type Command } from 'commander';
import { lazyAction } from '../command.js';
import { summary } from './groups.js';
import { intArg } from '../options.js';

const collect = (v: string, acc: string[] = []): string[] => [...acc, v];

/** --share-file (repeatable) and --from-qr: where shares are read from (never argv). */
function shareInputOptions(cmd: Command): Command {
  return cmd
    .option('--share-file <file>', 'read one share from FILE (repeatable); - reads one share a line from stdin', collect)
    .option('--from-qr <images...>', 'read shares from QR images (PNG) of share cards, one share an image')
    .addHelpText('after', '\nWithout --share-file or --from-qr, shares are read one a line from piped stdin, or typed at a prompt\n(word by word, 4 letters are enough, with completion) on a terminal.');
}

/** --passphrase / --passphrase-file for the fingerprint of the rebuilt seed. */
function passphraseOptions(cmd: Command): Command {
  return cmd
    .option('--passphrase', 'the wallet uses a BIP39 passphrase: type it at a hidden prompt (asked twice)')
    .option('--passphrase-file <path>', 'read the BIP39 passphrase from a file (one trailing newline ignored)');
}

/** Register `coldkit shares …`. */
export function register(program: Command): void {
  const shares = program.command('shares').description(summary('shares'));

  shares
    .command('split')
    .description('split an existing seed into N shares, any T of which rebuild it; every T-subset is checked before anything is shown')
    .requiredOption('--threshold <T>', 'shares needed to rebuild (2..16)', intArg('--threshold', 1, 16))
    .requiredOption('--shares <N>', 'shares made (T..16)', intArg('--shares', 1, 16))
    .option('--mnemonic-file <path>', 'read the mnemonic from a file, or - for stdin (default: hidden prompt on a terminal)')
    .option('--passphrase', 'the wallet uses a BIP39 passphrase (for the wallet card only; it is NOT in the shares)')
    .option('--passphrase-file <path>', 'read the BIP39 passphrase from a file (wallet card only)')
    .option('--labels <names>', 'comma-separated holder names, one per share in order (printed on the cards, journaled)')
    .option('--out <dir>', 'write printable share cards (HTML, SVG, QR PNG; mode 0600) and the public wallet card into DIR')
    .option('--confirm', 'each holder re-enters their share from paper before the split counts as done (terminal)')
    .option('--reveal', 'print the shares in the output (human or --json), for a non-terminal ceremony')
    .addOption(new Option('--format <format>', 'share format: coldkit v1 words, or SSKR (Bytewords + ur:sskr) as an exit path').choices(['v1', 'sskr']).default('v1'))
    .action(lazyAction(() => import('../actions/shares-split.js')));

  shareInputOptions(
    shares
      .command('verify')
      .description('check each share on its own (words, checksum, version) and print its set words, k of n and T; no secret involved'),
  ).action(lazyAction(() => import('../actions/shares-verify.js')));

  passphraseOptions(
    shareInputOptions(
      shares
        .command('combine')
        .description('rebuild the seed from T shares with precise errors; prints the fingerprint only unless --reveal or --mnemonic-out')
        .option('--reveal', 'print the recovered mnemonic (a real recovery, on an offline machine)')
        .option('--mnemonic-out <file>', 'write the recovered mnemonic to FILE (mode 0600) for other commands (--mnemonic-file)'),
    ),
  ).action(lazyAction(() => import('../actions/shares-combine.js')));

  passphraseOptions(
    shareInputOptions(
      shares
        .command('drill')
        .description('recovery drill: combine in memory, compare fingerprint and first address with the wallet card, print MATCH or MISMATCH (never words)')
        .option('--card <file>', 'the public wallet card (wallet-card.json from seed new/check or shares split --out)')
        .option('--expect-fingerprint <hex>', 'compare with this master fingerprint instead of a card'),
    ),
  ).action(lazyAction(() => import('../actions/shares-drill.js')));
}
