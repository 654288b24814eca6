/**
 * Minimal deterministic CBOR (RFC 8949 §4.2, as profiled by dCBOR for UR payloads): unsigned and
 * negative integers, byte and text strings, arrays, maps with integer or text keys, tags, and the
 * simple values false/true/null. Definite lengths only; shortest-form heads; map keys sorted by
 * their encoded bytes. Floats and indefinite lengths are refused on decode, so a UR payload can
 * only be read one way.
 */
import { concatBytes } from '@noble/hashes/utils.js';
import { InputError } from '../errors.js';

/** A tagged CBOR item (major type 6). */
export class CborTag {
  constructor(
    readonly tag: number,
    readonly value: CborValue,
  ) {}
}

/** A decoded or to-be-encoded CBOR value. Integers decode to number when safe, else bigint. */
export type CborValue =
  | number
  | bigint
  | string
  | Uint8Array
  | boolean
  | null
  | CborValue[]
  | CborMap
  | CborTag;
/** A CBOR map; keys are integers or text. */
export type CborMap = Map<number | string, CborValue>;

const MAX_DEPTH = 32;

function head(major: number, n: number | bigint): Uint8Array {
  const v = BigInt(n);
  if (v < 0n || v > 0xffffffffffffffffn) throw new InputError('integer out of CBOR range', 'cbor');
  const m = major << 5;
  if (v < 24n) return Uint8Array.of(m | Number(v));
  if (v < 0x100n) return Uint8Array.of(m | 24, Number(v));
  if (v < 0x10000n) return Uint8Array.of(m | 25, Number(v >> 8n), Number(v & 0xffn));
  const bytes = v < 0x100000000n ? 4 : 8;
  const out = new Uint8Array(1 + bytes);
  out[0] = m | (bytes === 4 ? 26 : 27);
  for (let i = 0; i < bytes; i++) out[bytes - i] = Number((v >> BigInt(8 * i)) & 0xffn);
  return out;
}

