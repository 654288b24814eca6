/**
 * `coldkit eth tx create`: build an unsigned type 0/1/2 transaction on the watch-only side,
 * optionally filling chain id, nonce, fees and gas from a node (--rpc), and wrap it in an
 * EIP-4527 eth-sign-request bound to a fresh request id.
 */
import { parseDecimal, parseEth } from '../../core/amount.js';
import { InputError } from '../../core/errors.js';
import { digestWords } from '../../core/digest-words.js';
import { parseAddress } from '../../core/eth/account.js';
import { walletRef } from '../../core/eth/account-file.js';
import { encodeErc20Transfer } from '../../core/eth/erc20.js';
import { ethPath, formatFingerprint, parseFingerprint } from '../../core/eth/key.js';
import { addressBytes, makeSignRequest, txDataType, uuidV4 } from '../../core/eth/request.js';
import { DEFAULT_MAX_FEE } from '../../core/eth/limits.js';
import type { TxReview } from '../../core/eth/review.js';
import { prepare } from '../../core/eth/signer.js';
import { txSubject } from '../../core/eth/subject.js';
import { buildUnsignedTx, parseAccessList, UINT64_MAX, type TxFields, type TxType } from '../../core/eth/tx.js';
import { sortFindings } from '../../core/findings/decide.js';
import type { Finding } from '../../core/findings/finding.js';
import { formatUuid } from '../../core/transport/ur/eth.js';
import { fromHex, toHex } from '../../core/text.js';
import { parseUint } from '../../core/amount.js';
import type { Context, Outcome } from '../command.js';
import { assertWritable, readInputJson, writeFileAtomic } from '../io.js';
import { renderFindings, renderTxReview } from '../eth/render.js';
import { EthRpc, qty, quantityOf } from '../eth/rpc.js';
import { resolvePath } from '../eth/signer.js';
import { findingView } from '../overrides.js';
import type { ethTxCreate as ethTxCreateTable } from '../commands/eth.js';
import type { OptionsOf } from '../options/spec.js';
import type { PolicyResult } from '../policy/render.js';


type Opts = OptionsOf<typeof ethTxCreateTable>;

/** What is sent, and (types 1 and 2) the access list. */
interface Payment {
  to: string;
  value: bigint;
  data: Uint8Array;
  accessList?: TxFields['accessList'];
}

export interface TxCreateResult {
  unsignedHex: string;
  review: TxReview;
  /** What the signer would find without a seed (its default limits), most fundamental first. */
  findings: (Finding & { override?: string })[];
  signRequest: { ur: string; requestId: string; path: string; sourceFingerprint: string | null; dataType: number };
  filledFromRpc: string[];
  out?: string;
  outHex?: string;
  /** Under --policy: the rule it falls under, or each rule's reasons, and what the signer would refuse. */
  policy?: PolicyResult & { signerWouldRefuse: { code: string; message: string }[] };
}

/** A fee per gas: a number with a unit (wei, gwei or eth), so "30" cannot mean 30 ETH per gas by accident. */
export function parseFee(text: string, field: string): bigint {
  if (!/^\s*[0-9.]+\s*(wei|gwei|eth|ether)\s*$/i.test(text)) {
    throw new InputError(`"${text.slice(0, 40)}" needs a unit: write like 30gwei or 30000000000wei`, field);
  }
  return parseEth(text, field);
}

function parseType(text: string): TxType {
  const t = text.trim();
  if (t !== '0' && t !== '1' && t !== '2') throw new InputError(`unknown transaction type "${t.slice(0, 20)}"; use 0 (legacy, EIP-155), 1 (EIP-2930) or 2 (EIP-1559)`, '--type');
  return Number(t) as TxType;
}

function need<T>(v: T | undefined, field: string, rpcHelps = true): T {
  if (v === undefined) throw new InputError(`is required${rpcHelps ? ' (or give --rpc URL to fill it from a node)' : ''}`, field);
  return v;
}

