/**
 * BBQr ("Better Bitcoin QR", coinkite/BBQr BBQr.md): each QR is an 8-character header
 * `B$` + encoding (H hex, 2 Base32 RFC 4648 unpadded, Z raw DEFLATE wbits 10 then Base32) + file
 * type (P PSBT, T transaction, J JSON, C CBOR, U text, B binary, X executable) + total parts and
 * 0-based index as 2 base-36 digits each, then the payload slice. "All parts equal length except
 * the last", hex parts even and Base32 parts a multiple of 8 characters, one fixed QR version for
 * the whole series; zlib applies to the whole file before splitting.
 *
 * Pure: DEFLATE is not done here. The caller passes a `Zlib` (the CLI uses node:zlib); without
 * one, Z cannot be produced (encoding falls back to 2) and Z series cannot be joined.
 */
import { base32nopad } from '@scure/base';
import { InputError } from '../../errors.js';
import { alnumCapacity, type Ecc } from '../qr-capacity.js';

export type BbqrEncoding = 'H' | '2' | 'Z';
/** The file types BBQr defines (header byte 4); coldkit writes only these. */
export const BBQR_FILE_TYPES = { P: 'PSBT', T: 'transaction', J: 'JSON', C: 'CBOR', U: 'text', B: 'binary', X: 'executable' } as const;
export const HEADER_LEN = 8;
/** Largest joined (inflated) file accepted, so a hostile series cannot exhaust memory. */
export const BBQR_MAX_BYTES = 16 * 1024 * 1024;

/** Raw DEFLATE with a 1 KiB window (wbits 10), supplied by the caller. */
export interface Zlib {
  deflateRaw(data: Uint8Array): Uint8Array;
  /** Must refuse output larger than `maxBytes`. */
  inflateRaw(data: Uint8Array, maxBytes: number): Uint8Array;
}

export interface BbqrSplitOptions {
  encoding?: BbqrEncoding;
  minVersion?: number;
  maxVersion?: number;
  minSplit?: number;
  maxSplit?: number;
  ecc?: Ecc;
  zlib?: Zlib;
}

export interface BbqrSplit {
  version: number;
  encoding: BbqrEncoding;
  parts: string[];
}

const HEX = '0123456789ABCDEF';

function toBase36(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 1295) throw new InputError(`part number ${n} is outside 0..1295`, 'bbqr');
  return n.toString(36).toUpperCase().padStart(2, '0');
}

/** Encode bytes in the requested encoding; Z falls back to 2 when it does not shrink the data. */
function encodeBody(raw: Uint8Array, encoding: BbqrEncoding, zlib?: Zlib): { encoding: BbqrEncoding; text: string } {
  if (encoding === 'H') {
    let s = '';
    for (const b of raw) s += HEX[b >> 4]! + HEX[b & 15]!;
    return { encoding, text: s };
  }
  let enc: BbqrEncoding = encoding;
  let data = raw;
  if (encoding === 'Z') {
    if (!zlib) throw new InputError('Z (zlib) encoding needs a deflate implementation', 'bbqr');
    const z = zlib.deflateRaw(raw);
    if (z.length < raw.length) data = z;
    else enc = '2';
  }
  return { encoding: enc, text: base32nopad.encode(data) };
}

/**
 * Parts needed at `version`: one QR takes the whole capacity; otherwise every part but the last
 * is rounded down to the encoding's modulus (2 for hex, 8 for Base32).
 */
function partsAt(version: number, len: number, mod: number, ecc: Ecc): { count: number; per: number } {
  const cap = alnumCapacity(version, ecc) - HEADER_LEN;
  const per = cap - (cap % mod);
  // As the reference splitter: a single QR only when the text fits the rounded capacity.
  if (len <= per) return { count: 1, per: len };
  const count = Math.ceil(len / per);
  return { count: (count - 1) * per + cap >= len ? count : count + 1, per };
}

