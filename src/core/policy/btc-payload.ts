/**
 * A PSBT's review (src/core/btc/review.ts) as the policy sees it: every output that is not change
 * proven against our keys is a transfer (recipients, outputs falsely claimed as change, change
 * claims that could not be checked, OP_RETURN burns), proven change is listed apart, the fee and
 * fee rate come from the review, and the digest is the unsigned transaction's txid and the SHA-256
 * of its serialisation (what an approver can recompute from the PSBT with any tool).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { sha256d } from '../hash.js';
import { serializeNoWitness } from '../btc/prevouts.js';
import type { PsbtReview } from '../btc/review.js';
import { toHex } from '../text.js';
import type { PolicyPayload, Transfer } from './payload.js';

/** The unsigned transaction of a reviewed PSBT: its txid (display order) and SHA-256 of its bytes. */
export function unsignedTxDigest(r: PsbtReview): { txid: string; unsignedTxSha256: string } {
  const bytes = serializeNoWitness({
    version: r.txVersion,
    inputs: r.inputs.map((i) => ({ txid: i.txid, index: i.vout, sequence: i.sequence })),
    outputs: r.outputs.map((o) => ({ amount: o.amount, script: o.script })),
    lockTime: r.lockTime,
  });
  return { txid: toHex(sha256d(bytes).reverse()), unsignedTxSha256: toHex(sha256(bytes)) };
}

const ROLE_WHAT: Record<string, string> = {
  recipient: '',
  'false-change': ' (claims to be change but is not ours)',
  'claimed-change': ' (claims to be change; not checked)',
  op_return: ' (OP_RETURN: burned)',
};

/**
 * The policy payload of a reviewed PSBT. A BIP-127 proof of reserves whose whole shape the signer
 * checked (`r.reserves`) moves nothing: its input 0 spends an outpoint that cannot exist ("the
 * transaction is invalid and cannot be mined"), so its OP_RETURN output of the proven sum is not a
 * transfer and there is no outflow. It still falls under a rule, and that rule's approvals apply.
 */
export function btcPayload(r: PsbtReview): PolicyPayload {
  const transfers: Transfer[] = [];
  const change: PolicyPayload['change'] = [];
  for (const o of r.outputs) {
    if (r.reserves && o.role === 'op_return') continue;
    if (o.role === 'change') {
      change.push({ to: o.address ?? `script ${toHex(o.script)}`, amount: o.amount, path: o.path ?? '' });
      continue;
    }
    const to = o.role === 'op_return' ? `OP_RETURN ${o.data?.hex ?? ''}` : (o.address ?? `script ${toHex(o.script)}`);
    transfers.push({ to, match: toHex(o.script), script: o.script, asset: 'BTC', amount: o.amount, what: `output ${o.index}${ROLE_WHAT[o.role] ?? ''}` });
  }
  const fps = [...new Set(r.inputs.filter((i) => i.ours).map((i) => i.ours!.fingerprint))].sort();
  const unbounded: string[] = [];
  if (r.fee === undefined) unbounded.push('the fee is unknown (an input carries no UTXO data)');
  if (fps.length === 0) unbounded.push('no input is proven ours, so the wallet it spends from is unknown');
  return {
    chain: 'btc',
    network: r.network,
    wallets: fps,
    walletLabel: fps.length ? `fingerprint ${fps.join(', ')}` : 'unknown',
    transfers,
    calls: [],
    change,
    ...(r.fee !== undefined ? { fee: r.fee } : {}),
    ...(r.feeRateMsat !== undefined ? { feeRateMsat: r.feeRateMsat } : {}),
    unbounded,
    digest: { kind: 'psbt', ...unsignedTxDigest(r) },
  };
}
