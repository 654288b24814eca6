/**
 * Does a journal hold a policy adoption? A byte scan for the adoption entry's op, as the journal
 * writes it, without parsing or loading the policy code: the signers and the ceremony gate ask it
 * first and load the policy reader (journal-policy.ts) and gate only when the answer is yes. The
 * policy reader looks for the same marker, so the scan can only say yes when no adoption exists
 * (the op text inside other data), never no when one does.
 */
import * as fs from 'node:fs';

/** Journal op of an adoption. */
export const ADOPT_OP = 'policy.adopt';

/** The op of an adoption entry as the journal writes it (JSON, no spaces). */
export const ADOPT_MARK = Buffer.from(`"op":"${ADOPT_OP}"`);

/** Does the file contain the marker? Streams in 1 MiB chunks, overlapping by the marker's length. */
function fileContains(file: string, mark: Buffer): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    return true; // unreadable: let the gate report it
  }
  try {
    const buf = Buffer.alloc(1 << 20);
    let pos = 0;
    let carry = 0;
    for (;;) {
      const n = fs.readSync(fd, buf, carry, buf.length - carry, pos);
      if (n === 0) return false;
      const end = carry + n;
      if (buf.subarray(0, end).indexOf(mark) !== -1) return true;
      pos += n;
      carry = Math.min(mark.length - 1, end);
      buf.copy(buf, 0, end - carry, end);
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** Does this journal hold an adoption entry? (False: no policy is adopted in it; true: the gate's reader decides.) */
export function journalMayHoldAdoption(journal: string): boolean {
  return fileContains(journal, ADOPT_MARK);
}
