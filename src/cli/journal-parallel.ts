/**
 * `journal verify` of a large journal on two cores: the file is cut at line boundaries into two
 * ranges (each worker thread is a JavaScript heap of its own, ≈ 17 MB: two keep a verification
 * under 100 MB); worker threads (journal-worker.ts) verify every range but the first while
 * this thread verifies the first, each streaming its range in constant memory. The ranges are then
 * joined in file order: this thread checks each range's first line against the head before it —
 * seq, prev, version order — with the same ChainVerifier, so the result and the first error (its
 * line and words) are exactly those of a sequential walk. Small files and one-core machines walk
 * sequentially.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import { Worker } from 'node:worker_threads';
import { RuntimeFailure, VerificationError } from '../core/errors.js';
import { AnchorCheck, parseAnchor } from '../core/journal/anchor.js';
import { ChainVerifier, MAX_LINE_BYTES, type ChainHead } from '../core/journal/chain.js';
import { scanLinks } from './journal-file.js';
import { fileLines } from './journal-stream.js';

/** Below this size a journal is walked sequentially (starting a worker costs more than it saves). */
const PARALLEL_FROM_BYTES = 16 * 1024 * 1024;

/** One range for a worker. */
export interface RangeJob {
  file: string;
  from: number;
  to: number;
  anchors: string[];
}

/** What a worker reports. */
export type RangeResult =
  | { kind: 'ok'; head: ChainHead; anchors: ReturnType<AnchorCheck['state']> }
  | { kind: 'first-line-bad' }
  | { kind: 'error'; message: string; verification: boolean };

/**
 * Verify a whole journal, in parallel when it is large, checking `anchors` (as given to
 * --anchor) on the way; returns the head and the entry each anchor was found at. Throws
 * VerificationError for the first bad line or missing anchor, like scanLinks + AnchorCheck.
 * `ranges` and `minBytes` override how many ranges and from what size (tests cut small files).
 */
export async function verifyJournalFile(file: string, anchors: string[], opts: { ranges?: number; minBytes?: number } = {}): Promise<{ head: ChainHead; anchorSeqs: number[] }> {
  const check = new AnchorCheck(anchors.map((a) => parseAnchor(a, '--anchor')));
  const cuts = rangeStarts(file, opts.ranges ?? Math.min(2, os.availableParallelism()), opts.minBytes ?? PARALLEL_FROM_BYTES);
  if (!cuts) {
    const head = scanLinks(file, (l) => check.observe(l.seq, l.hash));
    return { head, anchorSeqs: check.finish(head.seq) };
  }
  const { starts, size } = cuts;
  const jobs = starts.slice(1).map((from, i) => ({ file, from, to: starts[i + 2] ?? size, anchors }));
  const workers = jobs.map((job) => runWorker(job));
  try {
    // This thread walks the first range meanwhile.
    let head = firstRange(file, starts[1]!, check);
    for (let k = 0; k < jobs.length; k++) {
      // Place the range's first line after the head before it: seq, prev, version, exact messages.
      const first = firstLine(file, jobs[k]!.from);
      const placed = new ChainVerifier(head);
      if (!first.terminated) placed.unterminated();
      head = placed.link(first.bytes);
      const r = await workers[k]!.result;
      if (r.kind === 'error') throw r.verification ? new VerificationError(r.message) : new RuntimeFailure(`journal verification failed: ${r.message}`);
      if (r.kind === 'first-line-bad') throw new RuntimeFailure('journal verification: a worker refused a line this thread accepted');
      head = r.head;
      check.absorb(r.anchors);
    }
    return { head, anchorSeqs: check.finish(head.seq) };
  } finally {
    for (const w of workers) void w.worker.terminate();
  }
}

/** Where each range starts (at a line start), or undefined to walk sequentially. */
function rangeStarts(file: string, ranges: number, minBytes: number): { starts: number[]; size: number } | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return undefined; // missing, a folder…: the sequential walk says so
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile() || ranges < 2 || st.size < minBytes || st.size === 0) return undefined;
    const starts = [0];
    const probe = Buffer.allocUnsafe(64 * 1024);
    for (let k = 1; k < ranges; k++) {
      let pos = Math.floor((k * st.size) / ranges);
      let at = -1;
      for (let scanned = 0; at < 0 && scanned <= MAX_LINE_BYTES && pos < st.size; scanned += probe.length, pos += probe.length) {
        const n = fs.readSync(fd, probe, 0, probe.length, pos);
        const nl = probe.subarray(0, n).indexOf(10);
        if (nl >= 0) at = pos + nl + 1;
      }
      if (at < 0 || at >= st.size) return undefined;
      if (at > starts[starts.length - 1]!) starts.push(at);
    }
    return starts.length > 1 ? { starts, size: st.size } : undefined;
  } finally {
    fs.closeSync(fd);
  }
}

/** Verify [0, end) on this thread. */
function firstRange(file: string, end: number, check: AnchorCheck): ChainHead {
  const fd = fs.openSync(file, 'r');
  try {
    const chain = new ChainVerifier();
    for (const line of fileLines(fd, 0, undefined, end)) {
      const h = chain.link(line.bytes);
      check.observe(h.seq, h.hash);
    }
    return chain.head;
  } finally {
    fs.closeSync(fd);
  }
}

/** The line starting at `from` (a range start): its bytes, and whether a newline ends it. */
function firstLine(file: string, from: number): { bytes: Uint8Array; terminated: boolean } {
  const fd = fs.openSync(file, 'r');
  try {
    for (const line of fileLines(fd, from)) return { bytes: Buffer.from(line.bytes), terminated: line.terminated };
    return { bytes: new Uint8Array(0), terminated: false };
  } finally {
    fs.closeSync(fd);
  }
}

function runWorker(job: RangeJob): { worker: Worker; result: Promise<RangeResult> } {
  const worker = new Worker(new URL('./journal-worker.js', import.meta.url), { workerData: job });
  const result = new Promise<RangeResult>((resolve) => {
    worker.once('message', (m: RangeResult) => resolve(m));
    worker.once('error', (e) => resolve({ kind: 'error', message: e.message, verification: false }));
    worker.once('exit', (code) => resolve({ kind: 'error', message: `worker exited with code ${code}`, verification: false }));
  });
  return { worker, result };
}
