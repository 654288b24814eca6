/**
 * Approvals (src/core/policy/approvals.ts, request.ts, signatures.ts) with signatures made by the
 * real `ssh-keygen -Y sign -n coldkit-approval` (Ed25519 and ECDSA keys): valid approvals count
 * by approver name; every bad approval is refused with its own code and message — forged (a
 * tampered request, a signature of another file), foreign key, duplicate approver, expired
 * request, wrong namespace, a request describing another payload (a lying line, another digest),
 * another policy's hash, an approval by the operator under segregation of duties, a rotated key,
 * a request outliving the policy's limit, a malformed signature.
 */
import * as fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { judgeApprovals } from '../../../src/core/policy/approvals.js';
import { parsePolicy } from '../../../src/core/policy/parse.js';
import { NAMESPACE } from '../../../src/core/policy/policy.js';
import { formatRequest, parseRequest, type RequestMeta } from '../../../src/core/policy/request.js';
import { policyBytes, policyDoc, psbtPayload, team } from '../../helpers/policy.js';

const t = team();
const { keygen, keys } = t;
afterAll(() => fs.rmSync(keygen.dir, { recursive: true, force: true }));
const policy = parsePolicy(policyBytes(policyDoc(t)));
const NOW = Date.parse('2026-12-05T12:00:00Z');
const meta: RequestMeta = { rule: 'payroll', requestedBy: 'carol', created: NOW - 3_600_000, expires: NOW + 23 * 3_600_000, note: 'invoice 2026-117' };
const payload = await psbtPayload();
const request = formatRequest(payload, policy, meta);
const sign = (who: keyof typeof keys, text = request, ns: string = NAMESPACE.approval) => ({ label: `${who}.sig`, text: keygen.signBytes(keys[who], ns, text) });
const judge = (sigs: { label: string; text: string }[], o: { text?: string; now?: number; operator?: string; p?: typeof policy; payload?: typeof payload } = {}) =>
  judgeApprovals(o.payload ?? payload, o.p ?? policy, { requestText: o.text ?? request, requestLabel: 'req.txt', signatures: sigs }, { nowMs: o.now ?? NOW, ...(o.operator ? { operator: o.operator } : {}) });
const codes = (r: ReturnType<typeof judge>) => r.findings.map((f) => f.code);

describe('the request text', () => {
  it('is canonical, readable, and reads back', () => {
    expect(request.split('\n').slice(0, 6)).toEqual([
      'coldkit approval request v1',
      `policy: treasury sha256:${policy.sha256}`,
      'rule: payroll',
      'chain: btc testnet',
      'wallet: fingerprint 73c5da0a',
      `digest: psbt txid ${payload.digest.kind === 'psbt' && payload.digest.txid} unsigned-tx-sha256 ${payload.digest.kind === 'psbt' && payload.digest.unsignedTxSha256}`,
    ]);
    expect(request).toContain('\nsend: 0.0005 BTC to tb1qk0a9hr7wjfxeenz9nwenw9flhq0tmsf6xknqge (output 0)\n');
    expect(request).toContain('\nchange: 0.000497 BTC to tb1qdz50mh3c5n2nyhazlxcum3ckwd7vppfhn27xp0 (ours at m/84h/1h/0h/1/3)\n');
    expect(request).toContain('\nfee: 0.000003 BTC (2.127 sat/vB)\ntotal: 0.0005 BTC\nrequested-by: carol\ncreated: 2026-12-05T11:00:00Z\nexpires: 2026-12-06T11:00:00Z\nnote: invoice 2026-117\n');
    const back = parseRequest(request);
    expect({ rule: back.rule, requestedBy: back.requestedBy, created: back.created, expires: back.expires, note: back.note, policySha256: back.policySha256 }).toEqual({ ...meta, policySha256: policy.sha256 });
    expect(formatRequest(payload, policy, back)).toBe(request);
  });
});

describe('valid approvals', () => {
  it('Ed25519 and ECDSA keys made by ssh-keygen count by name', () => {
    const r = judge([sign('alice'), sign('dave')]);
    expect(r.findings).toEqual([]);
    expect([...r.approvers].sort()).toEqual(['alice', 'dave']);
    expect(r.valid.map((v) => v.key)).toEqual([expect.stringMatching(/^SHA256:/), expect.stringMatching(/^SHA256:/)]);
  });
  it('ssh-keygen -Y verify accepts the same approvals (an auditor can re-check them)', () => {
    const s = sign('bob');
    expect(keygen.verify('bob', keys.bob.pub, NAMESPACE.approval, s.text, request)).toBe(true);
  });
});

