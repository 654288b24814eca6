/**
 * Demo steps of the signing policy: three admins/approvers (alice, bob, carol) with SSH keys made
 * on the fly by `ssh-keygen` in the demo folder, a policy adopted with two admins' signatures, a
 * payment routed through an approval request and alice's approval, and the laptop refusing what the
 * policy does not allow: no approval, a second payment over the 24 h velocity limit, a policy file
 * that is not the adopted one. Its own journal (policy-journal.jsonl), so the other areas' signing
 * steps are not under the policy.
 *
 * Where `ssh-keygen` is not installed, the keys are sample Ed25519 keys from fixed seeds — PUBLIC
 * TEST KEYS, never for real use — and the demo signs with its own small SSHSIG signer (the format
 * ssh-keygen writes; coldkit verifies both alike). The demo says which it used.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { base64 } from '@scure/base';
import { armorSshSignature, signedData } from '../../core/ssh/sshsig.js';
import { SshWriter } from '../../core/ssh/wire.js';
import { DEMO_PAYEE } from './psbt.js';
import type { DemoRunner } from './runner.js';

const PEOPLE = ['alice', 'bob', 'carol'] as const;
const J = ['--journal', 'policy-journal.jsonl'];

/** Sign `file` as `who` in `namespace`, writing `out`: with ssh-keygen when it is there, else the sample signer. */
type Signer = (who: string, namespace: string, file: string, out: string) => void;

function keygenAvailable(): boolean {
  return spawnSync('ssh-keygen', ['-?'], { stdio: 'ignore' }).error === undefined;
}

/** Keys by ssh-keygen in the demo folder, and its -Y sign. */
function realKeys(d: DemoRunner): Signer {
  fs.mkdirSync(d.file('keys'), { recursive: true });
  for (const who of PEOPLE) {
    const f = d.file(`keys/${who}`);
    if (!fs.existsSync(f)) spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', `${who}@demo`, '-f', f], { stdio: 'ignore' });
  }
  return (who, ns, file, out) => {
    fs.rmSync(d.file(`${file}.sig`), { force: true });
    const r = spawnSync('ssh-keygen', ['-Y', 'sign', '-f', d.file(`keys/${who}`), '-n', ns, d.file(file)], { stdio: 'pipe' });
    if (r.status !== 0) throw new Error(`ssh-keygen -Y sign failed: ${String(r.stderr)}`);
    d.write(out, d.read(`${file}.sig`));
    fs.rmSync(d.file(`${file}.sig`));
  };
}

/** PUBLIC TEST KEYS from fixed seeds, and an SSHSIG Ed25519 signer (PROTOCOL.sshsig). */
function sampleKeys(d: DemoRunner): Signer {
  const seed = (who: string) => sha256(new TextEncoder().encode(`coldkit demo PUBLIC TEST KEY ${who}`));
  const blob = (who: string) => new SshWriter().string('ssh-ed25519').string(ed25519.getPublicKey(seed(who))).finish();
  for (const who of PEOPLE) d.write(`keys/${who}.pub`, `ssh-ed25519 ${base64.encode(blob(who))} ${who}@demo-PUBLIC-TEST-KEY\n`);
  return (who, ns, file, out) => {
    const msg = new TextEncoder().encode(d.read(file));
    const data = signedData(ns, new Uint8Array(), 'sha512', msg);
    const sig = new SshWriter().string('ssh-ed25519').string(ed25519.sign(data, seed(who))).finish();
    d.write(out, armorSshSignature({ keyBlob: blob(who), namespace: ns, hashAlg: 'sha512', signature: sig }));
  };
}

/** The demo policy: payroll to the demo payee (≤ 0.002 BTC, ≤ 0.002 BTC per 24 h, 1 of alice/bob), large (2 of 3). */
function policyText(d: DemoRunner): string {
  const key = (who: string) => d.read(`keys/${who}.pub`).trim();
  return (
    JSON.stringify(
      {
        $comment: 'coldkit demo policy (testnet)',
        version: 1,
        name: 'demo-treasury',
        approvers: Object.fromEntries(PEOPLE.map((p) => [p, key(p)])),
        admins: { quorum: 2, of: [...PEOPLE] },
        rules: [
          { id: 'payroll', chain: 'btc', network: 'testnet', destinations: [DEMO_PAYEE], maxPerTx: '0.002', window: '24h', maxPerWindow: '0.002', approvals: { quorum: 1, of: ['alice', 'bob'] } },
          { id: 'large', chain: 'btc', network: 'testnet', maxPerTx: '1', approvals: { quorum: 2, of: [...PEOPLE] } },
        ],
        limits: { maxFeeRate: 50, maxFeePercent: 2 },
        segregation: { signerMayApprove: false },
        drills: { every: '365d' },
      },
      null,
      2,
    ) + '\n'
  );
}

