/**
 * Vault registration on a signer (Coldcard's answer to the multisig change attacks): a signer
 * signs only for vaults registered on it, and registration is a journaled act — the vault id,
 * descriptor and checksum go into the tamper-evident journal, so the registry is the journal's
 * `wallet.register` entries (public data, no secret). This file decides; the CLI reads the journal.
 *
 * - registering checks that this seed is one of the cosigners (its fingerprint and the xpub it
 *   derives at that cosigner's path), else `not-a-cosigner` (no override);
 * - a vault whose name is already registered with another id is `vault-name-conflict` (no
 *   override): two different vaults under one name is how an operator gets talked into the wrong one;
 * - signing for a vault that is not registered is `unregistered-vault` (overridable, journaled).
 */
import { hardRefusal, refusal, RANK, type Finding } from '../findings/finding.js';
import type { VaultFile } from './vault.js';

/** One registration read back from the journal. */
export interface Registration {
  seq: number;
  name: string;
  vaultId: string;
  descriptor: string;
  network: string;
  /** This signer's fingerprint in the vault. */
  fingerprint: string;
}

/** Which cosigner of `v` this seed is: the index whose fingerprint and xpub it derives, or -1. */
export function cosignerIndex(v: Pick<VaultFile, 'cosigners'>, fingerprint: string, xpubAt: (path: string) => string): number {
  return v.cosigners.findIndex((c) => c.fingerprint === fingerprint && xpubAt(c.path) === c.xpub);
}

/** Findings of registering `v` on a signer whose seed is cosigner `index` (-1: none) with `existing` registrations. */
export function registrationFindings(v: VaultFile, index: number, fingerprint: string, existing: readonly Registration[]): Finding[] {
  const out: Finding[] = [];
  if (index < 0) out.push(hardRefusal('not-a-cosigner', RANK.identity, `this seed (fingerprint ${fingerprint}) is not a cosigner of vault "${v.name}" ${v.id} (cosigners ${v.cosigners.map((c) => c.fingerprint).join(', ')}); wrong seed, passphrase or vault file?`));
  const clash = existing.find((r) => r.name === v.name && r.vaultId !== v.id);
  if (clash) out.push(hardRefusal('vault-name-conflict', RANK.identity, `a different vault (${clash.vaultId}) is already registered as "${v.name}" (journal #${clash.seq}); this one is ${v.id}: check which one the cosigners created`));
  return out;
}

/** The finding of signing for vault `id` when it is not among `registered`. */
export function unregisteredFinding(label: string, id: string, registered: readonly Registration[]): Finding[] {
  if (registered.some((r) => r.vaultId === id)) return [];
  return [refusal('unregistered-vault', RANK.identity, `${label} is not registered on this signer (run \`wallet register\` with the vault file, after every cosigner compared its id words)`)];
}
