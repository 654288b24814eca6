/**
 * `coldkit eth safe tx create`: a Safe transaction file from its fields (either side). With --rpc
 * the Safe contract itself gives its chain, nonce, VERSION, owners and threshold (read-only
 * eth_calls). The file carries the three hashes; the signer recomputes them and refuses a mismatch.
 */
import { AbiCoder } from 'ethers';
import { parseDecimal, parseEth, parseUint } from '../../core/amount.js';
import { InputError, RuntimeFailure } from '../../core/errors.js';
import { encodeErc20Transfer } from '../../core/eth/erc20.js';
import { parseAddress } from '../../core/eth/account.js';
import { encodeMultiSendCall } from '../../core/eth/safe/decode.js';
import { multiSendCallOnlyFor } from '../../core/eth/safe/deployments.js';
import { loadDoc, safeTxFileJson, uintField, type SafeTxDoc } from '../../core/eth/safe/file.js';
import { reviewSafeTx, type SafeTxReview } from '../../core/eth/safe/review.js';
import { DEFAULT_SAFE_VERSION, normalizeVersion } from '../../core/eth/safe/versions.js';
import { UINT64_MAX } from '../../core/eth/tx.js';
import { fromHex, sanitize } from '../../core/text.js';
import type { Context, Outcome } from '../command.js';
import type { ethSafeTxCreate as table } from '../commands/eth-safe.js';
import { EthRpc } from '../eth/rpc.js';
import { renderSafeReview } from '../eth/safe.js';
import { assertWritable, readInputText, writeFileAtomic } from '../io.js';
import type { OptionsOf } from '../options/spec.js';

const ZERO = '0x0000000000000000000000000000000000000000';
/** Safe view functions (selectors of nonce(), VERSION(), getOwners(), getThreshold()). */
const VIEW = { nonce: '0xaffed0e0', version: '0xffa1ad74', owners: '0xa0e67e2b', threshold: '0xe75235b8' } as const;

export interface SafeCreateResult {
  file: Record<string, unknown>;
  review: SafeTxReview;
  filledFromRpc: string[];
  out?: string;
}

/** What the Safe contract says about itself. */
async function readSafe(rpc: EthRpc, safe: string) {
  const abi = AbiCoder.defaultAbiCoder();
  const view = async (data: string, type: string, what: string): Promise<unknown> => {
    const hex = await rpc.call<string>('eth_call', [{ to: safe, data }, 'latest']);
    try {
      return abi.decode([type], hex)[0];
    } catch {
      throw new RuntimeFailure(`the contract at ${safe} did not answer ${what} like a Safe (is --safe a Safe on this chain?)`);
    }
  };
  return {
    nonce: (await view(VIEW.nonce, 'uint256', 'nonce()')) as bigint,
    version: sanitize(String(await view(VIEW.version, 'string', 'VERSION()'))).slice(0, 20),
    owners: [...((await view(VIEW.owners, 'address[]', 'getOwners()')) as string[])].map((a) => parseAddress(a, 'getOwners()')),
    threshold: Number((await view(VIEW.threshold, 'uint256', 'getThreshold()')) as bigint),
  };
}

/** The calls of --batch: a JSON array of {to, value, data} or a Transaction Builder export. */
function parseBatch(text: string): { operation: 0; to: string; value: bigint; data: Uint8Array }[] {
  let j: unknown;
  try {
    j = JSON.parse(text);
  } catch {
    throw new InputError('is not valid JSON', '--batch');
  }
  const list = Array.isArray(j) ? j : typeof j === 'object' && j !== null && Array.isArray((j as { transactions?: unknown }).transactions) ? (j as { transactions: unknown[] }).transactions : null;
  if (!list || list.length === 0) throw new InputError('must be a non-empty JSON array of {to, value, data} (or {transactions: [...]})', '--batch');
  return list.map((c, i) => {
    const f = `--batch[${i}]`;
    if (typeof c !== 'object' || c === null) throw new InputError('must be an object {to, value, data}', f);
    const o = c as Record<string, unknown>;
    if (o.operation !== undefined && Number(o.operation) !== 0) throw new InputError('is a DELEGATECALL; a batch holds CALLs only (MultiSendCallOnly)', f);
    if (o.data === null && o.contractMethod) throw new InputError('has no "data" (a Transaction Builder method entry): export the batch with its calldata', f);
    const value = uintField(o.value ?? '0', `${f}.value`);
    const dataHex = o.data === undefined || o.data === null ? '0x' : o.data;
    if (typeof dataHex !== 'string' || !/^0x([0-9a-fA-F]{2})*$/.test(dataHex)) throw new InputError('data must be 0x followed by an even number of hex digits', `${f}.data`);
    return { operation: 0 as const, to: parseAddress(String(o.to ?? ''), `${f}.to`), value, data: fromHex(dataHex.slice(2), `${f}.data`) };
  });
}

