/**
 * The custody inventory of a journal file under the adopted policy's due-date rules: what
 * `coldkit status`, `policy show` and `journal report` read. The journal is verified as it
 * streams (a bad line throws before anything is shown); the policy is read only when the journal
 * holds an adoption.
 */
import type { Policy } from '../../core/policy/policy.js';
import { dueRulesOf } from '../../core/lifecycle/drills.js';
import { InventoryBuilder, type DueRules, type Inventory } from '../../core/lifecycle/inventory.js';
import { journalPath, scanJournal } from '../journal-file.js';
import { journalMayHoldAdoption } from '../policy/adoption-scan.js';

export { journalPath };

/** The adopted policy of `file`, or undefined (the policy code is loaded only when the journal may hold one). */
export async function adoptedPolicy(file: string): Promise<Policy | undefined> {
  if (!journalMayHoldAdoption(file)) return undefined;
  const { policyState } = await import('../policy/journal-policy.js');
  return policyState(file).adopted?.policy;
}

/**
 * Due rules for `file`: flags first (`--drill-every`, `--rotate-after`), then the adopted policy's
 * `drills.every` and `rotation`, then the default (drills every 365 days).
 */
export async function journalDueRules(file: string, flags: { drillEvery?: number; rotateAfter?: number } = {}): Promise<DueRules> {
  const policy = await adoptedPolicy(file);
  const rules: DueRules = policy ? dueRulesOf(policy) : {};
  if (flags.drillEvery !== undefined) {
    delete rules.drillEvery;
    rules.drillEveryDays = flags.drillEvery;
    rules.drillEverySource = 'flag';
  }
  if (flags.rotateAfter !== undefined) rules.rotateAfterDays = flags.rotateAfter;
  return rules;
}

/** Fold `file` into an inventory judged at `now`; with `asOf`, acts journaled after it are left out (the whole chain is still verified). */
export function journalInventory(file: string, now: Date, rules: DueRules, asOf?: Date): Inventory & { head: string } {
  const b = new InventoryBuilder();
  const cut = asOf?.getTime();
  const head = scanJournal(file, ({ entry }) => {
    if (cut === undefined || !(Date.parse(entry.ts) > cut)) b.add(entry);
  });
  return { head: head.hash, ...b.finish(asOf ?? now, rules) };
}
