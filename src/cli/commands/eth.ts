/**
 * The `coldkit eth` command group: build transactions online (watch-only), review and sign them
 * offline, broadcast them online. Light: the option tables only; ethers and the curve code load
 * inside the actions (src/cli/actions/eth-*.ts).
 */
import { formatDecimal } from '../../core/amount.js';
import { DEFAULT_MAX_FEE } from '../../core/eth/limits.js';
import { command, onlyWith, optionSet } from '../options/spec.js';
import { PAYLOAD_INPUT, PAYLOAD_OUTPUT, ANY_SEED_INPUT, POLICY_GATE } from '../options/sets.js';
import { SAFE_COMMANDS, SAFE_OVERRIDES, SAFE_SUBGROUPS } from './eth-safe.js';

/** Sub-groups below `eth` and their descriptions. */
export const SUBGROUPS = { 'eth tx': 'Ethereum transactions', ...SAFE_SUBGROUPS };

/** What the three sign commands share: the seed, the key's path, the expectations and outputs. */
const SIGNER = optionSet({
  ...PAYLOAD_INPUT,
  ...ANY_SEED_INPUT,
  path: {
    flag: '--path <path>',
    help: "derivation path of the signing key (default: the request's path, else m/44h/60h/0h/0/0)",
    doc: "the signing key's path; default the request's path, else `m/44h/60h/0h/0/0`. A path that contradicts the request's is exit 2; `--path` and `--index` together are exit 2.",
  },
  index: { flag: '--index <i>', help: "account index i of m/44h/60h/0h/0/i" },
  from: {
    flag: '--from <address>',
    help: 'refuse unless the key at the path is this address (exit 3; --allow-from-mismatch overrides); a sign request names it itself',
    doc: 'assert the sender for raw input (a request names it itself; both given must agree); refused (exit 3) unless the key at the path is this address.',
  },
  expectChainId: { flag: '--expect-chain-id <n>', help: 'refuse unless the chain id is N (exit 3; --allow-chain-id-mismatch overrides)' },
  out: {
    flag: '--out <file>',
    help: 'also write the signature (sign: the signed raw tx hex) to FILE; an existing file is not overwritten',
  },
  outUr: { flag: '--out-ur <file>', help: 'with an eth-sign-request as input: also write the eth-signature UR to FILE' },
  ...PAYLOAD_OUTPUT,
});

const SIGNER_OVERRIDES = ['chain-id-mismatch', 'from-mismatch', 'fingerprint-mismatch', 'non-ethereum-path', 'retired-key'] as const;

