/**
 * The signer journal's head in a JSON payload the offline laptop hands back (core's
 * payload-anchor.ts: the head before this act; an empty journal gives none), with a stderr note;
 * and, on the online side, the one way a head read from a payload is recorded (result, journal
 * entry, line). `psbt sign` carries it inside the PSBT instead (a proprietary global pair).
 */
import { anchorJson, anchorOfHead, anchorText, type JournalAnchorJson, type PayloadAnchor } from '../core/journal/payload-anchor.js';
import type { Context } from './command.js';

/** The `journalAnchor` field of a payload the signer hands back (empty when the journal is). */
export function journalAnchorOf(ctx: Context): { journalAnchor?: JournalAnchorJson } {
  const a = anchorOfHead(ctx.journalHead);
  if (a) ctx.note(`journal anchor: ${anchorText(a)} (the online side records it; journal verify --anchor-from proves it later)`);
  return a ? { journalAnchor: anchorJson(a) } : {};
}

/** A payload's `anchor` (shown next to its QR digest) from a result's `journalAnchor` field. */
export function payloadAnchor(r: { journalAnchor?: JournalAnchorJson }): { anchor?: PayloadAnchor } {
  return r.journalAnchor ? { anchor: { seq: r.journalAnchor.seq, hash: r.journalAnchor.hash } } : {};
}

/** How the online side records a signer's head it read from a payload (none: empty parts). */
export interface ReceivedAnchor {
  /** For the result (`--json`): `journalAnchor` with its words. */
  json: { journalAnchor?: JournalAnchorJson };
  /** For the journal entry's data: `journalAnchor` {seq, hash} (what `journal verify --anchor-from ENTRY` reads). */
  journal: { journalAnchor?: PayloadAnchor };
  /** `signer journal #N <words>`, for the human output. */
  text?: string;
}

/** A signer's journal head read from a payload (PSBT pair or JSON field), as every online reader records it. */
export function receivedAnchor(a: PayloadAnchor | undefined): ReceivedAnchor {
  return a ? { json: { journalAnchor: anchorJson(a) }, journal: { journalAnchor: { seq: a.seq, hash: a.hash } }, text: `signer ${anchorText(a)}` } : { json: {}, journal: {} };
}
