/**
 * The one PSBT signing pipeline, run by `psbt sign` and by the tests alike:
 *
 *   prepare  — read the PSBT (exit 2 on anything malformed), build the review with our keys
 *              (review.ts: change proven by rebuilding its script), and every finding (policy.ts);
 *   decide   — findings (with an adopted policy's, src/core/policy) + the overrides given → go
 *              or refuse, every finding reported, the most fundamental first
 *              (src/core/findings/decide.ts);
 *   sign     — every input of ours not yet signed by us, each signature verified against its
 *              digest before it is kept (sign.ts);
 *   assemble — the signatures spliced into the original bytes (psbt-maps.ts), the signature count
 *              checked to have gone up by exactly what we made (SeedSigner's check), optionally
 *              trimmed to what a combiner needs, in the requested encoding.
 *
 * `signPsbt` runs the stages in that order, calling back between decide and sign so the CLI can
 * walk the review screens and ask (a throw stops everything before a key signs); the CLI then only
 * reads the secrets and the payload and writes the result, and tests drive the same function.
 * `psbt inspect` and `psbt create` run `prepare` with the watch-only descriptor as key source, so
 * the online machine lists what the signer would refuse.
 */
import { InputError, VerificationError } from '../errors.js';
import { decide, enforce, sortFindings, type Decision } from '../findings/decide.js';
import { hardRefusal, RANK, type Finding } from '../findings/finding.js';
import type { RetiredKeys } from '../lifecycle/retire.js';
import type { BtcNetwork } from '../network.js';
import type { KeySource, SigningKeys } from '../wallet/key-source.js';
import { template } from '../wallet/template.js';
import type { Wallet } from '../wallet/wallet.js';
import { parseMultisig } from '../wallet/multisig.js';
import { DEFAULT_FEE_LIMITS, psbtFindings, summarize, type FeeLimits } from './policy.js';
import { encodePsbt, type PsbtEncoding } from './psbt-encoding.js';
import { encodePsbtAnchor, PSBT_ANCHOR_KEY, type PayloadAnchor } from '../journal/payload-anchor.js';
import { addToInputs, withGlobalPair, countSignaturePairs, partialSigPair, redeemScriptPair, tapKeySigPair, tapScriptSigPair, trimmed, witnessScriptPair, type KeyValue } from './psbt-maps.js';
import { readPsbt, type ReadPsbt } from './psbt-read.js';
import { reviewPsbt, type PsbtReview } from './review.js';
import { signInputs, UnprovenKeyError, type InputSignature } from './sign.js';
import type { ReservesJudgement } from './reserves/findings.js';
import { counted } from '../text.js';
import type { SweepDestination } from './sweep-proof.js';
import { SeedKeys, type HmacSha512 } from './seed-keys.js';

type PsbtReadView = ReadPsbt['view'];

/** What `prepare` works with. */
export interface PrepareOptions {
  network: BtcNetwork;
  /** Our keys: the seed (signer), a watch-only descriptor (online), or none (a bare review). */
  keys?: KeySource;
  /** The registered vault: vault scripts (inputs, change) are proven against it; `label` names it in messages. */
  vault?: { wallet: Wallet; label: string; cosigners?: Record<string, string> };
  /** A sweep destination (`--to-wallet`): every leaving output must rebuild from its keys (sweep-proof.ts). */
  sweepTo?: SweepDestination;
  /** Findings the caller adds (e.g. the vault is not registered on this signer), decided with the rest. */
  extraFindings?: readonly Finding[];
  /** Fee limits the findings apply (default: 500 sat/vB and 5%). */
  limits?: FeeLimits;
  /** Also refuse, as malformed input (InputError), what cannot be signed at all (see `checkSignable`). */
  forSigning?: boolean;
  /** Field named in errors. */
  field?: string;
}

/** A PSBT read, reviewed and judged. */
export interface Prepared {
  psbt: ReadPsbt;
  review: PsbtReview;
  /** Every finding, most fundamental first. */
  findings: Finding[];
  /**
   * A signer's review of a vault PSBT: the full proof of input `i` (every cosigner key derived),
   * for an input proven provisionally — why it is not the vault's, or undefined when it is.
   */
  reprove?: (i: number) => string | undefined;
}

