/**
 * Little byte helpers for Bitcoin serialisation (CompactSize, little-endian integers) used by the
 * sighash code. Kept tiny and allocation-light: the signer calls them once per input.
 */

/** Appends bytes into one growing buffer; `finish()` returns the exact bytes written. */
export class ByteWriter {
  private buf: Uint8Array;
  private len = 0;
  constructor(capacity = 256) {
    this.buf = new Uint8Array(capacity);
  }
  private need(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.len + n) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }
  bytes(b: Uint8Array): this {
    this.need(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
    return this;
  }
  /** Bytes in reverse order (txids are shown big-endian but serialised little-endian). */
  reversed(b: Uint8Array): this {
    this.need(b.length);
    for (let i = 0; i < b.length; i++) this.buf[this.len + i] = b[b.length - 1 - i]!;
    this.len += b.length;
    return this;
  }
  u8(v: number): this {
    this.need(1);
    this.buf[this.len++] = v & 0xff;
    return this;
  }
  u32(v: number): this {
    this.need(4);
    const b = this.buf;
    b[this.len] = v & 0xff;
    b[this.len + 1] = (v >>> 8) & 0xff;
    b[this.len + 2] = (v >>> 16) & 0xff;
    b[this.len + 3] = (v >>> 24) & 0xff;
    this.len += 4;
    return this;
  }
  /** 64-bit little-endian (amounts; -1 for the legacy SIGHASH_SINGLE blanked outputs). */
  u64(v: bigint): this {
    let x = BigInt.asUintN(64, v);
    this.need(8);
    for (let i = 0; i < 8; i++) {
      this.buf[this.len + i] = Number(x & 0xffn);
      x >>= 8n;
    }
    this.len += 8;
    return this;
  }
  /** Bitcoin CompactSize length prefix. */
  compact(n: number): this {
    if (n < 0xfd) return this.u8(n);
    if (n <= 0xffff) return this.u8(0xfd).u8(n).u8(n >>> 8);
    if (n <= 0xffffffff) return this.u8(0xfe).u32(n);
    throw new RangeError('CompactSize above 2^32 is not used here');
  }
  /** CompactSize length then the bytes. */
  varBytes(b: Uint8Array): this {
    return this.compact(b.length).bytes(b);
  }
  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

/** Length of a CompactSize prefix for `n`. */
export function compactSizeLength(n: number): number {
  return n < 0xfd ? 1 : n <= 0xffff ? 3 : n <= 0xffffffff ? 5 : 9;
}

/** Constant-shape byte equality. */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a[i]! ^ b[i]!;
  return d === 0;
}

/** Concatenate byte arrays (the one implementation, @noble/hashes', shared with the CBOR encoder). */
export { concatBytes } from '@noble/hashes/utils.js';

/** Lexicographic byte order (negative when `a` sorts first); BIP67 sorts public keys with it. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}
