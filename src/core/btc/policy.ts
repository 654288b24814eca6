/**
 * What the signer refuses, checked on the review model before any key signs. Each risky finding
 * is refused (exit 3) unless its named override is given; the overrides used are returned so the
 * caller journals them. Findings with no legitimate use (nothing of ours to sign, outputs worth
 * more than the inputs) have no override. Missing UTXO data is malformed input (exit 2).
 *
 * - change must re-derive from our seed (review.ts) — override `unverified-change`
 * - segwit v0 inputs of ours without non_witness_utxo: BIP143 commits to the amount being spent,
 *   but not to the other inputs' amounts, so a lying witness_utxo can hide fee across two signing
 *   sessions — override `unproven-amounts`
 * - fee rate above `maxFeeRateMsat` or fee above `maxFeePercent` of the amount sent — override `high-fee`
 * - PSBT_IN_SIGHASH_TYPE other than ALL (or DEFAULT on taproot) — override `sighash`
 * - derivation paths of another network than the seed's — override `network-mismatch`
 */
import { InputError, RefusedError } from '../errors.js';
import { formatDecimal } from '../amount.js';
import { summarize, type PsbtReview } from './review.js';

/** Finding codes this policy can report (the CLI's override is `--allow-<code>`). */
export type Override = 'unverified-change' | 'unproven-amounts' | 'high-fee' | 'sighash' | 'network-mismatch';

export interface SignPolicy {
  /** Highest fee rate, in milli-sat per vB (500 sat/vB = 500000). */
  maxFeeRateMsat: bigint;
  /** Highest fee as hundredths of a percent of the amount sent (5% = 500). */
  maxFeePercentHundredths: bigint;
  allow: ReadonlySet<Override>;
}

/** One refusal the policy found. */
export interface Finding {
  override: Override;
  message: string;
}

/** Fatal problems (no override) for signing: throws. */
export function checkSignable(r: PsbtReview): void {
  const fin = r.inputs.filter((i) => i.finalized).map((i) => i.index);
  if (fin.length) throw new InputError(`input${fin.length > 1 ? 's' : ''} ${summarize(fin)} ${fin.length > 1 ? 'are' : 'is'} already finalized; a finalized PSBT is for \`psbt finalize\`, not for signing`, 'psbt');
  const missing = r.inputs.filter((i) => i.amountSource === 'none').map((i) => i.index);
  if (missing.length) throw new InputError(`input${missing.length > 1 ? 's' : ''} ${summarize(missing)} carr${missing.length > 1 ? 'y' : 'ies'} neither witness_utxo nor non_witness_utxo; the fee cannot be shown`, 'psbt');
  const ours = r.inputs.filter((i) => i.ours);
  if (ours.length === 0) {
    const wanted = r.wantedFingerprints.length ? r.wantedFingerprints.join(', ') : 'none (the PSBT carries no BIP32 derivations)';
    throw new RefusedError(`no input belongs to this seed: the PSBT wants fingerprint ${wanted}; this seed is ${r.ourFingerprint} (wrong seed or passphrase?)`);
  }
  const legacy = ours.filter((i) => i.ours!.type === 'pkh' && i.amountSource !== 'non_witness_utxo').map((i) => i.index);
  if (legacy.length) throw new InputError(`legacy (P2PKH) input ${summarize(legacy)} needs its non_witness_utxo`, 'psbt');
  if (r.fee !== undefined && r.fee < 0n) {
    throw new RefusedError(`the outputs (${formatDecimal(r.outputTotal, 8)} BTC) exceed the inputs (${formatDecimal(r.inputTotal ?? 0n, 8)} BTC): the PSBT's amounts are false; nothing was signed`);
  }
  // Sighash types a signature can carry (BIP143/legacy: ALL, NONE, SINGLE, each optionally
  // ANYONECANPAY; BIP341 adds DEFAULT). SIGHASH_SINGLE without a matching output is refused
  // outright: legacy signs the constant 1 (the signature is valid for any transaction) and BIP341
  // makes it invalid.
  for (const i of ours) {
    if (i.sighash === undefined) continue;
    const ok = i.ours!.type === 'tr' ? [0x00, 0x01, 0x02, 0x03, 0x81, 0x82, 0x83].includes(i.sighash) : [0x01, 0x02, 0x03, 0x81, 0x82, 0x83].includes(i.sighash);
    if (!ok) throw new InputError(`input ${i.index} asks for sighash type ${i.sighash}, which is not a valid ${i.ours!.type === 'tr' ? 'BIP341' : 'ECDSA'} sighash type`, 'psbt');
    if ((i.sighash & 0x1f) === 0x03 && i.index >= r.outputs.length) {
      throw new RefusedError(`input ${i.index} asks for SIGHASH_SINGLE but there is no output ${i.index}: such a signature would sign the constant 1 and could be reused for any transaction`);
    }
  }
  const todo = ours.filter((i) => !i.signedByUs);
  if (todo.length === 0) throw new InputError(`every input of this seed (${ours.length}) is already signed by it; nothing to add`, 'psbt');
}

