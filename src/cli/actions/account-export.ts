/**
 * `coldkit account export`: watch-only account data (xpub, SLIP-132 form, descriptors with key
 * origin and BIP380 checksum, first addresses) and import files for Bitcoin Core, Sparrow and
 * Electrum; or with --chain eth the m/44'/60'/0' account and its first EIP-55 addresses.
 */
import * as path from 'node:path';
import { InputError } from '../../core/errors.js';
import { birthdayText, parseBirthday } from '../../core/wallet/birthday.js';
import { accountPath, bitcoinCoreImport, electrumImport, exportAccount, sparrowImport, type AccountExport } from '../../core/wallet/account.js';
import { descriptorChecksum } from '../../core/hd/checksum.js';
import { ethAccountExport, type EthAccountExport } from '../../core/eth/account-file.js';
import { deriveIndices, masterFingerprint, masterKey } from '../../core/hd/keys.js';
import { HARDENED, parsePath, requireHardenedAccount } from '../../core/hd/path.js';
import { scriptTemplate, vaultTemplate } from '../../core/wallet/template.js';
import { bip48Path, coldcardCosigner, cosignerEntry, exportCosigner, type CosignerExport } from '../../core/wallet/cosigner.js';
import type { BtcNetwork } from '../../core/network.js';
import type { HDKey } from '@scure/bip32';
import type { Action, Context, Outcome } from '../command.js';
import type { JournalAnchorJson } from '../../core/journal/payload-anchor.js';
import { journalAnchorOf, payloadAnchor } from '../payload-anchor.js';
import { writeFileAtomic, assertWritable } from '../io.js';
import { btcNetwork } from '../network-option.js';
import { readSeed } from '../seed-input.js';
import type { accountExport } from '../commands/account.js';
import type { OptionsOf } from '../options/spec.js';