/** Split a file into BBQr parts: the fewest QRs, then the lowest version, within the limits. */
export function splitBbqr(raw: Uint8Array, fileType: string, opts: BbqrSplitOptions = {}): BbqrSplit {
  if (!Object.hasOwn(BBQR_FILE_TYPES, fileType)) throw new InputError(`BBQr file type must be one of ${Object.keys(BBQR_FILE_TYPES).join(', ')}`, 'bbqr');
  const minVersion = opts.minVersion ?? 5;
  const maxVersion = opts.maxVersion ?? 20;
  const minSplit = opts.minSplit ?? 1;
  const maxSplit = opts.maxSplit ?? 1295;
  const ecc = opts.ecc ?? 'L';
  if (minVersion < 1 || maxVersion > 40 || minVersion > maxVersion) throw new InputError('QR version limits must satisfy 1 ≤ min ≤ max ≤ 40', 'max-version');
  if (minSplit < 1 || maxSplit > 1295 || minSplit > maxSplit) throw new InputError('split limits must satisfy 1 ≤ min ≤ max ≤ 1295', 'bbqr');
  if (raw.length === 0) throw new InputError('nothing to encode (empty payload)', 'payload');
  const { encoding, text } = encodeBody(raw, opts.encoding ?? 'Z', opts.zlib);
  const mod = encoding === 'H' ? 2 : 8;
  let best: { version: number; count: number; per: number } | undefined;
  for (let v = minVersion; v <= maxVersion; v++) {
    const { count, per } = partsAt(v, text.length, mod, ecc);
    if (count < minSplit || count > maxSplit) continue;
    if (!best || count < best.count) best = { version: v, count, per };
  }
  if (!best) {
    const n = partsAt(maxVersion, text.length, mod, ecc).count;
    if (n > maxSplit) throw new InputError(`payload needs more than ${maxSplit} BBQr parts at QR version ≤ ${maxVersion}; raise --max-version`, 'max-version');
    throw new InputError(`payload fits in fewer than ${minSplit} parts; lower the minimum split or the QR version`, 'bbqr');
  }
  const parts: string[] = [];
  for (let n = 0, o = 0; o < text.length; n++, o += best.per) {
    parts.push(`B$${encoding}${fileType}${toBase36(best.count)}${toBase36(n)}${text.slice(o, o + best.per)}`);
  }
  return { version: best.version, encoding, parts };
}

export interface BbqrHeader {
  encoding: BbqrEncoding;
  fileType: string;
  total: number;
  index: number;
  payload: string;
}

/** True when `text` looks like a BBQr part (used for format auto-detection). */
export function isBbqr(text: string): boolean {
  return /^B\$[H2Z][A-Z][0-9A-Z]{4}/.test(text.trim());
}

/** Parse and check one part's header and payload charset. */
export function parseBbqrPart(text: string): BbqrHeader {
  const s = text.trim();
  if (!isBbqr(s)) throw new InputError('not a BBQr part (expected B$ + encoding H/2/Z + type + 4 base-36 digits)', 'bbqr');
  const total = parseInt(s.slice(4, 6), 36);
  const index = parseInt(s.slice(6, 8), 36);
  if (total < 1) throw new InputError('part count is zero', 'bbqr');
  if (index >= total) throw new InputError(`part index ${index} but only ${total} parts`, 'bbqr');
  const encoding = s[2] as BbqrEncoding;
  const payload = s.slice(HEADER_LEN);
  if (encoding === 'H' ? !/^[0-9A-F]*$/.test(payload) || payload.length % 2 : !/^[A-Z2-7]*$/.test(payload)) {
    throw new InputError(`part ${index} payload is not valid ${encoding === 'H' ? 'hex' : 'Base32'}`, 'bbqr');
  }
  return { encoding, fileType: s[3]!, total, index, payload };
}

