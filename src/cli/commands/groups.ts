/**
 * The command groups: name, one-line summary and the module holding their option tables. The
 * list is light (no group module is imported here), so `coldkit --help` lists every group from it
 * and main.ts loads only the group a command line names (src/cli/main.ts).
 */
import type { CommandSpec } from '../options/spec.js';

/** What a group module exports: its command tables, and descriptions of sub-groups (`eth tx`). */
export interface GroupTables {
  COMMANDS: readonly CommandSpec[];
  SUBGROUPS?: Readonly<Record<string, string>>;
}

/** One command group (or top-level command). */
export interface Group {
  name: string;
  summary: string;
  load: () => Promise<GroupTables>;
}

/** Every group, in help order. */
export const GROUPS: readonly Group[] = [
  { name: 'seed', summary: 'make, check and complete BIP39 seeds (offline ceremony laptop)', load: () => import('./seed.js') },
  { name: 'shares', summary: 'Shamir shares of a seed: split, verify one share, combine, recovery drills (never shows words unless asked)', load: () => import('./shares.js') },
  { name: 'key', summary: 'key lifecycle: retire a key by its master fingerprint (journaled)', load: () => import('./key.js') },
  { name: 'account', summary: 'watch-only account data for online machines', load: () => import('./account.js') },
  { name: 'derive', summary: 'derive the public key and address at a BIP32 path', load: () => import('./derive.js') },
  { name: 'wallet', summary: 'multisig vaults: create from cosigner exports, show, export to other wallets', load: () => import('./wallet.js') },
  { name: 'address', summary: 'addresses: list and find watch-only from a descriptor; verify one on the signer against the seed', load: () => import('./address.js') },
  { name: 'psbt', summary: 'Bitcoin PSBTs: create watch-only, review and sign offline, finalize online', load: () => import('./psbt.js') },
  { name: 'btc', summary: 'Bitcoin messages: prove control of an address (BIP-322, legacy BIP-137) and verify such proofs', load: () => import('./btc.js') },
  { name: 'eth', summary: 'Ethereum: build transactions online, review and sign offline (EIP-155/2930/1559, EIP-712, EIP-191, EIP-4527 QR)', load: () => import('./eth.js') },
  { name: 'policy', summary: 'the signing policy: write, check, adopt with the admins\' SSH signatures, show', load: () => import('./policy.js') },
  { name: 'approval', summary: 'approval requests: the text approvers read and sign with their SSH keys', load: () => import('./approval.js') },
  { name: 'approve', summary: 'sign an approval request with your SSH key (runs ssh-keygen -Y sign -n coldkit-approval)', load: () => import('./approve.js') },
  { name: 'qr', summary: 'air-gap QR transport: UR (fountain), BBQr, plain — encode and decode', load: () => import('./qr.js') },
  { name: 'status', summary: 'the custody inventory from the journal: keys, share sets, drills, retirements, overrides, and what is due', load: () => import('./status.js') },
  { name: 'journal', summary: 'the hash-chained ceremony journal', load: () => import('./journal.js') },
  { name: 'self-check', summary: 'check this copy of coldkit: bundle files against SHA256SUMS, the release hash, known-answer tests of its crypto', load: () => import('./self-check.js') },
  { name: 'preflight', summary: 'check the ceremony laptop: network, radios, swap, core dumps, VM, clock, journal file system, terminal recording', load: () => import('./preflight.js') },
  { name: 'demo', summary: 'run every ceremony step non-interactively on testnet sample data, explaining each', load: () => import('./demo.js') },
];
