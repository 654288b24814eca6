/**
 * The `coldkit eth` command group: build transactions online (watch-only), review and sign them
 * offline, broadcast them online. Light: commander and the framework only; ethers and the curve
 * code load inside the actions (src/cli/actions/eth-*.ts).
 */
import type { Command } from 'commander';
import { lazyAction } from '../command.js';
import { summary } from './groups.js';
import { payloadInputOptions, payloadOutputOptions, seedInputOptions } from '../options.js';

function signerOptions(cmd: Command): Command {
  return seedInputOptions(cmd)
    .option('--path <path>', "derivation path of the signing key (default: the request's path, else m/44'/60'/0'/0/0)")
    .option('--index <i>', "account index i of m/44'/60'/0'/0/i")
    .option('--from <address>', 'refuse unless the key at the path is this address (exit 3; --allow-from-mismatch overrides); a sign request names it itself')
    .option('--expect-chain-id <n>', 'refuse unless the chain id is N (exit 3; --allow-chain-id-mismatch overrides)')
    .option('--out <file>', 'also write the signature (sign: the signed raw tx hex) to FILE; an existing file is not overwritten')
    .option('--out-ur <file>', 'with an eth-sign-request as input: also write the eth-signature UR to FILE')
    .option('--allow-chain-id-mismatch', 'sign although the chain id is not --expect-chain-id (journaled)')
    .option('--allow-from-mismatch', 'sign although the request or --from names another address than the key at the path (journaled)')
    .option('--allow-fingerprint-mismatch', "sign although the request names another seed's master fingerprint (journaled)");
}

/** Register `coldkit eth …`. */
export function register(program: Command): void {
  const eth = program.command('eth').description(summary('eth'));
  const tx = eth.command('tx').description('Ethereum transactions');

  payloadOutputOptions(
    tx
      .command('create')
      .description('build an unsigned transaction (watch-only side) and its EIP-4527 eth-sign-request')
      .option('--from <address>', 'sender address (EIP-55); must be the key at --path/--index when signed')
      .option('--to <address>', 'recipient address (the token contract with --erc20 is set automatically)')
      .option('--value <amount>', 'ETH to send: "0.1", "0.1eth", "21gwei", "5wei" (default 0)')
      .option('--data <hex>', 'calldata as 0x hex')
      .option('--chain-id <n>', 'chain id (EIP-155); filled from --rpc when omitted')
      .option('--nonce <n>', 'sender nonce; filled from --rpc (pending) when omitted')
      .option('--gas-limit <n>', 'gas limit; estimated with --rpc when omitted')
      .option('--type <t>', 'transaction type: 2 EIP-1559 (default), 1 EIP-2930, 0 legacy EIP-155', '2')
      .option('--max-fee-per-gas <amount>', 'type 2: max fee per gas, with a unit ("30gwei", "30000000000wei")')
      .option('--max-priority-fee-per-gas <amount>', 'type 2: priority fee per gas, with a unit ("1gwei")')
      .option('--gas-price <amount>', 'types 0 and 1: gas price, with a unit ("20gwei")')
      .option('--access-list <file>', 'types 1 and 2: JSON access list [{"address": "0x…", "storageKeys": ["0x…"]}]')
      .option('--rpc <url>', 'JSON-RPC node to fill chain id, nonce, fees and gas limit')
      .option('--erc20 <token>', 'build an ERC-20 transfer(to, amount) call to this token contract')
      .option('--amount <n>', 'with --erc20: token amount as a decimal ("12.5")')
      .option('--decimals <d>', 'with --erc20: the token decimals (e.g. 6 for USDC, 18 for most)')
      .option('--path <path>', "derivation path of the sender for the sign request (default m/44'/60'/0'/0/<index>)")
      .option('--index <i>', "account index i of m/44'/60'/0'/0/i (default 0)")
      .option('--fingerprint <hex>', 'master key fingerprint (8 hex digits) for the sign request')
      .option('--wallet <file>', 'watch-only wallet file from `coldkit account export --chain eth` (fingerprint and path)')
      .option('--origin <text>', 'origin label carried in the sign request', 'coldkit')
      .option('--out <file>', 'write the eth-sign-request UR to FILE')
      .option('--out-hex <file>', 'write the unsigned transaction hex to FILE'),
  ).action(lazyAction(() => import('../actions/eth-tx-create.js')));

  payloadInputOptions(
    eth
      .command('broadcast')
      .description('send a signed transaction to a node (online side)')
      .argument('[signed]', 'file with the signed raw transaction hex or a ur:eth-signature (with --request), or - for stdin')
      .requiredOption('--rpc <url>', 'JSON-RPC node URL')
      .option('--request <file>', 'with an eth-signature: the ur:eth-sign-request it answers (its unsigned tx is completed with the signature)')
      .option('--wait', 'wait for the receipt and print status, block and gas used')
      .option('--timeout <seconds>', 'with --wait: give up after this many seconds', '120'),
  ).action(lazyAction(() => import('../actions/eth-broadcast.js')));

  payloadInputOptions(
    eth
      .command('inspect')
      .description('show an unsigned or signed transaction, a sign request or typed data in full (no key needed)')
      .argument('[file]', 'file with transaction hex or an eth-sign-request UR, or - for stdin'),
  ).action(lazyAction(() => import('../actions/eth-inspect.js')));

  payloadOutputOptions(
    payloadInputOptions(
      signerOptions(
        eth
          .command('sign')
          .description('review and sign a transaction of type 0, 1 or 2 (offline)')
          .argument('[unsigned_file]', 'unsigned transaction hex or an eth-sign-request UR, or - for stdin')
          .option('--max-value <amount>', 'refuse when value + gas limit × max fee exceeds this (ETH, or with wei/gwei)')
          .option('--allow-max-value-exceeded', 'sign although the maximum total cost is above --max-value (journaled)')
          .option('--max-fee <amount>', "refuse when gas limit × max fee per gas exceeds this, in the chain's native unit (raise it on chains with a cheap native token)", '0.1')
          .option('--allow-high-fee', 'sign although the fee can exceed --max-fee (journaled)')
          .option('--allow-unlimited-approval', 'sign an ERC-20 approve of an unlimited amount (journaled)'),
      ),
    ),
  ).action(lazyAction(() => import('../actions/eth-sign.js')));

  payloadOutputOptions(
    payloadInputOptions(
      signerOptions(
        eth
          .command('sign-typed-data')
          .description('review and sign EIP-712 typed data (eth_signTypedData_v4) (offline)')
          .argument('[file]', 'EIP-712 JSON, or an eth-sign-request UR with data type 2, or - for stdin')
          .option('--allow-unlimited-approval', 'sign a Permit/Permit2 of an unlimited amount (journaled)'),
      ),
    ),
  ).action(lazyAction(() => import('../actions/eth-sign-typed-data.js')));

  payloadOutputOptions(
    payloadInputOptions(
      signerOptions(
        eth
          .command('sign-message')
          .description("sign a file's exact bytes as an EIP-191 personal_sign message (offline)")
          .argument('[file]', 'the message file, or an eth-sign-request UR with data type 3 (--request), or - for stdin')
          .option('--request', 'the file is an eth-sign-request UR, not the message itself'),
      ),
    ),
  ).action(lazyAction(() => import('../actions/eth-sign-message.js')));
}
