/**
 * `coldkit psbt sign FILE`: the offline half of a Bitcoin spend, over the core signer pipeline
 * (src/core/btc/signer.ts `signPsbt`: prepare → decide → approve → sign → assemble). This action
 * reads the PSBT (anything malformed is exit 2 before the seed is asked for) and the seed, maps
 * the --allow-… flags to finding codes, walks the review screens and asks when the pipeline calls
 * for approval, and writes the PSBT full or `--trim`med, in the encoding it came in (base64 for
 * binary on stdout). A refusal is exit 3 naming every blocking finding.
 */
import { createHash } from 'node:crypto';
import { formatDecimal } from '../../core/amount.js';
import type { Finding } from '../../core/findings/finding.js';
import type { PsbtEncoding } from '../../core/btc/psbt-encoding.js';
import type { PsbtReview } from '../../core/btc/review.js';
import { readPsbt } from '../../core/btc/psbt-read.js';
import { signPsbtWithSeed } from '../../core/btc/signer.js';
import { digestWords } from '../../core/digest-words.js';
import { InputError } from '../../core/errors.js';
import { toHex } from '../../core/text.js';
import type { Context, Outcome } from '../command.js';
import type { ReadPsbt } from '../../core/btc/psbt-read.js';
import { assertWritable, writeFileAtomic } from '../io.js';
import { btcNetwork } from '../network-option.js';
import { overrideFlag } from '../overrides.js';
import { journalPath, retiredKeys } from '../journal-file.js';
import { readPayloadInput } from '../payload.js';
import { fastCurveForPsbt } from '../public-curve-loader.js';
import { walkReview } from '../psbt/flow.js';
import type { ShownLabel } from '../../core/btc/bip329.js';
import { policyFrom } from '../psbt/limits.js';
import { warningsOf } from '../psbt/render.js';
import { nativeHmacSha512 } from '../psbt/seed.js';
import { readSeed } from '../seed-input.js';
import type { psbtSign as psbtSignTable } from '../commands/psbt.js';
import type { OptionsOf } from '../options/spec.js';
import { RefusedError } from '../../core/errors.js';
import type { PolicyEvaluation } from '../../core/policy/evaluate.js';
import type { PolicyResult } from '../policy/render.js';
import { loadGate } from '../policy/gate-loader.js';
import { counted } from '../../core/text.js';
import { anchorJson, anchorOfHead, anchorText, type JournalAnchorJson } from '../../core/journal/payload-anchor.js';
import type { SweepDestination } from '../../core/btc/sweep-proof.js';

/** SHA-256 hex of a PSBT for the result and journal (Node's native hash: the PSBT can be megabytes). */
const sha256Hex = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

export interface PsbtSignResult {
  /** The review; `warnings` are the messages of the warning and note findings. */
  review: PsbtReview & { warnings: string[] };
  /** Every finding, most fundamental first (refusals here were all overridden). */
  findings: Finding[];
  fingerprint: string;
  inputsSigned: number;
  signaturesBefore: number;
  signaturesAfter: number;
  trimmed: boolean;
  overrides: string[];
  input: { sha256: string; digest: string; encoding: PsbtEncoding };
  output: { sha256: string; digest: string; encoding: PsbtEncoding };
  /** The signed PSBT as text (base64 or hex) when not written with --out. */
  psbt?: string;
  out?: string;
  /** The adopted policy's decision: rule matched, approvals counted, every rule's verdict. */
  policy?: PolicyResult;
  /** Labels of inputs and outputs from --labels (BIP-329), as shown before approval. */
  labels?: ShownLabel[];
  /** The signer journal's head carried in the signed PSBT (absent for an empty journal). */
  journalAnchor?: JournalAnchorJson;
}

