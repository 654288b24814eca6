/**
 * `coldkit approve REQUEST --ssh-key KEY`: sign an approval request as an approver — shows the
 * request, asks, and runs `ssh-keygen -Y sign -f KEY -n coldkit-approval REQUEST`, so keys in
 * ssh-agent, on a FIDO security key or behind a passphrase work exactly as with ssh-keygen itself
 * (coldkit never reads the private key). The signature is checked with coldkit's own verifier
 * before it is reported. With `--policy FILE` the request's policy hash is checked first.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { InputError, RuntimeFailure, VerificationError } from '../../core/errors.js';
import { sha256Hex } from '../../core/journal/native.js';
import { anchorOfHead, anchorTrailer } from '../../core/journal/payload-anchor.js';
import { NAMESPACE } from '../../core/policy/policy.js';
import { parseRequest } from '../../core/policy/request.js';
import { fingerprint } from '../../core/ssh/public-key.js';
import { verifySshSignature } from '../../core/ssh/signature-verify.js';
import { parseSshSignature } from '../../core/ssh/sshsig.js';
import { sanitize } from '../../core/text.js';
import type { Action } from '../command.js';
import type { approve } from '../commands/approve.js';
import { assertWritable, readInputFile, writeFileAtomic } from '../io.js';
import { journalAnchorOf } from '../payload-anchor.js';

const action: Action<typeof approve> = async (opts, ctx, args) => {
  const file = args[0]!;
  const text = new TextDecoder().decode(await readInputFile(file, 'request', ctx.io));
  const req = parseRequest(text, file);
  if (opts.policy) {
    const sha = sha256Hex(await readInputFile(opts.policy, '--policy', ctx.io));
    if (sha !== req.policySha256) throw new VerificationError(`${file} was made under policy sha256:${req.policySha256.slice(0, 16)}…, not ${opts.policy} (sha256:${sha.slice(0, 16)}…); do not approve it`);
  }
  if (ctx.now().getTime() > req.expires) throw new VerificationError(`${file} expired at ${new Date(req.expires).toISOString()}; ask for a new request`);
  const out = opts.out ?? `${file}.sig`;
  assertWritable(out, '--out');
  if (!fs.existsSync(opts.sshKey)) throw new InputError(`cannot read "${opts.sshKey}"`, '--ssh-key');
  ctx.note(text.split('\n').map(sanitize).join('\n'));
  await ctx.prompt.confirm(`Approve this request with ${opts.sshKey}?`);
  // ssh-keygen writes REQUEST.sig itself; sign a private copy so an existing .sig is never clobbered half-way.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'coldkit-approve-'));
  try {
    const copy = `${tmp}/request.txt`;
    fs.writeFileSync(copy, text);
    const r = spawnSync('ssh-keygen', ['-Y', 'sign', '-f', opts.sshKey, '-n', NAMESPACE.approval, copy], { stdio: ['inherit', 'pipe', 'pipe'] });
    if (r.error) throw new RuntimeFailure(`cannot run ssh-keygen (${(r.error as NodeJS.ErrnoException).code}); install OpenSSH's client`);
    if (r.status !== 0) throw new RuntimeFailure(`ssh-keygen -Y sign failed: ${sanitize(String(r.stderr).trim().split('\n').pop() ?? '')}`);
    const sigText = fs.readFileSync(`${copy}.sig`, 'utf8');
    const sig = parseSshSignature(sigText, 'ssh-keygen output');
    const check = verifySshSignature(sig, new TextEncoder().encode(text), { noTouchRequired: true, verifyRequired: false });
    if (!check.valid || sig.namespace !== NAMESPACE.approval) throw new VerificationError(`the signature ssh-keygen made does not verify (${check.valid ? 'namespace' : check.reason}); nothing was written`);
    // The approver's journal head, after the armor where ssh-keygen -Y verify does not look (payload-anchor.ts).
    const anchor = anchorOfHead(ctx.journalHead);
    const anchorField = journalAnchorOf(ctx);
    writeFileAtomic(out, sigText + (anchor ? anchorTrailer(anchor) : ''));
    const result = { out, request: file, requestSha256: sha256Hex(text), key: fingerprint(sig.key), keyType: sig.key.type, rule: req.rule, expires: new Date(req.expires).toISOString(), ...anchorField };
    return { result, human: (x) => `approval written: ${x.out} (${x.keyType} ${x.key}); send it to the signer with the request` };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
};
export default action;
