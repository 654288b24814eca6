/**
 * Where a PSBT made online goes (create, combine): binary to `--out FILE` (written atomically,
 * never half-written), else base64 on stdout (BIP174: "PSBTs … may be encoded in Base64"). The
 * 4-word digest is always over the binary PSBT, so both sides of the air gap compare the same words.
 */
import { base64 } from '@scure/base';
import { digestWords } from '../core/digest-words.js';
import type { Context, Payload } from './command.js';
import { writeFileAtomic } from './io.js';

/** A PSBT ready to leave the command. */
export interface PsbtOut {
  /** Base64 PSBT (always in the result, so --json carries it). */
  psbt: string;
  /** 4 words of SHA-256 over the binary PSBT. */
  digest: string;
  bytes: number;
  outFile?: string;
}

/** Write or stage a PSBT; the caller prints `psbt` on stdout unless `outFile` is set. */
export function emitPsbt(raw: Uint8Array, out: string | undefined): { result: PsbtOut; payload: Payload } {
  if (out) writeFileAtomic(out, raw);
  return {
    result: { psbt: base64.encode(raw), digest: digestWords(raw), bytes: raw.length, ...(out ? { outFile: out } : {}) },
    payload: { kind: 'psbt', bytes: raw },
  };
}

/** Summary lines go to stderr when stdout carries the PSBT itself (so `> file.psbt` stays clean). */
export function renderWithPsbt(ctx: Context, r: PsbtOut, summary: string[]): string {
  if (r.outFile) return [...summary, `PSBT written to ${r.outFile} (${r.bytes} bytes)`].join('\n');
  if (!ctx.globals.json) for (const line of summary) ctx.note(line);
  return r.psbt;
}
