/**
 * The signing policy as a black box (the built bin): `policy init`, `policy check`, `policy adopt`
 * with admins' signatures made by the real `ssh-keygen -Y sign`, `policy show`, `approval request`,
 * `approve` (which runs ssh-keygen itself), and `psbt sign` under the adopted policy — refused
 * without approvals, by the operator's own approval, with an `--allow-…` override or a policy file
 * that is not the adopted one; signed with another approver's approval, the decision journaled.
 * Then an amendment approved only by the admins the new file appoints (refused) and by the quorum
 * of the policy in force (adopted).
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NAMESPACE } from '../../../src/core/policy/policy.js';
import { buildPsbt, SAMPLE_MNEMONIC } from '../../helpers/build-psbt.js';
import { runCli, tmpDir } from '../../helpers/cli.js';
import { policyBytes, policyDoc, team } from '../../helpers/policy.js';

const t = team();
const dir = tmpDir('coldkit-policy-cli-');
const journal = path.join(dir, 'journal.jsonl');
const at = (name: string): string => path.join(dir, name);
const write = (name: string, data: string | Uint8Array): string => {
  fs.writeFileSync(at(name), data);
  return at(name);
};
const cli = (args: string[]) => runCli(args, { env: { COLDKIT_JOURNAL: journal }, timeoutMs: 120_000 });
const entries = (): { op: string; data: Record<string, any> }[] => fs.readFileSync(journal, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const codes = (r: { json: () => any }): string[] => (r.json().error.findings ?? []).map((f: { code: string }) => f.code);
const sha256 = (b: Uint8Array | string): string => createHash('sha256').update(b).digest('hex');

const v1 = policyBytes(policyDoc(t));
/** The sample seed pays 0.0005 BTC to the zoo wallet (payroll's destination) from one input. */
const payment = buildPsbt({ kind: 'wpkh', inputs: 1 });
const signArgs = (operator: string, ...more: string[]) => ['--json', '--yes', '--network', 'testnet', '--operator', operator, 'psbt', 'sign', at('pay.psbt'), '--mnemonic-file', at('mnemonic.txt'), ...more];

beforeAll(async () => {
  write('mnemonic.txt', SAMPLE_MNEMONIC + '\n');
  write('policy.json', v1);
  write('pay.psbt', payment);
  for (const who of ['alice', 'bob', 'carol'] as const) write(`${who}.pub`, t.keys[who].pub + '\n');
  const w = await cli(['--network', 'testnet', 'account', 'export', '--mnemonic-file', at('mnemonic.txt'), '--out', at('wallet.json')]);
  expect(w.code, w.stderr).toBe(0);
}, 120_000);
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(t.keygen.dir, { recursive: true, force: true });
});

describe('policy init and check', () => {
  it('init with approvers writes a policy that check accepts, and refuses to overwrite it', async () => {
    const r = await cli(['policy', 'init', '--approver', `alice=${at('alice.pub')}`, '--approver', `bob=${at('bob.pub')}`, '--out', at('template.json')]);
    expect(r.code, r.stderr).toBe(0);
    const c = await cli(['--json', 'policy', 'check', at('template.json')]);
    expect(c.code, c.stderr).toBe(0);
    expect(c.json().valid).toBe(true);
    expect((await cli(['policy', 'init', '--out', at('template.json')])).code).toBe(2);
  });
  it('check prints the SHA-256 the admins sign', async () => {
    const c = await cli(['--json', 'policy', 'check', at('policy.json')]);
    expect(c.code, c.stderr).toBe(0);
    expect(c.json().sha256).toBe(sha256(v1));
  });
  it('check reports every problem with its JSON path (exit 2)', async () => {
    const bad = policyDoc(t, { admins: { quorum: 5, of: ['alice', 'mallory'] } });
    const c = await cli(['--json', 'policy', 'check', write('bad.json', policyBytes(bad))]);
    expect(c.code).toBe(2);
    const paths = c.json().problems.map((p: { path: string }) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['$.admins.quorum', '$.admins.of[1]']));
  });
});