describe('each bad approval has its own refusal', () => {
  it('forged: a signature over a tampered request', () => {
    const tampered = request.replace('note: invoice 2026-117', 'note: invoice 2026-118');
    const r = judge([sign('alice', tampered)]);
    expect(codes(r)).toEqual(['approval-forged']);
    expect(r.findings[0]!.message).toMatch(/^alice\.sig: alice's signature does not verify over req\.txt .*forged, or made for another file/);
    expect(r.approvers.size).toBe(0);
  });
  it('foreign: a key that is no approver', () => {
    const mallory = keygen.key('mallory');
    const r = judge([{ label: 'mallory.sig', text: keygen.signBytes(mallory, NAMESPACE.approval, request) }]);
    expect(codes(r)).toEqual(['approval-foreign']);
    expect(r.findings[0]!.message).toMatch(/signed by ssh-ed25519 key SHA256:\S+, which is no approver of this policy/);
  });
  it('duplicate: the same approver twice counts once and is refused', () => {
    const r = judge([sign('alice'), sign('alice')]);
    expect(codes(r)).toEqual(['approval-duplicate']);
    expect([...r.approvers]).toEqual(['alice']);
  });
  it('expired request', () => {
    const r = judge([sign('alice')], { now: meta.expires + 1000 });
    expect(codes(r)).toEqual(['approval-expired']);
    expect(r.findings[0]!.message).toMatch(/req\.txt expired at 2026-12-06T11:00:00Z \(now 2026-12-06T11:00:01Z\)/);
    expect(r.approvers.size).toBe(0);
  });
  it('wrong namespace: a policy-adoption signature offered as an approval', () => {
    const r = judge([sign('alice', request, NAMESPACE.policy)]);
    expect(codes(r)).toEqual(['approval-wrong-namespace']);
    expect(r.findings[0]!.message).toMatch(/signed for namespace "coldkit-policy", not "coldkit-approval"/);
  });
  it('wrong payload: a request whose lines lie about this payload', () => {
    const lying = request.replace('send: 0.0005 BTC', 'send: 0.00005 BTC');
    const r = judge([sign('alice', lying)], { text: lying });
    expect(codes(r)).toEqual(['approval-wrong-payload']);
    expect(r.findings[0]!.message).toMatch(/req\.txt does not describe this payload: its digest matches but line 7 says "send: 0\.00005 BTC.*" but this payload gives "send: 0\.0005 BTC/);
  });
  it('wrong payload: a request for another transaction', async () => {
    const other = await psbtPayload({ send: 40_000n });
    const r = judge([sign('alice')], { payload: other });
    expect(codes(r)).toEqual(['approval-wrong-payload']);
    expect(r.findings[0]!.message).toMatch(/it is for psbt txid \w+ .*, not psbt txid/);
  });
  it('wrong policy: a request made under another policy', () => {
    const amended = parsePolicy(policyBytes(policyDoc(t, { name: 'treasury-2' })));
    const r = judge([sign('alice')], { p: amended });
    expect(codes(r)).toEqual(['approval-wrong-policy']);
  });
  it('by the operator, when the policy separates the duties; allowed when signerMayApprove is true', () => {
    expect(codes(judge([sign('alice'), sign('bob')], { operator: 'bob' }))).toEqual(['approval-by-operator']);
    const relaxed = parsePolicy(policyBytes(policyDoc(t, { segregation: { signerMayApprove: true } })));
    const text = formatRequest(payload, relaxed, meta);
    const r = judge([sign('bob', text)], { operator: 'bob', p: relaxed, text });
    expect(r.findings).toEqual([]);
    expect([...r.approvers]).toEqual(['bob']);
  });
  it('a rotated key stops counting after its date', () => {
    const rotated = parsePolicy(policyBytes(policyDoc(t, { rotation: { approvers: { alice: '2026-12-01' } } })));
    const text = formatRequest(payload, rotated, meta);
    expect(codes(judge([sign('alice', text)], { p: rotated, text }))).toEqual(['approval-key-expired']);
  });
  it('a request valid for longer than the policy allows', () => {
    const long = formatRequest(payload, policy, { ...meta, expires: meta.created + 8 * 86_400_000 });
    expect(codes(judge([sign('alice', long)], { text: long }))).toEqual(['approval-lifetime']);
  });
  it('a malformed signature file', () => {
    expect(codes(judge([{ label: 'x.sig', text: 'not a signature' }]))).toEqual(['approval-malformed']);
  });
  it('several faults at once are all reported', () => {
    const mallory = keygen.key('mallory');
    const r = judge([sign('alice'), sign('alice'), { label: 'm.sig', text: keygen.signBytes(mallory, NAMESPACE.approval, request) }, sign('bob', 'other')]);
    expect(codes(r)).toEqual(['approval-duplicate', 'approval-foreign', 'approval-forged']);
    expect([...r.approvers]).toEqual(['alice']);
  });
});
