/**
 * What the `eth safe` commands share: reading a Safe transaction (a coldkit file, EIP-712 SafeTx
 * typed data, or an eth-sign-request with data type 2), the review options from the command line,
 * and the human rendering of the review — DELEGATECALL first and loudly, then the hashes to compare.
 */
import { describeTokenCall } from '../../core/eth/erc20.js';
import { formatDecimal, parseUint } from '../../core/amount.js';
import { InputError } from '../../core/errors.js';
import { parseAddress } from '../../core/eth/account.js';
import type { EthSignRequest } from '../../core/eth/request.js';
import type { SafeCall } from '../../core/eth/safe/decode.js';
import type { TrustedMultiSend } from '../../core/eth/safe/deployments.js';
import { loadDoc, parseSafeTxFile, parseServiceJson, safeTxFromTypedData, type LoadedSafeTx } from '../../core/eth/safe/file.js';
import { hashMismatch } from '../../core/eth/safe/findings.js';
import type { ReviewOptions, SafeTxReview } from '../../core/eth/safe/review.js';
import { parseTypedData } from '../../core/eth/typed-data.js';
import { UINT64_MAX } from '../../core/eth/tx.js';
import type { Finding } from '../../core/findings/finding.js';
import type { Context } from '../command.js';
import { readSignInput } from './input.js';

/** A Safe transaction as read, with the sign request it came in (if any). */
export interface SafeInput {
  loaded: LoadedSafeTx;
  request?: EthSignRequest;
  /** Where it came from: 'file', 'typed-data' or 'eth-sign-request'. */
  source: 'file' | 'typed-data' | 'eth-sign-request';
}

/** Read the positional file (or --from-qr): a coldkit Safe file, SafeTx typed data, or a sign request. */
export async function readSafeInput(ctx: Context, file: string | undefined, fromQr: string[] | undefined, chainIdFlag?: string): Promise<SafeInput> {
  const input = await readSignInput(ctx, file, fromQr, 'file');
  if (input.kind === 'request') {
    const req = input.request;
    if (req.dataType !== 2) throw new InputError(`this eth-sign-request has data type ${req.dataType}; a Safe transaction comes as typed data (2)`, 'file');
    const loaded = safeTxOfTypedData(new TextDecoder('utf-8', { fatal: false }).decode(req.signData), 'eth-sign-request typed data', chainIdFlag);
    if (req.chainId !== undefined && loaded.shape.chainIdInDomain && req.chainId !== loaded.doc.chainId) {
      throw new InputError(`the request says chain ${req.chainId} but the SafeTx domain says chain ${loaded.doc.chainId}`, 'eth-sign-request');
    }
    return { loaded, request: req, source: 'eth-sign-request' };
  }
  return safeTxOfJson(input.text, 'file', chainIdFlag);
}

/** SafeTx typed data (refused when it is typed data of something else); --chain-id fills a pre-1.3 domain's chain. */
function safeTxOfTypedData(text: string, field: string, chainIdFlag: string | undefined): LoadedSafeTx {
  const td = parseTypedData(text, field);
  const l = safeTxFromTypedData(td);
  if (!l) throw new InputError(`is EIP-712 typed data of "${td.primaryType}", not a SafeTx; sign it with \`eth sign-typed-data\``, field);
  if (!l.shape.chainIdInDomain && chainIdFlag !== undefined) return loadDoc({ ...l.doc, chainId: parseUint(chainIdFlag, '--chain-id', UINT64_MAX) });
  return l;
}

/**
 * A Safe transaction from JSON text: a coldkit Safe transaction file, SafeTx typed data, or — only
 * when `service` says which chain and Safe version it is for — the transaction service's JSON
 * (which names neither). Hashes the text claims are kept in `loaded.claimed` for the review.
 */
export function safeTxOfJson(textIn: string, field: string, chainIdFlag?: string, service?: { chainId: bigint; safeVersion: string }): SafeInput {
  const text = textIn.trim();
  if (!text) throw new InputError('is empty', field);
  let j: unknown;
  try {
    j = JSON.parse(text);
  } catch {
    throw new InputError('is not JSON: give a coldkit Safe transaction file (`eth safe tx create`), SafeTx typed data, or an eth-sign-request UR', field);
  }
  if (typeof j === 'object' && j !== null && 'primaryType' in j) return { loaded: safeTxOfTypedData(text, field === 'file' ? 'typed data' : field, chainIdFlag), source: 'typed-data' };
  if (typeof j === 'object' && j !== null && 'safeTxHash' in j && !('format' in j)) {
    if (service) return { loaded: parseServiceJson(text, service.chainId, service.safeVersion, field), source: 'file' };
    throw new InputError("looks like the Safe transaction service's JSON: import it first with `eth safe tx import FILE --chain-id N --safe-version V`", field);
  }
  return { loaded: parseSafeTxFile(text, field), source: 'file' };
}

