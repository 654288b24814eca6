/**
 * A vault in the formats other coordinators and signers read, and back. Every format carries the
 * same policy (threshold, script type, each cosigner's fingerprint, path and xpub); `readVaultText`
 * turns any of them into the vault descriptor, so a vault can move between tools and be checked
 * against its origin:
 *
 * - descriptor text (Bitcoin Core `importdescriptors`, Sparrow, Liana, BDK), BIP380/389;
 * - Electrum wallet file: `wallet_type: "kofn"`, keystores `x1/ x2/ …` with the SLIP-132 Zpub/Ypub;
 * - Coldcard multisig setup text (also Keystone, Passport, SeedSigner): `Name:`, `Policy: k of n`,
 *   `Format: P2WSH|P2SH-P2WSH`, `Derivation:` and one `XFP: xpub` line per cosigner;
 * - BIP129 BSMS 1.0 descriptor record: version line, descriptor template (`/**`), path
 *   restrictions `/0/*,/1/*`, first address (checked on reading);
 * - Unchained Caravan wallet config JSON: `quorum {requiredSigners,totalSigners}`,
 *   `extendedPublicKeys [{name,bip32Path,xpub,xfp}]`, `addressType`, `network`.
 */
import { InputError, VerificationError } from '../errors.js';
import { parsePath } from '../hd/path.js';
import { normalizeExtendedPublic } from '../hd/slip132.js';
import { NETWORKS, type NetworkName } from '../network.js';
import { verifyChecksum, withChecksum } from '../hd/checksum.js';
import { slip132Form } from './account.js';
import { keyExpression } from './cosigner.js';
import { parseDescriptor, type Descriptor } from './descriptor.js';
import { template, type TemplateName } from './template.js';
import type { VaultFile } from './vault.js';
import { Wallet } from './wallet.js';

const apostrophe = (p: string) => p.replace(/h/g, "'");

/** The formats that can hold a taproot vault `tr(NUMS,sortedmulti_a(…))`: descriptor text (Core, Sparrow). */
export const TAPROOT_VAULT_FORMATS = ['descriptor text', 'Bitcoin Core importdescriptors', 'Sparrow descriptor'] as const;

/** Refuse writing a taproot vault into a format with no taproot multisig (InputError naming the format). */
function requireSegwitVault(v: Pick<VaultFile, 'script'>, format: string): void {
  if (template(v.script).output === 'p2tr') {
    throw new InputError(`the ${format} has no taproot multisig (tr(NUMS,sortedmulti_a(…))); give other wallets the descriptor (${TAPROOT_VAULT_FORMATS.join(', ')})`, '--export-dir');
  }
}

/** Bitcoin Core `importdescriptors` request body: receive and change, watch-only, active. */
export function coreImport(v: VaultFile, timestamp: number | 'now' = 'now'): unknown[] {
  return [
    { desc: v.descriptors.receive, active: true, internal: false, timestamp, range: [0, 999] },
    { desc: v.descriptors.change, active: true, internal: true, timestamp, range: [0, 999] },
  ];
}

/** The Electrum wallet file (watch-only multisig; Electrum 4 opens it and lists the same addresses). */
export function electrumWallet(v: VaultFile): Record<string, unknown> {
  requireSegwitVault(v, 'Electrum wallet file');
  const t = template(v.script);
  const out: Record<string, unknown> = { wallet_type: `${v.threshold}of${v.cosigners.length}`, use_encryption: false, seed_version: 50 };
  v.cosigners.forEach((c, i) => {
    out[`x${i + 1}/`] = {
      type: 'bip32',
      xpub: slip132Form(c.xpub, t, v.network === 'mainnet')!,
      xprv: null,
      derivation: apostrophe(c.path),
      root_fingerprint: c.fingerprint,
      label: c.label,
      pw_hash_version: 1,
    };
  });
  return out;
}

