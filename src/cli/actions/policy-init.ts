/**
 * `coldkit policy init --out FILE [--approver NAME=KEYFILE…]`: a policy template. JSON has no
 * comments, so every section carries a `"$comment"` (ignored by the parser, shown to the admins
 * who sign the file). With the approvers' public keys the template is a valid policy at once
 * (rules with limits and quorums, no destination lists); without them it names placeholder
 * approvers whose keys `policy check` asks for.
 */
import { InputError } from '../../core/errors.js';
import { parseKeyLine } from '../../core/ssh/public-key.js';
import type { Action } from '../command.js';
import type { policyInit } from '../commands/policy.js';
import { assertWritable, readFileBounded, writeFileAtomic } from '../io.js';

/** The template document for these approvers (names → key lines). */
export function templateDoc(approvers: [string, string][]): Record<string, unknown> {
  const names = approvers.map(([n]) => n);
  const two = Math.min(2, names.length);
  return {
    $comment: 'coldkit signing policy v1 (docs/formats/policy.md). Fill in, run `coldkit policy check`, then have the admins sign the file: ssh-keygen -Y sign -f KEY -n coldkit-policy policy.json',
    version: 1,
    name: 'treasury',
    approvers: { $comment: 'name → OpenSSH public key line (ssh-ed25519, ecdsa-sha2-nistp256, sk-ssh-ed25519@openssh.com, …)', ...Object.fromEntries(approvers) },
    admins: { $comment: 'who may change this policy: a later policy needs this quorum of these admins', quorum: two, of: names },
    rules: [
      {
        $comment: 'a payment falls under a rule only when all of it does: chain and network, destinations (addresses or descriptors; absent = any), maxPerTx, the window total, and its approvals',
        id: 'small',
        chain: 'btc',
        network: 'mainnet',
        maxPerTx: '0.1',
        window: '24h',
        maxPerWindow: '0.5',
        approvals: { quorum: 1, of: names },
      },
      { id: 'large', chain: 'btc', network: 'mainnet', maxPerTx: '10', approvals: { quorum: two, of: names } },
    ],
    limits: { $comment: 'fee limits for every payment: sat/vB, percent of the amount sent', maxFeeRate: 200, maxFeePercent: 2 },
    segregation: { $comment: 'false: the operator running the signer (--operator) cannot approve', signerMayApprove: false },
    drills: { every: '365d' },
    ceremony: { requireOffline: true },
    requests: { maxLifetime: '7d' },
  };
}

const action: Action<typeof policyInit> = async (opts) => {
  assertWritable(opts.out, '--out');
  const approvers: [string, string][] = [];
  for (const a of opts.approver ?? []) {
    const m = /^([A-Za-z][A-Za-z0-9._-]{0,31})=(.+)$/.exec(a);
    if (!m) throw new InputError(`"${a}" must be NAME=PUBLIC_KEY_FILE, e.g. alice=alice.pub`, '--approver');
    const line = Buffer.from(readFileBounded(m[2]!, '--approver')).toString('utf8').trim().split('\n')[0]!;
    parseKeyLine(line, `--approver ${m[1]}`);
    if (approvers.some(([n]) => n === m[1])) throw new InputError(`"${m[1]}" is given twice`, '--approver');
    approvers.push([m[1]!, line]);
  }
  const placeholders = approvers.length === 0;
  const list: [string, string][] = placeholders ? ['alice', 'bob', 'carol'].map((n) => [n, `REPLACE-WITH ${n}'s public key line, e.g. the contents of ~/.ssh/id_ed25519.pub`]) : approvers;
  const text = JSON.stringify(templateDoc(list), null, 2) + '\n';
  writeFileAtomic(opts.out, text);
  return {
    result: { out: opts.out, approvers: list.map(([n]) => n), placeholders },
    human: (r) => `written: ${r.out}${r.placeholders ? ' (replace the placeholder approver keys, then run coldkit policy check)' : ''}`,
  };
};
export default action;
