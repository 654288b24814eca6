/**
 * `coldkit wallet create`: a vault from N cosigner exports. Reads every cosigner file, checks the
 * plan (src/core/wallet/vault.ts: duplicates refused, unhardened and non-BIP48 paths refused
 * unless overridden, the override journaled), writes the vault file and, with --export-dir, the
 * vault in the formats other wallets read. No secret is involved.
 */
import * as path from 'node:path';
import { decide, enforce } from '../../core/findings/decide.js';
import type { Cosigner } from '../../core/wallet/cosigner.js';
import { readCosignerSource, type CosignerSource } from '../../core/wallet/cosigner-source.js';
import { InputError } from '../../core/errors.js';
import { vaultTemplate } from '../../core/wallet/template.js';
import { buildVault, planFindings, vaultKindName, type VaultFile } from '../../core/wallet/vault.js';
import { bsmsRecord, caravanWallet, coldcardText, coreImport, electrumWallet } from '../../core/wallet/vault-formats.js';
import { birthdayText, parseBirthday, type CoreTimestamp } from '../../core/wallet/birthday.js';
import { descriptorChecksum } from '../../core/hd/checksum.js';
import type { Action } from '../command.js';
import { assertCreatable, assertWritable, readInputText, writeFileAtomic } from '../io.js';
import { allowedCodes, overrideFlag } from '../overrides.js';
import { receivedAnchor, type ReceivedAnchor } from '../payload-anchor.js';
import { resolveNetwork } from '../wallet-input.js';
import type { walletCreate } from '../commands/wallet.js';

/** The folder of --export-dir that holds the vault's UR crypto-output QR frames. */
const QR_DIR = 'crypto-output-qr';

/** Export files of wallets with no taproot multisig (tr(NUMS,sortedmulti_a)): written for segwit v0 vaults only. */
const SEGWIT_ONLY_FILES: Record<string, (v: VaultFile) => string> = {
  'electrum-wallet.json': (v) => JSON.stringify(electrumWallet(v), null, 2) + '\n',
  'coldcard-multisig.txt': coldcardText,
  'bsms.txt': bsmsRecord,
  'caravan-wallet.json': (v) => JSON.stringify(caravanWallet(v), null, 2) + '\n',
};

/** What --export-dir skips for a taproot vault: those files, and the QR (BCR-2020-010 has no multi_a). */
export const SEGWIT_ONLY_EXPORTS = [...Object.keys(SEGWIT_ONLY_FILES), `${QR_DIR}/`];

/** The files --export-dir writes, by name (a taproot vault: only the descriptor, Core and Sparrow files). */
export function vaultExports(v: VaultFile, birthday: CoreTimestamp = 0): Record<string, string> {
  const files: Record<string, string> = {
    'descriptor.txt': `${v.descriptor}\n${v.descriptors.receive}\n${v.descriptors.change}\n`,
    'bitcoin-core-importdescriptors.json': JSON.stringify(coreImport(v, birthday), null, 2) + '\n',
    'sparrow-descriptor.txt': `# ${v.name} (coldkit vault ${v.id}): Sparrow File > Import Wallet > Output Descriptor\n${v.descriptor}\n`,
  };
  if (v.script !== 'tr-multi') for (const [name, write] of Object.entries(SEGWIT_ONLY_FILES)) files[name] = write(v);
  return files;
}

const VAULT_CODES = ['unhardened', 'vault-path-mismatch'];