/**
 * The sender's path for the sign request: --path/--index, else the wallet file's path for --from,
 * else m/44'/60'/0'/0/0. A flag that contradicts the wallet file, or a --wallet that does not list
 * --from and no flag, is an input error (the signer would refuse the request anyway).
 */
function requestPath(opts: Opts, from: string, walletPath: string | undefined, ctx: Context): string {
  const explicit = opts.path || opts.index !== undefined ? resolvePath(opts) : undefined;
  if (explicit && walletPath && explicit !== walletPath) {
    throw new InputError(`is ${explicit} but the wallet file lists ${from} at ${walletPath}`, opts.path ? '--path' : '--index');
  }
  if (explicit) return explicit;
  if (walletPath) return walletPath;
  if (opts.wallet) throw new InputError(`${from} is not among the addresses the wallet file lists; give its --index I (m/44h/60h/0h/0/I) or --path`, '--wallet');
  ctx.note(`no --path, --index or --wallet: the sign request names ${ethPath(0)} (account 0)`);
  return ethPath(0);
}

/**
 * Every value the transaction needs and the command line lacks, named at once (a node given with
 * --rpc fills the chain id, nonce, gas limit and fees), with a complete example line to copy.
 */
function missingValues(opts: Opts, type: TxType): void {
  const missing: string[] = [];
  const want = (v: unknown, flag: string): void => void (v === undefined && missing.push(flag));
  want(opts.from, '--from');
  want(opts.to, '--to');
  if (opts.erc20 !== undefined) (want(opts.amount, '--amount'), want(opts.decimals, '--decimals'));
  if (!opts.rpc) {
    want(opts.chainId, '--chain-id');
    want(opts.nonce, '--nonce');
    want(opts.gasLimit, '--gas-limit');
    if (type === 2) (want(opts.maxFeePerGas, '--max-fee-per-gas'), want(opts.maxPriorityFeePerGas, '--max-priority-fee-per-gas'));
    else want(opts.gasPrice, '--gas-price');
  }
  if (!missing.length) return;
  const fees = type === 2 ? '--max-fee-per-gas 30gwei --max-priority-fee-per-gas 1gwei' : `--type ${type} --gas-price 20gwei`;
  const what = opts.erc20 !== undefined ? `--erc20 ${opts.erc20} --amount 12.5 --decimals 6` : '--value 0.01';
  const example = `coldkit eth tx create --from 0xFROM --to 0xTO ${what} --chain-id 1 --nonce 0 --gas-limit ${opts.erc20 !== undefined ? 65000 : 21000} ${fees}`;
  const node = opts.rpc ? '' : ' (on a watch-only machine, --rpc URL fills the chain id, nonce, gas limit and fees from a node)';
  throw new InputError(`missing ${missing.join(', ')}${node}; for example: ${example}`);
}

/** The transaction's numbers as given or filled: every field may still be missing until `txFields`. */
interface Draft {
  chainId?: bigint;
  nonce?: bigint;
  gasLimit?: bigint;
  gasPrice?: bigint;
  maxFeePerGas?: bigint;
  maxPriorityFeePerGas?: bigint;
}

/**
 * `eth tx create`, in steps: what is sent (recipient, value, calldata), the numbers given, the
 * access list, the numbers a node fills (--rpc), the unsigned transaction and the signer's
 * findings on it, the sign request, the policy check, the files written, the outcome.
 */
