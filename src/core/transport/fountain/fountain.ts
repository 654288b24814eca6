/**
 * Fountain-code building blocks of BCR-2024-001 (Multipart UR): fragment length choice,
 * partitioning, degree and fragment choice, XOR mixing, and the part CBOR
 * `[seqNum, seqLen, messageLen, checksum, data]`.
 */
import { InputError } from '../../errors.js';
import { cborGet, decodeCbor, encodeCbor } from '../cbor.js';
import { u32be } from '../crc32.js';
import { Xoshiro256 } from '../xoshiro.js';
import { RandomSampler } from './random-sampler.js';

/** One fountain part. `seqNum` 1..seqLen are the plain fragments; higher ones are XOR mixes. */
export interface FountainPart {
  seqNum: number;
  seqLen: number;
  messageLen: number;
  checksum: number;
  data: Uint8Array;
}

/** Upper bounds a decoder accepts, so a hostile frame cannot make it allocate without limit. */
export const FOUNTAIN_LIMITS = { maxMessageLen: 16 * 1024 * 1024, maxSeqLen: 100_000 } as const;

/**
 * The smallest fragment count whose `ceil(messageLen / count)` fits `maxFragmentLen`
 * (BCR-2024-001 "fragment length"); never fewer bytes than `minFragmentLen` unless the
 * message itself is shorter.
 */
export function findNominalFragmentLength(messageLen: number, minFragmentLen: number, maxFragmentLen: number): number {
  if (messageLen <= 0 || minFragmentLen <= 0 || maxFragmentLen < minFragmentLen) {
    throw new InputError(`fragment length ${maxFragmentLen} must be ≥ ${minFragmentLen}`, 'fragment');
  }
  const maxCount = Math.max(1, Math.floor(messageLen / minFragmentLen));
  let len = messageLen;
  for (let count = 1; count <= maxCount; count++) {
    len = Math.ceil(messageLen / count);
    if (len <= maxFragmentLen) break;
  }
  return len;
}

/** Split `message` into fragments of `fragmentLen`, zero-padding the last. */
export function partitionMessage(message: Uint8Array, fragmentLen: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let o = 0; o < message.length; o += fragmentLen) {
    const f = new Uint8Array(fragmentLen);
    f.set(message.subarray(o, o + fragmentLen));
    out.push(f);
  }
  return out;
}

/** Join fragments and trim to `messageLen`. */
export function joinFragments(fragments: Uint8Array[], messageLen: number): Uint8Array {
  const fragLen = fragments[0]?.length ?? 0;
  const out = new Uint8Array(fragments.length * fragLen);
  fragments.forEach((f, i) => out.set(f, i * fragLen));
  return out.slice(0, messageLen);
}

/** XOR `b` into `a` in place. */
export function xorInto(a: Uint8Array, b: Uint8Array): void {
  for (let i = 0; i < a.length; i++) a[i]! ^= b[i]!;
}

const samplers = new Map<number, RandomSampler>();

/** Degree drawn from the harmonic distribution 1/1 … 1/seqLen (BCR-2024-001 "degree chooser"). */
export function chooseDegree(seqLen: number, rng: Xoshiro256): number {
  let s = samplers.get(seqLen);
  if (!s) {
    s = new RandomSampler(Array.from({ length: seqLen }, (_, i) => 1 / (i + 1)));
    if (samplers.size > 64) samplers.clear();
    samplers.set(seqLen, s);
  }
  return s.next(() => rng.nextDouble()) + 1;
}

/** Remove random elements one at a time (BCR-2024-001 "shuffle"). */
export function shuffled<T>(items: readonly T[], rng: Xoshiro256): T[] {
  const remaining = [...items];
  const result: T[] = [];
  while (remaining.length > 0) {
    const i = rng.nextInt(0, remaining.length - 1);
    result.push(remaining.splice(i, 1)[0]!);
  }
  return result;
}

/**
 * Fragment indexes mixed into part `seqNum` (0-based, sorted). Parts up to `seqLen` are the plain
 * fragments; later ones use Xoshiro256** seeded with `seqNum_be32 ‖ checksum_be32`.
 */
export function chooseFragments(seqNum: number, seqLen: number, checksum: number): number[] {
  if (seqNum <= seqLen) return [seqNum - 1];
  const seed = new Uint8Array(8);
  seed.set(u32be(seqNum), 0);
  seed.set(u32be(checksum), 4);
  const rng = new Xoshiro256(seed);
  const degree = chooseDegree(seqLen, rng);
  const idx = shuffled(
    Array.from({ length: seqLen }, (_, i) => i),
    rng,
  );
  return idx.slice(0, degree).sort((a, b) => a - b);
}

/** Encode a part as `[seqNum, seqLen, messageLen, checksum, data]`. */
export function encodePart(p: FountainPart): Uint8Array {
  return encodeCbor([p.seqNum, p.seqLen, p.messageLen, p.checksum, p.data]);
}

/** Decode and sanity-check a part's CBOR; every inconsistency is an InputError. */
export function decodePart(cbor: Uint8Array): FountainPart {
  const f = 'ur part';
  const a = cborGet.array(decodeCbor(cbor, f), f);
  if (a.length !== 5) throw new InputError('a multipart UR body must be a 5-element array', f);
  const p: FountainPart = {
    seqNum: cborGet.uint(a[0], `${f}.seqNum`, 0xffffffff),
    seqLen: cborGet.uint(a[1], `${f}.seqLen`, FOUNTAIN_LIMITS.maxSeqLen),
    messageLen: cborGet.uint(a[2], `${f}.messageLen`, FOUNTAIN_LIMITS.maxMessageLen),
    checksum: cborGet.uint(a[3], `${f}.checksum`, 0xffffffff),
    data: cborGet.bytes(a[4], `${f}.data`),
  };
  if (p.seqNum < 1 || p.seqLen < 1 || p.messageLen < 1 || p.data.length < 1) {
    throw new InputError('zero sequence number, length or fragment', f);
  }
  const fl = p.data.length;
  if (fl * p.seqLen < p.messageLen || fl * (p.seqLen - 1) >= p.messageLen) {
    throw new InputError(`fragment size ${fl} × ${p.seqLen} parts does not fit a ${p.messageLen}-byte message`, f);
  }
  return p;
}

/** Fountain encoder: `nextPart()` yields plain fragments first, then endless mixed parts. */
export class FountainEncoder {
  readonly messageLen: number;
  readonly checksum: number;
  readonly fragmentLen: number;
  readonly fragments: Uint8Array[];
  private seqNum: number;

  constructor(message: Uint8Array, checksum: number, maxFragmentLen: number, firstSeqNum = 0, minFragmentLen = 10) {
    if (message.length > FOUNTAIN_LIMITS.maxMessageLen) throw new InputError('payload too large for UR', 'payload');
    this.messageLen = message.length;
    this.checksum = checksum;
    this.fragmentLen = findNominalFragmentLength(message.length, minFragmentLen, maxFragmentLen);
    this.fragments = partitionMessage(message, this.fragmentLen);
    this.seqNum = firstSeqNum >>> 0;
  }

  get seqLen(): number {
    return this.fragments.length;
  }

  nextPart(): FountainPart {
    this.seqNum = (this.seqNum + 1) >>> 0; // wraps after 2^32-1
    const data = new Uint8Array(this.fragmentLen);
    for (const i of chooseFragments(this.seqNum, this.seqLen, this.checksum)) xorInto(data, this.fragments[i]!);
    return { seqNum: this.seqNum, seqLen: this.seqLen, messageLen: this.messageLen, checksum: this.checksum, data };
  }
}