function encodeInto(v: CborValue, out: Uint8Array[], depth: number): void {
  if (depth > MAX_DEPTH) throw new InputError('CBOR nesting too deep', 'cbor');
  if (typeof v === 'number' || typeof v === 'bigint') {
    if (typeof v === 'number' && !Number.isSafeInteger(v)) throw new InputError('only integers can be encoded', 'cbor');
    const b = BigInt(v);
    out.push(b >= 0n ? head(0, b) : head(1, -1n - b));
  } else if (typeof v === 'string') {
    const bytes = new TextEncoder().encode(v);
    out.push(head(3, bytes.length), bytes);
  } else if (v instanceof Uint8Array) {
    out.push(head(2, v.length), v);
  } else if (typeof v === 'boolean') {
    out.push(Uint8Array.of(v ? 0xf5 : 0xf4));
  } else if (v === null) {
    out.push(Uint8Array.of(0xf6));
  } else if (Array.isArray(v)) {
    out.push(head(4, v.length));
    for (const item of v) encodeInto(item, out, depth + 1);
  } else if (v instanceof Map) {
    const entries = [...v.entries()].map(([k, val]) => [encodeCbor(k), val] as const);
    entries.sort((a, b) => compareBytes(a[0], b[0]));
    out.push(head(5, entries.length));
    for (const [k, val] of entries) {
      out.push(k);
      encodeInto(val, out, depth + 1);
    }
  } else if (v instanceof CborTag) {
    out.push(head(6, v.tag));
    encodeInto(v.value, out, depth + 1);
  } else {
    throw new InputError('value cannot be encoded as CBOR', 'cbor');
  }
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** Encode a value as deterministic CBOR. */
export function encodeCbor(v: CborValue): Uint8Array {
  const parts: Uint8Array[] = [];
  encodeInto(v, parts, 0);
  return concatBytes(...parts);
}

class Reader {
  pos = 0;
  constructor(
    readonly buf: Uint8Array,
    readonly field: string,
  ) {}
  fail(msg: string): never {
    throw new InputError(`${msg} at byte ${this.pos}`, this.field);
  }
  byte(): number {
    if (this.pos >= this.buf.length) this.fail('CBOR ends early');
    return this.buf[this.pos++]!;
  }
  take(n: number): Uint8Array {
    if (n > this.buf.length - this.pos) this.fail('CBOR ends early');
    const s = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return s;
  }
  /** Read a head's argument; refuses non-shortest forms and indefinite lengths. */
  arg(info: number): bigint {
    if (info < 24) return BigInt(info);
    if (info > 27) this.fail('indefinite length or reserved CBOR head');
    const n = 1 << (info - 24);
    let v = 0n;
    for (const b of this.take(n)) v = (v << 8n) | BigInt(b);
    const min = info === 24 ? 24n : info === 25 ? 0x100n : info === 26 ? 0x10000n : 0x100000000n;
    if (v < min) this.fail('non-shortest CBOR integer');
    return v;
  }
  len(info: number): number {
    const v = this.arg(info);
    if (v > BigInt(this.buf.length)) this.fail('CBOR length larger than the data');
    return Number(v);
  }
}

function toNum(v: bigint): number | bigint {
  return v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(v) : v;
}

function decodeItem(r: Reader, depth: number): CborValue {
  if (depth > MAX_DEPTH) r.fail('CBOR nesting too deep');
  const ib = r.byte();
  const major = ib >> 5;
  const info = ib & 31;
  switch (major) {
    case 0:
      return toNum(r.arg(info));
    case 1:
      return toNum(-1n - r.arg(info));
    case 2:
      return r.take(r.len(info)).slice();
    case 3: {
      const bytes = r.take(r.len(info));
      try {
        return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        return r.fail('CBOR text is not valid UTF-8');
      }
    }
    case 4: {
      const n = r.len(info);
      const arr: CborValue[] = [];
      for (let i = 0; i < n; i++) arr.push(decodeItem(r, depth + 1));
      return arr;
    }
    case 5: {
      const n = r.len(info);
      const m: CborMap = new Map();
      for (let i = 0; i < n; i++) {
        const k = decodeItem(r, depth + 1);
        if (typeof k !== 'number' && typeof k !== 'string') r.fail('CBOR map key must be an integer or text');
        if (m.has(k)) r.fail('duplicate CBOR map key');
        m.set(k, decodeItem(r, depth + 1));
      }
      return m;
    }
    case 6: {
      const tag = r.arg(info);
      if (tag > BigInt(Number.MAX_SAFE_INTEGER)) r.fail('CBOR tag too large');
      return new CborTag(Number(tag), decodeItem(r, depth + 1));
    }
    default:
      if (ib === 0xf4) return false;
      if (ib === 0xf5) return true;
      if (ib === 0xf6) return null;
      return r.fail('unsupported CBOR simple value or float');
  }
}

/** Decode exactly one CBOR item; trailing bytes are an error. `field` names the input in errors. */
export function decodeCbor(data: Uint8Array, field = 'cbor'): CborValue {
  const r = new Reader(data, field);
  const v = decodeItem(r, 0);
  if (r.pos !== data.length) r.fail('trailing bytes after CBOR item');
  return v;
}

/** Typed accessors used by the registry decoders; each names the field on error. */
export const cborGet = {
  map(v: CborValue | undefined, field: string): CborMap {
    if (!(v instanceof Map)) throw new InputError('expected a CBOR map', field);
    return v;
  },
  bytes(v: CborValue | undefined, field: string, len?: number): Uint8Array {
    if (!(v instanceof Uint8Array)) throw new InputError('expected a CBOR byte string', field);
    if (len !== undefined && v.length !== len) throw new InputError(`expected ${len} bytes, got ${v.length}`, field);
    return v;
  },
  text(v: CborValue | undefined, field: string): string {
    if (typeof v !== 'string') throw new InputError('expected CBOR text', field);
    return v;
  },
  uint(v: CborValue | undefined, field: string, max = Number.MAX_SAFE_INTEGER): number {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > max) {
      throw new InputError(`expected an unsigned integer ≤ ${max}`, field);
    }
    return v;
  },
  int(v: CborValue | undefined, field: string): bigint {
    if (typeof v !== 'number' && typeof v !== 'bigint') throw new InputError('expected a CBOR integer', field);
    return BigInt(v);
  },
  bool(v: CborValue | undefined, field: string): boolean {
    if (typeof v !== 'boolean') throw new InputError('expected a CBOR boolean', field);
    return v;
  },
  array(v: CborValue | undefined, field: string): CborValue[] {
    if (!Array.isArray(v)) throw new InputError('expected a CBOR array', field);
    return v;
  },
  /** Unwrap tag `tag` (or one of `alt`); refuses any other tag or an untagged value. */
  tagged(v: CborValue | undefined, field: string, ...tags: number[]): { tag: number; value: CborValue } {
    if (!(v instanceof CborTag) || !tags.includes(v.tag)) {
      throw new InputError(`expected CBOR tag ${tags.join(' or ')}`, field);
    }
    return { tag: v.tag, value: v.value };
  },
};
