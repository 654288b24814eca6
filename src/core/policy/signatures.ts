/**
 * Judging a set of SSH signatures (SSHSIG, `ssh-keygen -Y sign`) over one message against the
 * policy's named approvers: which approvers validly signed, and every signature that does not
 * count, each with its own kind and message —
 *
 * - `malformed`: not an SSH signature at all;
 * - `wrong-namespace`: signed for another purpose (a policy signature offered as a payment
 *   approval, or a git commit signature);
 * - `foreign`: made by a key that is no approver of the policy;
 * - `forged`: does not verify over this message (tampered, or made for another file);
 * - `key-expired`: the approver's key is past its rotation date;
 * - `duplicate`: a second signature by an approver already counted;
 * - `by-operator`: by the operator running the signer while the policy separates the duties.
 *
 * Used for approvals of requests (approvals.ts) and of policy files (adoption.ts).
 */
import { InputError } from '../errors.js';
import { fingerprint } from '../ssh/public-key.js';
import { verifySshSignature } from '../ssh/signature-verify.js';
import { splitAnchorTrailer, type PayloadAnchor } from '../journal/payload-anchor.js';
import { parseSshSignature } from '../ssh/sshsig.js';
import { sanitize, toHex } from '../text.js';
import { endOfDay, type Approver } from './policy.js';

/** A signature file as given: its name (for messages) and its text. */
export interface SignatureInput {
  label: string;
  text: string;
}

export type SignatureProblemKind = 'malformed' | 'wrong-namespace' | 'foreign' | 'forged' | 'key-expired' | 'duplicate' | 'by-operator';

/** A signature that does not count, and why. */
export interface SignatureProblem {
  kind: SignatureProblemKind;
  label: string;
  message: string;
  /** The approver the key belongs to, when it is one. */
  approver?: string;
}

/** A signature that counts. */
export interface ValidSignature {
  approver: string;
  label: string;
  /** The key's SHA256 fingerprint, as ssh-keygen -l prints it. */
  key: string;
  /** Security keys: authenticator flags and signature counter. */
  flags?: number;
  counter?: number;
  /** The approver's journal head the file carried after its armor (`coldkit approve`; payload-anchor.ts). */
  journalAnchor?: PayloadAnchor;
}

/** Everything judged. */
export interface SignatureJudgement {
  valid: ValidSignature[];
  problems: SignatureProblem[];
}

/** How to judge. */
export interface JudgeOptions {
  /** The namespace the signatures must be made in (policy.ts NAMESPACE). */
  namespace: string;
  approvers: ReadonlyMap<string, Approver>;
  /** What was signed, for messages ("the request", "policy.json"). */
  what: string;
  /** Approver key expiry dates (YYYY-MM-DD) and the clock to compare with. */
  keyExpiry?: ReadonlyMap<string, string>;
  nowMs?: number;
  /** The operator running the signer, and whether they may approve. */
  operator?: string;
  operatorMayApprove?: boolean;
}

/** Judge every signature; the order of `sigs` decides which of two duplicates counts (the first). */
export function judgeSignatures(message: Uint8Array, sigs: readonly SignatureInput[], o: JudgeOptions): SignatureJudgement {
  const byKey = new Map<string, Approver>();
  for (const a of o.approvers.values()) byKey.set(toHex(a.key.key.blob), a);
  const valid: ValidSignature[] = [];
  const problems: SignatureProblem[] = [];
  for (const s of sigs) {
    const label = sanitize(s.label);
    const problem = (kind: SignatureProblemKind, why: string, approver?: string) => problems.push({ kind, label, message: `${label}: ${why}`, ...(approver ? { approver } : {}) });
    let sig;
    let anchor: PayloadAnchor | undefined;
    try {
      const split = splitAnchorTrailer(s.text, label);
      anchor = split.anchor;
      sig = parseSshSignature(split.text, label);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      problem('malformed', e.message.replace(/^[^:]*: /, ''));
      continue;
    }
    const fp = fingerprint(sig.key);
    if (sig.namespace !== o.namespace) {
      problem('wrong-namespace', `signed for namespace "${sanitize(sig.namespace).slice(0, 40)}", not "${o.namespace}" (ssh-keygen -Y sign -n ${o.namespace})`);
      continue;
    }
    const approver = byKey.get(toHex(sig.key.blob));
    if (!approver) {
      problem('foreign', `signed by ${sig.key.type} key ${fp}, which is no approver of this policy`);
      continue;
    }
    const check = verifySshSignature(sig, message, approver.key);
    if (!check.valid) {
      problem('forged', `${approver.name}'s signature does not verify over ${o.what} (${check.reason}): forged, or made for another file`, approver.name);
      continue;
    }
    const expiry = o.keyExpiry?.get(approver.name);
    if (expiry && o.nowMs !== undefined && o.nowMs > endOfDay(expiry)) {
      problem('key-expired', `${approver.name}'s key expired on ${expiry} (policy rotation.approvers); a new policy must name their new key`, approver.name);
      continue;
    }
    if (valid.some((v) => v.approver === approver.name)) {
      problem('duplicate', `a second signature by ${approver.name}; each approver counts once`, approver.name);
      continue;
    }
    if (o.operator !== undefined && o.operatorMayApprove === false && approver.name === o.operator) {
      problem('by-operator', `approved by ${approver.name}, the operator running the signer; the policy separates these duties (segregation.signerMayApprove is false)`, approver.name);
      continue;
    }
    valid.push({ approver: approver.name, label, key: fp, ...(check.flags !== undefined ? { flags: check.flags, counter: check.counter } : {}), ...(anchor ? { journalAnchor: anchor } : {}) });
  }
  return { valid, problems };
}
