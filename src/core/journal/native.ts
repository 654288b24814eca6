/**
 * Node's native SHA-256 (FIPS 180-4) and strict UTF-8 decoding, for journal lines: deterministic
 * functions with no I/O, several times faster than their JavaScript equivalents on a journal's
 * many short lines — the journal's speed target (docs/performance.md) needs them. SHA-256 is
 * tested against @noble/hashes as an oracle (test/core/journal/native.test.ts).
 */
import { Buffer, isUtf8 } from 'node:buffer';
import { hash } from 'node:crypto';

/** SHA-256 of bytes, or of a string's UTF-8 encoding, as 64 lowercase hex digits. */
export function sha256Hex(data: Uint8Array | string): string {
  return hash('sha256', data, 'hex');
}

/** Whether bytes are valid UTF-8. */
export function isValidUtf8(bytes: Uint8Array): boolean {
  return isUtf8(bytes);
}

/** Decode UTF-8 bytes; undefined when they are not valid UTF-8 (no replacement characters). */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  if (!isUtf8(bytes)) return undefined;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}
