/**
 * Does a journal hold a policy adoption? A byte scan for the adoption entry's op, as the journal
 * writes it, without parsing or loading the policy code: the signers and the ceremony gate ask it
 * first and load the policy reader (journal-policy.ts) and gate only when the answer is yes. The
 * policy reader looks for the same marker, so the scan can only say yes when no adoption exists
 * (the op text inside other data), never no when one does.
 */
import { fileContains } from '../journal-mark.js';

/** Journal op of an adoption. */
export const ADOPT_OP = 'policy.adopt';

/** The op of an adoption entry as the journal writes it (JSON, no spaces). */
export const ADOPT_MARK = Buffer.from(`"op":"${ADOPT_OP}"`);

/** Does this journal hold an adoption entry? (False: no policy is adopted in it; true: the gate's reader decides.) */
export function journalMayHoldAdoption(journal: string): boolean {
  return fileContains(journal, ADOPT_MARK);
}