export default async function ethTxCreate(opts: Opts, ctx: Context): Promise<Outcome<TxCreateResult>> {
  const type = parseType(opts.type);
  missingValues(opts, type);
  const from = parseAddress(need(opts.from, '--from', false), '--from');
  const { to, value, data } = payment(opts);
  const draft = givenNumbers(opts, type);
  const accessList = await accessListOf(opts, type, ctx);
  const filled = opts.rpc ? await fillFromNode(opts.rpc, type, draft, { from, to, value, data, accessList }, ctx) : [];
  const fields = txFields(type, draft, { to, value, data, accessList });
  const unsignedHex = buildUnsignedTx(fields);
  // The signer's own checks, without a seed: what it would refuse is listed now, not after a trip across the gap.
  const prepared = prepare(txSubject(unsignedHex, 'unsigned transaction', 'inspect'), { limits: { maxFee: DEFAULT_MAX_FEE }, from });
  const review = prepared.review;
  const { req, requestId, path, fingerprint, dataType } = await signRequest(opts, from, unsignedHex, fields.chainId, ctx);
  // One payload, one digest: the review's payload digest is the request's, which the QR caption and the signer print.
  review.digest = digestWords(req.cbor);
  const result: TxCreateResult = {
    unsignedHex,
    review,
    findings: sortFindings(prepared.findings).map(findingView),
    signRequest: { ur: req.ur, requestId: formatUuid(requestId), path, sourceFingerprint: fingerprint === undefined ? null : formatFingerprint(fingerprint), dataType },
    filledFromRpc: filled,
  };
  if (opts.policy) {
    const [{ onlinePolicyCheck }, { ethTxPayload, evmTxOf }] = await Promise.all([import('../policy/online.js'), import('../../core/policy/eth-payload.js')]);
    result.policy = await onlinePolicyCheck(opts.policy, ethTxPayload(evmTxOf(review)), ctx);
  }
  writeOutputs(opts, req.ur, unsignedHex, result);
  return txCreateOutcome(result, from, req.cbor);
}

/** What is sent: ETH with optional calldata, or an ERC-20 transfer (--erc20: the token is `to`, the calldata names the recipient). */
function payment(opts: Opts): Payment {
  const value = opts.value !== undefined ? parseEth(opts.value, '--value') : 0n;
  const data = opts.data !== undefined ? fromHex(opts.data, '--data') : new Uint8Array();
  if (opts.erc20 === undefined) {
    if (opts.amount !== undefined || opts.decimals !== undefined) throw new InputError('--amount and --decimals go with --erc20 TOKEN; use --value for ETH', opts.amount !== undefined ? '--amount' : '--decimals');
    return { to: parseAddress(need(opts.to, '--to', false), '--to'), value, data };
  }
  if (opts.data !== undefined) throw new InputError('--data and --erc20 cannot be combined (--erc20 builds the calldata)', '--data');
  if (value !== 0n) throw new InputError('an ERC-20 transfer sends no ETH; drop --value or set it to 0', '--value');
  const decimals = Number(parseUint(need(opts.decimals, '--decimals', false), '--decimals', 77n));
  const amount = parseDecimal(need(opts.amount, '--amount', false), decimals, '--amount');
  const recipient = parseAddress(need(opts.to, '--to', false), '--to');
  return { to: parseAddress(opts.erc20, '--erc20'), value, data: encodeErc20Transfer(recipient, amount) };
}

/** Chain id, nonce, gas limit and fees as given on the command line; the fee flags must fit the type. */
function givenNumbers(opts: Opts, type: TxType): Draft {
  const d: Draft = {
    chainId: opts.chainId !== undefined ? parseUint(opts.chainId, '--chain-id', UINT64_MAX) : undefined,
    nonce: opts.nonce !== undefined ? parseUint(opts.nonce, '--nonce', UINT64_MAX) : undefined,
    gasLimit: opts.gasLimit !== undefined ? parseUint(opts.gasLimit, '--gas-limit', UINT64_MAX) : undefined,
    gasPrice: opts.gasPrice !== undefined ? parseFee(opts.gasPrice, '--gas-price') : undefined,
    maxFeePerGas: opts.maxFeePerGas !== undefined ? parseFee(opts.maxFeePerGas, '--max-fee-per-gas') : undefined,
    maxPriorityFeePerGas: opts.maxPriorityFeePerGas !== undefined ? parseFee(opts.maxPriorityFeePerGas, '--max-priority-fee-per-gas') : undefined,
  };
  if (type === 2 && d.gasPrice !== undefined) throw new InputError('is for types 0 and 1; type 2 uses --max-fee-per-gas and --max-priority-fee-per-gas', '--gas-price');
  if (type !== 2 && (d.maxFeePerGas !== undefined || d.maxPriorityFeePerGas !== undefined)) {
    throw new InputError(`is for type 2; a type ${type} transaction uses --gas-price`, d.maxFeePerGas !== undefined ? '--max-fee-per-gas' : '--max-priority-fee-per-gas');
  }
  return d;
}