export const ethTxCreate = command({
  name: 'eth tx create',
  description: 'build an unsigned transaction (watch-only side) and its EIP-4527 eth-sign-request',
  options: {
    from: {
      flag: '--from <address>',
      help: 'sender address (EIP-55); must be the key at --path/--index when signed',
      doc: 'the sender (required). Recorded in the sign request (key 6); the signer refuses if it is not the key at the path.',
    },
    to: {
      flag: '--to <address>',
      help: 'recipient address (the token contract with --erc20 is set automatically)',
      doc: 'the recipient; with `--erc20`, the token recipient. Addresses: `0x` + 40 hex digits; mixed case must be a correct EIP-55 checksum (a typo is refused). Output is always EIP-55.',
    },
    value: { flag: '--value <amount>', help: 'ETH to send: "0.1", "0.1eth", "21gwei", "5wei" (default 0)', doc: 'ETH to send (default 0). See [Amounts](cli/eth.md#amounts).' },
    data: { flag: '--data <hex>', help: 'calldata as 0x hex', doc: 'calldata, `0x` hex. Not with `--erc20`.' },
    chainId: {
      flag: '--chain-id <n>',
      help: 'chain id (EIP-155); filled from --rpc when omitted',
      doc: "EIP-155 chain id. With `--rpc`, filled from `eth_chainId`, and a given value must match the node's.",
    },
    nonce: { flag: '--nonce <n>', help: 'sender nonce; filled from --rpc (pending) when omitted', doc: 'sender nonce; with `--rpc`, `eth_getTransactionCount(from, "pending")`.' },
    gasLimit: { flag: '--gas-limit <n>', help: 'gas limit; estimated with --rpc when omitted', doc: 'gas limit; with `--rpc`, `eth_estimateGas`.' },
    type: {
      flag: '--type <t>',
      help: 'transaction type: 2 EIP-1559 (default), 1 EIP-2930, 0 legacy EIP-155',
      doc: '`2` EIP-1559, `1` EIP-2930 or `0` legacy EIP-155; anything else is exit 2.',
      default: '2',
    },
    maxFeePerGas: {
      flag: '--max-fee-per-gas <amount>',
      help: 'type 2: max fee per gas, with a unit ("30gwei", "30000000000wei")',
      doc: 'type 2 only, with a unit (`30gwei`). With `--rpc`: `2 × baseFeePerGas(latest) + tip` (room for six full blocks of +12.5 %).',
    },
    maxPriorityFeePerGas: {
      flag: '--max-priority-fee-per-gas <amount>',
      help: 'type 2: priority fee per gas, with a unit ("1gwei")',
      doc: 'type 2 only, with a unit (`1gwei`). With `--rpc`: `eth_maxPriorityFeePerGas`.',
    },
    gasPrice: { flag: '--gas-price <amount>', help: 'types 0 and 1: gas price, with a unit ("20gwei")', doc: 'types 0 and 1 only, with a unit; with `--rpc`, `eth_gasPrice`.' },
    accessList: {
      flag: '--access-list <file>',
      help: 'types 1 and 2: JSON access list [{"address": "0x…", "storageKeys": ["0x…"]}]',
      doc: 'types 1 and 2: JSON `[{"address": "0x…", "storageKeys": ["0x<64 hex>", …]}, …]` (the JSON-RPC shape). Type 1 without it has an empty list.',
    },
    rpc: {
      flag: '--rpc <url>',
      help: 'JSON-RPC node to fill chain id, nonce, fees and gas limit',
      doc: '`http(s)://` JSON-RPC node used to fill every field not given (the note on stderr lists which). Nothing else is sent to the node.',
    },
    erc20: {
      flag: '--erc20 <token>',
      help: 'build an ERC-20 transfer(to, amount) call to this token contract',
      doc: 'build ERC-20 `transfer(to, amount)` calldata (selector `a9059cbb`) to the token contract TOKEN. Cannot be combined with `--data` or a non-zero `--value`.',
    },
    amount: { flag: '--amount <n>', help: 'with --erc20: token amount as a decimal ("12.5")', doc: 'with `--erc20`: the token amount, a decimal with at most `--decimals` decimals.' },
    decimals: { flag: '--decimals <d>', help: 'with --erc20: the token decimals (e.g. 6 for USDC, 18 for most)' },
    path: {
      flag: '--path <path>',
      help: "derivation path of the sender for the sign request (default m/44h/60h/0h/0/<index>)",
      doc: "path of the sender's key for the request. Default: the wallet's path for `--from`, else `m/44h/60h/0h/0/0` (a note says so). With `--wallet`, a flag that contradicts the file, or a `--from` the file does not list and no flag, is exit 2 (export more addresses with `account export --count N`, or give `--index`).",
    },
    index: { flag: '--index <i>', help: "account index i of m/44h/60h/0h/0/i (default 0)", doc: "`--index I` = `m/44h/60h/0h/0/I`." },
    fingerprint: {
      flag: '--fingerprint <hex>',
      help: 'master key fingerprint (8 hex digits) for the sign request',
      doc: 'master key fingerprint (8 hex digits) for the request; must agree with `--wallet`. Without either, the request carries no fingerprint (a note says so) and the signer cannot check it is the right seed.',
    },
    wallet: {
      flag: '--wallet <file>',
      help: 'watch-only wallet file from `coldkit account export --chain eth` (fingerprint and path)',
      doc: "the watch-only file from `coldkit account export --chain eth --out FILE`: gives the master fingerprint and, when `--from` is one of its listed addresses, that address's path, believed only when the file's xpub gives that address there (an edited file is exit 3).",
    },
    origin: { flag: '--origin <text>', help: 'origin label carried in the sign request', doc: 'origin label in the request (key 7).', default: 'coldkit' },
    out: { flag: '--out <file>', help: 'write the eth-sign-request UR to FILE', doc: 'write the `ur:eth-sign-request/…` text to FILE.' },
    outHex: { flag: '--out-hex <file>', help: 'write the unsigned transaction hex to FILE' },
    ...PAYLOAD_OUTPUT,
    policy: {
      flag: '--policy <file>',
      help: 'a signing policy: warn about what the offline signer would refuse under it',
      doc: "a signing policy file: the result names the rule the transaction falls under (or each rule's reasons) and warns about what the signer under that policy would refuse (`policy` in `--json`). Approvals and velocity are the signer's to judge.",
    },
  },
});

/** `eth tx create`'s options that describe the Ethereum transaction itself (not its call). */
const { to: _to, value: _value, data: _data, erc20: _erc20, amount: _amount, decimals: _decimals, from: _from, rpc: _rpc, ...TX_ENVELOPE } = ethTxCreate.options;