describe('under an adopted policy', () => {
  it('the policy flags are usage errors while no policy is adopted', async () => {
    const r = await cli(signArgs('carol', '--policy', at('policy.json')));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no policy is adopted/);
  });
  it('one admin signature is not the quorum of 2: refused, nothing adopted', async () => {
    const r = await cli(['--json', 'policy', 'adopt', at('policy.json'), '--approval', write('alice-policy.sig', t.keygen.signBytes(t.keys.alice, NAMESPACE.policy, v1))]);
    expect(r.code).toBe(3);
    expect(codes(r)).toContain('adoption-quorum');
    expect((await cli(['--json', 'policy', 'show'])).json().adopted).toBe(false);
  });
  it('two admins adopt it; show prints its hash and approvers', async () => {
    const r = await cli(['policy', 'adopt', at('policy.json'), '--approval', at('alice-policy.sig'), '--approval', write('bob-policy.sig', t.keygen.signBytes(t.keys.bob, NAMESPACE.policy, v1))]);
    expect(r.code, r.stderr).toBe(0);
    const s = (await cli(['--json', 'policy', 'show'])).json();
    expect(s.adopted).toBe(true);
    expect(s.sha256).toBe(sha256(v1));
    expect(s.approvedBy).toEqual(['alice', 'bob']);
    expect(entries().find((e) => e.op === 'policy.adopt')!.data.sha256).toBe(sha256(v1));
  });
  it('approval request describes the payment under rule payroll', async () => {
    const r = await cli(['--json', '--network', 'testnet', 'approval', 'request', at('pay.psbt'), '--policy', at('policy.json'), '--wallet', at('wallet.json'), '--requested-by', 'carol', '--out', at('pay.req')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().rule).toBe('payroll');
    expect(fs.readFileSync(at('pay.req'), 'utf8')).toMatch(/^send: 0\.0005 BTC to tb1q/m);
  });
  it('signing without approvals is refused (exit 3) and the refusal journaled', async () => {
    const r = await cli(signArgs('carol', '--out', at('signed-1.psbt')));
    expect(r.code).toBe(3);
    expect(codes(r)).toContain('policy-no-rule');
    expect(fs.existsSync(at('signed-1.psbt'))).toBe(false);
    expect(entries().at(-1)!.op).toBe('policy.refuse');
  });
  it('coldkit approve signs the request with ssh-keygen', async () => {
    const head = (await cli(['--json', 'journal', 'head'])).json();
    const r = await cli(['--json', '--yes', 'approve', at('pay.req'), '--ssh-key', t.keys.alice.file, '--policy', at('policy.json'), '--out', at('alice.sig')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().keyType).toBe('ssh-ed25519');
    // The approver's journal head rides after the armor: ssh-keygen -Y verify (OpenSSH itself) still accepts the file.
    const sig = fs.readFileSync(at('alice.sig'), 'utf8');
    expect(r.json().journalAnchor).toEqual({ seq: head.seq, hash: head.head, words: head.words });
    expect(sig).toMatch(/-----END SSH SIGNATURE-----\ncoldkit-journal-anchor: \{"seq":\d+,"hash":"[0-9a-f]{64}","words":"[a-z ]+"\}\n$/);
    expect(t.keygen.verify('alice', t.keys.alice.pub, NAMESPACE.approval, sig, fs.readFileSync(at('pay.req')))).toBe(true);
    const v = await cli(['--json', 'journal', 'verify', '--anchor-from', at('alice.sig')]);
    expect(v.code, v.stderr).toBe(0);
    expect(v.json().anchors).toEqual([{ anchor: expect.stringContaining(`#${head.seq} ${head.head.slice(0, 16)}`), foundAt: head.seq }]);
  });
  it('the operator may not approve their own signing (signerMayApprove: false)', async () => {
    const r = await cli(signArgs('alice', '--approval-request', at('pay.req'), '--approval', at('alice.sig')));
    expect(r.code).toBe(3);
    expect(codes(r)).toContain('approval-by-operator');
  });
  it('an --allow-… override is refused under the policy', async () => {
    const r = await cli(signArgs('carol', '--allow-high-fee', '--approval-request', at('pay.req'), '--approval', at('alice.sig')));
    expect(r.code).toBe(3);
    expect(codes(r)).toContain('policy-override-refused');
  });
  it('a policy file that is not the adopted one is refused', async () => {
    const edited = write('edited.json', new TextDecoder().decode(v1).replace('"maxPerWindow": "0.004"', '"maxPerWindow": "4"'));
    const r = await cli(signArgs('carol', '--policy', edited, '--approval-request', at('pay.req'), '--approval', at('alice.sig')));
    expect(r.code).toBe(3);
    expect(codes(r)).toContain('policy-not-adopted');
    expect(entries().at(-1)).toMatchObject({ op: 'policy.refuse', data: { command: 'policy-file', file: edited } });
  });
  it("with alice's approval carol signs; the journal names the rule and the approver", async () => {
    const r = await cli(signArgs('carol', '--approval-request', at('pay.req'), '--approval', at('alice.sig'), '--out', at('signed.psbt')));
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().policy.rule).toBe('payroll');
    expect(r.json().policy.approvedBy).toEqual(['alice']);
    const e = entries().at(-1)!;
    expect(e.op).toBe('psbt.sign');
    expect(e.data.policy).toMatchObject({ sha256: sha256(v1), rule: 'payroll', approvals: ['alice'], operator: 'carol', outflow: '50000' });
    // The approval file's anchor line is read (not a malformed signature) and its head journaled with the decision.
    const anchor = r.json().policy.approvals[0].journalAnchor;
    expect(anchor).toMatchObject({ seq: expect.any(Number), hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(e.data.policy.approvalAnchors).toEqual([{ approver: 'alice', journalAnchor: { seq: anchor.seq, hash: anchor.hash } }]);
  });
});

describe('amending the policy', () => {
  const v2doc = policyDoc(t, { name: 'treasury-v2', admins: { quorum: 2, of: ['carol', 'dave'] } });
  const v2 = policyBytes(v2doc);
  it("an amendment approved only by the admins it appoints is refused (the adopted policy's admins decide)", async () => {
    write('v2.json', v2);
    const sigs = (['carol', 'dave'] as const).map((who) => write(`${who}-v2.sig`, t.keygen.signBytes(t.keys[who], NAMESPACE.policy, v2)));
    const r = await cli(['--json', 'policy', 'adopt', at('v2.json'), ...sigs.flatMap((s) => ['--approval', s])]);
    expect(r.code).toBe(3);
    expect(codes(r)).toEqual(expect.arrayContaining(['adoption-quorum']));
  });
  it('the quorum of the adopted policy adopts it', async () => {
    const sigs = (['alice', 'carol'] as const).map((who) => write(`${who}-v2b.sig`, t.keygen.signBytes(t.keys[who], NAMESPACE.policy, v2)));
    const r = await cli(['--json', 'policy', 'adopt', at('v2.json'), ...sigs.flatMap((s) => ['--approval', s])]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().previous.sha256).toBe(sha256(v1));
    expect((await cli(['--json', 'policy', 'show'])).json().sha256).toBe(sha256(v2));
  });
});

describe('the laptop pin (policy adopt --pin-laptop)', () => {
  const pinFile = at('pin/policy-pin.json');
  const pinned = at('pinned.jsonl');
  const run = (j: string, args: string[]) => runCli(args, { env: { COLDKIT_JOURNAL: j, COLDKIT_POLICY_PIN: pinFile }, timeoutMs: 120_000 });
  const trySign = (j: string) => run(j, signArgs('carol', '--out', at('pinned-signed.psbt')));
  it('adopting with --pin-laptop writes the pin naming the journal and the policy', async () => {
    const r = await run(pinned, ['--json', 'policy', 'adopt', at('policy.json'), '--approval', at('alice-policy.sig'), '--approval', at('bob-policy.sig'), '--pin-laptop']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(fs.readFileSync(pinFile, 'utf8'))).toMatchObject({ version: 1, journal: pinned, root: { name: 'treasury', sha256: sha256(v1) } });
    expect((await run(pinned, ['--json', 'policy', 'show'])).json().pin).toMatchObject({ journal: pinned, refusals: [] });
  });
  it('signing with another journal is refused', async () => {
    const r = await trySign(at('elsewhere.jsonl'));
    expect(r.code).toBe(3);
    expect(codes(r)).toEqual(['policy-pin-journal']);
  });
  it('signing after the pinned journal was removed is refused', async () => {
    fs.renameSync(pinned, at('pinned.jsonl.bak'));
    const r = await trySign(pinned);
    expect(r.code).toBe(3);
    expect(codes(r)).toEqual(['policy-pin-missing']);
  });
  it('a journal put in its place with a policy of its own does not lift the pin', async () => {
    fs.rmSync(pinned, { force: true });
    const own = policyBytes(policyDoc(t, { name: 'mine', admins: { quorum: 1, of: ['carol'] } }));
    const a = await run(pinned, ['policy', 'adopt', write('own.json', own), '--approval', write('carol-own.sig', t.keygen.signBytes(t.keys.carol, NAMESPACE.policy, own))]);
    expect(a.code, a.stderr).toBe(0);
    const r = await trySign(pinned);
    expect(r.code).toBe(3);
    expect(codes(r)).toEqual(['policy-pin-chain']);
  });
});
