/**
 * Vaults: M-of-N multisig wallets over cosigner keys held on separate offline machines. A vault is
 * one descriptor, `wsh(sortedmulti(k,[fp/48h/coin'/acct'/2h]xpub/<0;1>/*,…))#checksum` (or
 * `sh(wsh(…))`), with a name and a label per cosigner. Its short id is a hash of that descriptor
 * text, shown as hex and as BIP39 words that every cosigner reads aloud to compare.
 *
 * `planVault` checks the cosigners and returns the findings a custody engineer expects:
 * - the same key or the same master fingerprint twice (one person would hold two votes): refused,
 *   no override;
 * - an account path whose purpose, coin type or account level is not hardened: `unhardened`;
 * - a path that is not the BIP48 path of the vault's script type (m/48'/coin'/acct'/2' for P2WSH,
 *   …/1' for P2SH-P2WSH), or cosigners whose paths name different script types:
 *   `vault-path-mismatch` (other wallets derive the same addresses only from the same keys, but a
 *   wrong path usually means the wrong export was taken).
 * Malformed input (k > n, mixed networks, a key for another network) is an InputError.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { hashWords } from '../hash-words.js';
import { InputError } from '../errors.js';
import { hardRefusal, refusal, RANK, type Finding } from '../findings/finding.js';
import { formatPath, HARDENED, parsePath } from '../hd/path.js';
import { NETWORKS, type BtcNetwork, type NetworkName } from '../network.js';
import { toHex } from '../text.js';
import type { Cosigner } from './cosigner.js';
import { formatDescriptor, parseDescriptor, type Descriptor } from './descriptor.js';
import { MAX_VAULT_KEYS, template, type TemplateName } from './template.js';
import { Wallet } from './wallet.js';

/** The vault document (`wallet create --out vault.json`). */
export interface VaultFile {
  kind: 'coldkit/vault';
  version: 1;
  name: string;
  network: string;
  script: TemplateName;
  threshold: number;
  /** The multipath descriptor with BIP380 checksum: the vault itself. */
  descriptor: string;
  descriptors: { receive: string; change: string };
  /** Short id: first 8 hex of SHA-256(descriptor text). */
  id: string;
  /** The id as 4 BIP39 words (first 44 bits of the same hash), read aloud by every cosigner. */
  words: string;
  cosigners: { label: string; fingerprint: string; path: string; xpub: string }[];
  firstAddresses: { receive: string; change: string };
}

/** A vault read back: the document, its parsed descriptor and its wallet on its network. */
export interface Vault {
  file: VaultFile;
  descriptor: Descriptor;
  wallet: Wallet;
  net: BtcNetwork;
}

/** The vault id and words of a descriptor text. */
export function vaultId(descriptorText: string): { id: string; words: string } {
  const h = sha256(new TextEncoder().encode(descriptorText));
  return { id: toHex(h.subarray(0, 4)), words: hashWords(h, 4).join(' ') };
}

/** What `wallet create` asks for. */
export interface VaultPlan {
  name: string;
  threshold: number;
  script: TemplateName;
  cosigners: readonly Cosigner[];
  net: BtcNetwork;
}

/** Check the cosigners (InputError for malformed input) and return the findings of the plan. */
export function planFindings(p: VaultPlan): Finding[] {
  const t = template(p.script);
  const n = p.cosigners.length;
  if (n < 2) throw new InputError(`a vault needs at least 2 cosigners; ${n} given`, '--cosigner');
  if (n > MAX_VAULT_KEYS) throw new InputError(`a vault has at most ${MAX_VAULT_KEYS} cosigners; ${n} given`, '--cosigner');
  if (!Number.isInteger(p.threshold) || p.threshold < 1 || p.threshold > n) throw new InputError(`threshold ${p.threshold} must be between 1 and the ${n} cosigners (k ≤ n)`, '--threshold');
  const mainnet = p.net.name === 'mainnet';
  for (const c of p.cosigners) {
    if (c.mainnet !== mainnet) throw new InputError(`is a ${c.mainnet ? 'mainnet' : 'test-network'} key but --network is ${p.net.name}; every cosigner must be on the vault's network`, c.label);
  }
  const findings: Finding[] = [];
  p.cosigners.forEach((c, i) => {
    const j = p.cosigners.findIndex((d) => d.xpub === c.xpub || d.fingerprint === c.fingerprint);
    if (j !== i) {
      const what = p.cosigners[j]!.xpub === c.xpub ? 'the same key' : `the same master fingerprint ${c.fingerprint}`;
      findings.push(hardRefusal('duplicate-cosigner', RANK.identity, `cosigner ${i + 1} (${c.label}) has ${what} as cosigner ${j + 1} (${p.cosigners[j]!.label}): one seed would count twice toward the threshold`));
    }
    const unhardened = c.path.slice(0, 3).some((x) => x < HARDENED) || c.path.length < 3;
    if (unhardened) findings.push(refusal('unhardened', RANK.validity, `cosigner ${i + 1} (${c.label}) path ${formatPath(c.path)} has an unhardened purpose, coin type or account level; a leaked child private key plus this xpub would expose the account`));
    const expected = `m/48h/${p.net.coinType}h/<account>h/${t.bip48}h`;
    const bip48 = c.path.length === 4 && c.path[0] === 48 + HARDENED && c.path[1] === p.net.coinType + HARDENED && c.path[2]! >= HARDENED && c.path[3] === t.bip48! + HARDENED;
    if (!bip48 || (c.hint && c.hint !== p.script)) {
      const why = c.hint && c.hint !== p.script ? `is a ${c.hint} key` : `path ${formatPath(c.path)} is not ${expected}`;
      findings.push(refusal('vault-path-mismatch', RANK.validity, `cosigner ${i + 1} (${c.label}) ${why}, but the vault is ${p.script} (BIP48 ${expected}); check that the right export was taken`));
    }
  });
  return findings;
}