/** Every policy finding for this review (whether or not overridden). */
export function findings(r: PsbtReview, p: Pick<SignPolicy, 'maxFeeRateMsat' | 'maxFeePercentHundredths'>): Finding[] {
  const out: Finding[] = [];
  const bad = r.outputs.filter((o) => o.role === 'false-change');
  if (bad.length) out.push({ override: 'unverified-change', message: `output ${bad.map((o) => o.index).join(', ')} claims to be change but does not re-derive from this seed` });
  const unproven = r.inputs.filter((i) => i.ours && i.amountSource === 'witness_utxo' && i.ours.type !== 'tr').map((i) => i.index);
  if (unproven.length) out.push({ override: 'unproven-amounts', message: `segwit v0 input ${summarize(unproven)} has no non_witness_utxo, so its amount is unproven` });
  if (r.fee !== undefined && r.fee >= 0n) {
    const rate = r.feeRateMsat ?? 0n;
    if (rate > p.maxFeeRateMsat) out.push({ override: 'high-fee', message: `fee rate ${formatDecimal(rate, 3)} sat/vB is above --max-fee-rate ${formatDecimal(p.maxFeeRateMsat, 3)}` });
    const base = r.sendTotal > 0n ? r.sendTotal : (r.inputTotal ?? 0n);
    if (base > 0n && r.fee * 10000n > p.maxFeePercentHundredths * base) {
      out.push({ override: 'high-fee', message: `fee ${r.fee} sat is ${formatDecimal((r.fee * 10000n) / base, 2)}% of ${r.sendTotal > 0n ? 'the amount sent' : 'the inputs'}, above --max-fee-percent ${formatDecimal(p.maxFeePercentHundredths, 2)}` });
    }
  }
  const sh = r.inputs.filter((i) => i.ours && i.sighash !== undefined && !(i.sighash === 1 || (i.sighash === 0 && i.ours.type === 'tr'))).map((i) => i.index);
  if (sh.length) out.push({ override: 'sighash', message: `input ${summarize(sh)} asks for sighash ${r.inputs[sh[0]!]!.sighash} (not ALL): the signature would not cover the whole transaction` });
  if (r.networkMismatches.length) out.push({ override: 'network-mismatch', message: `derivation paths are for another network than ${r.network} (${r.networkMismatches[0]})` });
  return out;
}

/**
 * Apply the policy: throw one RefusedError naming every un-overridden finding and its flag; return
 * the overrides actually used (to journal).
 */
export function enforce(r: PsbtReview, p: SignPolicy): Override[] {
  const all = findings(r, p);
  const refused = all.filter((f) => !p.allow.has(f.override));
  if (refused.length) {
    throw new RefusedError(refused.map((f) => f.message).join('; '), [...new Set(refused.map((f) => f.override))]);
  }
  return [...new Set(all.map((f) => f.override))];
}
