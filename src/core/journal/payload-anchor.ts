/**
 * The signer journal's head carried across the air gap inside the payloads the offline laptop
 * hands back, so the online machine can record it and `journal verify --anchor-from` can later
 * prove the offline journal still holds it (anchor.ts). Forms, none of which disturbs other tools:
 *
 * - PSBT: a global proprietary pair (BIP174 PSBT_GLOBAL_PROPRIETARY = 0xFC): key
 *   0xFC <compact size 7> "coldkit" <compact size subtype 0x01>, value
 *   <compact size seq> <32-byte head hash>. BIP174: proprietary keys are for private use, and a
 *   parser keeps or ignores pairs it does not know.
 * - JSON outputs: `"journalAnchor": {"seq": N, "hash": "<64 hex>", "words": "<6 words>"}`.
 * - Text (the QR digest line): `journal #N <6 words>`.
 * - SSH signature files (`approve`): one line after the armor's END line,
 *   `coldkit-journal-anchor: {"seq": N, "hash": "<64 hex>", "words": "<6 words>"}`. OpenSSH's
 *   `ssh-keygen -Y verify` reads the armor up to the END line and ignores what follows
 *   (sshsig.c sshsig_dearmor), and the signature never covers its own file.
 *
 * The anchor is the head *before* the act that made the payload (the act's own entry hashes the
 * payload, so it cannot be inside it). An empty journal has nothing to anchor: no field is written.
 */
import { ByteWriter } from '../bytes.js';
import { InputError } from '../errors.js';
import { fromHex, toHex } from '../text.js';
import type { Anchor } from './anchor.js';
import { headWords } from './entry.js';

/** A journal head as a payload carries it. */
export interface PayloadAnchor {
  seq: number;
  hash: string;
}

/** The JSON form (`journalAnchor`). */
export interface JournalAnchorJson {
  seq: number;
  hash: string;
  words: string;
}

/** coldkit's proprietary identifier and the subtype of the journal head. */
const IDENTIFIER = new TextEncoder().encode('coldkit');
export const SUBTYPE_JOURNAL_HEAD = 0x01;

/** The PSBT global key of the anchor: 0xFC, identifier "coldkit", subtype 0x01, no key data. */
export const PSBT_ANCHOR_KEY = Uint8Array.of(0xfc, IDENTIFIER.length, ...IDENTIFIER, SUBTYPE_JOURNAL_HEAD);

/** The anchor for a head, or undefined when the journal is empty (seq 0). */
export function anchorOfHead(head: { seq: number; hash: string } | undefined): PayloadAnchor | undefined {
  return head && head.seq > 0 ? { seq: head.seq, hash: head.hash } : undefined;
}

/** The PSBT value: compact-size seq, then the 32-byte hash. */
export function encodePsbtAnchor(a: PayloadAnchor): Uint8Array {
  const w = new ByteWriter(41);
  const s = a.seq;
  if (s < 0xfd) w.u8(s);
  else if (s <= 0xffff) w.u8(0xfd).u8(s & 0xff).u8(s >>> 8);
  else w.u8(0xfe).u8(s & 0xff).u8((s >>> 8) & 0xff).u8((s >>> 16) & 0xff).u8(s >>> 24);
  w.bytes(fromHex(a.hash, 'journalAnchor'));
  return w.finish();
}

/** Read the PSBT value back; errors name `field`. */
export function decodePsbtAnchor(v: Uint8Array, field: string): PayloadAnchor {
  const f = v[0];
  const n = f === undefined ? -1 : f < 0xfd ? 1 : f === 0xfd ? 3 : f === 0xfe ? 5 : -1;
  if (n < 0 || v.length !== n + 32) throw new InputError('the PSBT\'s coldkit journal anchor (proprietary 0xFC "coldkit" 0x01) is malformed: expected a compact-size entry number and a 32-byte hash', field);
  let seq = f!;
  if (n === 3) seq = v[1]! | (v[2]! << 8);
  if (n === 5) seq = (v[1]! | (v[2]! << 8) | (v[3]! << 16)) + v[4]! * 2 ** 24;
  return { seq, hash: toHex(v.subarray(n)) };
}

/** The JSON form. */
export function anchorJson(a: PayloadAnchor): JournalAnchorJson {
  return { seq: a.seq, hash: a.hash, words: headWords(a.hash) };
}

/** The text form for a digest line: `journal #N <6 words>`. */
export function anchorText(a: PayloadAnchor): string {
  return `journal #${a.seq} ${headWords(a.hash)}`;
}

/** Read a `journalAnchor` JSON value (strictly); errors name `field`. */
export function readAnchorJson(v: unknown, field: string): PayloadAnchor {
  const o = v as { seq?: unknown; hash?: unknown } | null;
  if (!o || typeof o !== 'object' || !Number.isSafeInteger(o.seq) || (o.seq as number) < 1 || typeof o.hash !== 'string' || !/^[0-9a-f]{64}$/.test(o.hash)) {
    throw new InputError('journalAnchor must be {"seq": N ≥ 1, "hash": "<64 lowercase hex>"}', field);
  }
  return { seq: o.seq as number, hash: o.hash };
}

/**
 * The `journalAnchor` a coldkit JSON document carries (read strictly), or undefined when it has
 * none: a foreign document (Coldcard JSON, a descriptor) or one made with an empty journal.
 */
export function anchorInJson(doc: unknown, field: string): PayloadAnchor | undefined {
  const v = doc && typeof doc === 'object' ? (doc as { journalAnchor?: unknown }).journalAnchor : undefined;
  return v === undefined ? undefined : readAnchorJson(v, field);
}

/** As an anchor for `journal verify` (anchor.ts), named by where it came from. */
export function asVerifyAnchor(a: PayloadAnchor, from: string): Anchor {
  return { label: `#${a.seq} ${a.hash.slice(0, 16)}… from ${from}`, seq: a.seq, hash: a.hash };
}

/** The prefix of the anchor line after an SSH signature's armor. */
export const ANCHOR_TRAILER = 'coldkit-journal-anchor: ';

/** The anchor line appended to an armored SSH signature (with its newline). */
export function anchorTrailer(a: PayloadAnchor): string {
  return `${ANCHOR_TRAILER}${JSON.stringify(anchorJson(a))}\n`;
}

/**
 * Split an anchor line off the end of a text (an SSH signature file): the text without it, and the
 * anchor read strictly. A text without the line is returned as it is; errors name `field`.
 */
export function splitAnchorTrailer(text: string, field: string): { text: string; anchor?: PayloadAnchor } {
  const at = text.lastIndexOf(`\n${ANCHOR_TRAILER}`);
  if (at < 0) return { text };
  const line = text.slice(at + 1 + ANCHOR_TRAILER.length).replace(/\r?\n$/, '');
  if (line.includes('\n')) return { text }; // not the last line: left to the signature parser, which refuses trailing text
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    throw new InputError(`its "${ANCHOR_TRAILER.trim()}" line is not JSON`, field);
  }
  return { text: text.slice(0, at + 1), anchor: readAnchorJson(v, field) };
}
