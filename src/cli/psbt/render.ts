/**
 * The PSBT review as text, SeedSigner's flow flattened into screens (views/psbt_views.py:
 * overview → math → each recipient → each change → warnings): the same screens are printed by
 * `psbt inspect` and walked before `psbt sign` asks for approval. Pure functions of the review
 * model, so each screen is testable without a terminal. Every address and label shown comes from
 * the PSBT and is sanitized; addresses are shown in 4-character blocks (groupedAddress).
 */
import { formatDecimal } from '../../core/amount.js';
import type { PsbtReview, ReviewOutput } from '../../core/btc/review.js';
import type { Finding } from '../../core/findings/finding.js';
import { groupedAddress, sanitize, toHex } from '../../core/text.js';
import { overrideFlag } from '../overrides.js';

/** One screen of the review flow. */
export interface Screen {
  title: string;
  lines: string[];
}

/** "0.001 BTC (100000 sat)". */
export function btc(sats: bigint): string {
  return `${formatDecimal(sats, 8)} BTC (${sats} sat)`;
}

/** Fee rate in sat/vB with up to 3 decimals. */
export function satPerVb(msat: bigint): string {
  return `${formatDecimal(msat, 3)} sat/vB`;
}

const MAX_LISTED = 10;

/** An output's address in 4-character blocks (as a hardware wallet shows it), or its script. */
function where(o: ReviewOutput): string {
  return o.address ? groupedAddress(o.address) : `script ${toHex(o.script)}`;
}

/** How many sent outputs only claim to be change (unchecked) or fail the proof. */
function claimNote(r: PsbtReview): string {
  const claimed = r.outputs.filter((o) => o.role === 'claimed-change').length;
  const falseChange = r.outputs.filter((o) => o.role === 'false-change').length;
  const parts = [
    ...(claimed ? [`${claimed} of the sent outputs claim to be change (unchecked: no seed or descriptor given)`] : []),
    ...(falseChange ? [`${falseChange} claim to be change but FAIL the check`] : []),
  ];
  return parts.length ? ` — ${parts.join('; ')}` : '';
}

/** A refusal the signer would make, with its override flag when it has one. */
export interface WouldRefuse {
  code: string;
  message: string;
  /** `--allow-<code>`; absent when nothing overrides it. */
  override?: string;
}

/** The refusals among findings, each with its override flag (the online side's "psbt sign would refuse"). */
export function wouldRefuse(findings: readonly Finding[]): WouldRefuse[] {
  return findings.filter((f) => f.severity === 'refuse').map((f) => ({ code: f.code, message: f.message, ...(f.overridable ? { override: overrideFlag(f.code) } : {}) }));
}

/** Text lines listing what the signer would refuse (empty when nothing). */
export function wouldRefuseLines(list: readonly WouldRefuse[]): string[] {
  return list.length ? ['== psbt sign would refuse', ...list.map((f) => `  ${f.message} (${f.override ?? 'no override'})`)] : [];
}

/** The warnings and notes among findings, as the review's Warnings screen lists them. */
export function warningsOf(findings: readonly Finding[]): string[] {
  return findings.filter((f) => f.severity !== 'refuse').map((f) => f.message);
}

