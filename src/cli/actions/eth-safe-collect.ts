/**
 * `coldkit eth safe collect`: every signature (the file's and the arguments') recovered against the
 * recomputed safeTxHash; duplicates and non-owners dropped (said so); ordered by owner address and
 * packed as execTransaction's `signatures`; how many more the threshold needs.
 */
import * as fs from 'node:fs';
import { InputError } from '../../core/errors.js';
import { parseSafeTxFile, safeTxFileJson } from '../../core/eth/safe/file.js';
import { hashMismatch } from '../../core/eth/safe/findings.js';
import { collectSignatures, type CollectedSignatures } from '../../core/eth/safe/signatures.js';
import { refusedBy } from '../../core/findings/decide.js';
import type { Context, Outcome } from '../command.js';
import type { ethSafeCollect as table } from '../commands/eth-safe.js';
import { assertWritable, readInputText, writeFileAtomic } from '../io.js';
import type { OptionsOf } from '../options/spec.js';
import { counted } from '../../core/text.js';

export interface SafeCollectResult extends CollectedSignatures {
  safeTxHash: string;
  threshold: number | null;
  out?: string;
}

async function signatureArg(arg: string, i: number): Promise<string> {
  const t = arg.trim();
  if (/^0x[0-9a-fA-F]+$/.test(t)) return t;
  if (!fs.existsSync(arg)) throw new InputError(`"${arg.slice(0, 60)}" is neither 0x hex nor a file`, `signature ${i + 1}`);
  return (await readInputText(arg, `signature ${i + 1}`)).trim();
}

export default async function ethSafeCollect(opts: OptionsOf<typeof table>, ctx: Context, args: string[]): Promise<Outcome<SafeCollectResult>> {
  if (!args[0]) throw new InputError('give the Safe transaction file', 'file');
  if (opts.out) assertWritable(opts.out, '--out');
  const loaded = parseSafeTxFile(await readInputText(args[0], 'file', ctx.io), 'file');
  if (loaded.claimed && loaded.claimed.safeTxHash !== loaded.hashes.safeTxHash) throw refusedBy([hashMismatch(loaded.claimed.safeTxHash, loaded.hashes.safeTxHash, 'the file')]);
  const given = await Promise.all(args.slice(1).map(signatureArg));
  const all = [...(loaded.doc.signatures ?? []), ...given];
  if (all.length === 0) throw new InputError('no signatures: give them as arguments (0x hex or files) or in the file', 'signatures');
  const c = collectSignatures(loaded.hashes.safeTxHash, all, loaded.doc.owners, loaded.doc.threshold);
  const result: SafeCollectResult = { safeTxHash: loaded.hashes.safeTxHash, threshold: loaded.doc.threshold ?? null, ...c };
  if (opts.out) {
    const doc = { ...loaded.doc, signatures: c.signatures.map((s) => s.signature) };
    writeFileAtomic(opts.out, JSON.stringify(safeTxFileJson({ ...loaded, doc }), null, 2) + '\n');
    result.out = opts.out;
  }
  return {
    result,
    human: (r) =>
      [
        `safeTxHash: ${r.safeTxHash}`,
        ...r.signatures.map((s, i) => `${i + 1}. ${s.owner}  ${s.kind}${s.verified ? ' (verified)' : ' (approved on chain: the contract checks it)'}`),
        ...r.dropped.map((d) => `dropped: ${d.owner} (${d.reason})`),
        r.missing === null ? `${counted(r.signatures.length, 'signature')}; the threshold is not in the file` : r.missing === 0 ? `threshold ${r.threshold} reached` : `${r.missing} more ${r.missing === 1 ? 'signature' : 'signatures'} needed for threshold ${r.threshold}`,
        `packed: ${r.packed}`,
        ...(r.out ? [`written: ${r.out}`] : []),
      ].join('\n'),
    journal: [{ op: 'eth.safe.collect', data: { safeTxHash: result.safeTxHash, owners: c.signatures.map((s) => s.owner), dropped: c.dropped, missing: c.missing } }],
  };
}
