/**
 * Everything the review of a PSBT finds, as findings with stable codes (src/core/findings): the
 * signer decides on them (signer.ts), and `psbt inspect` and `psbt create` list the same findings
 * on the watch-only machine, so what the signer would refuse is known before the PSBT crosses the
 * air gap. Checks that need our keys (ownership) apply as far as the key source given allows: the
 * seed on the signer, the account descriptor online, none at all for a bare inspect.
 *
 * Refusals, most fundamental first (RANK), each lifted only by its named override where it has one:
 * - `not-our-seed` (no override): no input belongs to our keys — another seed or passphrase;
 * - `script-path-input` (no override): an input of ours is a taproot script-path (tap-leaf) spend,
 *   which this signer does not sign — said as such, not as "wrong seed";
 * - `network-mismatch`: derivation paths whose BIP44 coin type is another network's;
 * - `outputs-exceed-inputs` (no override): a negative fee, the PSBT's amounts are false;
 * - `duplicate-input` (no override): one outpoint spent twice, an invalid transaction;
 * - `sighash-single-unmatched` (no override): SIGHASH_SINGLE on an input without its output, which
 *   signs the constant 1 in legacy signing (reusable for any transaction) and is invalid in BIP341;
 * - `unverified-change`: an output claims to be our change but our key there does not rebuild it;
 * - `change-outside-wallet`: an output pays our key but not on the wallet's change chain (review.ts
 *   `walletFit`): a watch-only wallet of the descriptor would never see the coins;
 * - `unproven-amounts`: a segwit v0 input, ours or not (`foreign-input-ours` warns when one "not ours" spends our own address), without non_witness_utxo. BIP143 commits to
 *   the amount being spent but not to the other inputs' amounts, so a lying witness_utxo can hide
 *   fee across two signing sessions;
 * - `high-fee`: fee rate above the rate limit, fee above the percentage limit of the amount sent,
 *   or fee above the absolute limit;
 * - `sighash`: PSBT_IN_SIGHASH_TYPE other than ALL (or DEFAULT on taproot) on an input of ours;
 * - `future-segwit-output` (no override): an output to a witness program of an undefined version
 *   (anyone can spend it) or of a length no witness can satisfy;
 * - `op-return-size`: an OP_RETURN above the 80 data bytes standard relay accepts;
 * - `dust-output`: an output below Bitcoin Core's dust threshold for its script (zero included).
 * Warnings and notes describe the rest: change on the receive chain, inputs not ours (and those
 * that pay to our own addresses), missing UTXO data, finalized inputs, OP_RETURN, BIP68 relative
 * locks, nLockTime.
 */
import { formatDecimal } from '../amount.js';
import { hardRefusal, note, RANK, refusal, warning, type Finding } from '../findings/finding.js';
import { isWitnessProgram, scriptKind } from '../wallet/script.js';
import { template } from '../wallet/template.js';
import type { PsbtReview, ReviewInput } from './review.js';
import { dustThreshold } from './vsize.js';
import { networkAdvice } from './psbt-network.js';
import { NETWORKS } from '../network.js';

export { DEFAULT_FEE_LIMITS, PSBT_OVERRIDABLE, type FeeLimits } from './sign-limits.js';
import { DEFAULT_FEE_LIMITS, type FeeLimits } from './sign-limits.js';

/** "0, 1, 2 … (1000 in all)" for long index lists. */
export function summarize(ix: readonly number[]): string {
  return ix.length <= 6 ? ix.join(', ') : `${ix.slice(0, 5).join(', ')} … (${ix.length} in all)`;
}

const plural = (n: number, one: string, many: string): string => (n === 1 ? one : many);

/** A BIP341 sighash type (DEFAULT allowed) on a taproot input of ours, else an ECDSA one. */
function isTaproot(i: ReviewInput): boolean {
  return i.ours ? template(i.ours.type).spend.startsWith('taproot') : i.script !== undefined && scriptKind(i.script) === 'p2tr';
}

/** Bitcoin Core's standard OP_RETURN script size (MAX_OP_RETURN_RELAY: OP_RETURN, a push opcode and 80 data bytes). */
export const MAX_OP_RETURN_SCRIPT = 83;

