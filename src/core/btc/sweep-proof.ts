/**
 * A sweep (rotation: every coin of a retiring wallet to a new wallet) is shown to the signer as
 * "sweep: all funds to wallet <id>" only once every output that leaves is proven to be the named
 * new wallet's: the script is rebuilt from that wallet's own keys (its descriptor, read by the
 * signer from the wallet file) at the branch and index the output's derivation claims
 * (BIP174 PSBT_OUT_BIP32_DERIVATION / BIP371 PSBT_OUT_TAP_BIP32_DERIVATION), or found by scanning
 * the first indices of its chains when the PSBT carries no claim. A label or a fingerprint alone
 * never proves anything: the bytes must match.
 */
import { equalBytes } from '../bytes.js';
import { hardRefusal, note, RANK, type Finding } from '../findings/finding.js';
import { formatPath } from '../hd/path.js';
import type { Wallet } from '../wallet/wallet.js';
import { claims, type ClaimFields } from './ownership.js';

/** Indices of each chain scanned for an output that carries no derivation claim. */
export const SWEEP_SCAN = 100;

/** The destination wallet as the signer read it. */
export interface SweepDestination {
  wallet: Wallet;
  /** Wallet id (first 4 bytes of SHA-256 of its descriptor, as `wallet create` and `wallet sweep` show it). */
  id: string;
  /** How it is named in messages. */
  label: string;
  /** Highest index accepted on the destination's chains (a coin far out would be stranded). */
  maxIndex: number;
}

/** The part of the review (review.ts) a sweep reads and marks; structural, so review.ts can name SweepProof without a cycle. */
interface SweepReview {
  outputs: { index: number; role: string; script: Uint8Array; path?: string; why?: string }[];
  sweep?: SweepProof;
}

/** What the proof found. */
export interface SweepProof {
  walletId: string;
  label: string;
  /** Outputs proven the destination's: output index → path. */
  proven: { index: number; path: string; address: string }[];
  /** Outputs that leave our wallet and are not proven the destination's. */
  unproven: number[];
  /** Every output that leaves is the destination's (and at least one does). */
  all: boolean;
}

/** Prove each leaving output of `review` against the destination (outputs read from `getOutput`). */
export function proveSweep(review: SweepReview, getOutput: (i: number) => ClaimFields, dest: SweepDestination): SweepProof {
  const w = dest.wallet;
  const fps = new Set(w.descriptor.keys.map((k) => (k.fingerprint ? parseInt(k.fingerprint, 16) >>> 0 : 0)));
  const proven: SweepProof['proven'] = [];
  const unproven: number[] = [];
  for (const o of review.outputs) {
    if (o.role === 'change' || o.role === 'op_return') {
      if (o.role === 'op_return') unproven.push(o.index);
      continue;
    }
    const at = locate(o.script, getOutput(o.index), w, fps, dest.maxIndex);
    if (at) proven.push({ index: o.index, path: at.path, address: at.address });
    else unproven.push(o.index);
  }
  return { walletId: dest.id, label: dest.label, proven, unproven, all: proven.length > 0 && unproven.length === 0 };
}

/** The destination's address whose script is `script`: at a claimed branch/index, else by a short scan. */
function locate(script: Uint8Array, m: ClaimFields, w: Wallet, fps: Set<number>, maxIndex: number): { path: string; address: string } | undefined {
  const branches = new Set(w.descriptor.branches.length > 1 ? w.descriptor.branches : [w.receiveBranch, w.changeBranch]);
  for (const c of claims(m)) {
    if (!fps.has(c.der.fingerprint >>> 0) || c.der.path.length < 2) continue;
    const branch = c.der.path[c.der.path.length - 2]!;
    const index = c.der.path[c.der.path.length - 1]!;
    if (!branches.has(branch) || index > maxIndex) continue;
    const a = w.at(branch, index);
    if (equalBytes(a.scripts.script, script)) return { path: formatPath(a.keys[0]!.path), address: a.address };
  }
  const found = w.findScript(script, SWEEP_SCAN);
  return found && found.index <= maxIndex ? { path: formatPath(found.keys[0]!.path), address: found.address } : undefined;
}

/**
 * Outputs the destination proves are its own are what leaves in a sweep: an output that claimed a
 * key of ours (this seed is a cosigner of the new vault too) is not false change once proven.
 */
export function applySweep(review: SweepReview, proof: SweepProof): void {
  const provenAt = new Map(proof.proven.map((p) => [p.index, p.path]));
  for (const o of review.outputs) {
    if (provenAt.has(o.index) && (o.role === 'false-change' || o.role === 'claimed-change')) {
      o.role = 'recipient';
      o.path = provenAt.get(o.index)!;
      delete o.why;
    }
  }
  review.sweep = proof;
}

/** The operator named a destination wallet: every leaving output must be proven its own (no override). */
export function sweepFindings(proof: SweepProof): Finding[] {
  if (proof.all) return [note('sweep', `sweep: all funds to wallet ${proof.walletId} (${proof.label}); output${proof.proven.length === 1 ? '' : 's'} ${proof.proven.map((p) => `${p.index} at ${p.path}`).join(', ')} rebuilt from its keys`)];
  const u = proof.unproven;
  const why = proof.proven.length === 0 ? 'no output pays it' : `output${u.length === 1 ? '' : 's'} ${u.join(', ')} ${u.length === 1 ? 'pays' : 'pay'} elsewhere`;
  return [hardRefusal('sweep-unproven', RANK.ownership, `not a sweep to wallet ${proof.walletId} (${proof.label}): ${why} — a script must rebuild from that wallet's keys at its claimed path or its first ${SWEEP_SCAN} indices`)];
}
