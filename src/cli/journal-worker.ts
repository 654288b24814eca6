/**
 * Worker thread of journal-parallel.ts: verifies one range of a journal file — its first line on
 * its own, every later line chained to it — and watches for anchors, then posts what the main
 * thread needs to join the ranges: the first line's head, the range's head, the anchors seen, or
 * the first error. Never imported by the rest of the CLI.
 */
import * as fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { VerificationError } from '../core/errors.js';
import { AnchorCheck, parseAnchor } from '../core/journal/anchor.js';
import { ChainVerifier } from '../core/journal/chain.js';
import { fileLines } from './journal-stream.js';
import type { RangeJob, RangeResult } from './journal-parallel.js';

function verifyRange(job: RangeJob): RangeResult {
  const check = new AnchorCheck(job.anchors.map((a) => parseAnchor(a, '--anchor')));
  const fd = fs.openSync(job.file, 'r');
  try {
    let chain: ChainVerifier | undefined;
    for (const line of fileLines(fd, job.from, undefined, job.to)) {
      if (!chain) {
        // The main thread places the first line (seq, prev) and words any error in it.
        try {
          chain = ChainVerifier.startingAt(line.bytes);
        } catch {
          return { kind: 'first-line-bad' };
        }
        const h = chain.head;
        check.observe(h.seq, h.hash);
        continue;
      }
      if (!line.terminated) chain.unterminated();
      const h = chain.link(line.bytes);
      check.observe(h.seq, h.hash);
    }
    if (!chain) return { kind: 'first-line-bad' };
    return { kind: 'ok', head: chain.head, anchors: check.state() };
  } catch (e) {
    return { kind: 'error', message: e instanceof Error ? e.message : String(e), verification: e instanceof VerificationError };
  } finally {
    fs.closeSync(fd);
  }
}

parentPort!.postMessage(verifyRange(workerData as RangeJob));
