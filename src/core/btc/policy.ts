/**
 * Everything the review of a PSBT finds, as findings with stable codes (src/core/findings): the
 * signer decides on them (signer.ts), and `psbt inspect` and `psbt create` list the same findings
 * on the watch-only machine, so what the signer would refuse is known before the PSBT crosses the
 * air gap. Checks that need our keys (ownership) apply as far as the key source given allows: the
 * seed on the signer, the account descriptor online, none at all for a bare inspect.
 *
 * Refusals, most fundamental first (RANK), each lifted only by its named override where it has one:
 * - `not-our-seed` (no override): no input belongs to our keys — another seed or passphrase;
 * - `network-mismatch`: derivation paths whose BIP44 coin type is another network's;
 * - `outputs-exceed-inputs` (no override): a negative fee, the PSBT's amounts are false;
 * - `sighash-single-unmatched` (no override): SIGHASH_SINGLE on an input without its output, which
 *   signs the constant 1 in legacy signing (reusable for any transaction) and is invalid in BIP341;
 * - `unverified-change`: an output claims to be our change but our key there does not rebuild it;
 * - `unproven-amounts`: a segwit v0 input of ours without non_witness_utxo. BIP143 commits to the
 *   amount being spent but not to the other inputs' amounts, so a lying witness_utxo can hide fee
 *   across two signing sessions;
 * - `high-fee`: fee rate above the rate limit, or fee above the percentage limit of the amount sent;
 * - `sighash`: PSBT_IN_SIGHASH_TYPE other than ALL (or DEFAULT on taproot) on an input of ours.
 * Warnings and notes describe the rest: change on the receive chain, inputs not ours, amounts not
 * proven on inputs we do not sign, missing UTXO data, finalized inputs, OP_RETURN, dust, BIP68
 * relative locks, nLockTime.
 */
import { formatDecimal } from '../amount.js';
import { hardRefusal, note, RANK, refusal, warning, type Finding } from '../findings/finding.js';
import { scriptKind } from '../wallet/script.js';
import { template } from '../wallet/template.js';
import type { PsbtReview, ReviewInput } from './review.js';

export { DEFAULT_FEE_LIMITS, PSBT_OVERRIDABLE, type FeeLimits } from './sign-limits.js';
import type { FeeLimits } from './sign-limits.js';

/** "0, 1, 2 … (1000 in all)" for long index lists. */
export function summarize(ix: readonly number[]): string {
  return ix.length <= 6 ? ix.join(', ') : `${ix.slice(0, 5).join(', ')} … (${ix.length} in all)`;
}

const plural = (n: number, one: string, many: string): string => (n === 1 ? one : many);

/** A BIP341 sighash type (DEFAULT allowed) on a taproot input of ours, else an ECDSA one. */
function isTaproot(i: ReviewInput): boolean {
  return i.ours ? template(i.ours.type).spend === 'taproot-key' : i.script !== undefined && scriptKind(i.script) === 'p2tr';
}

