/**
 * The SSH wire encoding (RFC 4251 §5) that public keys, signatures and SSHSIG blobs are made of:
 * `uint32` big-endian, `string` (uint32 length then bytes), `mpint` (a string holding a
 * two's-complement big-endian integer, no needless leading zero byte). The reader refuses
 * truncated input and, when asked, trailing bytes, naming the field it was reading.
 */
import { InputError } from '../errors.js';

/** Reads SSH wire fields from a byte string; every read names the field in its error. */
export class SshReader {
  #pos = 0;
  constructor(
    private readonly buf: Uint8Array,
    private readonly what: string,
  ) {}

  private fail(field: string, why: string): never {
    throw new InputError(`${why} (reading ${field})`, this.what);
  }

  /** `n` raw bytes. */
  bytes(n: number, field: string): Uint8Array {
    if (n < 0 || this.#pos + n > this.buf.length) this.fail(field, 'truncated');
    const out = this.buf.subarray(this.#pos, this.#pos + n);
    this.#pos += n;
    return out;
  }

  u8(field: string): number {
    return this.bytes(1, field)[0]!;
  }

  u32(field: string): number {
    const b = this.bytes(4, field);
    return ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
  }

  /** RFC 4251 `string`: uint32 length, then that many bytes. */
  string(field: string): Uint8Array {
    return this.bytes(this.u32(field), field);
  }

  /** A `string` that must be printable ASCII (algorithm and curve names, namespaces). */
  text(field: string): string {
    const b = this.string(field);
    for (const c of b) if (c < 0x20 || c > 0x7e) this.fail(field, 'not printable ASCII');
    return String.fromCharCode(...b);
  }

  /** RFC 4251 `mpint`, non-negative only (every mpint in keys and signatures is). */
  mpint(field: string): bigint {
    const b = this.string(field);
    if (b.length === 0) return 0n;
    if (b[0]! & 0x80) this.fail(field, 'negative mpint');
    if (b[0] === 0 && (b.length === 1 || !(b[1]! & 0x80))) this.fail(field, 'mpint with a needless leading zero');
    return bytesToBigint(b);
  }

  /** Bytes left. */
  get remaining(): number {
    return this.buf.length - this.#pos;
  }

  /** Refuse anything left after the last field. */
  end(field: string): void {
    if (this.remaining !== 0) this.fail(field, `${this.remaining} unexpected trailing bytes`);
  }
}

/** Builds SSH wire fields. */
export class SshWriter {
  readonly #parts: Uint8Array[] = [];
  #len = 0;

  raw(b: Uint8Array): this {
    this.#parts.push(b);
    this.#len += b.length;
    return this;
  }

  u8(v: number): this {
    return this.raw(Uint8Array.of(v & 0xff));
  }

  u32(v: number): this {
    return this.raw(Uint8Array.of(v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff));
  }

  string(b: Uint8Array | string): this {
    const bytes = typeof b === 'string' ? new TextEncoder().encode(b) : b;
    return this.u32(bytes.length).raw(bytes);
  }

  /** RFC 4251 `mpint` of a non-negative integer. */
  mpint(v: bigint): this {
    if (v === 0n) return this.u32(0);
    let b = bigintToBytes(v);
    if (b[0]! & 0x80) b = Uint8Array.of(0, ...b);
    return this.string(b);
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.#len);
    let o = 0;
    for (const p of this.#parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  }
}

/** Big-endian unsigned bytes → bigint. */
export function bytesToBigint(b: Uint8Array): bigint {
  let v = 0n;
  for (const x of b) v = (v << 8n) | BigInt(x);
  return v;
}

/** bigint → big-endian unsigned bytes: minimal, or left-padded to `length`. */
export function bigintToBytes(v: bigint, length?: number): Uint8Array {
  let hex = v.toString(16);
  if (hex.length % 2) hex = '0' + hex;
  const n = Math.max(hex.length / 2, length ?? 0);
  const out = new Uint8Array(n);
  const off = n - hex.length / 2;
  for (let i = 0; i < hex.length / 2; i++) out[off + i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}
