/**
 * The signing laptop's policy state, read from its journal: the adoptions (re-verified in order by
 * core's replayAdoptions) and the velocity ledger (signed decisions under rules). The executor has
 * verified the journal's hash chain before the action runs (openJournal, through the checkpoint),
 * so this reader streams the same file once more and parses only the lines that matter: those of a
 * `policy.adopt` entry and those whose data carry a `policy` record. Each parsed version-2 line's
 * own hash is checked again, so a line changed after the executor's check is refused too.
 */
import * as fs from 'node:fs';
import { RuntimeFailure, VerificationError } from '../../core/errors.js';
import { entryBody, type JournalEntry } from '../../core/journal/entry.js';
import { sha256Hex } from '../../core/journal/native.js';
import { replayAdoptions, type Adopted, type AdoptionEntry } from '../../core/policy/adoption.js';
import { ledgerEntry } from '../../core/policy/evaluate.js';
import type { LedgerEntry } from '../../core/policy/velocity.js';
import { LineReader } from '../journal-stream.js';

import { ADOPT_MARK, ADOPT_OP } from './adoption-scan.js';

export { ADOPT_OP };
const POLICY_MARK = Buffer.from('"policy":{"sha256":');

/** What the journal says about policies. */
export interface PolicyJournal {
  adoptions: AdoptionEntry[];
  ledger: LedgerEntry[];
}

/** Read the adoptions and the velocity ledger of a journal (an absent journal has neither). */
export function readPolicyJournal(file: string): PolicyJournal {
  const out: PolicyJournal = { adoptions: [], ledger: [] };
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return out;
    throw new RuntimeFailure(`cannot read journal "${file}": ${(e as NodeJS.ErrnoException).code}`);
  }
  try {
    const lines = new LineReader(fd, 0);
    for (let line = lines.next(); line; line = lines.next()) {
      if (!line.terminated) break;
      const b = line.bytes as Buffer;
      const adopt = b.indexOf(ADOPT_MARK) !== -1;
      if (!adopt && b.indexOf(POLICY_MARK) === -1) continue;
      const e = JSON.parse(b.toString('utf8')) as JournalEntry;
      if (e.v === 2 && sha256Hex(entryBody(e)) !== e.hash) throw new VerificationError(`journal entry #${e.seq} does not match its own hash (edited after it was written); run coldkit journal verify`);
      if (e.op === ADOPT_OP) out.adoptions.push({ seq: e.seq, ts: e.ts, data: e.data });
      else {
        const l = ledgerEntry(e.seq, e.ts, (e.data as { policy?: unknown }).policy);
        if (l) out.ledger.push(l);
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  return out;
}

/** The policy in force on this journal (undefined: none adopted), and the ledger. */
export function policyState(file: string): { adopted?: Adopted; ledger: LedgerEntry[] } {
  const j = readPolicyJournal(file);
  const adopted = replayAdoptions(j.adoptions);
  return { ...(adopted ? { adopted } : {}), ledger: j.ledger };
}
