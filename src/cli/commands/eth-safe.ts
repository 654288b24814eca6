/**
 * The `coldkit eth safe` commands: Safe (Gnosis Safe) multisig transactions built or imported on
 * either side, reviewed and signed offline, signatures collected. Light: option tables only; the
 * actions (src/cli/actions/eth-safe-*.ts) load ethers and the curve code.
 */
import { command, optionSet } from '../options/spec.js';
import { PAYLOAD_INPUT, PAYLOAD_OUTPUT, POLICY_GATE, SEED_INPUT } from '../options/sets.js';

/** Sub-groups below `eth`. */
export const SAFE_SUBGROUPS = {
  'eth safe': 'Safe multisig: build, import, inspect, sign and collect Safe transactions (EIP-712 SafeTx)',
  'eth safe tx': 'Safe transaction files: create from fields, import from the Safe transaction service',
};

/** The finding codes a Safe signature can be refused for that an override may lift. */
export const SAFE_OVERRIDES = [
  'safe-delegatecall',
  'safe-owner-change',
  'safe-module-change',
  'safe-guard-change',
  'safe-fallback-handler-change',
  'safe-upgrade',
  'safe-gas-refund',
  'safe-unknown-version',
  'safe-not-owner',
  'safe-undecodable-batch',
  'chain-id-mismatch',
  'unlimited-approval',
  'retired-key',
] as const;

/** What reading and judging a Safe transaction takes (inspect and sign). */
export const SAFE_REVIEW = optionSet({
  expectChainId: { flag: '--expect-chain-id <n>', help: 'refuse unless the Safe transaction is for chain N (exit 3; --allow-chain-id-mismatch overrides)' },
  expectSafeTxHash: {
    flag: '--expect-safe-tx-hash <hash>',
    help: 'refuse unless the recomputed safeTxHash is this one (as the other machines and the Ledger show it)',
    doc: 'the safeTxHash another machine (the proposer, a second checker, the Ledger screen) shows; a different recomputed hash is refused (exit 3, nothing overrides it).',
  },
  multisend: {
    flag: '--multisend <address...>',
    help: 'also trust these MultiSend/MultiSendCallOnly addresses as DELEGATECALL targets (chains or deployments not in the published list)',
    doc: "extra batching-library addresses a DELEGATECALL may target without `--allow-safe-delegatecall` (a Safe deployment on a chain coldkit's list lacks, or a test chain). Trust them only after checking their code hash against Safe's published one.",
  },
  chainId: { flag: '--chain-id <n>', help: 'with EIP-712 typed data of a Safe < 1.3.0 (no chainId in its domain): the chain, for display and --expect-chain-id' },
});

export const ethSafeTxCreate = command({
  name: 'eth safe tx create',
  description: 'build a Safe transaction file from its fields (either side; --rpc fills nonce, version, owners and threshold)',
  options: {
    safe: { flag: '--safe <address>', help: 'the Safe (proxy) address', required: true },
    chainId: { flag: '--chain-id <n>', help: 'chain id (filled from --rpc when omitted)' },
    nonce: { flag: '--nonce <n>', help: "the Safe's nonce for this transaction (filled from --rpc: the Safe's current nonce)" },
    to: { flag: '--to <address>', help: 'the call target (with --erc20: set to the token)' },
    value: { flag: '--value <amount>', help: 'ETH the Safe sends: "0.1", "0.1eth", "21gwei", "5wei" (default 0)' },
    data: { flag: '--data <hex>', help: 'calldata as 0x hex', conflicts: ['erc20'] },
    erc20: { flag: '--erc20 <token>', help: 'an ERC-20 transfer from the Safe: the token contract (with --transfer and --decimals)' },
    transfer: { flag: '--transfer <to:amount>', help: 'with --erc20: recipient and decimal token amount, "0xabc…:12.5"', needs: ['erc20'] },
    decimals: { flag: '--decimals <d>', help: 'with --erc20: the token decimals (6 for USDC, 18 for most)', needs: ['erc20'] },
    batch: {
      flag: '--batch <file>',
      help: 'a batch of CALLs as one transaction: JSON [{to, value, data}] or a Transaction Builder export {transactions: [...]}; sent through MultiSendCallOnly',
      doc: "JSON `[{\"to\", \"value\" (wei, decimal), \"data\" (0x hex)}, …]` or Safe{Wallet} Transaction Builder's export `{\"transactions\": [...]}` (each with its `data`). Built as `multiSend(bytes)` DELEGATECALLed into Safe's MultiSendCallOnly published for the chain (the Safe's version, else the newest there), or `--multisend ADDRESS`. Not with `--to`, `--value`, `--data`, `--erc20`, `--operation`.",
      conflicts: ['to', 'value', 'data', 'erc20'],
    },
    multisend: { flag: '--multisend <address>', help: 'with --batch: the MultiSendCallOnly to use (a chain without a published one, or a test chain)', needs: ['batch'] },
    operation: { flag: '--operation <op>', help: 'call or delegatecall (signers refuse delegatecall to anything but a known MultiSend)', choices: ['call', 'delegatecall'], default: 'call' },
    safeVersion: { flag: '--safe-version <v>', help: "the Safe contract's VERSION (default 1.4.1; filled from --rpc)" },
    owners: { flag: '--owners <addresses>', help: 'comma-separated owner addresses to record (signers then refuse keys that are not owners)' },
    threshold: { flag: '--threshold <n>', help: 'the Safe threshold to record (collect says how many signatures are missing)' },
    currentNonce: { flag: '--current-nonce <n>', help: "the Safe's current on-chain nonce to record (signers refuse a used nonce)" },
    rpc: {
      flag: '--rpc <url>',
      help: 'JSON-RPC node: fill chain id, nonce, version, owners, threshold from the Safe contract',
      doc: '`http(s)://` node: `eth_chainId`, and the Safe\'s `nonce()`, `VERSION()`, `getOwners()`, `getThreshold()` by `eth_call`. Given values must agree with the node (chain id, version) or are kept (nonce: a later nonce queues the transaction).',
    },
    out: { flag: '--out <file>', help: 'write the Safe transaction file to FILE (default: print it on stdout)' },
  },
});