/** Review and judge a PSBT: its bytes (any encoding), or a PSBT already read (the CLI reads it before asking for the seed). */
export async function prepare(input: Uint8Array | ReadPsbt, o: PrepareOptions): Promise<Prepared> {
  const psbt = input instanceof Uint8Array ? await readPsbt(input, o.field ?? 'psbt') : input;
  const proveVault = o.vault ? (await import('./vault-proof.js')).proveVault : undefined;
  const review = reviewPsbt(psbt.view, o.network, o.keys, {
    maxChangeIndex: o.limits?.maxChangeIndex ?? DEFAULT_FEE_LIMITS.maxChangeIndex,
    ...(o.vault && proveVault ? { vault: o.vault.wallet, proveVault, signing: o.forSigning === true } : {}),
  });
  const reprove =
    o.vault && proveVault && o.forSigning
      ? (i: number): string | undefined => {
          const script = review.inputs[i]?.script;
          if (!script) return 'it carries no UTXO to prove';
          const full = proveVault(script, psbt.view.getInput(i), o.vault!.wallet, o.keys);
          return full.owned ? undefined : (full.why ?? "its script is not the vault's");
        }
      : undefined;
  if (o.vault) {
    review.vaultLabel = o.vault.label;
    if (o.vault.cosigners) review.vaultCosigners = o.vault.cosigners;
  }
  let sweep: Finding[] = [];
  // The sweep, proof-of-reserves and retired-key code is loaded only for a PSBT or run that needs it (start-up).
  if (o.sweepTo) {
    const { applySweep, proveSweep, sweepFindings } = await import('./sweep-proof.js');
    const proof = proveSweep(review, (i) => psbt.view.getOutput(i), o.sweepTo);
    applySweep(review, proof);
    sweep = sweepFindings(proof);
  }
  if (o.forSigning) checkSignable(review, o.field ?? 'psbt', psbt.view);
  // BIP-127 proof of reserves: labelled as one only once its whole shape is checked.
  const por = carriesReservesCommitment(psbt.view) ? (await import('./reserves/findings.js')).reservesFindings(psbt.view, review) : NO_RESERVES;
  if (por.reserves) review.reserves = por.reserves;
  const base = psbtFindings(review, o.limits ?? DEFAULT_FEE_LIMITS).filter((f) => !por.drop.has(f.code));
  return { psbt, review, findings: sortFindings([...base, ...por.findings, ...sweep, ...(o.extraFindings ?? [])]), ...(reprove ? { reprove } : {}) };
}

const NO_RESERVES: ReservesJudgement = { findings: [], drop: new Set() };

/** Does any input carry PSBT_IN_POR_COMMITMENT (BIP-127)? Only then is the PSBT judged as a proof of reserves. */
function carriesReservesCommitment(view: PsbtReadView): boolean {
  for (let i = 0; i < view.inputsLength; i++) if (view.getInput(i).porCommitment !== undefined) return true;
  return false;
}

/**
 * What makes a PSBT unsignable as given (exit 2, before any decision): finalized inputs, inputs
 * without UTXO data, a legacy input of ours without its previous transaction, a sighash type that
 * is not one, and nothing left for this seed to sign.
 */
export function checkSignable(r: PsbtReview, field = 'psbt', view?: PsbtReadView): void {
  const list = (ix: number[], one: string, many: string) => `input${ix.length > 1 ? 's' : ''} ${summarize(ix)} ${ix.length > 1 ? many : one}`;
  const fin = r.inputs.filter((i) => i.finalized).map((i) => i.index);
  if (fin.length) throw new InputError(`${list(fin, 'is', 'are')} already finalized; a finalized PSBT is for \`psbt finalize\`, not for signing`, field);
  const missing = r.inputs.filter((i) => i.amountSource === 'none').map((i) => i.index);
  if (missing.length) throw new InputError(`${list(missing, 'carries', 'carry')} neither witness_utxo nor non_witness_utxo; the fee cannot be shown`, field);
  const ours = r.inputs.filter((i) => i.ours);
  // A multisig input can only be proven against a registered vault: say so rather than "not our seed".
  if (ours.length === 0 && !r.vaultLabel && view) {
    const ms = r.inputs.filter((i) => {
      const ws = view.getInput(i.index).witnessScript;
      return ws && parseMultisig(ws) && i.fingerprints.some((f) => r.ourFingerprints?.includes(f));
    });
    if (ms.length) throw new InputError(`input${ms.length > 1 ? 's' : ''} ${summarize(ms.map((i) => i.index))} ${ms.length > 1 ? 'are' : 'is a'} multisig vault input${ms.length > 1 ? 's' : ''} of this seed; give the registered vault with --wallet vault.json`, field);
  }
  const legacy = ours.filter((i) => template(i.ours!.type).spend === 'legacy' && i.amountSource !== 'non_witness_utxo').map((i) => i.index);
  if (legacy.length) throw new InputError(`legacy (P2PKH) input ${summarize(legacy)} needs its non_witness_utxo`, field);
  // Sighash types a signature can carry (BIP143/legacy: ALL, NONE, SINGLE, each optionally
  // ANYONECANPAY; BIP341 adds DEFAULT).
  for (const i of ours) {
    if (i.sighash === undefined) continue;
    const taproot = template(i.ours!.type).spend.startsWith('taproot');
    if (!(taproot ? [0x00, 0x01, 0x02, 0x03, 0x81, 0x82, 0x83] : [0x01, 0x02, 0x03, 0x81, 0x82, 0x83]).includes(i.sighash)) {
      throw new InputError(`input ${i.index} asks for sighash type ${i.sighash}, which is not a valid ${taproot ? 'BIP341' : 'ECDSA'} sighash type`, field);
    }
  }
  if (ours.length && ours.every((i) => i.signedByUs)) throw new InputError(`every input of this seed (${ours.length}) is already signed by it; nothing to add`, field);
}

