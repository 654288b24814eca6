/**
 * Policy adoption (src/core/policy/adoption.ts) with admins' signatures made by the real
 * `ssh-keygen -Y sign -n coldkit-policy`: the first adoption by the file's own admins' quorum; an
 * amendment by the quorum of the policy in force; an amendment signed only by the admins the new
 * file appoints (refused); signatures of a tampered file; and the journal replay that re-verifies
 * every adoption, refusing a forged record.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { RefusedError, VerificationError } from '../../../src/core/errors.js';
import { enforceAdoption, judgeAdoption, replayAdoptions, type AdoptionEntry } from '../../../src/core/policy/adoption.js';
import { NAMESPACE } from '../../../src/core/policy/policy.js';
import { policyBytes, policyDoc, team } from '../../helpers/policy.js';

const t = team();
const { keygen, keys } = t;
afterAll(() => fs.rmSync(keygen.dir, { recursive: true, force: true }));
const NOW = Date.parse('2026-12-05T12:00:00Z');
const v1 = policyBytes(policyDoc(t));
const sign = (who: keyof typeof keys | 'eve' | 'frank', bytes: Uint8Array) => ({ label: `${who}.sig`, text: keygen.signBytes(who in keys ? keys[who as keyof typeof keys] : keygen.key(who), NAMESPACE.policy, bytes) });
const codes = (j: ReturnType<typeof judgeAdoption>) => j.findings.map((f) => f.code);

describe('first adoption', () => {
  it('the quorum of the file\'s own admins adopts it', () => {
    const j = enforceAdoption(judgeAdoption(v1, [sign('alice', v1), sign('carol', v1)], undefined, NOW));
    expect(j.groupOf).toBe('own');
    expect(j.valid.map((v) => v.approver)).toEqual(['alice', 'carol']);
    expect(j.data.previous).toBeNull();
    expect(j.data.file).toBe(new TextDecoder().decode(v1));
  });
  it('one admin is not a quorum; an approver who is no admin does not count', () => {
    const j = judgeAdoption(v1, [sign('alice', v1), sign('dave', v1)], undefined, NOW);
    expect(codes(j)).toEqual(['adoption-foreign', 'adoption-quorum']);
    expect(() => enforceAdoption(j)).toThrow(RefusedError);
  });
  it('signatures of another version of the file (tampered after signing) do not verify', () => {
    const tampered = policyBytes(policyDoc(t, { limits: { maxFeeRate: 2000, maxFeePercent: 2 } }));
    expect(codes(judgeAdoption(tampered, [sign('alice', v1), sign('bob', v1)], undefined, NOW))).toEqual(['adoption-forged', 'adoption-forged', 'adoption-quorum']);
  });
  it('an approval-namespace signature is not a policy signature', () => {
    const s = { label: 'alice.sig', text: keygen.signBytes(keys.alice, NAMESPACE.approval, v1) };
    expect(codes(judgeAdoption(v1, [s, sign('bob', v1)], undefined, NOW))).toEqual(['adoption-wrong-namespace', 'adoption-quorum']);
  });
});

describe('amendments', () => {
  const first = enforceAdoption(judgeAdoption(v1, [sign('alice', v1), sign('bob', v1)], undefined, NOW));
  const current = { policy: first.policy, bytes: v1, seq: 5, ts: '2026-12-05T12:00:00.000Z', approvedBy: ['alice', 'bob'] };
  const eve = keygen.key('eve');
  const frank = keygen.key('frank');
  // v2 replaces the admins with eve and frank (and adds them as approvers).
  const v2 = policyBytes(policyDoc(t, { approvers: { alice: keys.alice.pub, bob: keys.bob.pub, carol: keys.carol.pub, dave: keys.dave.pub, eve: eve.pub, frank: frank.pub }, admins: { quorum: 2, of: ['eve', 'frank'] } }));
  it('approved by the quorum of the policy in force', () => {
    const j = enforceAdoption(judgeAdoption(v2, [sign('bob', v2), sign('carol', v2)], current, NOW));
    expect(j.groupOf).toBe('current');
    expect(j.data.previous).toBe(first.policy.sha256);
  });
  it('approved only by the admins the new file appoints: refused', () => {
    const j = judgeAdoption(v2, [sign('eve', v2), sign('frank', v2)], current, NOW);
    expect(codes(j)).toEqual(['adoption-foreign', 'adoption-foreign', 'adoption-quorum']);
    expect(j.findings[0]!.message).toMatch(/an amendment needs the admins of the policy in force, "treasury": alice, bob, carol/);
    expect(j.findings[2]!.message).toMatch(/needs 2 signatures of the admins of the adopted policy "treasury": alice, bob, carol; has 0/);
  });
  it('the policy already in force is not adopted again', () => {
    expect(codes(judgeAdoption(v1, [sign('alice', v1), sign('bob', v1)], current, NOW))).toEqual(['policy-already-adopted']);
  });

  describe('journal replay', () => {
    const second = enforceAdoption(judgeAdoption(v2, [sign('bob', v2), sign('carol', v2)], current, NOW));
    const entries: AdoptionEntry[] = [
      { seq: 5, ts: '2026-12-05T12:00:00.000Z', data: first.data },
      { seq: 9, ts: '2026-12-06T12:00:00.000Z', data: second.data },
    ];
    it('re-verifies every adoption and returns the policy in force', () => {
      const a = replayAdoptions(entries)!;
      expect(a.policy.sha256).toBe(second.policy.sha256);
      expect(a.seq).toBe(9);
      expect(a.approvedBy).toEqual(['bob', 'carol']);
      expect(replayAdoptions([])).toBeUndefined();
    });
    it('a record added by hand with the new admins\' signatures is refused as tampering', () => {
      const forged = { ...second.data, approvals: [sign('eve', v2), sign('frank', v2)].map((s, i) => ({ approver: ['eve', 'frank'][i]!, key: '', signature: s.text })) };
      expect(() => replayAdoptions([entries[0]!, { seq: 9, ts: entries[1]!.ts, data: forged }])).toThrow(VerificationError);
    });
    it('a record whose file was edited in the journal is refused (with or without its hash)', () => {
      const file = second.data.file.replace('"treasury"', '"treasury "');
      const edited = { ...second.data, file };
      expect(() => replayAdoptions([entries[0]!, { seq: 9, ts: entries[1]!.ts, data: edited }])).toThrow(/journal entry #9 .*records a hash that is not its file's/);
      const rehashed = { ...edited, sha256: createHash('sha256').update(file).digest('hex') };
      expect(() => replayAdoptions([entries[0]!, { seq: 9, ts: entries[1]!.ts, data: rehashed }])).toThrow(/journal entry #9 .*not approved by the quorum of its time/);
    });
    it('a record that skips the chain (previous hash) is refused', () => {
      expect(() => replayAdoptions([entries[1]!])).toThrow(/says it replaces \w+, but the policy in force was none/);
    });
  });
});