/**
 * What a witness program nobody can be held to is (BIP141: unknown versions, and v1 programs
 * other than 32 bytes, are anyone-can-spend; a v0 program of another length than 20 or 32 bytes
 * can never be spent), or undefined. Pay-to-anchor (v1, 0x4e73) is exempt: Bitcoin Core relays it.
 */
export function anyoneCanSpend(script: Uint8Array): string | undefined {
  if (!isWitnessProgram(script)) return undefined;
  const version = script[0] === 0x00 ? 0 : script[0]! - 0x50;
  const len = script.length - 2;
  if (version === 0) return len === 20 || len === 32 ? undefined : `a segwit v0 program of ${len} bytes, which no witness can ever spend`;
  if (version === 1) return len === 32 || (len === 2 && script[2] === 0x4e && script[3] === 0x73) ? undefined : `a segwit v1 program of ${len} bytes, spendable by anyone (BIP341 defines only 32-byte v1 programs)`;
  return `a segwit v${version} output, spendable by anyone until a soft fork defines version ${version}`;
}

/** Every finding of the review: refusals (at these fee limits), warnings and notes. */
export function psbtFindings(r: PsbtReview, limits: FeeLimits): Finding[] {
  const out: Finding[] = [];
  const ours = r.inputs.filter((i) => i.ours);
  const label = r.keySource ?? 'seed';

  // Identity: the PSBT is for our keys at all.
  // A BIP371 tap-leaf input is not "another seed": say what it is. Refused outright only when it
  // leaves nothing of ours to sign; beside inputs of ours it stays unsigned by us.
  const mine = new Set(r.ourFingerprints ?? (r.ourFingerprint ? [r.ourFingerprint] : []));
  const leaf = r.inputs.filter((i) => !i.ours && i.scriptPath && (mine.size === 0 || i.fingerprints.some((f) => mine.has(f)))).map((i) => i.index);
  if (leaf.length) {
    const what = `input${leaf.length > 1 ? 's' : ''} ${summarize(leaf)} ${plural(leaf.length, 'is a', 'are')} taproot script-path (tap leaf script) spend${plural(leaf.length, '', 's')}`;
    if (r.ourFingerprint !== undefined && ours.length === 0) out.push(hardRefusal('script-path-input', RANK.identity, `${what}; coldkit signs taproot key-path (BIP86) inputs only, so there is nothing here it can sign`));
    else out.push(warning('script-path-input', RANK.identity, `${what}, which coldkit does not sign${ours.length ? '; only the key-path inputs of ours are signed' : ''}`));
  }
  if (r.ourFingerprint !== undefined && ours.length === 0 && !leaf.length) {
    const wanted = r.wantedFingerprints.length ? r.wantedFingerprints.join(', ') : 'none (the PSBT carries no BIP32 derivations)';
    const have = (r.ourFingerprints ?? [r.ourFingerprint]).join(', ');
    out.push(hardRefusal('not-our-seed', RANK.identity, `no input belongs to this ${label}: the PSBT wants fingerprint ${wanted}; this ${label} is ${have}${label === 'seed' ? ' (wrong seed or passphrase?)' : ''}`));
  }

  // Network.
  if (r.networkMismatches.length) {
    const where = r.networkMismatches.slice(0, 3).join(', ');
    if (r.psbtCoinType !== undefined && r.psbtCoinType !== NETWORKS[r.network].coinType) {
      const a = networkAdvice(r.psbtCoinType);
      out.push(refusal('network-mismatch', RANK.network, `this PSBT is for ${a.name}, not ${r.network} (its derivation paths use coin type ${r.psbtCoinType}: ${where}): add ${a.flag}`));
    } else out.push(refusal('network-mismatch', RANK.network, `derivation paths are for another network than ${r.network} (${where})`));
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
  const spentBy = new Map<string, number[]>();
  for (const i of r.inputs) spentBy.set(i.outpoint, [...(spentBy.get(i.outpoint) ?? []), i.index]);
  for (const [outpoint, ix] of spentBy) {
    if (ix.length > 1) out.push(hardRefusal('duplicate-input', RANK.validity, `inputs ${summarize(ix)} all spend ${outpoint}: a transaction that spends one coin twice is invalid (consensus: bad-txns-inputs-duplicate), and the duplicate only inflates the stated fee`));
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
    if (o.role === 'stray-change') out.push(refusal('change-outside-wallet', RANK.ownership, `output ${o.index} pays our key at ${o.path} but is not the wallet's change: ${o.misfit!.join('; ')} — a watch-only wallet of the descriptor will not see these ${o.amount} sat`));
    if (o.role === 'change' && o.receiveChain) out.push(warning('receive-chain-change', RANK.ownership, `output ${o.index} pays back to our RECEIVE address at ${o.path}, not a change address`));
  }
  if (r.ourFingerprint !== undefined) {
    const foreign = r.inputs.filter((i) => !i.ours).map((i) => i.index);
    if (foreign.length && foreign.length < r.inputs.length) {
      out.push(warning('foreign-inputs', RANK.ownership, `input${foreign.length > 1 ? 's' : ''} ${summarize(foreign)} ${plural(foreign.length, 'is', 'are')} not ours (other signers, or a coinjoin)`));
    }
  }

  for (const i of r.inputs) {
    if (i.paysUs) out.push(warning('foreign-input-ours', RANK.ownership, `input ${i.index} is presented as not ours, yet it spends our own address at ${i.paysUs}: the PSBT stripped its derivation (it stays unsigned by us, and its amount is not checked as ours would be)`));
  }

  // Amounts.
  // BIP143 signs the amount of the input it signs, not the others': a witness_utxo that states a
  // lower amount for ANY input (ours with its derivation stripped, or a stranger's) than the coin
  // holds hides a fee from this session, to be combined with a second session's signature.
  const unproven = r.inputs.filter((i) => i.amountSource === 'witness_utxo' && !isTaproot(i)).map((i) => i.index);
  if (unproven.length) {
    out.push(refusal('unproven-amounts', RANK.amounts, `segwit v0 input${unproven.length > 1 ? 's' : ''} ${summarize(unproven)} carr${unproven.length > 1 ? 'y' : 'ies'} no non_witness_utxo, so ${plural(unproven.length, 'its amount is', 'their amounts are')} unproven (ours or not: a lying amount hides a fee across signing sessions)`));
  }
  const missing = r.inputs.filter((i) => i.amountSource === 'none').map((i) => i.index);
  if (missing.length) out.push(warning('missing-utxo', RANK.amounts, `input${missing.length > 1 ? 's' : ''} ${summarize(missing)} carr${missing.length > 1 ? 'y' : 'ies'} no UTXO data: the fee cannot be known`));

  // Fee.
  if (r.fee !== undefined && r.fee >= 0n) {
    const rate = r.feeRateMsat ?? 0n;
    if (rate > limits.maxFeeRateMsat) out.push(refusal('high-fee', RANK.fee, `fee rate ${formatDecimal(rate, 3)} sat/vB is above the limit of ${formatDecimal(limits.maxFeeRateMsat, 3)} sat/vB`));
    const maxFee = limits.maxFeeSat ?? DEFAULT_FEE_LIMITS.maxFeeSat;
    if (r.fee > maxFee) out.push(refusal('high-fee', RANK.fee, `fee ${r.fee} sat (${formatDecimal(r.fee, 8)} BTC) is above the absolute limit of ${formatDecimal(maxFee, 8)} BTC`));
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
    const burn = anyoneCanSpend(o.script);
    if (burn) out.push(hardRefusal('future-segwit-output', RANK.content, `output ${o.index} is ${burn}: ${o.amount} sat there could be taken by anyone (or are lost)`));
    if (o.role === 'op_return') {
      out.push(warning('op-return', RANK.content, `output ${o.index} is OP_RETURN data (${o.data!.hex.length / 2} bytes), burning ${o.amount} sat`));
      if (o.script.length > MAX_OP_RETURN_SCRIPT) out.push(refusal('op-return-size', RANK.content, `output ${o.index} is an OP_RETURN script of ${o.script.length} bytes, above the ${MAX_OP_RETURN_SCRIPT} (80 data bytes) standard relay accepts: it inflates the transaction, and the fee with it`));
      continue;
    }
    const dust = dustThreshold(o.script);
    if (o.amount < dust) out.push(refusal('dust-output', RANK.content, `output ${o.index} pays ${o.amount} sat, below the dust threshold of ${dust} sat for its script: nodes will not relay the transaction`));
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