const action: Action<typeof walletCreate> = async (opts, ctx) => {
  assertWritable(opts.out, '--out');
  const t = vaultTemplate(opts.script);
  const cosigners: Cosigner[] = [];
  // Each exporting laptop's journal head its coldkit cosigner JSON carried, journaled here.
  const anchors: { input: string; fingerprint: string; anchor: ReceivedAnchor }[] = [];
  const add = (src: CosignerSource, input: string) => {
    if (src.anchor) anchors.push({ input, fingerprint: src.cosigners[0]!.fingerprint, anchor: receivedAnchor(src.anchor) });
    if (src.vault) {
      const v = src.vault;
      ctx.note(`coldkit: ${input} is a ${v.format} vault${v.name ? ` "${v.name}"` : ''} (${v.threshold} of ${src.cosigners.length}, ${v.script}): taking its ${src.cosigners.length} cosigners`);
      if (v.threshold !== opts.threshold || v.script !== t.name) ctx.note(`coldkit: NOTE that vault is ${v.threshold} of ${src.cosigners.length} ${v.script}; this one is ${opts.threshold} of n ${t.name}, so its id will differ`);
    }
    cosigners.push(...src.cosigners);
  };
  for (const [i, file] of (opts.cosigner ?? []).entries()) {
    const text = await readInputText(file, `--cosigner ${file}`, ctx.io);
    const label = file === '-' ? `cosigner ${i + 1}` : path.basename(file).replace(/\.[^.]*$/, '');
    add(readCosignerSource(text, label, t.name, `--cosigner ${file}`), `--cosigner ${file}`);
  }
  if (opts.fromQr?.length) {
    const { scanPayload } = await import('../qr/scan.js');
    for (const image of opts.fromQr) {
      const p = await scanPayload([image], ctx);
      if (p.kind !== 'account' && p.kind !== 'output') throw new InputError(`the QR payload is of kind ${p.kind}, not a cosigner or vault export (UR crypto-account, crypto-hdkey or crypto-output)`, `--from-qr ${image}`);
      const label = path.basename(image.replace(/[/\\]+$/, '')).replace(/\.[^.]*$/, '');
      add(readCosignerSource(new TextDecoder().decode(p.bytes), label, t.name, `--from-qr ${image}`), `--from-qr ${image}`);
    }
  }
  if (!cosigners.length) throw new InputError('no cosigner given: pass --cosigner FILE or --from-qr IMAGE once per cosigner (or a whole vault file)', '--cosigner');
  const net = resolveNetwork(cosigners[0]?.mainnet ?? true, ctx.globals.network);
  const plan = { name: opts.name, threshold: opts.threshold, script: t.name, cosigners, net };
  const decision = enforce(decide(planFindings(plan), allowedCodes(opts, VAULT_CODES)));
  const vault = buildVault(plan).file;
  const birthday = opts.birthday !== undefined ? parseBirthday(opts.birthday) : 0;
  const exports = opts.exportDir ? vaultExports(vault, birthday) : {};
  if (opts.exportDir) ctx.note(`bitcoin-core-importdescriptors.json: ${birthdayText(birthday)}`);
  for (const name of Object.keys(exports)) assertWritable(path.join(opts.exportDir!, name), '--export-dir');
  const taproot = vault.script === 'tr-multi';
  if (opts.exportDir && taproot) ctx.note(`coldkit: skipped for this taproot vault (those formats have no tr(NUMS,sortedmulti_a(…))): ${SEGWIT_ONLY_EXPORTS.join(', ')}`);
  const qrDir = opts.exportDir && !taproot ? path.join(opts.exportDir, QR_DIR) : undefined;
  if (qrDir) assertCreatable(qrDir, 'dir', '--export-dir');

  writeFileAtomic(opts.out, JSON.stringify(vault, null, 2) + '\n');
  const files = [opts.out];
  for (const [name, data] of Object.entries(exports)) {
    const f = path.join(opts.exportDir!, name);
    writeFileAtomic(f, data);
    files.push(f);
  }
  if (qrDir) {
    // BCR-2020-010 crypto-output (wsh 401 / sh 400 around sortedmulti 407): the vault for Sparrow, Keystone and --from-qr.
    const { emitPayload } = await import('../qr/emit.js');
    await emitPayload({ kind: 'output', bytes: new TextEncoder().encode(vault.descriptor) }, { qrPng: qrDir }, ctx);
    files.push(qrDir);
  }
  const overrides = decision.overrides.map(overrideFlag);
  for (const f of decision.overridden) ctx.note(`coldkit: OVERRIDE ${overrideFlag(f.code)} (journaled): ${f.message}`);
  for (const a of anchors) ctx.note(`${a.input}: ${a.anchor.text} (journaled here; later: journal verify --anchor-from on that laptop)`);
  ctx.note('coldkit: keep this vault file (or its descriptor) with EVERY cosigner and on each wallet card: without it the remaining seeds cannot find or spend the funds');
  return {
    result: { ...vault, files, ...(opts.exportDir && taproot ? { skipped: [...SEGWIT_ONLY_EXPORTS] } : {}), overrides, ...(anchors.length ? { journalAnchors: anchors.map((a) => ({ input: a.input, fingerprint: a.fingerprint, ...a.anchor.json })) } : {}) },
    journal: [
      {
        op: 'wallet.create',
        data: {
          name: vault.name,
          network: vault.network,
          script: vault.script,
          policy: `${vault.threshold} of ${vault.cosigners.length}`,
          vaultId: vault.id,
          words: vault.words,
          descriptorChecksum: descriptorChecksum(vault.descriptor.replace(/#.*$/, '')),
          cosigners: vault.cosigners.map((c) => ({ label: c.label, fingerprint: c.fingerprint, path: c.path })),
          firstAddress: vault.firstAddresses.receive,
          files,
          ...(anchors.length ? { journalAnchors: anchors.map((a) => ({ input: a.input, fingerprint: a.fingerprint, ...a.anchor.journal })) } : {}),
          overrides,
        },
      },
    ],
    human: (r: VaultFile & { files: string[] }) => [...describeVault(r, [r.firstAddresses.receive]), ...r.files.map((f) => `Written: ${f}`)].join('\n'),
  };
};
export default action;

/** The lines every vault view shows: policy, id words, cosigners, descriptor, first addresses. */
export function describeVault(v: VaultFile, receive: readonly string[]): string[] {
  return [
    `Vault "${v.name}": ${v.threshold} of ${v.cosigners.length}, ${vaultKindName(v.script)}${v.script === 'tr-multi' ? ' (script path only: tr(NUMS,sortedmulti_a))' : ''}, ${v.network}`,
    `  vault id    ${v.id}   words: ${v.words}   (every cosigner reads these aloud and compares)`,
    ...v.cosigners.map((c, i) => `  cosigner ${i + 1}  ${c.fingerprint}  ${c.path.padEnd(16)} ${c.label}`),
    `  descriptor  ${v.descriptor}`,
    ...receive.map((a, i) => `  receive/${i}   ${a}`),
    `  change/0    ${v.firstAddresses.change}`,
  ];
}
