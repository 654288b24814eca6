/**
 * The commands that make, rebuild or use key material, and what the executor does before any of
 * them starts (src/cli/execute.ts calls `ceremonyGate` once, before the action):
 *
 * 1. From a release bundle, the bundle's files must match its SHA256SUMS, or the command refuses
 *    (exit 3): a changed byte in the program must never touch a key. A checkout is not checked.
 * 2. For the ceremony acts (a seed made, split or rebuilt; a signature), the network part of the
 *    pre-flight (src/core/preflight/network.ts): online, the command warns loudly on stderr and
 *    journals the finding with its entries; when an offline machine is
 *    required (`--require-offline`, COLDKIT_REQUIRE_OFFLINE=1, or an adopted policy's
 *    `"ceremony": {"requireOffline": true}`) it refuses (exit 3), and nothing overrides that.
 */
import type { Command } from 'commander';
import type { Finding } from '../core/findings/finding.js';
import type { FactSources } from './preflight/gather.js';

/**
 * Command paths that make, read or use key material: the seed and share commands, the watch-only
 * exports made from a seed (a tampered program could hand out someone else's xpub) and every
 * signer. From a bundle they refuse to start unless every file matches SHA256SUMS.
 * test/cli/ceremony.test.ts fails when a command reading a mnemonic or shares (`--mnemonic-file`,
 * `--share-file`) or a signer is missing here, so a new one must be added.
 */
export const KEY_COMMANDS: ReadonlySet<string> = new Set([
  'seed new',
  'seed check',
  'seed finish',
  'seed derive-child',
  'shares split',
  'shares verify',
  'shares combine',
  'shares drill',
  'shares reissue',
  'account export',
  'derive',
  'address verify',
  'psbt sign',
  'btc sign-message',
  'eth sign',
  'eth sign-message',
  'eth sign-typed-data',
  'eth safe sign',
  'wallet register',
]);

/**
 * The ceremony acts among them — a seed made (BIP85 children too), split or rebuilt, and every signature — which also
 * run the network part of the pre-flight (warn online; refuse with require-offline).
 */
export const CEREMONY_COMMANDS: ReadonlySet<string> = new Set(['seed new', 'seed derive-child', 'shares split', 'shares combine', 'shares drill', 'shares reissue', 'psbt sign', 'btc sign-message', 'eth sign', 'eth sign-message', 'eth sign-typed-data', 'eth safe sign']);

/** "psbt sign" for the commander command `coldkit psbt sign`. */
export function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** The ceremony settings an adopted policy file may carry (`"ceremony": {…}`). */
export interface CeremonyPolicy {
  requireOffline?: boolean;
}

/**
 * The adopted policy's ceremony settings (`"ceremony": {"requireOffline": true}`), from the journal
 * (src/cli/policy/journal-policy.ts; core's ceremonyRequirements). Loaded only for ceremony acts.
 */
export async function adoptedCeremonyPolicy(journal: string): Promise<CeremonyPolicy | undefined> {
  // A journal without an adoption entry has no policy: the policy code is not loaded (start-up).
  if (!(await import('./policy/adoption-scan.js')).journalMayHoldAdoption(journal)) return undefined;
  const [{ policyState }, { ceremonyRequirements }] = await Promise.all([import('./policy/journal-policy.js'), import('../core/policy/ceremony.js')]);
  const { adopted } = policyState(journal);
  return adopted ? { requireOffline: ceremonyRequirements(adopted.policy, Date.now()).requireOffline } : undefined;
}

/** Must this run refuse on an online machine? Flag, environment, or adopted policy. */
export function requireOffline(opts: Record<string, unknown>, env: Record<string, string | undefined>, policy?: CeremonyPolicy): boolean {
  return Boolean(opts.requireOffline) || env.COLDKIT_REQUIRE_OFFLINE === '1' || policy?.requireOffline === true;
}

/** Test seam: where the network facts come from (default: the live system). */
export const ceremonyOverrides: { facts?: FactSources } = {};

/** What the gate found, for the journal and stderr. */
export interface CeremonyGate {
  /** The online warning (absent when offline). */
  finding?: Finding;
  /** Journal record added to each of the command's entries. */
  record: { offline: boolean; requireOffline: boolean; findings: Array<{ code: string; message: string }> };
}

/**
 * The bundle check alone (key commands run from a release bundle; memoized, so the gate's own call
 * is free): the executor runs it before it starts loading the action's code, which may then load
 * while the network check runs — never a module of a bundle before its files are checked.
 */
export async function bundleGate(cmd: Command): Promise<void> {
  if (!KEY_COMMANDS.has(commandPath(cmd))) return;
  // Only a release bundle is checked; a checkout loads none of the check's code (start-up).
  if ((await import('./installation.js')).bundleRoot()) (await import('./bundle/integrity.js')).assertBundleIntact();
}

/**
 * Run the checks before a command: the bundle check for key commands, and the network check for
 * ceremony acts (undefined when no network check ran; other commands load none of this). Throws to
 * refuse. `journal` is the journal whose adopted policy may require an offline machine.
 */
export async function ceremonyGate(cmd: Command, opts: Record<string, unknown>, env: Record<string, string | undefined>, journal?: string): Promise<CeremonyGate | undefined> {
  const name = commandPath(cmd);
  if (!KEY_COMMANDS.has(name)) return undefined;
  await bundleGate(cmd);
  if (!CEREMONY_COMMANDS.has(name)) return undefined;
  const [{ gatherNetworkFacts }, { networkChecks, onlineFinding }, { decide, enforce }, policy] = await Promise.all([
    import('./preflight/gather.js'),
    import('../core/preflight/network.js'),
    import('../core/findings/decide.js'),
    journal === undefined ? undefined : adoptedCeremonyPolicy(journal),
  ]);
  const required = requireOffline(opts, env, policy);
  const finding = onlineFinding(networkChecks(gatherNetworkFacts(ceremonyOverrides.facts)), required);
  if (finding) enforce(decide([finding], new Set()));
  return {
    ...(finding ? { finding } : {}),
    record: { offline: !finding, requireOffline: required, findings: finding ? [{ code: finding.code, message: finding.message }] : [] },
  };
}

/** The loud stderr warning of an online ceremony machine (nothing when offline). */
export function warnOnline(gate: CeremonyGate | undefined, io: { stderr: { write(s: string): unknown } }): void {
  if (gate?.finding) io.stderr.write(`coldkit: WARNING: ${gate.finding.message}\n`);
}

/** Add the gate's record to each journal entry of the command (`data.preflight`). */
export function journalGate(gate: CeremonyGate | undefined, outcome: { journal?: Array<{ data: Record<string, unknown> }> }): void {
  if (!gate || !outcome.journal) return;
  for (const act of outcome.journal) act.data = { ...act.data, preflight: gate.record };
}