export default async function ethSafeTxCreate(opts: OptionsOf<typeof table>, ctx: Context): Promise<Outcome<SafeCreateResult>> {
  if (opts.out) assertWritable(opts.out, '--out');
  const safe = parseAddress(opts.safe, '--safe');
  let chainId = opts.chainId !== undefined ? parseUint(opts.chainId, '--chain-id', UINT64_MAX) : undefined;
  let nonce = opts.nonce !== undefined ? parseUint(opts.nonce, '--nonce') : undefined;
  let version = opts.safeVersion !== undefined ? normalizeVersion(opts.safeVersion) : undefined;
  let owners = opts.owners !== undefined ? opts.owners.split(',').map((a, i) => parseAddress(a, `--owners[${i}]`)) : undefined;
  let threshold = opts.threshold !== undefined ? Number(parseUint(opts.threshold, '--threshold', 1000n)) : undefined;
  let currentNonce = opts.currentNonce !== undefined ? parseUint(opts.currentNonce, '--current-nonce') : undefined;
  const filled: string[] = [];
  if (opts.rpc) {
    const rpc = new EthRpc(opts.rpc);
    const nodeChain = await rpc.quantity('eth_chainId');
    if (chainId !== undefined && chainId !== nodeChain) throw new InputError(`is ${chainId} but the node at --rpc is on chain ${nodeChain}`, '--chain-id');
    if (chainId === undefined) (chainId = nodeChain), filled.push('chainId');
    const s = await readSafe(rpc, safe);
    if (version !== undefined && normalizeVersion(s.version) !== version) throw new InputError(`is ${version} but the Safe says VERSION ${s.version}`, '--safe-version');
    if (version === undefined) (version = normalizeVersion(s.version)), filled.push('safeVersion');
    if (nonce === undefined) (nonce = s.nonce), filled.push('nonce');
    if (owners === undefined) (owners = s.owners), filled.push('owners');
    if (threshold === undefined) (threshold = s.threshold), filled.push('threshold');
    if (currentNonce === undefined) (currentNonce = s.nonce), filled.push('currentNonce');
    ctx.note(`filled from --rpc: ${filled.join(', ') || 'nothing (all given)'}`);
  }
  if (chainId === undefined) throw new InputError('is required (or give --rpc URL to read it from a node)', '--chain-id');
  if (nonce === undefined) throw new InputError("is required: the Safe's nonce (or give --rpc URL to read it from the Safe)", '--nonce');
  if (version === undefined) (version = DEFAULT_SAFE_VERSION), ctx.note(`--safe-version not given: assuming ${DEFAULT_SAFE_VERSION} (its domain has the chain id)`);
  if (threshold !== undefined && (threshold < 1 || (owners && threshold > owners.length))) throw new InputError(`must be between 1 and the number of owners`, '--threshold');
  let to: string;
  let data: Uint8Array = new Uint8Array();
  const value = opts.value !== undefined ? parseEth(opts.value, '--value') : 0n;
  let operation: 0 | 1 = opts.operation === 'delegatecall' ? 1 : 0;
  if (opts.batch) {
    if (opts.operation === 'delegatecall') throw new InputError('a batch is always DELEGATECALLed into MultiSendCallOnly; drop --operation', '--operation');
    const calls = parseBatch(await readInputText(opts.batch, '--batch', ctx.io));
    const published = multiSendCallOnlyFor(chainId, version);
    if (!opts.multisend && !published) throw new InputError(`Safe publishes no MultiSendCallOnly for chain ${chainId} (in coldkit's list): give --multisend ADDRESS`, '--batch');
    to = opts.multisend ? parseAddress(opts.multisend, '--multisend') : published!.address;
    if (!opts.multisend) ctx.note(`batch of ${calls.length} through Safe's MultiSendCallOnly ${published!.version} at ${to}`);
    data = encodeMultiSendCall(calls);
    operation = 1;
  } else if (opts.erc20) {
    if (!opts.transfer || opts.decimals === undefined) throw new InputError('needs --transfer TO:AMOUNT and --decimals D', '--erc20');
    const m = /^(0x[0-9a-fA-F]{40}):(.+)$/.exec(opts.transfer.trim());
    if (!m) throw new InputError('must be RECIPIENT:AMOUNT, like 0xabc…:12.5', '--transfer');
    const decimals = Number(parseUint(opts.decimals, '--decimals', 77n));
    to = parseAddress(opts.erc20, '--erc20');
    if (opts.to !== undefined && parseAddress(opts.to, '--to') !== to) throw new InputError('with --erc20 the call goes to the token; give the recipient in --transfer', '--to');
    data = encodeErc20Transfer(parseAddress(m[1]!, '--transfer'), parseDecimal(m[2]!, decimals, '--transfer amount'));
  } else {
    if (opts.to === undefined) throw new InputError('is required (the call target), or use --erc20', '--to');
    to = parseAddress(opts.to, '--to');
    if (opts.data !== undefined) {
      if (!/^0x([0-9a-fA-F]{2})*$/.test(opts.data.trim())) throw new InputError('must be 0x followed by an even number of hex digits', '--data');
      data = fromHex(opts.data.trim().slice(2), '--data');
    }
  }
  const doc: SafeTxDoc = {
    safe,
    chainId,
    safeVersion: version,
    tx: { to, value, data, operation, safeTxGas: 0n, baseGas: 0n, gasPrice: 0n, gasToken: ZERO, refundReceiver: ZERO, nonce },
    ...(owners ? { owners } : {}),
    ...(threshold !== undefined ? { threshold } : {}),
    ...(currentNonce !== undefined ? { currentNonce } : {}),
  };
  const loaded = loadDoc(doc);
  const review = reviewSafeTx(loaded);
  const file = safeTxFileJson(loaded);
  const result: SafeCreateResult = { file, review, filledFromRpc: filled };
  if (opts.out) {
    writeFileAtomic(opts.out, JSON.stringify(file, null, 2) + '\n');
    result.out = opts.out;
  }
  return {
    result,
    human: (r) => (r.out ? [...renderSafeReview(r.review), `written: ${r.out}`].join('\n') : JSON.stringify(r.file, null, 2)),
    journal: [{ op: 'eth.safe.create', data: { safe, chainId: chainId.toString(), safeVersion: version, nonce: nonce.toString(), operation: review.operation, to, safeTxHash: review.hashes.safeTxHash } }],
  };
}
