/**
 * The signer journal's head in a JSON payload the offline laptop hands back (core's
 * payload-anchor.ts: the head before this act; an empty journal gives none), with a stderr note.
 * `psbt sign` carries it inside the PSBT instead (a proprietary global pair).
 */
import { anchorJson, anchorOfHead, anchorText, type JournalAnchorJson } from '../core/journal/payload-anchor.js';
import type { Context } from './command.js';

/** The `journalAnchor` field of a payload the signer hands back (empty when the journal is). */
export function journalAnchorOf(ctx: Context): { journalAnchor?: JournalAnchorJson } {
  const a = anchorOfHead(ctx.journalHead);
  if (a) ctx.note(`journal anchor: ${anchorText(a)} (the online side records it; journal verify --anchor-from proves it later)`);
  return a ? { journalAnchor: anchorJson(a) } : {};
}