/** Findings an adopted signing policy adds (src/core/policy/evaluate.ts), and the codes no override may lift under it. */
export interface PolicyJudgement {
  findings: Finding[];
  locked: ReadonlySet<string>;
}

/** Decide on the findings (and a policy's) with the overrides given (finding codes). */
export function decideSigning(p: Prepared, allow: ReadonlySet<string>, policy?: PolicyJudgement): Decision {
  return decide(policy ? [...p.findings, ...policy.findings] : p.findings, allow, policy ? { locked: policy.locked } : {});
}

/**
 * Sign every input of ours not yet signed by us; each signature is verified before it is returned.
 * A vault input whose own key was taken as claimed (vault-proof.ts `provisionalProof`) is proven
 * by that verification; one whose signature does not verify under the claimed key, or that was
 * not signed, is proven in full, and refused as not-from-vault (exit 3) when it is not the vault's.
 */
export function sign(p: Prepared, keys: SigningKeys): InputSignature[] {
  let sigs: InputSignature[];
  try {
    sigs = signInputs(p.review, keys);
  } catch (e) {
    // Not the vault's: not-from-vault for every such input, as the review would have said; else
    // the signature itself failed.
    if (e instanceof UnprovenKeyError) refuseUnproven(p, p.review.inputs.filter((r) => r.ours?.provisional).map((r) => r.index));
    throw e;
  }
  const signed = new Set(sigs.map((s) => s.index));
  const unsigned = p.review.inputs.filter((r) => r.ours?.provisional && !signed.has(r.index)).map((r) => r.index);
  if (unsigned.length) refuseUnproven(p, unsigned);
  for (const r of p.review.inputs) if (r.ours?.provisional) delete r.ours.provisional;
  return sigs;
}

/**
 * Prove provisionally proven inputs in full (`Prepared.reprove`) and refuse those that are not the
 * vault's as the review would have: not-from-vault, naming why.
 */
function refuseUnproven(p: Prepared, indices: readonly number[]): void {
  const findings = indices.flatMap((i) => {
    const why = p.reprove ? p.reprove(i) : 'it was not proven';
    return why === undefined ? [] : [hardRefusal('not-from-vault', RANK.ownership, `input ${i} is not from ${p.review.vaultLabel ?? 'the vault'}: ${why}`)];
  });
  if (findings.length) enforce(decide(findings, new Set()));
}

/** The signed PSBT: full or trimmed raw bytes, their encoding, and the signature counts before and after. */
export interface Assembled {
  /** Raw PSBT bytes handed back (trimmed when asked). */
  raw: Uint8Array;
  /** `raw` in `encoding`. */
  encoded: Uint8Array;
  encoding: PsbtEncoding;
  before: number;
  after: number;
}

/**
 * Splice the signatures into the original PSBT and check the count went up by exactly what we
 * made (nothing is handed back otherwise); trim to what a combiner needs when asked.
 */
