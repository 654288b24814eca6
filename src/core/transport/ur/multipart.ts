/**
 * Multipart UR (BCR-2020-005 §"Multi-part URs", BCR-2024-001): `ur:<type>/<seqNum>-<seqLen>/<body>`
 * where the body is bytewords-minimal of the fountain part CBOR. A message that fits one
 * fragment is emitted as a single-part UR.
 */
import { InputError } from '../../errors.js';
import { decodeBytewords, encodeBytewords } from '../bytewords.js';
import { crc32 } from '../crc32.js';
import { FountainDecoder } from '../fountain/decoder.js';
import { FountainEncoder, decodePart, encodePart, type FountainPart } from '../fountain/fountain.js';
import { checkUrType, decodeUrSingle, encodeUrSingle, splitUr, type Ur } from './ur.js';

/** Endless UR frame source: plain fragments first, then fountain (mixed) parts forever. */
export class UrEncoder {
  private readonly fountain: FountainEncoder;

  constructor(
    readonly ur: Ur,
    maxFragmentLen: number,
    firstSeqNum = 0,
    minFragmentLen = 10,
  ) {
    checkUrType(ur.type);
    this.fountain = new FountainEncoder(ur.cbor, crc32(ur.cbor), maxFragmentLen, firstSeqNum, minFragmentLen);
  }

  /** Number of plain fragments (the fixed-rate frame count). */
  get seqLen(): number {
    return this.fountain.seqLen;
  }

  get isSinglePart(): boolean {
    return this.fountain.seqLen === 1;
  }

  /** The next frame text (lower case, canonical). */
  nextPart(): string {
    if (this.isSinglePart) return encodeUrSingle(this.ur.type, this.ur.cbor);
    const p = this.fountain.nextPart();
    return `ur:${this.ur.type}/${p.seqNum}-${p.seqLen}/${encodeBytewords(encodePart(p), 'minimal')}`;
  }
}

/** Parse one multipart frame, checking the header's n-m matches the CBOR inside. */
export function parseMultipartFrame(text: string): { type: string; part: FountainPart } {
  const u = splitUr(text);
  if (!u.seq) throw new InputError('not a multipart UR frame', 'ur');
  const part = decodePart(decodeBytewords(u.body, 'minimal', 'ur body'));
  if (part.seqNum !== u.seq.num || part.seqLen !== u.seq.len) {
    throw new InputError(`header says part ${u.seq.num}-${u.seq.len} but the body says ${part.seqNum}-${part.seqLen}`, 'ur sequence');
  }
  return { type: u.type, part };
}

export type UrReceive = 'accepted' | 'duplicate' | 'foreign' | 'complete';

/** Collects UR frames in any order (single or multipart) until one UR is complete. */
export class UrDecoder {
  private type?: string;
  private readonly fountain = new FountainDecoder();
  private single?: Ur;

  /** Feed one scanned text; malformed frames throw InputError, other payloads return `foreign`. */
  receive(text: string): UrReceive {
    const u = splitUr(text);
    if (this.type !== undefined && u.type !== this.type) return 'foreign';
    if (!u.seq) {
      const ur = decodeUrSingle(text);
      if (this.single) return bytesEqual(this.single.cbor, ur.cbor) ? 'duplicate' : 'foreign';
      if (this.type !== undefined) return 'foreign';
      this.type = ur.type;
      this.single = ur;
      return 'complete';
    }
    if (this.single) return 'foreign';
    const { type, part } = parseMultipartFrame(text);
    const status = this.fountain.receive(part);
    if (status !== 'foreign') this.type = type;
    return status;
  }

  get result(): Ur | undefined {
    if (this.single) return this.single;
    const m = this.fountain.result;
    return m && this.type ? { type: this.type, cbor: m } : undefined;
  }

  get urType(): string | undefined {
    return this.type;
  }

  progress(): { have: number; need: number } {
    if (this.single) return { have: 1, need: 1 };
    const p = this.fountain.progress();
    return { have: p.have, need: p.need };
  }

  /** 1-based fragment numbers still missing. */
  missing(): number[] {
    return this.fountain.missing().map((i) => i + 1);
  }
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