export const ethSafeExec = command({
  name: 'eth safe exec',
  description: "build the unsigned transaction calling the Safe's execTransaction with the collected signatures, after an eth_call simulation that must succeed (online)",
  args: [{ name: '[file]', help: 'the Safe transaction file with the signatures (`eth safe collect --out`)' }],
  options: {
    from: { flag: '--from <address>', help: 'the executor: the account that sends (and pays gas for) execTransaction', required: true },
    rpc: { flag: '--rpc <url>', help: 'JSON-RPC node: simulation, chain id, nonce, fees and gas limit', required: true },
    ...TX_ENVELOPE,
  },
});

export const ethBroadcast = command({
  name: 'eth broadcast',
  description: 'send a signed transaction to a node (online side)',
  args: [{ name: '[signed]', help: 'file with the signed raw transaction hex, `eth sign --json` output, or a ur:eth-signature (with --request), or - for stdin' }],
  options: {
    ...PAYLOAD_INPUT,
    rpc: { flag: '--rpc <url>', help: 'JSON-RPC node URL', required: true },
    request: {
      flag: '--request <file>',
      help: 'with an eth-signature: the ur:eth-sign-request it answers (its unsigned tx is completed with the signature)',
    },
    wait: { flag: '--wait', help: 'wait for the receipt and print status, block and gas used', doc: 'poll `eth_getTransactionReceipt` until the receipt arrives and print status, block and gas used; a reverted transaction exits 1.' },
    timeout: { flag: '--timeout <seconds>', help: 'with --wait: give up after this many seconds', doc: 'give up waiting after this many seconds (exit 1).', default: '120', needs: ['wait'] },
  },
});

export const ethInspect = command({
  name: 'eth inspect',
  description: 'show an unsigned or signed transaction, a sign request or typed data in full (no key needed)',
  args: [{ name: '[file]', help: 'file with transaction hex or an eth-sign-request UR, or - for stdin' }],
  options: { ...PAYLOAD_INPUT },
});

export const ethSign = command({
  name: 'eth sign',
  description: 'review and sign a transaction of type 0, 1 or 2 (offline)',
  globals: ['yes'],
  args: [{ name: '[file]', help: 'unsigned transaction hex or an eth-sign-request UR, or - for stdin' }],
  options: {
    ...SIGNER,
    maxValue: { flag: '--max-value <amount>', help: 'refuse when value + gas limit × max fee exceeds this (ETH, or with wei/gwei)' },
    maxFee: {
      flag: '--max-fee <amount>',
      help: "refuse when gas limit × max fee per gas exceeds this, in the chain's native unit (raise it on chains with a cheap native token)",
      doc: "refuse when the fee can exceed AMOUNT: gas limit × max fee per gas (type 2) or gas price (types 0, 1), in the chain's native unit. On by default like `psbt sign`'s fee limits, to catch a mistyped gas price or limit; raise it on chains whose native token is cheap.",
      default: formatDecimal(DEFAULT_MAX_FEE, 18),
    },
    ...POLICY_GATE,
  },
  overrides: [...SIGNER_OVERRIDES, 'no-replay-protection', 'max-value-exceeded', 'high-fee', 'unlimited-approval', 'approval-for-all', 'trailing-calldata', 'unknown-calldata'],
});

export const ethSignTypedData = command({
  name: 'eth sign-typed-data',
  description: 'review and sign EIP-712 typed data (eth_signTypedData_v4) (offline)',
  globals: ['yes'],
  args: [{ name: '[file]', help: 'EIP-712 JSON, or an eth-sign-request UR with data type 2, or - for stdin' }],
  options: { ...SIGNER, ...POLICY_GATE },
  // A SafeTx goes through the Safe checks of `eth safe sign`, with their overrides.
  overrides: [...new Set([...SIGNER_OVERRIDES, 'unlimited-approval', 'marketplace-order', ...SAFE_OVERRIDES] as const)],
});

export const ethSignMessage = command({
  name: 'eth sign-message',
  description: "sign a file's exact bytes as an EIP-191 personal_sign message (offline)",
  globals: ['yes'],
  args: [{ name: '[file]', help: 'the message file, or an eth-sign-request UR with data type 3 (--request), or - for stdin' }],
  options: {
    ...SIGNER,
    // The eth-signature answers a request; a bare message has nothing to show as QR.
    ...onlyWith(['request', 'fromQr'], PAYLOAD_OUTPUT),
    request: { flag: '--request', help: 'the file is an eth-sign-request UR, not the message itself' },
  },
  overrides: [...SIGNER_OVERRIDES, 'binary-message'],
});

export const COMMANDS = [ethTxCreate, ethBroadcast, ethInspect, ethSign, ethSignTypedData, ethSignMessage, ...SAFE_COMMANDS, ethSafeExec];