/** The EIP-2930 access list (--access-list FILE); none for type 0, empty by default for type 1. */
async function accessListOf(opts: Opts, type: TxType, ctx: Context): Promise<TxFields['accessList']> {
  let accessList = undefined as TxFields['accessList'];
  if (opts.accessList !== undefined) {
    if (type === 0) throw new InputError('a legacy (type 0) transaction has no access list; use --type 1 or 2', '--access-list');
    accessList = parseAccessList(await readInputJson(opts.accessList, '--access-list', ctx.io), '--access-list');
  }
  if (type === 1 && accessList === undefined) accessList = [];
  return accessList;
}

/** Fill what is missing from the node at --rpc (a given chain id must be the node's); returns the names filled. */
async function fillFromNode(url: string, type: TxType, d: Draft, tx: Payment & { from: string }, ctx: Context): Promise<string[]> {
  const filled: string[] = [];
  const rpc = new EthRpc(url);
  const nodeChain = await rpc.quantity('eth_chainId');
  if (d.chainId !== undefined && d.chainId !== nodeChain) throw new InputError(`is ${d.chainId} but the node at --rpc is on chain ${nodeChain}`, '--chain-id');
  if (d.chainId === undefined) (d.chainId = nodeChain), filled.push('chainId');
  if (d.nonce === undefined) (d.nonce = await rpc.quantity('eth_getTransactionCount', [tx.from, 'pending'])), filled.push('nonce');
  if (type === 2) {
    if (d.maxPriorityFeePerGas === undefined) (d.maxPriorityFeePerGas = await rpc.quantity('eth_maxPriorityFeePerGas')), filled.push('maxPriorityFeePerGas');
    if (d.maxFeePerGas === undefined) {
      const block = await rpc.call<{ baseFeePerGas?: string }>('eth_getBlockByNumber', ['latest', false]);
      if (!block?.baseFeePerGas) throw new InputError('the node reports no base fee (pre-London chain?); give --max-fee-per-gas or use --type 0', '--max-fee-per-gas');
      // Headroom for six full blocks of +12.5 % base fee (EIP-1559), as wallets commonly do: 2 × base fee + tip.
      d.maxFeePerGas = 2n * quantityOf(block.baseFeePerGas, 'eth_getBlockByNumber baseFeePerGas') + d.maxPriorityFeePerGas;
      filled.push('maxFeePerGas');
    }
  } else if (d.gasPrice === undefined) (d.gasPrice = await rpc.quantity('eth_gasPrice')), filled.push('gasPrice');
  if (d.gasLimit === undefined) {
    const call: Record<string, unknown> = { from: tx.from, to: tx.to, value: qty(tx.value), data: '0x' + toHex(tx.data) };
    if (tx.accessList?.length) call.accessList = tx.accessList;
    d.gasLimit = await rpc.quantity('eth_estimateGas', [call]);
    filled.push('gasLimit');
  }
  ctx.note(`filled from --rpc: ${filled.join(', ') || 'nothing (all given)'}`);
  return filled;
}

