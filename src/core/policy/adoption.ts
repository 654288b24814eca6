/**
 * Adopting a policy on the signing laptop. Admins approve a policy by signing the file's exact
 * bytes (`ssh-keygen -Y sign -n coldkit-policy policy.json`). The first adoption needs the quorum
 * of the file's own admins; every later one the quorum of the admins of the policy adopted at the
 * time — an amendment approved only by the admins it appoints is refused.
 *
 * The journal is the source of truth for "adopted": each `policy.adopt` entry keeps the policy
 * file's text, its SHA-256 and the admins' signatures, so every reader re-verifies the whole chain
 * of adoptions (replayAdoptions) with nothing but the journal — a `policy.adopt` line appended by
 * hand without the admins' keys is refused as tampering, not obeyed.
 */
import { InputError, RefusedError, VerificationError } from '../errors.js';
import { hardRefusal, RANK, type Finding } from '../findings/finding.js';
import { SIGNATURE_CODES } from './approvals.js';
import { parsePolicy } from './parse.js';
import { NAMESPACE, type Approver, type Group, type Policy } from './policy.js';
import { judgeSignatures, type SignatureInput, type ValidSignature } from './signatures.js';

/** A policy in force: the parsed policy, its bytes, and where the journal adopted it. */
export interface Adopted {
  policy: Policy;
  bytes: Uint8Array;
  seq: number;
  ts: string;
  approvedBy: string[];
  /** SHA-256 of every policy adopted on the journal, oldest first; the last is this one. */
  chain: string[];
}

/** What a `policy.adopt` journal entry holds (its `data`). */
export interface AdoptionData {
  sha256: string;
  name: string;
  /** The policy file's text (UTF-8, exactly the bytes that were signed). */
  file: string;
  /** SHA-256 of the policy it replaces, or null for the first. */
  previous: string | null;
  /** Whose quorum approved it: "own admins" (first) or "admins of <previous sha256>". */
  quorum: string;
  approvals: { approver: string; key: string; signature: string }[];
}

/** The outcome of judging an adoption. */
export interface AdoptionJudgement {
  policy: Policy;
  /** The group whose quorum was needed, and the approvers it names. */
  group: Group;
  groupOf: 'own' | 'current';
  valid: ValidSignature[];
  findings: Finding[];
  /** The journal data to record when it goes. */
  data: AdoptionData;
}

/** Who must approve the next policy: the current policy's admins, or the file's own for the first. */
function authority(next: Policy, current: Adopted | undefined): { group: Group; approvers: ReadonlyMap<string, Approver>; keyExpiry: ReadonlyMap<string, string>; of: 'own' | 'current' } {
  const p = current?.policy ?? next;
  return { group: p.admins, approvers: new Map([...p.approvers].filter(([n]) => p.admins.of.includes(n))), keyExpiry: p.rotation.approvers, of: current ? 'current' : 'own' };
}

/**
 * Judge the adoption of `bytes` (a policy file) with the admins' signatures, after `current` (the
 * policy in force, if any). Findings refuse it (hard: nothing overrides an adoption); the caller
 * enforces them.
 */