/** Every finding of the review: refusals (at these fee limits), warnings and notes. */
export function psbtFindings(r: PsbtReview, limits: FeeLimits): Finding[] {
  const out: Finding[] = [];
  const ours = r.inputs.filter((i) => i.ours);
  const label = r.keySource ?? 'seed';

  // Identity: the PSBT is for our keys at all.
  if (r.ourFingerprint !== undefined && ours.length === 0) {
    const wanted = r.wantedFingerprints.length ? r.wantedFingerprints.join(', ') : 'none (the PSBT carries no BIP32 derivations)';
    const have = (r.ourFingerprints ?? [r.ourFingerprint]).join(', ');
    out.push(hardRefusal('not-our-seed', RANK.identity, `no input belongs to this ${label}: the PSBT wants fingerprint ${wanted}; this ${label} is ${have}${label === 'seed' ? ' (wrong seed or passphrase?)' : ''}`));
  }

  // Network.
  if (r.networkMismatches.length) {
    out.push(refusal('network-mismatch', RANK.network, `derivation paths are for another network than ${r.network} (${r.networkMismatches.slice(0, 3).join(', ')})`));
  }

  // Validity.
  if (r.fee !== undefined && r.fee < 0n) {
    out.push(hardRefusal('outputs-exceed-inputs', RANK.validity, `the outputs (${formatDecimal(r.outputTotal, 8)} BTC) exceed the inputs (${formatDecimal(r.inputTotal ?? 0n, 8)} BTC) by ${-r.fee} sat: the PSBT's amounts are false`));
  }
  for (const i of ours) {
    if (i.sighash !== undefined && (i.sighash & 0x1f) === 0x03 && i.index >= r.outputs.length) {
      out.push(hardRefusal('sighash-single-unmatched', RANK.validity, `input ${i.index} asks for SIGHASH_SINGLE but there is no output ${i.index}: such a signature would sign the constant 1 and could be reused for any transaction`));
    }
  }
  const fin = r.inputs.filter((i) => i.finalized).map((i) => i.index);
  if (fin.length) out.push(warning('finalized-inputs', RANK.validity, `input${fin.length > 1 ? 's' : ''} ${summarize(fin)} already finalized`));

  // Ownership: change, and inputs that are not ours.
  const bad = r.outputs.filter((o) => o.role === 'false-change');
  const vaultBad = bad.filter((o) => o.why);
  // A vault's false change says exactly what differs (a swapped-in key, another threshold, another script type).
  for (const o of vaultBad) {
    out.push(refusal('unverified-change', RANK.ownership, `output ${o.index} claims to be change of ${r.vaultLabel ?? 'the vault'} (at ${o.path}) but is not the vault's script: ${o.why}; treat it as a payment to a stranger`));
  }
  if (bad.length > vaultBad.length) {
    const rest = bad.filter((o) => !o.why);
    const claimedAt = rest.map((o) => o.path).join(', ');
    out.push(refusal('unverified-change', RANK.ownership, `output ${summarize(rest.map((o) => o.index))} claims to be change but does not re-derive from this ${label} (claimed at ${claimedAt}): treat it as a payment to a stranger`));
  }
  for (const i of r.inputs) {
    if (i.notFromVault) out.push(hardRefusal('not-from-vault', RANK.ownership, `input ${i.index} is not from ${r.vaultLabel ?? 'the vault'}: ${i.notFromVault}`));
  }
  for (const o of r.outputs) {
    if (o.role === 'change' && o.receiveChain) out.push(warning('receive-chain-change', RANK.ownership, `output ${o.index} pays back to our RECEIVE address at ${o.path}, not a change address`));
  }
  if (r.ourFingerprint !== undefined) {
    const foreign = r.inputs.filter((i) => !i.ours).map((i) => i.index);
    if (foreign.length && foreign.length < r.inputs.length) {
      out.push(warning('foreign-inputs', RANK.ownership, `input${foreign.length > 1 ? 's' : ''} ${summarize(foreign)} ${plural(foreign.length, 'is', 'are')} not ours (other signers, or a coinjoin)`));
    }
  }

  // Amounts.
  const unproven = r.inputs.filter((i) => i.amountSource === 'witness_utxo' && !isTaproot(i));
  const unprovenOurs = unproven.filter((i) => i.ours).map((i) => i.index);
  const unprovenOthers = unproven.filter((i) => !i.ours).map((i) => i.index);
  if (unprovenOurs.length) out.push(refusal('unproven-amounts', RANK.amounts, `segwit v0 input ${summarize(unprovenOurs)} has no non_witness_utxo, so its amount is unproven`));
  if (unprovenOthers.length) {
    out.push(warning('unproven-amounts', RANK.amounts, `segwit v0 input amounts not proven by a previous transaction (no non_witness_utxo): input${unprovenOthers.length > 1 ? 's' : ''} ${summarize(unprovenOthers)}`));
  }
  const missing = r.inputs.filter((i) => i.amountSource === 'none').map((i) => i.index);
  if (missing.length) out.push(warning('missing-utxo', RANK.amounts, `input${missing.length > 1 ? 's' : ''} ${summarize(missing)} carr${missing.length > 1 ? 'y' : 'ies'} no UTXO data: the fee cannot be known`));

  // Fee.
  if (r.fee !== undefined && r.fee >= 0n) {
    const rate = r.feeRateMsat ?? 0n;
    if (rate > limits.maxFeeRateMsat) out.push(refusal('high-fee', RANK.fee, `fee rate ${formatDecimal(rate, 3)} sat/vB is above the limit of ${formatDecimal(limits.maxFeeRateMsat, 3)} sat/vB`));
    const base = r.sendTotal > 0n ? r.sendTotal : (r.inputTotal ?? 0n);
    if (base > 0n && r.fee * 10000n > limits.maxFeePercentHundredths * base) {
      const pct = formatDecimal((r.fee * 10000n) / base, 2);
      out.push(refusal('high-fee', RANK.fee, `fee ${r.fee} sat is ${pct}% of ${r.sendTotal > 0n ? 'the amount sent' : 'the inputs'}, above the limit of ${formatDecimal(limits.maxFeePercentHundredths, 2)}%`));
    }
  }

  // Content: what the signatures commit to, and what the transaction carries.
  const sh = ours.filter((i) => i.sighash !== undefined && !(i.sighash === 1 || (i.sighash === 0 && isTaproot(i)))).map((i) => i.index);
  if (sh.length) out.push(refusal('sighash', RANK.content, `input ${summarize(sh)} asks for sighash ${r.inputs[sh[0]!]!.sighash} (not ALL): the signature would not cover the whole transaction`));
  for (const o of r.outputs) {
    if (o.role === 'op_return') out.push(warning('op-return', RANK.content, `output ${o.index} is OP_RETURN data (${o.data!.hex.length / 2} bytes), burning ${o.amount} sat`));
    else if (o.amount < 546n && o.amount >= 0n && scriptKind(o.script) !== 'p2tr' && scriptKind(o.script) !== 'p2wpkh') out.push(warning('dust-output', RANK.content, `output ${o.index} is dust (${o.amount} sat)`));
  }
  // BIP68: in a version >= 2 transaction an nSequence without the disable flag (bit 31) is a relative
  // lock time; bit 22 selects units of 512 seconds instead of blocks, and the value is the low 16 bits.
  if (r.txVersion >= 2) {
    for (const i of r.inputs) {
      const value = i.sequence & 0xffff;
      if (i.sequence & 0x8000_0000 || value === 0) continue;
      const wait = i.sequence & 0x40_0000 ? `${value * 512} seconds` : `${value} block${value > 1 ? 's' : ''}`;
      out.push(warning('relative-lock', RANK.content, `input ${i.index} nSequence ${i.sequence} is a BIP68 relative lock: the transaction is valid only ${wait} after that coin confirms`));
    }
  }
  if (r.lockTime !== 0) out.push(note('lock-time', `nLockTime is ${r.lockTime} (${r.lockTime < 500_000_000 ? 'block height' : 'unix time'})`));
  return out;
}