/** The review flow's screens; the Warnings screen lists the warnings and notes among `findings`. */
export function reviewScreens(r: PsbtReview, findings: readonly Finding[] = []): Screen[] {
  const screens: Screen[] = [];
  const ours = r.inputs.filter((i) => i.ours).length;
  const recipients = r.outputs.filter((o) => o.role !== 'change');
  const change = r.outputs.filter((o) => o.role === 'change');
  // Only a PSBT whose proof shape the signer checked has `reserves` (src/core/btc/reserves/findings.ts).
  if (r.reserves) {
    screens.push({
      title: 'PROOF OF RESERVES (BIP-127) — cannot move funds',
      lines: [
        `message: "${sanitize(r.reserves.message)}" — check it word for word against the verifier's challenge`,
        `proves ${r.reserves.inputs} input${r.reserves.inputs === 1 ? '' : 's'} holding ${btc(r.reserves.total)}; input #0 is the commitment to the message and does not exist, so this transaction can never be mined`,
      ],
    });
  }
  screens.push({
    title: 'Overview',
    lines: [
      `network ${r.network}${r.addressNetwork ? ` (addresses shown in ${r.addressNetwork} form: the PSBT's derivation paths are for coin type ${r.psbtCoinType})` : ''}, PSBT v${r.psbtVersion}, transaction version ${r.txVersion}, nLockTime ${r.lockTime}, RBF ${r.rbf ? 'signalled' : 'not signalled'}`,
      `${r.inputs.length} input${r.inputs.length === 1 ? '' : 's'}${r.ourFingerprint ? ` (${ours} ours, seed ${r.ourFingerprint})` : ''}, total ${r.inputTotal !== undefined ? btc(r.inputTotal) : 'unknown'}`,
      ...(r.sweep?.all ? [`sweep: all funds to wallet ${r.sweep.walletId} (${sanitize(r.sweep.label)}), proven by rebuilding its address${r.sweep.proven.length === 1 ? '' : 'es'} from its keys`] : []),
      `sending ${btc(r.sendTotal)} to ${recipients.length} output${recipients.length === 1 ? '' : 's'}; change ${btc(r.changeTotal)} in ${change.length}${claimNote(r)}`,
      `fee ${r.fee !== undefined ? btc(r.fee) : 'unknown'}${r.feeRateMsat !== undefined ? `, ${satPerVb(r.feeRateMsat)} at ~${r.vsize} vB` : ''}`,
    ],
  });
  const inputLines = r.inputs.slice(0, MAX_LISTED).map((i) => {
    const amount = i.amount !== undefined ? btc(i.amount) : 'amount unknown';
    const owner = r.reserves && i.index === 0 ? 'the proof-of-reserves commitment (no such coin)' : i.ours ? `ours ${i.ours.pathText} (${i.ours.type})` : r.ourFingerprint ? (i.paysUs ? `NOT claimed as ours, BUT spends OUR address ${i.paysUs}` : 'NOT ours') : i.fingerprints.length ? `wants ${i.fingerprints.join(',')}` : 'no derivation';
    const proof = i.amountSource === 'non_witness_utxo' ? 'amount proven by previous tx' : i.amountSource === 'witness_utxo' ? 'amount from witness_utxo' : 'no UTXO data';
    const flags = [i.finalized ? 'FINALIZED' : '', i.signatures ? `${i.signatures} signature${i.signatures > 1 ? 's' : ''}` : '', i.sighash !== undefined ? `sighash ${i.sighash}` : ''].filter(Boolean);
    if (i.vault) {
      const who = (fps: string[]) => fps.map((fp) => (r.vaultCosigners?.[fp] ? `${r.vaultCosigners[fp]} (${fp})` : fp)).join(', ');
      flags.push(`vault ${i.vault.threshold}-of-${i.vault.cosigners}: signed by ${i.vault.signedBy.length ? who(i.vault.signedBy) : 'nobody yet'}; ${i.vault.needed ? `${i.vault.needed} more needed from ${who(i.vault.unsigned)}` : 'threshold met'}`);
    }
    return `#${i.index} ${i.outpoint}${i.address ? `  ${groupedAddress(i.address)}` : ''}  ${amount}  ${owner}; ${proof}${flags.length ? '; ' + flags.join(', ') : ''}`;
  });
  if (r.inputs.length > MAX_LISTED) inputLines.push(`… and ${r.inputs.length - MAX_LISTED} more inputs`);
  screens.push({ title: 'Inputs', lines: inputLines });
  const f = r.fee;
  screens.push({
    title: 'Math',
    lines:
      r.inputTotal === undefined || f === undefined
        ? ['inputs total unknown: the fee cannot be computed']
        : [
            `  inputs      ${formatDecimal(r.inputTotal, 8).padStart(16)} BTC`,
            `− recipients  ${formatDecimal(r.sendTotal, 8).padStart(16)} BTC`,
            `− fee         ${formatDecimal(f, 8).padStart(16)} BTC`,
            `= change      ${formatDecimal(r.inputTotal - r.sendTotal - f, 8).padStart(16)} BTC${r.inputTotal - r.sendTotal - f === r.changeTotal ? '' : '  (MISMATCH)'}`,
          ],
  });
  for (const o of recipients) {
    const lines = [`${where(o)}`, `amount ${btc(o.amount)}`];
    const swept = r.sweep?.proven.find((p) => p.index === o.index);
    if (swept) lines.push(`wallet ${r.sweep!.walletId} (the sweep destination): re-derived from its keys at ${swept.path}`);
    if (o.role === 'op_return') lines.push(`OP_RETURN data ${o.data!.hex} ("${o.data!.text}")`);
    if (o.role === 'stray-change') lines.push(`PAYS OUR KEY at ${o.path} but OUTSIDE the wallet: ${o.misfit!.join('; ')}`);
    if (o.role === 'false-change') lines.push(`CLAIMS to be our change at ${o.path}, but our key there does not produce this script`);
    if (o.role === 'claimed-change') lines.push(`claims to be change at ${o.path} (not checked: give --descriptor, or sign with the seed)`);
    screens.push({ title: `${o.role === 'op_return' ? 'OP_RETURN' : 'Recipient'} (output #${o.index})`, lines });
  }
  for (const o of change) {
    screens.push({
      title: `Change (output #${o.index}) — verified`,
      lines: [`${where(o)}`, `amount ${btc(o.amount)}`, `re-derived from ${r.vaultLabel ? `the cosigners of ${r.vaultLabel}` : `our ${r.ourFingerprint ? 'keys' : 'descriptor'}`} at ${o.path}${o.receiveChain ? ' (RECEIVE chain)' : ''}`],
    });
  }
  const warnings = warningsOf(findings);
  if (warnings.length) screens.push({ title: 'Warnings', lines: warnings.map((w) => `! ${sanitize(w)}`) });
  return screens;
}

/** All screens as one text block. */
export function renderReview(r: PsbtReview, findings: readonly Finding[] = []): string {
  return reviewScreens(r, findings)
    .map((s) => [`== ${s.title}`, ...s.lines.map((l) => `  ${l}`)].join('\n'))
    .join('\n');
}
