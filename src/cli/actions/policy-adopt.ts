/**
 * `coldkit policy adopt FILE --approval SIG…`: make FILE the policy this laptop's signers enforce.
 * The admins sign the file's bytes (`ssh-keygen -Y sign -f KEY -n coldkit-policy FILE`); the first
 * adoption needs the quorum of the file's own admins, a later one the quorum of the adopted
 * policy's admins (core: src/core/policy/adoption.ts). The journal entry `policy.adopt` keeps the
 * file, its SHA-256 and the signatures, so any later reader re-verifies the adoption.
 */
import * as path from 'node:path';
import { InputError } from '../../core/errors.js';
import { enforceAdoption, judgeAdoption } from '../../core/policy/adoption.js';
import { sanitize } from '../../core/text.js';
import type { Action } from '../command.js';
import type { policyAdopt } from '../commands/policy.js';
import { readFileBounded, readInputFile } from '../io.js';
import { journalPath } from '../journal-file.js';
import { ADOPT_OP, policyState } from '../policy/journal-policy.js';
import { withJournal } from '../execute.js';
import { RefusedError } from '../../core/errors.js';
import { policySummary } from './policy-check.js';
import { pinPath, readPin, writePin } from '../policy/pin.js';

const action: Action<typeof policyAdopt> = async (opts, ctx, args) => {
  const file = args[0]!;
  if (!opts.approval?.length) throw new InputError("give the admins' signatures of the file: --approval alice.sig --approval bob.sig (ssh-keygen -Y sign -f KEY -n coldkit-policy FILE)", '--approval');
  const bytes = await readInputFile(file, 'policy', ctx.io);
  const sigs = opts.approval.map((f) => ({ label: f, text: Buffer.from(readFileBounded(f, '--approval')).toString('utf8') }));
  const { adopted } = policyState(journalPath(ctx.globals.journal, ctx.env));
  const judged = judgeAdoption(bytes, sigs, adopted, ctx.now().getTime(), file);
  try {
    enforceAdoption(judged);
  } catch (e) {
    if (e instanceof RefusedError) {
      throw withJournal(e, [{ op: 'policy.refuse', data: { command: 'policy.adopt', sha256: judged.policy.sha256, name: judged.policy.name, previous: adopted?.policy.sha256 ?? null, findings: e.findings.map((f) => ({ code: f.code, message: f.message })) } }]);
    }
    throw e;
  }
  const journal = path.resolve(journalPath(ctx.globals.journal, ctx.env));
  let pinned: string | undefined;
  if (opts.pinLaptop) {
    const existing = readPin(ctx.env);
    // Re-pinning the same journal with an amendment changes nothing: the pin's root stays in the chain.
    if (existing && existing.journal === journal && adopted?.chain.includes(existing.root.sha256)) pinned = pinPath(ctx.env);
    else pinned = writePin(ctx.env, { version: 1, journal, root: { name: judged.policy.name, sha256: judged.policy.sha256 }, pinnedAt: ctx.now().toISOString() });
  }
  const result = {
    adopted: true,
    ...(pinned ? { pin: { file: pinned, journal } } : {}),
    ...policySummary(judged.policy),
    previous: adopted ? { name: adopted.policy.name, sha256: adopted.policy.sha256, seq: adopted.seq } : null,
    quorumOf: judged.groupOf === 'own' ? 'the policy\'s own admins (first adoption)' : `the admins of the adopted policy "${adopted!.policy.name}"`,
    approvedBy: judged.valid.map((v) => ({ approver: v.approver, key: v.key })),
  };
  return {
    result,
    human: (r: typeof result) =>
      [
        `adopted policy "${sanitize(judged.policy.name)}"`,
        `sha256: ${judged.policy.sha256}`,
        `approved by ${r.approvedBy.map((a) => `${a.approver} (${a.key})`).join(', ')} — ${r.quorumOf}`,
        adopted ? `replaces "${sanitize(adopted.policy.name)}" sha256:${adopted.policy.sha256} (journal #${adopted.seq})` : 'first policy on this journal',
        'from now on every signing command on this laptop enforces it',
        ...(r.pin ? [`laptop pinned (${r.pin.file}): signing only with journal ${r.pin.journal}`] : []),
      ].join('\n'),
    journal: [{ op: ADOPT_OP, data: { ...judged.data, ...(pinned ? { pin: { file: pinned, journal } } : {}) } }],
  };
};
export default action;