export function judgeAdoption(bytes: Uint8Array, sigs: readonly SignatureInput[], current: Adopted | undefined, nowMs: number, field = 'policy'): AdoptionJudgement {
  const policy = parsePolicy(bytes, field);
  const auth = authority(policy, current);
  const findings: Finding[] = [];
  if (current && current.policy.sha256 === policy.sha256) findings.push(hardRefusal('policy-already-adopted', RANK.policy, `this policy (sha256:${policy.sha256.slice(0, 16)}…) is already the adopted one (journal #${current.seq})`, 'policy:adoption'));
  const judged = judgeSignatures(bytes, sigs, { namespace: NAMESPACE.policy, approvers: auth.approvers, what: field, keyExpiry: auth.keyExpiry, nowMs });
  for (const p of judged.problems) {
    // A key of the new file's admins that the current policy does not know is "foreign" here: say why.
    const fromNew = p.kind === 'foreign' && current ? ` (an amendment needs the admins of the policy in force, "${current.policy.name}": ${auth.group.of.join(', ')})` : '';
    findings.push(hardRefusal(SIGNATURE_CODES[p.kind].replace(/^approval-/, 'adoption-'), RANK.policy, p.message + fromNew, 'policy:adoption'));
  }
  const names = judged.valid.map((v) => v.approver);
  if (names.length < auth.group.quorum) {
    const whose = auth.of === 'own' ? `the new policy's own admins (first adoption)` : `the admins of the adopted policy "${current!.policy.name}"`;
    findings.push(hardRefusal('adoption-quorum', RANK.policy, `needs ${auth.group.quorum} signature${auth.group.quorum === 1 ? '' : 's'} of ${whose}: ${auth.group.of.join(', ')}; has ${names.length}${names.length ? ` (${names.join(', ')})` : ''}`, 'policy:adoption'));
  }
  const text = new TextDecoder().decode(bytes);
  const data: AdoptionData = {
    sha256: policy.sha256,
    name: policy.name,
    file: text,
    previous: current?.policy.sha256 ?? null,
    quorum: auth.of === 'own' ? 'own admins' : `admins of ${current!.policy.sha256}`,
    approvals: judged.valid.map((v) => ({ approver: v.approver, key: v.key, signature: sigs.find((s) => s.label === v.label)!.text })),
  };
  return { policy, group: auth.group, groupOf: auth.of, valid: judged.valid, findings, data };
}

/** Refuse with every finding of a judged adoption (exit 3), or return it. */
export function enforceAdoption(j: AdoptionJudgement): AdoptionJudgement {
  const blocking = j.findings.filter((f) => f.severity === 'refuse');
  if (blocking.length) throw new RefusedError(blocking.map((f) => f.message).join('; '), [], blocking);
  return j;
}

/** A `policy.adopt` journal entry, as read back. */
export interface AdoptionEntry {
  seq: number;
  ts: string;
  data: unknown;
}

/**
 * Replay the journal's adoptions in order, re-verifying each against the authority of its time;
 * returns the policy in force (undefined when none was adopted). A forged or inconsistent entry is
 * a VerificationError naming its entry number.
 */
export function replayAdoptions(entries: readonly AdoptionEntry[]): Adopted | undefined {
  let current: Adopted | undefined;
  for (const e of entries) {
    const d = e.data as Partial<AdoptionData> | null;
    const bad = (why: string): never => {
      throw new VerificationError(`journal entry #${e.seq} (policy.adopt) ${why}; the journal's policy cannot be trusted — verify the journal against your paper anchor`);
    };
    if (!d || typeof d.file !== 'string' || typeof d.sha256 !== 'string' || !Array.isArray(d.approvals)) bad('is not a policy adoption record');
    if ((d!.previous ?? null) !== (current?.policy.sha256 ?? null)) bad(`says it replaces ${d!.previous ?? 'nothing'}, but the policy in force was ${current?.policy.sha256 ?? 'none'}`);
    const bytes = new TextEncoder().encode(d!.file);
    const sigs = d!.approvals!.map((a, i) => ({ label: `approval ${i + 1} (${String((a as { approver?: unknown }).approver)})`, text: String((a as { signature?: unknown }).signature ?? '') }));
    let j: AdoptionJudgement;
    try {
      j = judgeAdoption(bytes, sigs, current, Date.parse(e.ts), `journal #${e.seq} policy`);
    } catch (err) {
      if (err instanceof InputError) bad(`holds a policy that does not parse (${err.message})`);
      throw err;
    }
    if (j!.policy.sha256 !== d!.sha256) bad('records a hash that is not its file\'s');
    const refusals = j!.findings.filter((f) => f.severity === 'refuse');
    if (refusals.length) bad(`is not approved by the quorum of its time: ${refusals.map((f) => f.message).join('; ')}`);
    current = { policy: j!.policy, bytes, seq: e.seq, ts: e.ts, approvedBy: j!.valid.map((v) => v.approver), chain: [...(current?.chain ?? []), j!.policy.sha256] };
  }
  return current;
}
