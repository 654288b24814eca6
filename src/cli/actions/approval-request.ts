/**
 * `coldkit approval request PAYLOAD --policy FILE --out req.txt`: the text approvers read and sign
 * (docs/formats/approval-request.md). The payload is reviewed as the signer will review it — a PSBT
 * with the watch-only account to prove change (--descriptor/--wallet), an Ethereum transaction
 * (hex or ur:eth-sign-request) with its sender, a Safe transaction with its recomputed safeTxHash —
 * and must fall under a rule of the policy, approvals and velocity aside (the signer checks those).
 * Runs online or offline; nothing secret is read.
 */
import * as os from 'node:os';
import { RefusedError, InputError } from '../../core/errors.js';
import { refusal, RANK } from '../../core/findings/finding.js';
import { parseDuration } from '../../core/policy/duration.js';
import { feeFindings } from '../../core/policy/evaluate.js';
import { judgeRule } from '../../core/policy/match.js';
import { parsePolicy } from '../../core/policy/parse.js';
import type { PolicyPayload } from '../../core/policy/payload.js';
import { formatRequest, isoSeconds } from '../../core/policy/request.js';
import { sha256Hex } from '../../core/journal/native.js';
import { sanitize } from '../../core/text.js';
import type { Action, Context } from '../command.js';
import type { approvalRequest } from '../commands/approval.js';
import type { OptionsOf } from '../options/spec.js';
import { assertWritable, readInputFile, writeFileAtomic } from '../io.js';
import { readPayloadInput } from '../payload.js';

type Options = OptionsOf<typeof approvalRequest>;

/** Review the payload file as its signer will, into the policy's payload model. */
export async function payloadOf(bytes: Uint8Array, opts: Options, ctx: Context): Promise<PolicyPayload> {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 4096)).trim();
  const isPsbt = bytes[0] === 0x70 && bytes[1] === 0x73 && bytes[2] === 0x62 && bytes[3] === 0x74 && bytes[4] === 0xff;
  if (isPsbt || /^cHNidP8/.test(text) || /^70736274ff/i.test(text)) {
    const [{ readWatchAccount }, { prepare }, { DescriptorKeys }, { btcPayload }] = await Promise.all([
      import('../wallet-input.js'),
      import('../../core/btc/signer.js'),
      import('../../core/wallet/key-source.js'),
      import('../../core/policy/btc-payload.js'),
    ]);
    const account = await readWatchAccount(opts, ctx);
    const p = await prepare(bytes, { network: account.net, keys: new DescriptorKeys(account.descriptor, account.net), field: 'payload' });
    return btcPayload(p.review);
  }
  if (text.startsWith('{')) {
    const [{ safeTxOfJson }, { safeTxFieldsOf, safeTxPayload }, { parseUint }, { UINT64_MAX }] = await Promise.all([
      import('../eth/safe.js'),
      import('../../core/policy/eth-payload.js'),
      import('../../core/amount.js'),
      import('../../core/eth/tx.js'),
    ]);
    // The same reader and the same hash as `eth safe sign` (src/core/eth/safe), so the request
    // names the safeTxHash the signer's policy gate will see, for every Safe version.
    const chainId = opts.chainId !== undefined ? parseUint(opts.chainId, '--chain-id', UINT64_MAX) : undefined;
    const service = chainId !== undefined ? { chainId, safeVersion: opts.safeVersion } : undefined;
    const { loaded } = safeTxOfJson(new TextDecoder().decode(bytes), 'payload', opts.chainId, service);
    if (loaded.claimed && loaded.claimed.safeTxHash !== loaded.hashes.safeTxHash) {
      throw new InputError(`${loaded.claimed.source} says safeTxHash ${loaded.claimed.safeTxHash.slice(0, 18)}… but its fields hash to ${loaded.hashes.safeTxHash} (Safe ${loaded.doc.safeVersion}): the file is inconsistent, or --safe-version is wrong`, 'payload');
    }
    return safeTxPayload(safeTxFieldsOf(loaded));
  }
  const [{ parseSignRequestUr }, { decodeTx }, { reviewTx }, { ethTxPayload, evmTxOf }, { parseAddress }, { toHex }, { txTypeFindings }] = await Promise.all([
    import('../../core/eth/request.js'),
    import('../../core/eth/tx.js'),
    import('../../core/eth/review.js'),
    import('../../core/policy/eth-payload.js'),
    import('../../core/eth/account.js'),
    import('../../core/text.js'),
    import('../../core/eth/findings.js'),
  ]);
  let hex = text;
  let from = opts.from ? parseAddress(opts.from, '--from') : null;
  if (/^ur:/i.test(text)) {
    const req = parseSignRequestUr(text);
    if (req.dataType !== 1 && req.dataType !== 4) throw new InputError('this eth-sign-request is not a transaction', 'payload');
    hex = '0x' + toHex(req.signData);
    if (req.address && !from) from = parseAddress('0x' + toHex(req.address), 'payload address');
  }
  if (!/^(0x)?[0-9a-fA-F]+$/.test(hex)) throw new InputError('is not a PSBT, an unsigned Ethereum transaction (hex or ur:eth-sign-request) or a Safe transaction', 'payload');
  // A known type coldkit does not sign (EIP-4844, EIP-7702) is the signer's refusal, not bad input.
  const unsupported = txTypeFindings(parseInt(hex.replace(/^0x/, '').slice(0, 2), 16));
  if (unsupported.length) throw new RefusedError(unsupported[0]!.message, [], unsupported);
  const decoded = decodeTx(hex.startsWith('0x') ? hex : '0x' + hex, 'payload');
  if (!from) throw new InputError('give the sender with --from ADDRESS (the policy checks the wallet it spends from)', '--from');
  return ethTxPayload(evmTxOf(reviewTx(decoded, from)));
}