export default async function psbtSign(opts: OptionsOf<typeof psbtSignTable>, ctx: Context, args: string[]): Promise<Outcome<PsbtSignResult>> {
  const { limits, allow } = policyFrom(opts);
  // The adopted policy (if any) is read and the flags checked before the PSBT or the seed is. The
  // policy code is loaded only when a policy can apply (gate-loader.ts): start-up.
  const policyGate = await loadGate(ctx, opts);
  const gate = policyGate?.openGate(ctx, opts);
  const policy = gate
    ? { gate: policyGate!, payload: (await import('../../core/policy/btc-payload.js')).btcPayload, render: (await import('../policy/render.js')).policyResult }
    : undefined;
  if (gate) policyGate!.underPolicy(gate, { allow, limits });
  if (args[0] === '-' && (opts.mnemonicFile === '-' || opts.passphraseFile === '-' || opts.slip39File?.includes('-'))) {
    throw new InputError('stdin cannot carry both the PSBT and a secret; give the PSBT or the secret as a file', 'psbt');
  }
  if (opts.out) assertWritable(opts.out, '--out');
  const payload = await readPayloadInput(ctx, { file: args[0], fromQr: opts.fromQr }, 'psbt', { expect: 'psbt' });
  // Read before the seed is: a malformed PSBT is exit 2 without asking for a secret.
  // A large PSBT loads the faster public-key curve build first (public-curve-loader.ts).
  const psbt = await readPsbt(payload.bytes, 'psbt', fastCurveForPsbt);
  // The vault, when signing for one (the file given, which must be registered here, or the
  // registered vault whose scripts the PSBT's inputs are), read and checked before the seed is
  // asked for. Its code is loaded only when a vault can be involved.
  const { vault, net: vaultNet, findings: extraFindings } =
    opts.wallet || hasWitnessScripts(psbt) ? await (await import('../psbt/signing-vault.js')).signingVault(ctx, opts.wallet, psbt) : { vault: undefined, net: undefined, findings: [] };
  const network = vaultNet ?? vault?.wallet.net ?? btcNetwork(ctx);
  // The BIP-329 label code is loaded only with --labels (start-up).
  const labelKit = opts.labels ? await import('../psbt/labels.js') : undefined;
  const book = labelKit && opts.labels ? await labelKit.readLabelBook(opts.labels, ctx) : undefined;
  let labels: ShownLabel[] | undefined;
  // A sweep's destination is read (and its keys derived) before the seed is asked for.
  const anchor = anchorOfHead(ctx.journalHead);
  const sweepTo = opts.toWallet ? await sweepDestination(opts.toWallet, limits.maxChangeIndex ?? 100_000, ctx) : undefined;
  ctx.note(`PSBT in: ${payload.digest} (${counted(psbt.bytes.length, 'byte')}, ${counted(psbt.view.inputsLength, 'input')}, ${counted(psbt.view.outputsLength, 'output')})`);
  const { seed } = await readSeed(opts, ctx);
  let evaluation: PolicyEvaluation | undefined;
  try {
    const signed = await signPsbtWithSeed(psbt, seed, nativeHmacSha512, {
      network,
      ...(vault ? { vault } : {}),
      extraFindings,
      ...(sweepTo ? { sweepTo } : {}),
      limits,
      allow,
      retired: retiredKeys(journalPath(ctx.globals.journal, ctx.env)),
      ...(anchor ? { anchor } : {}),
      trim: opts.trim,
      ...(opts.out ? { encoding: 'binary' as const } : {}),
      ...(gate && policy
        ? {
            policy: (p) => {
              evaluation = policy.gate.evaluate(gate, policy.payload(p.review), ctx);
              return { findings: evaluation.findings, locked: policy.gate.locks(gate, [...p.findings, ...evaluation.findings]) };
            },
          }
        : {}),
      approve: async ({ review }, decision) => {
        const todo = review.inputs.filter((i) => i.ours && !i.signedByUs).length;
        const overridden = decision.overridden.map((f) => `OVERRIDE ${overrideFlag(f.code)} (journaled): ${f.message}`);
        labels = labelKit?.shownLabels(book, review);
        await walkReview(ctx, review, decision.findings, `Sign ${todo} input${todo === 1 ? '' : 's'} with seed ${review.ourFingerprint}?`, [...(labelKit?.labelLines(labels) ?? []), ...overridden]);
      },
    });
    const { review } = signed.prepared;
    const { findings } = signed.decision;
    const overrides = signed.decision.overrides.map(overrideFlag);
    if (opts.out) writeFileAtomic(opts.out, signed.encoded);
    const outDigest = digestWords(signed.raw);
    const n = signed.signatures.length;
    ctx.note(`PSBT out: ${outDigest} (${signed.raw.length} bytes, ${n} signature${n === 1 ? '' : 's'} added${opts.trim ? ', trimmed' : ''})${anchor ? `; carries ${anchorText(anchor)}` : ''}`);

    const result: PsbtSignResult = {
      review: { ...review, warnings: warningsOf(findings) },
      findings,
      fingerprint: review.ourFingerprint!,
      inputsSigned: n,
      signaturesBefore: signed.before,
      signaturesAfter: signed.after,
      trimmed: Boolean(opts.trim),
      overrides,
      input: { sha256: sha256Hex(psbt.bytes), digest: payload.digest, encoding: psbt.encoding },
      output: { sha256: sha256Hex(signed.raw), digest: outDigest, encoding: signed.encoding },
      ...(opts.out ? { out: opts.out } : { psbt: new TextDecoder().decode(signed.encoded) }),
      ...(evaluation && policy ? { policy: policy.render(evaluation) } : {}),
      ...(labels ? { labels } : {}),
      ...(anchor ? { journalAnchor: anchorJson(anchor) } : {}),
    };
    const change = review.outputs.filter((o) => o.role === 'change');
    return {
      result,
      human: (r) => (r.out ? `signed ${r.inputsSigned} input${r.inputsSigned === 1 ? '' : 's'}; written: ${r.out} (${r.output.digest})` : r.psbt!),
      journal: [
        {
          op: 'psbt.sign',
          data: {
            psbtSha256: result.input.sha256,
            psbtDigest: payload.digest,
            signedSha256: result.output.sha256,
            signedDigest: outDigest,
            network: network.name,
            fingerprint: result.fingerprint,
            inputsSigned: n,
            recipients: review.outputs.filter((o) => o.role !== 'change').map((o) => ({ to: o.address ?? toHex(o.script), amount: o.amount.toString(), role: o.role })),
            fee: review.fee?.toString() ?? null,
            feeRate: review.feeRateMsat !== undefined ? formatDecimal(review.feeRateMsat, 3) : null,
            change: change.map((o) => ({ to: o.address ?? toHex(o.script), amount: o.amount.toString(), path: o.path })),
            changeVerified: !review.outputs.some((o) => o.role === 'false-change' || o.role === 'stray-change'),
            trimmed: Boolean(opts.trim),
            ...labelKit?.journalLabels(labels),
            ...(review.sweep ? { sweep: { wallet: review.sweep.walletId, all: review.sweep.all } } : {}),
            overrides,
            ...(evaluation ? { policy: evaluation.record } : {}),
          },
        },
      ],
      payload: { kind: 'psbt', bytes: signed.raw, ...(payload.format ? { format: payload.format } : {}), ...(anchor ? { anchor } : {}) },
    };
  } catch (e) {
    if (gate && policy && e instanceof RefusedError) throw policy.gate.refusalJournaled(e, 'psbt.sign', evaluation, { psbtSha256: sha256Hex(psbt.bytes), network: network.name });
    throw e;
  }
}

/** The destination wallet of a sweep (`--to-wallet`), named by its id. */
async function sweepDestination(ref: string, maxIndex: number, ctx: Context): Promise<SweepDestination> {
  // Loaded only for a sweep (start-up of an ordinary signing).
  const w = await (await import('../wallet-input.js')).readNamedWallet(ref, '--to-wallet', ctx);
  return { wallet: w.account.wallet, id: w.id, label: w.label, maxIndex };
}

/** Does any input carry a witness script or a tap leaf script (a vault input, or another script spend)? */
function hasWitnessScripts(psbt: ReadPsbt): boolean {
  for (let i = 0; i < psbt.view.inputsLength; i++) {
    const input = psbt.view.getInput(i);
    if (input.witnessScript || input.tapLeafScript?.length) return true;
  }
  return false;
}
