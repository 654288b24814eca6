/**
 * Fountain decoder (BCR-2024-001 §"decoder"): accepts parts in any order, reduces mixed parts by
 * XOR with known plain fragments, and verifies the CRC-32 of the reassembled message. The first
 * part fixes seqLen, messageLen, checksum and fragment length; a part that disagrees belongs to a
 * different message and is reported as `foreign`, never mixed in.
 */
import { VerificationError } from '../../errors.js';
import { crc32 } from '../crc32.js';
import { chooseFragments, joinFragments, xorInto, type FountainPart } from './fountain.js';

export type ReceiveStatus = 'accepted' | 'duplicate' | 'foreign' | 'complete';

interface Mixed {
  indexes: number[];
  data: Uint8Array;
}

export class FountainDecoder {
  private params?: { seqLen: number; messageLen: number; checksum: number; fragmentLen: number };
  private readonly simple = new Map<number, Uint8Array>();
  private readonly mixed = new Map<string, Mixed>();
  private readonly seen = new Set<number>();
  private message?: Uint8Array;

  /** The reassembled message once complete (CRC-32 verified). */
  get result(): Uint8Array | undefined {
    return this.message;
  }

  get seqLen(): number | undefined {
    return this.params?.seqLen;
  }

  /** Plain fragments recovered so far and how many are needed. */
  progress(): { have: number; need: number; mixedPending: number } {
    return { have: this.simple.size, need: this.params?.seqLen ?? 0, mixedPending: this.mixed.size };
  }

  /** 0-based indexes of fragments not yet recovered. */
  missing(): number[] {
    const n = this.params?.seqLen ?? 0;
    const out: number[] = [];
    for (let i = 0; i < n; i++) if (!this.simple.has(i)) out.push(i);
    return out;
  }

  /** Checks a part belongs to the message this decoder is building. */
  matches(p: FountainPart): boolean {
    const q = this.params;
    return !q || (q.seqLen === p.seqLen && q.messageLen === p.messageLen && q.checksum === p.checksum && q.fragmentLen === p.data.length);
  }

  receive(p: FountainPart): ReceiveStatus {
    if (this.message) return this.matches(p) ? 'duplicate' : 'foreign';
    if (!this.params) {
      this.params = { seqLen: p.seqLen, messageLen: p.messageLen, checksum: p.checksum, fragmentLen: p.data.length };
    } else if (!this.matches(p)) return 'foreign';
    if (this.seen.has(p.seqNum)) return 'duplicate';
    this.seen.add(p.seqNum);
    const queue: Mixed[] = [{ indexes: chooseFragments(p.seqNum, p.seqLen, p.checksum), data: p.data.slice() }];
    while (queue.length > 0 && !this.message) {
      const part = queue.shift()!;
      if (part.indexes.length === 1) this.addSimple(part.indexes[0]!, part.data, queue);
      else this.addMixed(part, queue);
    }
    return this.message ? 'complete' : 'accepted';
  }

  private addSimple(index: number, data: Uint8Array, queue: Mixed[]): void {
    if (this.simple.has(index)) return;
    this.simple.set(index, data);
    for (const [key, m] of this.mixed) {
      if (!m.indexes.includes(index)) continue;
      this.mixed.delete(key);
      const d = m.data.slice();
      xorInto(d, data);
      queue.push({ indexes: m.indexes.filter((i) => i !== index), data: d });
    }
    const q = this.params!;
    if (this.simple.size === q.seqLen) {
      const frags = Array.from({ length: q.seqLen }, (_, i) => this.simple.get(i)!);
      const msg = joinFragments(frags, q.messageLen);
      if (crc32(msg) !== q.checksum) {
        throw new VerificationError('reassembled payload fails its CRC-32: frames are damaged or from different payloads');
      }
      this.message = msg;
    }
  }

  private addMixed(part: Mixed, queue: Mixed[]): void {
    let { indexes } = part;
    const data = part.data;
    for (const i of [...indexes]) {
      const s = this.simple.get(i);
      if (s) {
        xorInto(data, s);
        indexes = indexes.filter((x) => x !== i);
      }
    }
    if (indexes.length === 0) return;
    if (indexes.length === 1) {
      queue.push({ indexes, data });
      return;
    }
    const key = indexes.join(',');
    if (!this.mixed.has(key)) this.mixed.set(key, { indexes, data });
  }
}