const action: Action<typeof accountExport> = async (opts, ctx) => {
  if (opts.out) assertWritable(opts.out, '--out');
  if (opts.exportDir && opts.chain !== 'eth' && !/multi$/.test(opts.script)) {
    for (const name of EXPORT_FILES) assertWritable(path.join(opts.exportDir, name), '--export-dir');
  }
  const source = await readSeed(opts, ctx);
  const net = btcNetwork(ctx);
  const root = masterKey(source.seed, net);
  source.seed.fill(0);
  const overrides: string[] = [];

  if (opts.chain === 'eth') {
    const indices = opts.path ? parsePath(opts.path) : [44 + HARDENED, 60 + HARDENED, opts.account + HARDENED];
    if (opts.path) checkHardened(indices, opts, overrides);
    const node = deriveIndices(root, indices);
    const acc = ethAccountExport(node, masterFingerprint(root), indices, opts.count);
    const xprv = opts.reveal ? node.privateExtendedKey : undefined;
    root.wipePrivateData();
    const anchor = journalAnchorOf(ctx);
    if (opts.out) writeFileAtomic(opts.out, JSON.stringify({ ...acc, ...anchor }, null, 2) + '\n');
    if (xprv) ctx.addSecret(xprv); // shown on purpose, but never journaled
    if (xprv) ctx.note('coldkit: WARNING --reveal prints the account xprv: it controls every address of this account');
    return {
      result: { ...acc, ...(xprv ? { xprv } : {}), ...(opts.out ? { outFile: opts.out } : {}), ...anchor },
      reveals: Boolean(xprv),
      journal: [{ op: 'account.export', data: { chain: 'eth', fingerprint: acc.fingerprint, path: acc.path, xpub: acc.xpub, firstAddress: acc.addresses[0]!.address, revealed: Boolean(xprv), overrides } }],
      human: (r: EthAccountExport) =>
        [`Ethereum account ${r.path} (fingerprint ${r.fingerprint})`, `  xpub  ${r.xpub}`, ...r.addresses.map((a) => `  ${a.path.padEnd(22)} ${a.address}`), ...(xprv ? [`  xprv  ${xprv}`] : []), ...(opts.out ? [`Written to ${opts.out}`] : [])].join('\n'),
    };
  }

  if (opts.script === 'wsh-multi' || opts.script === 'sh-wsh-multi' || opts.script === 'tr-multi') return exportVaultCosigner(root, net, opts, overrides, ctx);
  const script = scriptTemplate(opts.script).name;
  const indices = opts.path ? parsePath(opts.path) : accountPath(script, net, opts.account);
  checkHardened(indices, opts, overrides);
  const acc = exportAccount(root, net, script, indices, opts.count);
  const xprv = opts.reveal ? deriveIndices(root, indices).privateExtendedKey : undefined;
  root.wipePrivateData();

  // Core's rescan start: a full rescan (0) unless told, since a seed exported here may hold old coins.
  const birthday = opts.birthday !== undefined ? parseBirthday(opts.birthday) : 0;
  const core = bitcoinCoreImport(acc, birthday);
  const files: string[] = [];
  const anchor = journalAnchorOf(ctx);
  if (opts.out) {
    writeFileAtomic(opts.out, JSON.stringify({ ...acc, ...anchor }, null, 2) + '\n');
    files.push(opts.out);
  }
  if (opts.exportDir) {
    const w = (name: string, data: string) => {
      const f = path.join(opts.exportDir!, name);
      writeFileAtomic(f, data);
      files.push(f);
    };
    w('bitcoin-core-importdescriptors.json', JSON.stringify(core, null, 2) + '\n');
    w('sparrow.json', JSON.stringify(sparrowImport(acc), null, 2) + '\n');
    if (script !== 'tr') w('electrum.json', JSON.stringify(electrumImport(acc), null, 2) + '\n');
    w('descriptor.txt', `${acc.descriptors.multipath}\n${acc.descriptors.receive}\n${acc.descriptors.change}\n`);
  }
  if (xprv) ctx.addSecret(xprv); // shown on purpose, but never journaled
  if (xprv) ctx.note('coldkit: WARNING --reveal prints the account xprv: it controls every address of this account');
  return {
    result: { ...acc, ...(xprv ? { xprv } : {}), files, imports: { bitcoinCore: core, bitcoinCoreRescan: birthdayText(birthday) }, ...anchor },
    reveals: Boolean(xprv),
    payload: { kind: 'output', bytes: new TextEncoder().encode(acc.descriptors.multipath), ...payloadAnchor(anchor) },
    journal: [
      {
        op: 'account.export',
        data: {
          chain: 'btc',
          network: net.name,
          script,
          fingerprint: acc.fingerprint,
          path: acc.path,
          xpub: acc.xpub,
          descriptorChecksums: { receive: cs(acc.descriptors.receive), change: cs(acc.descriptors.change), multipath: cs(acc.descriptors.multipath) },
          firstAddress: acc.addresses[0]!.address,
          files,
          revealed: Boolean(xprv),
          overrides,
        },
      },
    ],
    human: (r: AccountExport & { files: string[]; xprv?: string }) =>
      [
        `Account ${r.path} (${r.script}, ${r.network}), master fingerprint ${r.fingerprint}`,
        `  xpub        ${r.xpub}`,
        ...(r.slip132 ? [`  SLIP-132    ${r.slip132}`] : []),
        `  descriptor  ${r.descriptors.multipath}`,
        `  receive     ${r.descriptors.receive}`,
        `  change      ${r.descriptors.change}`,
        ...r.addresses.map((a) => `  receive/${a.index}   ${a.address}`),
        `  change/0    ${r.firstChangeAddress}`,
        ...(r.xprv ? [`  xprv        ${r.xprv}`] : []),
        ...(opts.exportDir ? [`Bitcoin Core import: ${birthdayText(birthday)}`] : []),
        ...r.files.map((f) => `Written: ${f}`),
      ].join('\n'),
  };
};

/**
 * The vault cosigner export: the BIP48 account key of this seed (`m/48'/coin'/account'/2'` or
 * `…/1'`), as coldkit cosigner JSON, key expression (the QR payload) and Coldcard generic JSON.
 */