export function assemble(p: Prepared, sigs: readonly InputSignature[], o: { trim?: boolean; encoding: PsbtEncoding; anchor?: PayloadAnchor }): Assembled {
  const { bytes } = p.psbt;
  const { inputsLength: nIn, outputsLength: nOut } = p.psbt.view;
  const add = new Map<number, KeyValue[]>();
  for (const s of sigs) {
    const pairs = s.leafHash ? [tapScriptSigPair(s.pubkey, s.leafHash, s.signature)] : s.taproot ? [tapKeySigPair(s.signature)] : [partialSigPair(s.pubkey, s.signature)];
    if (s.redeemScript) pairs.push(redeemScriptPair(s.redeemScript));
    if (s.witnessScript) pairs.push(witnessScriptPair(s.witnessScript));
    add.set(s.index, pairs);
  }
  const before = countSignaturePairs(bytes, nIn);
  const full = addToInputs(bytes, nIn, nOut, add);
  // What we hand back must carry exactly the signatures we made (SeedSigner: the count must go up).
  const after = countSignaturePairs(full, nIn);
  if (sigs.length === 0 || after !== before + sigs.length) {
    throw new VerificationError(`signature count went from ${before} to ${after} after signing ${counted(sigs.length, 'input')}; nothing was output`);
  }
  const cut = o.trim ? trimmed(bytes, nIn, nOut, add, p.review.psbtVersion) : full;
  // The signer journal's head, as a global proprietary pair other tools keep or ignore (BIP174).
  const raw = o.anchor ? withGlobalPair(cut, { key: PSBT_ANCHOR_KEY, value: encodePsbtAnchor(o.anchor) }) : cut;
  return { raw, encoded: encodePsbt(raw, o.encoding), encoding: o.encoding, before, after };
}

/** What `signPsbt` works with. */
export interface SignOptions extends Omit<PrepareOptions, 'keys' | 'forSigning'> {
  /** The seed's keys. */
  keys: SigningKeys;
  /** Finding codes the operator allowed to override. */
  allow?: ReadonlySet<string>;
  /** Hand back only the new signatures and what a combiner needs. */
  trim?: boolean;
  /** Encoding of the result (default: the input's, base64 for a binary input). */
  encoding?: PsbtEncoding;
  /**
   * An adopted signing policy: called on the prepared PSBT, its findings join the decision and its
   * locked codes cannot be overridden.
   */
  policy?: (p: Prepared) => PolicyJudgement;
  /**
   * Called once the decision lets signing go on, before any key signs: the CLI walks the review
   * screens and asks here. Throwing stops the pipeline with nothing signed.
   */
  approve?: (p: Prepared, d: Decision) => Promise<void> | void;
  /** Keys journaled as retired: signing with one is the finding `retired-key`. */
  retired?: RetiredKeys;
  /** The signer journal's head to carry in the signed PSBT (payload-anchor.ts); none for an empty journal. */
  anchor?: PayloadAnchor;
}

/** The outcome of the whole pipeline. */
export interface Signed extends Assembled {
  prepared: Prepared;
  decision: Decision;
  signatures: InputSignature[];
}

/**
 * The signer, end to end: prepare → decide (RefusedError naming every blocking finding) →
 * approve → sign → assemble.
 */
export async function signPsbt(input: Uint8Array | ReadPsbt, o: SignOptions): Promise<Signed> {
  const p0 = await prepare(input, { ...o, forSigning: true });
  const r = p0.review;
  const retired = o.retired?.size ? (await import('../lifecycle/retire.js')).retiredKeyFindings(r.ourFingerprints ?? [r.ourFingerprint], o.retired) : [];
  const prepared = { ...p0, findings: sortFindings([...p0.findings, ...retired]) };
  const decision = enforce(decideSigning(prepared, o.allow ?? new Set(), o.policy?.(prepared)));
  await o.approve?.(prepared, decision);
  const signatures = sign(prepared, o.keys);
  const enc = prepared.psbt.encoding;
  const assembled = assemble(prepared, signatures, { trim: o.trim, ...(o.anchor ? { anchor: o.anchor } : {}), encoding: o.encoding ?? (enc === 'binary' ? 'base64' : enc) });
  return { ...assembled, prepared, decision, signatures };
}

/**
 * `signPsbt` with the keys of a BIP32 seed (`psbt sign`, and the vault-signing benchmark in
 * process): the seed is wiped once its master key is made, the derived keys once signing ends
 * (signed or refused). `hmacSha512` is the HMAC the derivations use (the CLI passes Node's native one).
 */
export async function signPsbtWithSeed(input: Uint8Array | ReadPsbt, seed: Uint8Array, hmacSha512: HmacSha512, o: Omit<SignOptions, 'keys'>): Promise<Signed> {
  const keys = SeedKeys.fromSeed(seed, hmacSha512);
  seed.fill(0);
  try {
    return await signPsbt(input, { ...o, keys });
  } finally {
    keys.wipe();
  }
}
