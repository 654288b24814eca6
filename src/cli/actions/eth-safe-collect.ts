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
import { receivedAnchor } from '../payload-anchor.js';
import { anchorInJson, type JournalAnchorJson, type PayloadAnchor } from '../../core/journal/payload-anchor.js';
import { counted } from '../../core/text.js';

export interface SafeCollectResult extends CollectedSignatures {
  safeTxHash: string;
  threshold: number | null;
  out?: string;
  /** The owners' journal heads their signature files (`eth safe sign --json` output) carried. */
  journalAnchors?: ({ file: string } & { journalAnchor?: JournalAnchorJson })[];
}

/**
 * One signature argument: 0x hex, a file with it, or `eth safe sign --json`'s output saved as it is
 * (its `signature`, and the owner's journal head it carries, `journalAnchor`, journaled here).
 */
async function signatureArg(arg: string, i: number): Promise<{ signature: string; file?: string; anchor?: PayloadAnchor }> {
  const t = arg.trim();
  const field = `signature ${i + 1}`;
  if (/^0x[0-9a-fA-F]+$/.test(t)) return { signature: t };
  if (!fs.existsSync(arg)) throw new InputError(`"${arg.slice(0, 60)}" is neither 0x hex nor a file`, field);
  const text = (await readInputText(arg, field)).trim();
  if (!text.startsWith('{')) return { signature: text, file: arg };
  let doc: { signature?: unknown };
  try {
    doc = JSON.parse(text) as typeof doc;
  } catch {
    throw new InputError('starts with "{" but is not valid JSON (expected 0x hex or `eth safe sign --json` output)', field);
  }
  if (typeof doc?.signature !== 'string') throw new InputError('is JSON without `signature`: give 0x hex or the output of `eth safe sign --json`', field);
  const anchor = anchorInJson(doc, `${field} journalAnchor`);
  return { signature: doc.signature, file: arg, ...(anchor ? { anchor } : {}) };
}

export default async function ethSafeCollect(opts: OptionsOf<typeof table>, ctx: Context, args: string[]): Promise<Outcome<SafeCollectResult>> {
  if (!args[0]) throw new InputError('give the Safe transaction file', 'file');
  if (opts.out) assertWritable(opts.out, '--out');
  const loaded = parseSafeTxFile(await readInputText(args[0], 'file', ctx.io), 'file');
  if (loaded.claimed && loaded.claimed.safeTxHash !== loaded.hashes.safeTxHash) throw refusedBy([hashMismatch(loaded.claimed.safeTxHash, loaded.hashes.safeTxHash, 'the file')]);
  const read = await Promise.all(args.slice(1).map(signatureArg));
  const given = read.map((r) => r.signature);
  // The owners' journal heads their `eth safe sign --json` files carried (payload-anchor.ts).
  const anchors = read.flatMap((r) => (r.anchor ? [{ file: r.file!, anchor: receivedAnchor(r.anchor) }] : []));
  for (const a of anchors) ctx.note(`${a.file}: ${a.anchor.text} (journaled here; later: journal verify --anchor-from on that laptop)`);
  const all = [...(loaded.doc.signatures ?? []), ...given];
  if (all.length === 0) throw new InputError('no signatures: give them as arguments (0x hex or files) or in the file', 'signatures');
  const c = collectSignatures(loaded.hashes.safeTxHash, all, loaded.doc.owners, loaded.doc.threshold);
  const result: SafeCollectResult = { safeTxHash: loaded.hashes.safeTxHash, threshold: loaded.doc.threshold ?? null, ...c, ...(anchors.length ? { journalAnchors: anchors.map((a) => ({ file: a.file, ...a.anchor.json })) } : {}) };
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
    journal: [{ op: 'eth.safe.collect', data: { safeTxHash: result.safeTxHash, owners: c.signatures.map((s) => s.owner), dropped: c.dropped, missing: c.missing, ...(anchors.length ? { journalAnchors: anchors.map((a) => ({ file: a.file, ...a.anchor.journal })) } : {}) } }],
  };
}
