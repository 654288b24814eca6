/**
 * The `coldkit psbt` group: build unsigned PSBTs watch-only (create), review and sign them offline
 * (inspect, sign), and merge and finalize them online (combine, finalize).
 */
import type { Command } from 'commander';
import { lazyAction } from '../command.js';
import { summary } from './groups.js';
import { intArg, payloadInputOptions, payloadOutputOptions, seedInputOptions } from '../options.js';

const collect = (v: string, acc: string[] = []): string[] => [...acc, v];

/** Register `coldkit psbt …`. */
export function register(program: Command): void {
  const psbt = program.command('psbt').description(summary('psbt'));

  payloadOutputOptions(
    psbt
      .command('create')
      .description('build an unsigned PSBT from a watch-only descriptor and its UTXOs (no secret)')
      .option('--descriptor <desc>', 'output descriptor of the account (multipath <0;1>/* or receive form)')
      .option('--wallet <file>', 'account export JSON (from account export --out) instead of --descriptor')
      .requiredOption('--utxos <file>', 'UTXOs as printed by `bitcoin-cli listunspent` or Electrum `listunspent` (- = stdin)')
      .option('--to <address:amount>', 'a recipient; amount in BTC or with a sat suffix (repeatable)', collect)
      .option('--send-max <address>', 'send everything left after fees to ADDRESS (no change output)')
      .option('--fee-rate <sat/vB>', 'fee rate in sat per virtual byte (decimal allowed, e.g. 2.5)')
      .option('--change-index <n>', 'index on the change chain (default: first change index not seen in the UTXOs)', intArg('--change-index', 0, 0x7fffffff))
      .option('--prev-txs <file>', 'raw previous transactions (hex, one per line or JSON array, as getrawtransaction prints) for non_witness_utxo')
      .option('--no-rbf', 'do not signal replace-by-fee (RBF is signalled by default)')
      .option('--locktime <n>', 'nLockTime', intArg('--locktime', 0, 0xffffffff))
      .option('--gap-limit <n>', 'indices of each chain searched for a UTXO address without a key-origin hint (default 1000)', intArg('--gap-limit', 1, 100000))
      .option('--out <file>', 'write the PSBT as binary to FILE (default: base64 on stdout)'),
  ).action(lazyAction(() => import('../actions/psbt-create.js')));

  payloadInputOptions(
    psbt
      .command('inspect')
      .description('review a PSBT: inputs, recipients, change, fee, warnings (either side of the gap)')
      .argument('[file]', 'PSBT file (binary, base64 or hex), or - for stdin')
      .option('--descriptor <desc>', 'prove change and inputs against this watch-only descriptor')
      .option('--wallet <file>', 'account export JSON instead of --descriptor'),
  ).action(lazyAction(() => import('../actions/psbt-inspect.js')));

  payloadOutputOptions(
    payloadInputOptions(
      seedInputOptions(
        psbt
          .command('sign')
          .description('review, confirm and sign a PSBT with the seed (offline ceremony laptop)')
          .argument('[file]', 'PSBT file (binary, base64 or hex), or - for stdin')
          .option('--max-fee-rate <sat/vB>', 'refuse a fee rate above this', '500')
          .option('--max-fee-percent <pct>', 'refuse a fee above this share of the amount sent', '5')
          .option('--allow-unverified-change', 'sign although an output claimed as change does not re-derive from this seed')
          .option('--allow-unproven-amounts', 'sign segwit v0 inputs that carry no non_witness_utxo')
          .option('--allow-high-fee', 'sign although the fee exceeds --max-fee-rate or --max-fee-percent')
          .option('--allow-sighash', 'sign inputs that ask for a sighash other than ALL/DEFAULT')
          .option('--allow-network-mismatch', "sign although outputs pay to another network's addresses")
          .option('--trim', 'output only the new signatures (plus what a combiner needs), not the full PSBT')
          .option('--out <file>', 'write the signed PSBT (binary) to FILE (default: base64 on stdout)'),
      ),
    ),
  ).action(lazyAction(() => import('../actions/psbt-sign.js')));

  payloadOutputOptions(
    payloadInputOptions(
      psbt
        .command('combine')
        .description('merge signatures from several copies of the same PSBT (BIP174 combiner)')
        .argument('[files...]', 'PSBT files to combine')
        .option('--out <file>', 'write the combined PSBT (binary) to FILE (default: base64 on stdout)'),
    ),
  ).action(lazyAction(() => import('../actions/psbt-combine.js')));

  payloadOutputOptions(
    payloadInputOptions(
      psbt
        .command('finalize')
        .description('check every signature, finalize, and print the raw transaction hex and txid')
        .argument('[file]', 'signed PSBT file, or - for stdin')
        .option('--out <file>', 'write the raw transaction (hex) to FILE'),
    ),
  ).action(lazyAction(() => import('../actions/psbt-finalize.js')));
}