/** Build the vault document from checked cosigners (call after the findings are decided). */
export function buildVault(p: VaultPlan): Vault {
  const descriptor: Descriptor = {
    script: p.script,
    keys: p.cosigners.map((c) => ({ fingerprint: c.fingerprint, originPath: c.path, xpub: c.xpub, prefix: [] })),
    threshold: p.threshold,
    mainnet: p.net.name === 'mainnet',
    branches: [0, 1],
  };
  const text = formatDescriptor(descriptor, 'multi');
  const wallet = new Wallet(descriptor, p.net);
  const file: VaultFile = {
    kind: 'coldkit/vault',
    version: 1,
    name: p.name,
    network: p.net.name,
    script: p.script,
    threshold: p.threshold,
    descriptor: text,
    descriptors: { receive: formatDescriptor(descriptor, 0), change: formatDescriptor(descriptor, 1) },
    ...vaultId(text),
    cosigners: p.cosigners.map((c) => ({ label: c.label, fingerprint: c.fingerprint, path: formatPath(c.path), xpub: c.xpub })),
    firstAddresses: { receive: wallet.at(0, 0).address, change: wallet.at(1, 0).address },
  };
  return { file, descriptor: parseDescriptor(text), wallet, net: p.net };
}

/**
 * Read a vault document back, checking it against itself: the descriptor parses to a vault, the
 * cosigners listed are the descriptor's keys, and the id is the descriptor's. A hand-edited file
 * that disagrees with itself is refused (InputError naming what differs).
 */
export function readVault(doc: unknown, field: string, netName?: string): Vault {
  const d = doc as Partial<VaultFile> | null;
  if (d?.kind !== 'coldkit/vault' || typeof d.descriptor !== 'string') throw new InputError('not a coldkit vault file (kind "coldkit/vault" with a descriptor)', field);
  const descriptor = parseDescriptor(d.descriptor, `${field} descriptor`);
  if (template(descriptor.script).keys !== 'many') throw new InputError('the descriptor of a vault file must be a multisig vault', field);
  if (netName && d.network && netName !== d.network) throw new InputError(`is a ${d.network} vault but --network is ${netName}`, field);
  const net = NETWORKS[(netName ?? d.network ?? 'mainnet') as NetworkName];
  if (!net) throw new InputError(`unknown network "${d.network}"`, field);
  const { id } = vaultId(d.descriptor);
  if (d.id !== undefined && d.id !== id) throw new InputError(`vault id ${d.id} is not the id of its descriptor (${id}); the file was altered`, field);
  const cos = d.cosigners ?? [];
  if (cos.length !== descriptor.keys.length) throw new InputError(`lists ${cos.length} cosigners but its descriptor has ${descriptor.keys.length} keys`, field);
  cos.forEach((c, i) => {
    const k = descriptor.keys[i]!;
    if (c.xpub !== k.xpub || c.fingerprint !== k.fingerprint || formatPath(parsePath(c.path, field)) !== formatPath(k.originPath ?? [])) {
      throw new InputError(`cosigner ${i + 1} (${c.label}) is not key ${i + 1} of the descriptor; the file was altered`, field);
    }
  });
  if (d.threshold !== undefined && d.threshold !== descriptor.threshold) throw new InputError(`threshold ${d.threshold} is not the descriptor's ${descriptor.threshold}`, field);
  const file: VaultFile = { ...(d as VaultFile), id };
  return { file, descriptor, wallet: new Wallet(descriptor, net, field), net };
}

/** The output type a vault script is, as wallets name it: P2WSH, P2SH-P2WSH or P2TR (script path). */
export function vaultKindName(script: TemplateName): string {
  return script === 'wsh-multi' ? 'P2WSH' : script === 'sh-wsh-multi' ? 'P2SH-P2WSH' : 'P2TR';
}

/** The cosigner labels of a vault by master fingerprint (8 hex). */
export function cosignerLabels(v: Pick<VaultFile, 'cosigners'>): Map<string, string> {
  return new Map(v.cosigners.map((c) => [c.fingerprint, c.label]));
}