function decodeBase32Part(p: string, index: number): Uint8Array {
  try {
    return base32nopad.decode(p);
  } catch {
    throw new InputError(`part ${index} is not whole Base32 bytes`, 'bbqr');
  }
}

/** Join a complete, ordered list of payload slices. */
export function joinBbqrPayloads(payloads: string[], encoding: BbqrEncoding, zlib?: Zlib): Uint8Array {
  let chunks: Uint8Array[];
  if (encoding === 'H') {
    chunks = payloads.map((p) => Uint8Array.from({ length: p.length / 2 }, (_, i) => parseInt(p.slice(2 * i, 2 * i + 2), 16)));
  } else {
    chunks = payloads.map((p, i) => {
      if (i < payloads.length - 1 && p.length % 8 !== 0) throw new InputError(`part ${i} length is not a multiple of 8`, 'bbqr');
      return decodeBase32Part(p, i);
    });
  }
  const len = chunks.reduce((a, c) => a + c.length, 0);
  if (len > BBQR_MAX_BYTES) throw new InputError('BBQr file too large', 'bbqr');
  const all = new Uint8Array(len);
  let o = 0;
  for (const c of chunks) {
    all.set(c, o);
    o += c.length;
  }
  if (encoding !== 'Z') return all;
  if (!zlib) throw new InputError('Z (zlib) parts need an inflate implementation', 'bbqr');
  try {
    return zlib.inflateRaw(all, BBQR_MAX_BYTES);
  } catch {
    throw new InputError('zlib data does not inflate (damaged or truncated series)', 'bbqr');
  }
}

export type BbqrReceive = 'accepted' | 'duplicate' | 'foreign' | 'complete';

/** Collects BBQr parts in any order; parts of another series are `foreign`, never mixed in. */
export class BbqrCollector {
  private header?: string;
  private readonly parts = new Map<number, string>();
  private file?: { fileType: string; encoding: BbqrEncoding; raw: Uint8Array };

  constructor(private readonly zlib?: Zlib) {}

  receive(text: string): BbqrReceive {
    const h = parseBbqrPart(text);
    const key = text.trim().slice(0, 6);
    if (this.header === undefined) this.header = key;
    else if (key !== this.header) return 'foreign';
    const prev = this.parts.get(h.index);
    if (prev !== undefined) {
      if (prev !== h.payload) throw new InputError(`two different frames claim to be part ${h.index + 1} of ${h.total}`, 'bbqr');
      return 'duplicate';
    }
    this.parts.set(h.index, h.payload);
    if (this.parts.size < h.total) return 'accepted';
    const ordered = Array.from({ length: h.total }, (_, i) => this.parts.get(i)!);
    this.file = { fileType: h.fileType, encoding: h.encoding, raw: joinBbqrPayloads(ordered, h.encoding, this.zlib) };
    return 'complete';
  }

  get result(): { fileType: string; encoding: BbqrEncoding; raw: Uint8Array } | undefined {
    return this.file;
  }

  progress(): { have: number; need: number } {
    return { have: this.parts.size, need: this.header ? parseInt(this.header.slice(4, 6), 36) : 0 };
  }

  /** 1-based part numbers still missing. */
  missing(): number[] {
    const need = this.progress().need;
    const out: number[] = [];
    for (let i = 0; i < need; i++) if (!this.parts.has(i)) out.push(i + 1);
    return out;
  }
}

/** Join a list of part strings (any order, duplicates allowed) into the file. */
export function joinBbqr(parts: string[], zlib?: Zlib): { fileType: string; encoding: BbqrEncoding; raw: Uint8Array } {
  const c = new BbqrCollector(zlib);
  for (const p of parts) {
    if (c.receive(p) === 'foreign') throw new InputError('parts of different BBQr series (header mismatch)', 'bbqr');
  }
  if (!c.result) throw new InputError(`missing ${c.missing().length === 1 ? 'part' : 'parts'} ${c.missing().join(', ')} of ${c.progress().need}`, 'bbqr');
  return c.result;
}