/** The review options of --expect-chain-id and --multisend. */
export function reviewOptions(opts: { expectChainId?: string; multisend?: string[] }, signer?: string): ReviewOptions {
  const trusted: TrustedMultiSend[] = (opts.multisend ?? []).map((a) => ({ address: parseAddress(a, '--multisend'), contract: 'MultiSend', source: '--multisend' }));
  return {
    ...(opts.expectChainId !== undefined ? { expectChainId: parseUint(opts.expectChainId, '--expect-chain-id', UINT64_MAX) } : {}),
    ...(signer ? { signer } : {}),
    trustedMultiSend: trusted,
  };
}

/** --expect-safe-tx-hash: the finding when the recomputed hash differs (nothing when it agrees or is not given). */
export function expectedHashFindings(review: SafeTxReview, expected?: string): Finding[] {
  if (expected === undefined) return [];
  if (!/^0x[0-9a-fA-F]{64}$/.test(expected.trim())) throw new InputError('must be 0x followed by 64 hex digits', '--expect-safe-tx-hash');
  const e = expected.trim().toLowerCase();
  return e === review.hashes.safeTxHash ? [] : [hashMismatch(e, review.hashes.safeTxHash, '--expect-safe-tx-hash')];
}

function callLines(c: SafeCall, indent: string, label: string): string[] {
  const op = c.operation === 1 ? 'DELEGATECALL' : 'CALL';
  const value = c.value ? ` value ${formatDecimal(c.value, 18)} ETH` : '';
  const head = `${indent}${label}${op} ${c.to}${value}`;
  const lines: string[] = [];
  if (c.kind === 'eth-transfer') lines.push(`${head}  (ETH transfer, no calldata)`);
  else if (c.kind === 'erc20' && c.erc20) {
    const e = c.erc20;
    lines.push(`${head}  ${describeTokenCall(e)}`);
  } else if (c.kind === 'safe-method' || c.kind === 'multisend') {
    const args = (c.args ?? []).filter((a) => c.kind !== 'multisend').map((a) => `${a.name}=${a.value.length > 80 ? a.value.slice(0, 77) + '…' : a.value}`);
    lines.push(`${head}  ${c.method}(${args.join(', ')})${c.batch ? `: batch of ${c.batch.length}` : ''}`);
    if (c.error) lines.push(`${indent}  BATCH NOT DECODED: ${c.error}`);
    c.batch?.forEach((b, i) => lines.push(...callLines(b, indent + '  ', `${i + 1}. `)));
  } else lines.push(`${head}  unknown calldata ${c.data.length > 74 ? c.data.slice(0, 74) + '…' : c.data} (${(c.data.length - 2) / 2} bytes)`);
  return lines;
}

/** The review as lines: warnings about DELEGATECALL first, then the Safe, chain, call, gas, nonce and hashes. */
export function renderSafeReview(r: SafeTxReview): string[] {
  const lines: string[] = [];
  if (r.operation === 'DELEGATECALL') lines.push('!!! DELEGATECALL !!! the target code runs AS the Safe (it can replace owners, singleton, everything)');
  lines.push(
    `Safe:            ${r.safe}  (version ${r.safeVersion}${r.versionKnown ? '' : ', UNKNOWN to coldkit'})`,
    `chain:           ${r.chainId} (${r.chainName ?? 'unknown chain'})${r.domainFields.includes('chainId') ? '' : '  (this version\'s domain has no chainId: the signature is valid on every chain)'}`,
    `operation:       ${r.operation}`,
    `to:              ${r.to}`,
    `value:           ${r.valueEth} ETH (${r.value} wei)`,
    'call:',
    ...callLines(r.call, '  ', ''),
    `gas refund:      safeTxGas ${r.gas.safeTxGas}, baseGas ${r.gas.baseGas}, gasPrice ${r.gas.gasPrice}, gasToken ${r.gas.gasToken}, refundReceiver ${r.gas.refundReceiver}`,
    `nonce:           ${r.nonce}`,
    ...(r.owners ? [`owners:          ${r.threshold ?? '?'} of ${r.owners.length}: ${r.owners.join(', ')}`] : []),
    `domain hash:     ${r.hashes.domainHash}`,
    `message hash:    ${r.hashes.messageHash}`,
    `safeTxHash:      ${r.hashes.safeTxHash}`,
  );
  for (const f of r.findings) {
    const tag = f.severity === 'refuse' ? 'BLOCKS SIGNING' : f.severity === 'warn' ? 'WARNING' : 'note';
    lines.push(`${tag} [${f.code}]: ${f.message}`);
  }
  return lines;
}
