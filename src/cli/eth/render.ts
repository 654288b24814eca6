/** Human renderings of the Ethereum review models and their findings (what the operator reads before signing). */
import { describeTokenCall } from '../../core/eth/erc20.js';
import { formatDecimal } from '../../core/amount.js';
import type { MessageReview } from '../../core/eth/message.js';
import type { TxReview } from '../../core/eth/review.js';
import type { Prepared } from '../../core/eth/signer.js';
import type { TypedDataReview } from '../../core/eth/typed-data.js';
import type { Finding } from '../../core/findings/finding.js';
import { overrideFlag } from '../overrides.js';

const gwei = (v: bigint) => `${formatDecimal(v, 9)} gwei`;

/** Lines describing a transaction in full. */
export function renderTxReview(r: TxReview): string[] {
  const lines = [
    `type:            ${r.type} — ${r.typeName}`,
    `chain id:        ${r.chainId} (${r.chainName ?? 'unknown chain'})`,
    `from:            ${r.from ?? '(not in the payload; the signer is the key at the path)'}`,
    `to:              ${r.to ?? '(none: contract creation)'}`,
    `value:           ${r.valueEth} ETH (${r.value} wei)`,
    `nonce:           ${r.nonce}`,
    `gas limit:       ${r.gasLimit}`,
  ];
  if (r.type === 2) {
    lines.push(`max fee/gas:     ${gwei(r.maxFeePerGas!)}`, `priority fee:    ${gwei(r.maxPriorityFeePerGas!)}`);
  } else lines.push(`gas price:       ${gwei(r.gasPrice!)}`);
  lines.push(`max total cost:  ${r.maxTotalCostEth} ETH (gas limit × ${r.type === 2 ? 'max fee' : 'gas price'} + value)`);
  if (r.type !== 0) {
    if (r.accessList.length === 0) lines.push('access list:     (empty)');
    else {
      lines.push(`access list:     ${r.accessList.length} address(es)`);
      for (const e of r.accessList) {
        lines.push(`  ${e.address}${e.storageKeys.length ? '' : ' (no storage keys)'}`);
        for (const k of e.storageKeys) lines.push(`    ${k}`);
      }
    }
  }
  const c = r.data.erc20;
  if (c) {
    lines.push(`call:            ${describeTokenCall(c)}`);
    if (c.trailing) lines.push(`data:            ${r.data.bytes} bytes ${r.data.hex}`);
  } else if (r.data.bytes > 0) lines.push(`data:            ${r.data.bytes} bytes ${r.data.hex}`);
  else lines.push('data:            (none)');
  lines.push(`signing hash:    ${r.signingHash}`, `payload digest:  ${r.digest}`);
  if (r.signed) lines.push(`signed by:       ${r.signed.from}`, `tx hash:         ${r.signed.hash}`, `v / yParity:     ${r.signed.v} / ${r.signed.yParity}`);
  return lines;
}

/** Lines describing EIP-712 typed data. */
export function renderTypedDataReview(r: TypedDataReview): string[] {
  const d = r.domain;
  const lines = [
    'EIP-712 typed data',
    `domain name:        ${d.name ?? '(none)'}`,
    `domain version:     ${d.version ?? '(none)'}`,
    `domain chain id:    ${d.chainId !== undefined ? `${d.chainId} (${d.chainName ?? 'unknown chain'})` : '(none)'}`,
    `verifying contract: ${d.verifyingContract ?? '(none)'}`,
  ];
  if (d.salt) lines.push(`salt:               ${d.salt}`);
  lines.push(`primary type:       ${r.primaryType}${r.permit ? `  [${r.permit}]` : ''}`, 'message:');
  for (const l of r.messageLines) lines.push(`  ${l}`);
  if (r.order) {
    lines.push(`${r.order.market} order by ${r.order.maker ?? '(no maker field)'}:`);
    lines.push(`  GIVES:    ${r.order.gives.join('; ') || '(nothing)'}`);
    lines.push(`  RECEIVES: ${r.order.receives.join('; ') || '(NOTHING)'}`);
  }
  lines.push(`digest:             ${r.digest}`);
  return lines;
}

/** Lines describing a personal_sign message. */
export function renderMessageReview(r: MessageReview): string[] {
  return [
    'EIP-191 personal message',
    `length:  ${r.bytes} bytes`,
    r.text !== null ? `text:    ${r.text}` : `hex:     ${r.hex} (not UTF-8 text)`,
    `digest:  ${r.digest}`,
  ];
}

/** The review lines of a prepared subject, whatever its kind. */
export function renderReview(p: Prepared): string[] {
  if (p.kind === 'transaction') return renderTxReview(p.review);
  if (p.kind === 'typed-data') return renderTypedDataReview(p.review);
  return renderMessageReview(p.review);
}

/**
 * One line per finding. On the signer, after the decision, a refusal shown is one the operator
 * overrode; on the online side (`side: 'online'`) a refusal is what the signer will refuse, and
 * the line says so and names the override, so the request can be fixed before it crosses the gap.
 */
export function renderFindings(findings: readonly Finding[], side: 'signer' | 'online'): string[] {
  return findings.map((f) => {
    if (f.severity === 'info') return `note: ${f.message}`;
    if (f.severity === 'warn') return `WARNING: ${f.message}`;
    if (side === 'signer') return `OVERRIDE: ${overrideFlag(f.code)}: ${f.message}`;
    return `WARNING: ${f.message} (the signer refuses this; ${f.overridable ? `${overrideFlag(f.code)} overrides` : 'nothing overrides it'})`;
  });
}
