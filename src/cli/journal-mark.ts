/**
 * Does a journal mention an op at all? A byte scan for the op as the journal writes it
 * (`"op":"…"`, JSON without spaces: the chain check refuses any line not in canonical form), so a
 * command can skip parsing the whole journal when the answer is no: the policy adoption
 * (policy/adoption-scan.ts) and retired keys (journal-file.ts `retiredKeys`). The scan can only say
 * yes when no such entry exists (the text inside other data), never no when one does.
 */
import * as fs from 'node:fs';

/** Does the file contain the marker? Streams in 1 MiB chunks, overlapping by the marker's length. */
export function fileContains(file: string, mark: Buffer): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    return true; // unreadable: let the full reader report it
  }
  try {
    // Sized to the file (at most 1 MiB): a fresh zeroed 1 MiB buffer per scan cost a sign ≈ 1 ms twice.
    const buf = Buffer.allocUnsafe(Math.min(1 << 20, Math.max(fs.fstatSync(fd).size, 64) + mark.length));
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