function exportVaultCosigner(root: HDKey, net: BtcNetwork, opts: OptionsOf<typeof accountExport>, overrides: string[], ctx: Context): Outcome<CosignerExport & { files: string[]; journalAnchor?: JournalAnchorJson }> {
  const t = vaultTemplate(opts.script);
  // A taproot vault key has no SLIP-132 form, Coldcard generic-JSON entry or BCR-2020-015 crypto-account entry.
  const taproot = t.output === 'p2tr';
  if (taproot && (opts.qrPng || opts.qrHtml || opts.qrTerminal)) throw new InputError('a taproot vault cosigner key has no QR form (BCR-2020-015 crypto-account has no taproot multisig entry); carry the JSON (--out) or cosigner.txt (--export-dir)', '--qr-png');
  const extraFiles = taproot ? ['cosigner.txt'] : ['cosigner.txt', 'coldcard-cosigner.json'];
  if (opts.exportDir) for (const name of extraFiles) assertWritable(path.join(opts.exportDir, name), '--export-dir');
  const indices = opts.path ? parsePath(opts.path) : bip48Path(t, net, opts.account);
  checkHardened(indices, opts, overrides);
  if (opts.reveal) throw new InputError('--reveal is not offered for a vault cosigner key: its xprv is one of the vault keys', '--reveal');
  const c = exportCosigner(deriveIndices(root, indices), masterFingerprint(root), indices, net, t.name);
  root.wipePrivateData();
  const files: string[] = [];
  // The coldkit JSON carries this laptop's journal head (`wallet create` journals it); the key line and Coldcard JSON stay foreign-clean.
  const anchor = journalAnchorOf(ctx);
  if (opts.out) {
    writeFileAtomic(opts.out, JSON.stringify({ ...c, ...anchor }, null, 2) + '\n');
    files.push(opts.out);
  }
  if (opts.exportDir) {
    const entries: [string, string][] = [['cosigner.txt', `${c.key}\n`]];
    if (!taproot) entries.push(['coldcard-cosigner.json', JSON.stringify(coldcardCosigner(c), null, 2) + '\n']);
    for (const [name, data] of entries) {
      const f = path.join(opts.exportDir, name);
      writeFileAtomic(f, data);
      files.push(f);
    }
  }
  return {
    result: { ...c, files, ...anchor },
    // BCR-2020-015's BIP48 entry, so the QR is a crypto-account Sparrow, Keystone and SeedSigner read.
    ...(taproot ? {} : { payload: { kind: 'account' as const, bytes: new TextEncoder().encode(cosignerEntry(c)), ...payloadAnchor(anchor) } }),
    journal: [{ op: 'account.export', data: { chain: 'btc', network: net.name, script: c.script, cosigner: true, fingerprint: c.fingerprint, path: c.path, xpub: c.xpub, files, revealed: false, overrides } }],
    human: (r) =>
      [
        `Vault cosigner key ${r.path} (${r.script}, ${r.network}), master fingerprint ${r.fingerprint}`,
        `  key         ${r.key}`,
        ...(r.slip132 ? [`  SLIP-132    ${r.slip132}`] : []),
        '  Give this to the vault coordinator (`wallet create --cosigner FILE`); it holds no secret.',
        ...r.files.map((f) => `Written: ${f}`),
      ].join('\n'),
  };
}

/** The import files --export-dir writes (electrum.json not for taproot); none may exist yet. */
const EXPORT_FILES = ['bitcoin-core-importdescriptors.json', 'sparrow.json', 'electrum.json', 'descriptor.txt'];

function checkHardened(indices: number[], opts: OptionsOf<typeof accountExport>, overrides: string[]): void {
  if (indices.length < 3) throw new InputError('an account path needs at least purpose, coin type and account levels', '--path');
  requireHardenedAccount(indices, Boolean(opts.allowUnhardened));
  if (opts.allowUnhardened && indices.slice(0, 3).some((i) => i < HARDENED)) overrides.push('--allow-unhardened');
}

function cs(desc: string): string {
  return desc.split('#')[1] ?? descriptorChecksum(desc);
}
export default action;
