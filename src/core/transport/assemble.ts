/**
 * From scanned QR texts (any order, duplicates, frames of other payloads, damaged frames) to one
 * payload. Each text is classified — UR (`ur:` any case), BBQr (`B$…`), or plain — and given a
 * series key: UR type + seqLen + message length + CRC-32 + fragment length; BBQr encoding + file
 * type + part count; plain: the text itself. The series with the most distinct frames is the
 * payload; every other frame is ignored with a note, never mixed in. Frames that fail their own
 * checks (UR CRC-32, header/body part numbers that disagree, bad BBQr charset) are rejected with
 * the reason, and named again if the payload ends up incomplete. Pure: zlib is passed in.
 */
import { isCompactSeedQr } from '../bip39/seedqr.js';
import { InputError } from '../errors.js';
import { digestWords } from '../digest-words.js';
import { sanitize } from '../text.js';
import { BbqrCollector, isBbqr, parseBbqrPart, type Zlib } from './bbqr/bbqr.js';
import { crc32 } from './crc32.js';
import { bbqrKind, payloadFromPlain, type PayloadKind } from './payload-kinds.js';
import { urToPayload } from './payload-ur.js';
import type { TransportFormat } from './frame-plan.js';
import { parseMultipartFrame, UrDecoder } from './ur/multipart.js';
import { decodeUrSingle, splitUr } from './ur/ur.js';
import { counted } from '../text.js';

/** One decoded QR symbol and where it came from (file name, video frame). */
export interface ScannedText {
  source: string;
  text: string;
  /** The symbol's raw data bytes (binary content, e.g. a CompactSeedQR, is not text). */
  bytes?: Uint8Array;
}

export interface AssembledPayload {
  format: TransportFormat;
  kind: PayloadKind;
  bytes: Uint8Array;
  /** "ur:crypto-psbt, 12 fragments", "BBQr Z/P, 3 parts", "plain base64 PSBT". */
  detail: string;
  /** Distinct frames used. */
  framesUsed: number;
}

export interface AssembleHooks {
  note?(line: string): void;
  /** Called after each frame of the chosen series is fed: parts recovered / needed. */
  progress?(have: number, need: number): void;
}

interface Classified {
  source: string;
  text: string;
  bytes?: Uint8Array;
  family: TransportFormat;
  key: string;
  label: string;
}


function classify(s: ScannedText): Classified {
  const text = s.text.trim();
  const binary = s.bytes !== undefined && isCompactSeedQr(s.bytes);
  if (!binary && /^ur:/i.test(text)) {
    const u = splitUr(text);
    if (!u.seq) {
      const ur = decodeUrSingle(text);
      return { ...s, text, family: 'ur', key: `ur/${ur.type}/1/${crc32(ur.cbor)}`, label: `ur:${ur.type}` };
    }
    const { type, part } = parseMultipartFrame(text);
    return { ...s, text, family: 'ur', key: `ur/${type}/${part.seqLen}/${part.messageLen}/${part.checksum}/${part.data.length}`, label: `ur:${type} (${part.seqLen} fragments)` };
  }
  if (!binary && isBbqr(text)) {
    const h = parseBbqrPart(text);
    return { ...s, text, family: 'bbqr', key: `bbqr/${text.slice(0, 6)}`, label: `BBQr ${h.encoding}/${h.fileType} (${h.total} parts)` };
  }
  // Named by length and digest, never by content: a plain QR may be a share card or a mnemonic.
  if (binary) return { ...s, text, family: 'plain', key: `plain/${text}`, label: `binary QR of ${s.bytes!.length} bytes` };
  return { ...s, text, family: 'plain', key: `plain/${text}`, label: `plain text of ${text.length} characters, digest ${digestWords(new TextEncoder().encode(text))}` };
}

/** Assemble one payload from scanned texts; see the file comment for the rules. */
export function assembleFrames(scanned: ScannedText[], zlib: Zlib | undefined, hooks: AssembleHooks = {}): AssembledPayload {
  const note = hooks.note ?? (() => {});
  const rejected: string[] = [];
  const groups = new Map<string, Classified[]>();
  const seenText = new Set<string>();
  let dups = 0;
  for (const s of scanned) {
    let c: Classified;
    try {
      c = classify(s);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      rejected.push(`${sanitize(s.source)}: ${why}`);
      note(`rejected ${sanitize(s.source)}: ${why}`);
      continue;
    }
    const norm = c.family === 'plain' ? c.text : c.text.toUpperCase();
    if (seenText.has(norm)) {
      dups++;
      continue;
    }
    seenText.add(norm);
    const g = groups.get(c.key);
    if (g) g.push(c);
    else groups.set(c.key, [c]);
  }
  if (dups) note(`ignored ${counted(dups, 'duplicate frame')}`);
  if (groups.size === 0) {
    throw new InputError(rejected.length ? `no usable QR frame: ${rejected.length} rejected (first: ${rejected[0]})` : 'no QR code found in the input', 'frames');
  }
  const ranked = [...groups.values()].sort((a, b) => b.length - a.length);
  const chosen = ranked[0]!;
  if (ranked.length > 1 && ranked[1]!.length === chosen.length) {
    throw new InputError(`the frames carry ${ranked.length} different payloads (${ranked.map((g) => g[0]!.label).join('; ')}) with equally many frames; pass one payload's frames`, 'frames');
  }
  for (const g of ranked.slice(1)) note(`ignored ${counted(g.length, 'frame')} of another payload: ${g[0]!.label} (e.g. ${sanitize(g[0]!.source)})`);
  const head = chosen[0]!;
  const incomplete = (missing: string): InputError =>
    new InputError(`${head.label} incomplete: ${missing}${rejected.length ? `; ${counted(rejected.length, 'frame')} ${rejected.length === 1 ? 'was' : 'were'} rejected (${rejected.slice(0, 3).join('; ')})` : ''}`, 'frames');

  if (head.family === 'plain') {
    const p = payloadFromPlain(head.text, head.bytes);
    return { format: 'plain', ...p, framesUsed: 1 };
  }
  if (head.family === 'bbqr') {
    const c = new BbqrCollector(zlib);
    for (const f of chosen) {
      c.receive(f.text);
      const p = c.progress();
      hooks.progress?.(p.have, p.need);
    }
    const r = c.result;
    if (!r) throw incomplete(`missing ${c.missing().length === 1 ? 'part' : 'parts'} ${c.missing().join(', ')} of ${c.progress().need}`);
    const spec = bbqrKind(r.fileType);
    return { format: 'bbqr', kind: spec.kind, bytes: spec.fromTransport(r.raw), detail: `BBQr ${r.encoding}/${r.fileType}, ${chosen.length} parts`, framesUsed: chosen.length };
  }
  const d = new UrDecoder();
  let used = 0;
  for (const f of chosen) {
    used++;
    if (d.receive(f.text) === 'complete') break;
    const p = d.progress();
    hooks.progress?.(p.have, p.need);
  }
  const ur = d.result;
  if (!ur) {
    const p = d.progress();
    throw incomplete(`recovered ${p.have} of ${p.need} fragments, missing ${d.missing().length === 1 ? 'fragment' : 'fragments'} ${d.missing().join(', ')}; show the animation longer or scan more frames`);
  }
  hooks.progress?.(d.progress().need, d.progress().need);
  const p = urToPayload(ur);
  return { format: 'ur', kind: p.kind, bytes: p.bytes, detail: `ur:${ur.type}, ${counted(d.progress().need, 'fragment')} from ${counted(used, 'frame')}`, framesUsed: used };
}