/** Coldcard's multisig setup file (one `Derivation:` line per cosigner, as Coldcard writes when paths differ). */
export function coldcardText(v: VaultFile): string {
  requireSegwitVault(v, 'Coldcard multisig setup file');
  const format = v.script === 'wsh-multi' ? 'P2WSH' : 'P2SH-P2WSH';
  const lines = [`# Coldcard multisig setup file (written by coldkit, vault ${v.id})`, '#', `Name: ${coldcardName(v.name)}`, `Policy: ${v.threshold} of ${v.cosigners.length}`, `Format: ${format}`, ''];
  for (const c of v.cosigners) lines.push(`Derivation: ${apostrophe(c.path)}`, `${c.fingerprint.toUpperCase()}: ${c.xpub}`, '');
  return lines.join('\n');
}

/** Coldcard keeps names of at most 20 printable ASCII characters. */
function coldcardName(name: string): string {
  return name.replace(/[^\x20-\x7e]/g, '_').slice(0, 20);
}

/** The BIP129 BSMS 1.0 descriptor record: template with `/**`, the restrictions, the first address. */
export function bsmsRecord(v: VaultFile): string {
  requireSegwitVault(v, 'BIP129 BSMS record');
  const template129 = withChecksum(v.descriptor.replace(/#.*$/, '').replace(/\/<0;1>\/\*/g, '/**'));
  return ['BSMS 1.0', template129, '/0/*,/1/*', v.firstAddresses.receive].join('\n') + '\n';
}

/** Unchained Caravan's wallet configuration JSON. */
export function caravanWallet(v: VaultFile): Record<string, unknown> {
  requireSegwitVault(v, 'Caravan wallet config');
  return {
    name: v.name,
    addressType: v.script === 'wsh-multi' ? 'P2WSH' : 'P2SH-P2WSH',
    network: v.network === 'mainnet' ? 'mainnet' : v.network === 'regtest' ? 'regtest' : 'testnet',
    client: { type: 'public' },
    quorum: { requiredSigners: v.threshold, totalSigners: v.cosigners.length },
    extendedPublicKeys: v.cosigners.map((c) => ({ name: c.label, bip32Path: apostrophe(c.path), xpub: c.xpub, xfp: c.fingerprint, method: 'text' })),
    startingAddressIndex: 0,
  };
}

/** A vault read from another format: its descriptor, and its name and labels when the format has them. */
export interface ForeignVault {
  format: 'coldkit' | 'descriptor' | 'electrum' | 'coldcard' | 'bsms' | 'caravan';
  descriptor: Descriptor;
  name?: string;
  labels?: string[];
  network?: NetworkName;
  /** BSMS: the record's first address (already checked against the descriptor's on reading). */
  firstAddress?: string;
}

function vaultDescriptor(script: TemplateName, threshold: number, keys: { fp: string; path: string; xpub: string }[], field: string): Descriptor {
  const inner = `sortedmulti(${threshold},${keys.map((k) => `${keyExpression(k.fp.toLowerCase(), parsePath(k.path.startsWith('m') ? k.path : `m/${k.path}`, field), normalizeExtendedPublic(k.xpub, field).xpub)}/<0;1>/*`).join(',')})`;
  return parseDescriptor(script === 'wsh-multi' ? `wsh(${inner})` : `sh(wsh(${inner}))`, field);
}

function scriptOfFormat(text: string, field: string): TemplateName {
  const f = text.trim().toUpperCase().replace(/_/g, '-');
  if (f === 'P2WSH') return 'wsh-multi';
  if (f === 'P2SH-P2WSH' || f === 'P2WSH-P2SH') return 'sh-wsh-multi';
  throw new InputError(`script format "${text}" is not a vault coldkit signs for (P2WSH or P2SH-P2WSH)`, field);
}

/** A JSON member that must be a string (another tool's file: nothing about its shape is assumed). */
function text(v: unknown, what: string, field: string): string {
  if (typeof v !== 'string') throw new InputError(`${what} must be a string, not ${v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v}`, field);
  return v;
}

/** A JSON member that must be an array of objects. */
function objects(v: unknown, what: string, field: string): Record<string, unknown>[] {
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'object' || x === null || Array.isArray(x))) throw new InputError(`${what} must be an array of objects`, field);
  return v as Record<string, unknown>[];
}

function readJson(doc: Record<string, unknown>, field: string): ForeignVault {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new InputError('is JSON but not a vault (coldkit vault, Electrum multisig wallet, or Caravan wallet config)', field);
  if (doc['kind'] === 'coldkit/vault') {
    const labels = objects(doc['cosigners'], 'coldkit vault "cosigners"', field).map((c, i) => text(c['label'], `coldkit vault cosigner ${i + 1} "label"`, field));
    return { format: 'coldkit', descriptor: parseDescriptor(text(doc['descriptor'], 'coldkit vault "descriptor"', field), field), name: doc['name'] === undefined ? '' : text(doc['name'], 'coldkit vault "name"', field), labels };
  }
  const wt = /^(\d+)of(\d+)$/.exec(typeof doc['wallet_type'] === 'string' ? doc['wallet_type'] : '');
  if (wt) {
    const n = Number(wt[2]);
    if (n < 1 || n > 15) throw new InputError(`Electrum wallet: wallet_type ${wt[0]} is not k of n with n from 1 to 15`, field);
    const keys = Array.from({ length: n }, (_, i) => doc[`x${i + 1}/`]);
    const str = (k: unknown, name: string) => (typeof k === 'object' && k !== null && typeof (k as Record<string, unknown>)[name] === 'string' ? ((k as Record<string, string>)[name] as string) : '');
    if (keys.some((k) => !str(k, 'xpub') || !str(k, 'root_fingerprint') || !str(k, 'derivation'))) throw new InputError(`Electrum wallet: every keystore x1/…x${n}/ needs xpub, root_fingerprint and derivation (strings)`, field);
    const first = normalizeExtendedPublic(str(keys[0], 'xpub'), field).script;
    if (first !== 'wsh-multi' && first !== 'sh-wsh-multi') throw new InputError('Electrum wallet: keystore x1/ is not a Zpub/Vpub (P2WSH) or Ypub/Upub (P2SH-P2WSH) key', field);
    const d = vaultDescriptor(first, Number(wt[1]), keys.map((k) => ({ fp: str(k, 'root_fingerprint'), path: str(k, 'derivation'), xpub: str(k, 'xpub') })), field);
    return { format: 'electrum', descriptor: d, labels: keys.map((k, i) => str(k, 'label') || `x${i + 1}`) };
  }
  if (doc['quorum'] && Array.isArray(doc['extendedPublicKeys'])) {
    const q = doc['quorum'] as { requiredSigners?: unknown; totalSigners?: unknown };
    const xs = objects(doc['extendedPublicKeys'], 'Caravan wallet "extendedPublicKeys"', field);
    if (q.totalSigners !== xs.length) throw new InputError(`Caravan wallet: quorum says ${Number(q.totalSigners)} signers but lists ${xs.length} keys`, field);
    const opt = (v: unknown, what: string) => (v === undefined ? '' : text(v, what, field));
    const keys = xs.map((x, i) => ({ fp: opt(x['xfp'], `Caravan key ${i + 1} "xfp"`), path: opt(x['bip32Path'], `Caravan key ${i + 1} "bip32Path"`), xpub: opt(x['xpub'], `Caravan key ${i + 1} "xpub"`), name: x['name'] === undefined ? `key ${i + 1}` : text(x['name'], `Caravan key ${i + 1} "name"`, field) }));
    const d = vaultDescriptor(scriptOfFormat(String(doc['addressType']), field), Number(q.requiredSigners), keys, field);
    return { format: 'caravan', descriptor: d, name: doc['name'] === undefined ? '' : text(doc['name'], 'Caravan wallet "name"', field), labels: keys.map((k) => k.name) };
  }
  throw new InputError('is JSON but not a vault (coldkit vault, Electrum multisig wallet, or Caravan wallet config)', field);
}

function readColdcard(text: string, field: string): ForeignVault {
  let name: string | undefined;
  let policy: [number, number] | undefined;
  let format = 'P2SH';
  let derivation: string | undefined;
  const keys: { fp: string; path: string; xpub: string }[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (!m) throw new InputError(`Coldcard setup line "${line.slice(0, 30)}" is not "Key: value"`, field);
    const [k, val] = [m[1]!.trim(), m[2]!.trim()];
    if (/^name$/i.test(k)) name = val;
    else if (/^policy$/i.test(k)) {
      const p = /^(\d+)\s*(?:of|\/)\s*(\d+)$/i.exec(val);
      if (!p) throw new InputError(`Coldcard Policy "${val}" is not "k of n"`, field);
      policy = [Number(p[1]), Number(p[2])];
    } else if (/^format$/i.test(k)) format = val;
    else if (/^derivation$/i.test(k)) derivation = val;
    else if (/^[0-9a-fA-F]{8}$/.test(k)) {
      if (!derivation) throw new InputError(`Coldcard key ${k} has no Derivation line before it`, field);
      keys.push({ fp: k, path: derivation, xpub: val });
    }
  }
  if (!policy) throw new InputError('Coldcard setup file has no "Policy: k of n" line', field);
  if (policy[1] !== keys.length) throw new InputError(`Coldcard Policy says ${policy[1]} keys but the file lists ${keys.length}`, field);
  return { format: 'coldcard', descriptor: vaultDescriptor(scriptOfFormat(format, field), policy[0], keys, field), ...(name ? { name } : {}) };
}

function readBsms(text: string, field: string): ForeignVault {
  const lines = text.trim().split(/\r?\n/).map((l) => l.trim());
  if (lines.length !== 4) throw new InputError(`BSMS record has ${lines.length} lines; BIP129: version, descriptor, path restrictions, first address`, field);
  const [, tmpl, restrictions, first] = lines as [string, string, string, string];
  if (restrictions !== '/0/*,/1/*' && !(restrictions === 'No path restrictions' && !tmpl.includes('/**'))) {
    throw new InputError(`BSMS path restrictions "${restrictions}": coldkit vaults use /0/*,/1/* (receive, change)`, field);
  }
  // BIP129: the checksum covers the template as written (with `/**`).
  const { body: template129 } = verifyChecksum(tmpl, `${field} descriptor template`);
  const descriptor = parseDescriptor(template129.replace(/\/\*\*/g, '/<0;1>/*'), field);
  checkBsmsFirstAddress(descriptor, first, field);
  return { format: 'bsms', descriptor, firstAddress: first };
}

/**
 * BIP129: "the Signer MUST check that the first address … matches" — the record's fourth line must
 * be the descriptor's receive address 0, in the network its keys are for (tb1/bcrt1 both test).
 */
function checkBsmsFirstAddress(descriptor: Descriptor, first: string, field: string): void {
  const net = descriptor.mainnet ? NETWORKS.mainnet : /^bcrt1/i.test(first) ? NETWORKS.regtest : NETWORKS.testnet;
  const want = new Wallet(descriptor, net, field).at(0, 0).address;
  if (first !== want) {
    const shown = first.replace(/[^\x21-\x7e]/g, '?').slice(0, 100);
    throw new VerificationError(`${field}: the BSMS record's first address ${shown} is not its descriptor's (${want}); the record was altered or mistyped — get it again from the coordinator`);
  }
}

/** Read a vault from any of the formats above (the text of a file). The BSMS first address is returned for checking. */
export function readVaultText(text: string, field: string): ForeignVault {
  const t = text.replace(/^\uFEFF/, '').trim();
  if (t.startsWith('{')) {
    let doc: Record<string, unknown>;
    try {
      doc = JSON.parse(t) as Record<string, unknown>;
    } catch {
      throw new InputError('is not valid JSON', field);
    }
    return readJson(doc, field);
  }
  if (t.startsWith('BSMS ')) {
    if (!t.startsWith('BSMS 1.0')) throw new InputError(`BSMS version "${t.split('\n')[0]}" is not 1.0`, field);
    return readBsms(t, field);
  }
  if (/^\s*policy\s*:/im.test(t)) return readColdcard(t, field);
  const lines = t.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  if (lines.length === 0) throw new InputError('is empty', field);
  return { format: 'descriptor', descriptor: parseDescriptor(lines[0]!, field) };
}