/** Run the policy steps (after the PSBT area: wallet.json and the sample UTXOs exist). */
export async function steps(d: DemoRunner): Promise<void> {
  d.section('Signing policy: adopt with admins\' SSH signatures, approve a payment, refusals');
  const real = keygenAvailable();
  const sign = real ? realKeys(d) : sampleKeys(d);
  await d.run(
    'Write a policy template',
    `policy init fills in the approvers' public keys (made just now ${real ? 'by ssh-keygen' : 'from fixed seeds: PUBLIC TEST KEYS, because ssh-keygen is not installed'}); every section carries a "$comment".`,
    ['policy', 'init', '--approver', 'alice=keys/alice.pub', '--approver', 'bob=keys/bob.pub', '--approver', 'carol=keys/carol.pub', '--out', 'policy-template.json'],
  );
  d.write('policy.json', policyText(d));
  await d.run('Check the demo policy', 'policy.json: payroll (to one payee, at most 0.002 BTC a payment and per 24 h, 1 approval of alice or bob) and large (2 of 3). check prints the SHA-256 the admins sign.', ['policy', 'check', 'policy.json']);
  sign('alice', 'coldkit-policy', 'policy.json', 'alice-policy.sig');
  sign('bob', 'coldkit-policy', 'policy.json', 'bob-policy.sig');
  await d.run(
    'Adopt it on the laptop with two admins\' signatures',
    'alice and bob signed the file with ssh-keygen -Y sign -n coldkit-policy. The journal records the file, its hash and the signatures; a later policy needs 2 of these admins.',
    [...J, 'policy', 'adopt', 'policy.json', '--approval', 'alice-policy.sig', '--approval', 'bob-policy.sig'],
  );
  await d.run(
    'Build a payment online, checked against the policy',
    'psbt create --policy says which rule the payment falls under and warns about anything the signer would refuse.',
    ['--network', 'testnet', 'psbt', 'create', '--wallet', 'wallet.json', '--utxos', 'sample-listunspent.json', '--prev-txs', 'sample-prev-txs.txt', '--to', `${DEMO_PAYEE}:0.0015`, '--fee-rate', '3', '--policy', 'policy.json', '--out', 'pay1.psbt'],
  );
  await d.run(
    'Write the approval request',
    'What moves, to whom, the fee, the rule, the PSBT\'s txid and unsigned-transaction hash, the policy hash and an expiry: the text alice reads and signs.',
    ['--network', 'testnet', 'approval', 'request', 'pay1.psbt', '--policy', 'policy.json', '--wallet', 'wallet.json', '--requested-by', 'carol', '--note', 'demo payroll 1', '--out', 'pay1.req'],
  );
  await d.run(
    'Sign without approvals: refused',
    'The laptop enforces the adopted policy: payroll needs one approval of alice or bob.',
    [...J, '--network', 'testnet', '--operator', 'carol', 'psbt', 'sign', 'pay1.psbt', '--mnemonic-file', 'sample-mnemonic.txt', '--yes', '--out', 'pay1-signed.psbt'],
    { expectExit: 3 },
  );
  sign('alice', 'coldkit-approval', 'pay1.req', 'pay1-alice.sig');
  await d.run(
    'Sign with alice\'s approval',
    'alice signed pay1.req (ssh-keygen -Y sign -n coldkit-approval). The laptop rebuilds the request from the PSBT, verifies the approval, matches rule payroll and signs; the journal names the rule and alice.',
    [...J, '--network', 'testnet', '--operator', 'carol', 'psbt', 'sign', 'pay1.psbt', '--mnemonic-file', 'sample-mnemonic.txt', '--yes', '--approval-request', 'pay1.req', '--approval', 'pay1-alice.sig', '--out', 'pay1-signed.psbt'],
  );
  await d.run(
    'A second payment the same day',
    '0.0012 BTC more to the same payee: each payment is within maxPerTx.',
    ['--network', 'testnet', 'psbt', 'create', '--wallet', 'wallet.json', '--utxos', 'sample-listunspent.json', '--prev-txs', 'sample-prev-txs.txt', '--to', `${DEMO_PAYEE}:0.0012`, '--fee-rate', '3', '--out', 'pay2.psbt'],
  );
  await d.run('Its approval request', 'The same steps as before.', ['--network', 'testnet', 'approval', 'request', 'pay2.psbt', '--policy', 'policy.json', '--wallet', 'wallet.json', '--requested-by', 'carol', '--out', 'pay2.req']);
  sign('bob', 'coldkit-approval', 'pay2.req', 'pay2-bob.sig');
  await d.run(
    'Over the 24 h velocity limit: refused',
    'bob approved, but 0.0015 + 0.0012 BTC within 24 h is above payroll\'s maxPerWindow (0.002); the refusal names what was signed in the window and when (the journal is the ledger), and is journaled.',
    [...J, '--network', 'testnet', '--operator', 'carol', 'psbt', 'sign', 'pay2.psbt', '--mnemonic-file', 'sample-mnemonic.txt', '--yes', '--approval-request', 'pay2.req', '--approval', 'pay2-bob.sig', '--out', 'pay2-signed.psbt'],
    { expectExit: 3 },
  );
  d.write('policy-edited.json', d.read('policy.json').replace('"maxPerWindow": "0.002"', '"maxPerWindow": "0.02"'));
  await d.run(
    'A policy file edited after adoption: refused',
    'Only the admins change the rules: a file that is not the adopted one byte for byte is refused.',
    [...J, '--network', 'testnet', '--operator', 'carol', 'psbt', 'sign', 'pay2.psbt', '--mnemonic-file', 'sample-mnemonic.txt', '--yes', '--policy', 'policy-edited.json', '--approval-request', 'pay2.req', '--approval', 'pay2-bob.sig'],
    { expectExit: 3 },
  );
  await d.run('What the journal holds', 'The adoption, the refusals and the signing with its rule and approvers.', [...J, 'journal', 'show']);
}