function loginName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'unknown';
  }
}

const action: Action<typeof approvalRequest> = async (opts, ctx, args) => {
  assertWritable(opts.out, '--out');
  const policy = parsePolicy(await readInputFile(opts.policy, '--policy', ctx.io), '--policy');
  const lifetime = parseDuration(opts.expires, '--expires');
  if (lifetime > policy.requests.maxLifetimeMs) throw new InputError(`is longer than the policy's requests.maxLifetime`, '--expires');
  const payload = await payloadOf((await readPayloadInput(ctx, { file: args[0] }, 'payload', { urText: false })).bytes, opts, ctx);

  // The rule: the one named, or the first that allows the payload (approvals and velocity are the signer's to check).
  const ignore = { approvals: true, velocity: true };
  const nowMs = Math.floor(ctx.now().getTime() / 1000) * 1000;
  const verdicts = (opts.rule ? policy.rules.filter((r) => r.id === opts.rule) : policy.rules).map((r) => judgeRule(r, payload, { approvers: new Set(), ledger: [], nowMs, ignore }));
  if (opts.rule && verdicts.length === 0) throw new InputError(`the policy has no rule "${sanitize(opts.rule)}" (rules: ${policy.rules.map((r) => r.id).join(', ')})`, '--rule');
  const match = verdicts.find((v) => v.allowed);
  if (!match) {
    const why = verdicts.map((v) => `rule "${v.rule}" ${v.reasons.join(', ')}`).join('; ');
    const f = refusal('policy-no-rule', RANK.policy, `no rule of policy "${policy.name}" would allow this payload, approvals aside: ${why}`, 'policy:rules');
    throw new RefusedError(f.message, [], [f]);
  }
  for (const f of feeFindings(payload, policy)) ctx.note(`coldkit: WARNING: the signer will refuse: ${f.message}`);

  const meta = {
    rule: match.rule,
    requestedBy: opts.requestedBy ?? ctx.globals.operator ?? loginName(),
    created: nowMs,
    expires: nowMs + lifetime,
    ...(opts.note !== undefined ? { note: opts.note } : {}),
  };
  const text = formatRequest(payload, policy, meta);
  writeFileAtomic(opts.out, text);
  const result = {
    out: opts.out,
    sha256: sha256Hex(text),
    policy: { name: policy.name, sha256: policy.sha256 },
    rule: match.rule,
    needs: policy.rules.find((r) => r.id === match.rule)!.approvals,
    expires: isoSeconds(meta.expires),
    text,
  };
  return {
    result,
    human: (r) =>
      [
        r.text.trimEnd(),
        '',
        `written: ${r.out}`,
        `rule "${r.rule}" needs ${r.needs.quorum} approval${r.needs.quorum === 1 ? '' : 's'}${r.needs.quorum ? ` of ${r.needs.of.join(', ')}` : ''}: each approver reads it and runs`,
        `  ssh-keygen -Y sign -f ~/.ssh/id_ed25519 -n coldkit-approval ${r.out}    (or: coldkit approve ${r.out} --ssh-key KEY)`,
      ].join('\n'),
    journal: [{ op: 'approval.request', data: { sha256: result.sha256, policy: policy.sha256, rule: match.rule, payload: text.split('\n').find((l) => l.startsWith('digest: '))!.slice(8), requestedBy: meta.requestedBy, expires: result.expires } }],
  };
};
export default action;