export const ethSafeTxImport = command({
  name: 'eth safe tx import',
  description: "read the Safe transaction service's JSON of a pending transaction; refuse unless its safeTxHash is ours",
  args: [{ name: '[file]', help: 'the JSON as copied from the transaction service (one transaction), or - for stdin' }],
  options: {
    chainId: { flag: '--chain-id <n>', help: "the chain the Safe is on (the service's JSON does not say)", required: true },
    safeVersion: { flag: '--safe-version <v>', help: "the Safe's VERSION (the service's JSON does not say); a wrong one gives another hash and is refused", default: '1.4.1' },
    out: { flag: '--out <file>', help: 'write the coldkit Safe transaction file to FILE (default: print it on stdout)' },
  },
});

export const ethSafeInspect = command({
  name: 'eth safe inspect',
  description: 'show a Safe transaction: the three hashes (as Ledger and the hash checkers show them), the chain, the decoded calls and every warning',
  args: [{ name: '[file]', help: 'a coldkit Safe transaction file, EIP-712 SafeTx typed data, or an eth-sign-request UR (data type 2); - for stdin' }],
  options: { ...PAYLOAD_INPUT, ...SAFE_REVIEW },
});

export const ethSafeSign = command({
  name: 'eth safe sign',
  description: "review a Safe transaction and sign its safeTxHash as one owner (offline); risky kinds are refused unless overridden",
  globals: ['yes'],
  args: [{ name: '[file]', help: 'a coldkit Safe transaction file, EIP-712 SafeTx typed data, or an eth-sign-request UR (data type 2); - for stdin' }],
  options: {
    ...PAYLOAD_INPUT,
    ...SEED_INPUT,
    ...SAFE_REVIEW,
    path: { flag: '--path <path>', help: "derivation path of the owner's key (default: the request's path, else m/44h/60h/0h/0/0)" },
    index: { flag: '--index <i>', help: "account index i of m/44h/60h/0h/0/i" },
    out: { flag: '--out <file>', help: 'also write the signature (0x r‖s‖v) to FILE' },
    outFile: { flag: '--out-file <file>', help: 'also write the Safe transaction file with this signature added to FILE' },
    outUr: { flag: '--out-ur <file>', help: 'with an eth-sign-request as input: also write the eth-signature UR to FILE' },
    ...PAYLOAD_OUTPUT,
    ...POLICY_GATE,
  },
  overrides: SAFE_OVERRIDES,
});

export const ethSafeCollect = command({
  name: 'eth safe collect',
  description: 'verify owner signatures, drop duplicates, order them by owner and pack them for execTransaction (either side)',
  args: [
    { name: '[file]', help: 'the coldkit Safe transaction file (its own signatures count too)' },
    { name: '[signatures...]', help: 'signatures: 0x hex (130 digits), files holding one, or `eth safe sign --json` output saved as it is' },
  ],
  options: {
    out: { flag: '--out <file>', help: 'write the Safe transaction file with the collected signatures to FILE' },
  },
});

export const SAFE_COMMANDS = [ethSafeTxCreate, ethSafeTxImport, ethSafeInspect, ethSafeSign, ethSafeCollect];