/** The transaction's fields, each number required by now (given or filled). */
function txFields(type: TxType, d: Draft, tx: Payment): TxFields {
  const fields: TxFields = {
    type,
    chainId: need(d.chainId, '--chain-id'),
    nonce: need(d.nonce, '--nonce'),
    gasLimit: need(d.gasLimit, '--gas-limit'),
    to: tx.to,
    value: tx.value,
    data: tx.data,
  };
  if (type === 2) {
    fields.maxFeePerGas = need(d.maxFeePerGas, '--max-fee-per-gas');
    fields.maxPriorityFeePerGas = need(d.maxPriorityFeePerGas, '--max-priority-fee-per-gas');
  } else fields.gasPrice = need(d.gasPrice, '--gas-price');
  if (type !== 0) fields.accessList = tx.accessList ?? [];
  return fields;
}

/** The EIP-4527 sign request: source fingerprint (--fingerprint or the wallet file), path, a fresh request id. */
async function signRequest(opts: Opts, from: string, unsignedHex: string, chainId: bigint, ctx: Context) {
  let fingerprint = opts.fingerprint !== undefined ? parseFingerprint(opts.fingerprint) : undefined;
  let walletPath: string | undefined;
  if (opts.wallet) {
    const ref = walletRef(await readInputJson(opts.wallet, '--wallet', ctx.io), from);
    if (fingerprint !== undefined && fingerprint !== ref.fingerprint) throw new InputError(`is ${formatFingerprint(fingerprint)} but the wallet file says ${formatFingerprint(ref.fingerprint)}`, '--fingerprint');
    fingerprint = ref.fingerprint;
    walletPath = ref.path;
  }
  const path = requestPath(opts, from, walletPath, ctx);
  if (fingerprint === undefined) ctx.note('no --fingerprint or --wallet: the sign request carries no source fingerprint, so the signer cannot check it is the right seed');
  const requestId = uuidV4(ctx.random(16));
  const dataType = txDataType(unsignedHex);
  const req = makeSignRequest({
    requestId,
    signData: fromHex(unsignedHex, 'unsigned'),
    dataType,
    chainId,
    path,
    sourceFingerprint: fingerprint,
    address: addressBytes(from),
    origin: opts.origin,
  });
  return { req, requestId, path, fingerprint, dataType };
}

/** Write the request (--out, as its UR) and the unsigned hex (--out-hex), both paths checked before either is written. */
function writeOutputs(opts: Opts, ur: string, unsignedHex: string, result: TxCreateResult): void {
  if (opts.out) assertWritable(opts.out, '--out');
  if (opts.outHex) assertWritable(opts.outHex, '--out-hex');
  if (opts.out) {
    writeFileAtomic(opts.out, ur + '\n');
    result.out = opts.out;
  }
  if (opts.outHex) {
    writeFileAtomic(opts.outHex, unsignedHex + '\n');
    result.outHex = opts.outHex;
  }
}

/** The result as text, its journal entry and the request as the payload to show as a QR code. */
function txCreateOutcome(result: TxCreateResult, from: string, requestCbor: Uint8Array): Outcome<TxCreateResult> {
  const { review } = result;
  return {
    result,
    human: (r) =>
      [
        'Unsigned Ethereum transaction',
        ...renderTxReview(r.review),
        ...renderFindings(r.findings, 'online'),
        `sign request:    id ${r.signRequest.requestId}, path ${r.signRequest.path}, fingerprint ${r.signRequest.sourceFingerprint ?? '(none)'}`,
        '',
        'unsigned payload (hex):',
        r.unsignedHex,
        '',
        'eth-sign-request:',
        r.signRequest.ur,
        ...(r.out ? [`written: ${r.out}`] : []),
        ...(r.outHex ? [`written: ${r.outHex}`] : []),
      ].join('\n'),
    journal: [
      {
        op: 'eth.tx.create',
        data: {
          type: review.type,
          chainId: review.chainId.toString(),
          from,
          to: review.to,
          value: review.value.toString(),
          nonce: review.nonce.toString(),
          maxTotalCost: review.maxTotalCost.toString(),
          signingHash: review.signingHash,
          requestId: result.signRequest.requestId,
        },
      },
    ],
    payload: { kind: 'eth-sign-request', bytes: requestCbor, format: 'ur' },
  };
}
