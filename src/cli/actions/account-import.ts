/**
 * `coldkit account import`: turn another wallet's watch-only export (Sparrow, Keystone, SeedSigner,
 * Coldcard…: a QR `crypto-account` / `crypto-output` / `crypto-hdkey`, or descriptor text) into
 * the coldkit account file that `--wallet` reads. No secret is involved.
 */
import { descriptorChecksum } from '../../core/hd/checksum.js';
import { publicNode } from '../../core/hd/keys.js';
import { requireHardenedAccount } from '../../core/hd/path.js';
import { chooseAccountDescriptor } from '../../core/wallet/account-import.js';
import { describeAccount, type AccountExport } from '../../core/wallet/account.js';
import { scriptTemplate } from '../../core/wallet/template.js';
import { InputError } from '../../core/errors.js';
import { urToPayload } from '../../core/transport/payload-ur.js';
import { descriptorLines } from '../../core/transport/ur/account-text.js';
import { decodeUrSingle } from '../../core/transport/ur/ur.js';
import type { Action } from '../command.js';
import { assertWritable, writeFileAtomic } from '../io.js';
import { readPayloadInput } from '../payload.js';
import { resolveNetwork } from '../wallet-input.js';
import type { accountImport } from '../commands/account.js';

type Result = AccountExport & { source: string; digest: string; file?: string };

const action: Action<typeof accountImport> = async (opts, ctx, args) => {
  if (opts.out) assertWritable(opts.out, '--out');
  const input = await readPayloadInput(ctx, { file: args[0], fromQr: opts.fromQr }, 'account');
  if (input.kind && input.kind !== 'account' && input.kind !== 'output') {
    throw new InputError(`the QR payload is ${input.kind === 'psbt' ? 'a PSBT' : `of kind ${input.kind}`}, not an account export`, '--from-qr');
  }
  const lines = descriptorLines(input.bytes, 'account');
  // A file holding one UR (e.g. "ur:crypto-account/…" copied from a wallet) is decoded like a scanned QR.
  const text = lines.length === 1 && /^ur:/i.test(lines[0]!) ? descriptorLines(urToPayload(decodeUrSingle(lines[0]!)).bytes, 'account') : lines;
  const d = chooseAccountDescriptor(text, opts.script ? scriptTemplate(opts.script).name : undefined, input.source === 'qr' ? '--from-qr' : 'account');
  const key = d.keys[0]!;
  const overrides: string[] = [];
  requireHardenedAccount(key.originPath!, Boolean(opts.allowUnhardened), 'account path');
  if (opts.allowUnhardened && key.originPath!.slice(0, 3).some((i) => i < 0x80000000)) overrides.push('--allow-unhardened');
  const net = resolveNetwork(d.mainnet, ctx.globals.network);
  const acc = describeAccount(publicNode(key.xpub, net), key.fingerprint!, key.originPath!, net, d.script, opts.count);
  if (opts.out) writeFileAtomic(opts.out, JSON.stringify(acc, null, 2) + '\n');
  const result: Result = { ...acc, source: input.source, digest: input.digest, ...(opts.out ? { file: opts.out } : {}) };
  return {
    result,
    journal: [
      {
        op: 'account.import',
        data: {
          network: net.name,
          script: acc.script,
          fingerprint: acc.fingerprint,
          path: acc.path,
          xpub: acc.xpub,
          descriptorChecksum: descriptorChecksum(acc.descriptors.multipath.split('#')[0]!),
          firstAddress: acc.addresses[0]!.address,
          source: input.source,
          digest: input.digest,
          ...(opts.out ? { file: opts.out } : {}),
          overrides,
        },
      },
    ],
    human: (r: Result) =>
      [
        `Imported ${r.script} account ${r.path} (${r.network}), master fingerprint ${r.fingerprint} — from ${r.source}, digest: ${r.digest}`,
        `  descriptor  ${r.descriptors.multipath}`,
        ...r.addresses.map((a) => `  receive/${a.index}   ${a.address}`),
        `  change/0    ${r.firstChangeAddress}`,
        'Compare the first address with the one the exporting wallet shows before you rely on this file.',
        ...(r.file ? [`Written: ${r.file} (use it with --wallet)`] : []),
      ].join('\n'),
  };
};
export default action;
