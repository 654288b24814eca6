/**
 * OpenSSH public keys: the wire blob (RFC 4253 §6.6 ssh-rsa, RFC 8709 ssh-ed25519, RFC 5656
 * ecdsa-sha2-nistp256/384/521, and OpenSSH's PROTOCOL.u2f security keys
 * sk-ssh-ed25519@openssh.com and sk-ecdsa-sha2-nistp256@openssh.com, whose blob adds the FIDO
 * `application` string) and the text line of authorized_keys / allowed_signers:
 * `[options] TYPE BASE64 [comment]`.
 *
 * Only the options that change how a security-key signature is judged are accepted
 * (`no-touch-required`, `verify-required`, as sshd's authorized_keys names them); others
 * (cert-authority, namespaces=, valid-after=…) are refused by name rather than silently ignored.
 * (`ssh-keygen -Y verify`'s allowed_signers knows neither option: an auditor re-verifying with it
 * drops them from the line.) Parsing checks
 * the point or modulus is usable; no curve arithmetic beyond that happens here.
 */
import { base64 } from '@scure/base';
import { sha256 } from '@noble/hashes/sha2.js';
import { InputError } from '../errors.js';
import { sanitize } from '../text.js';
import { SshReader } from './wire.js';

/** The key types coldkit verifies signatures of. */
export const KEY_TYPES = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'sk-ssh-ed25519@openssh.com',
  'sk-ecdsa-sha2-nistp256@openssh.com',
  'ssh-rsa',
] as const;
export type KeyType = (typeof KEY_TYPES)[number];

/** NIST curve names of ECDSA keys (RFC 5656 §6.1). */
export type NistCurve = 'nistp256' | 'nistp384' | 'nistp521';

/** Coordinate size of each curve: the uncompressed point is 0x04 ‖ X ‖ Y. */
const CURVE_BYTES: Record<NistCurve, number> = { nistp256: 32, nistp384: 48, nistp521: 66 };

/** OpenSSH refuses RSA moduli under 1024 bits (SSH_RSA_MINIMUM_MODULUS_SIZE). */
export const RSA_MIN_BITS = 1024;

/** A parsed public key. */
export type SshKey =
  | { type: 'ssh-ed25519'; blob: Uint8Array; point: Uint8Array }
  | { type: 'sk-ssh-ed25519@openssh.com'; blob: Uint8Array; point: Uint8Array; application: string }
  | { type: `ecdsa-sha2-${NistCurve}`; blob: Uint8Array; curve: NistCurve; point: Uint8Array }
  | { type: 'sk-ecdsa-sha2-nistp256@openssh.com'; blob: Uint8Array; curve: 'nistp256'; point: Uint8Array; application: string }
  | { type: 'ssh-rsa'; blob: Uint8Array; e: bigint; n: bigint; bits: number };

/** A key line: the key, its options and its comment. */
export interface SshKeyLine {
  key: SshKey;
  /** `no-touch-required`: a security key's signature need not carry the user-presence flag. */
  noTouchRequired: boolean;
  /** `verify-required`: a security key's signature must carry the user-verified flag (PIN/biometric). */
  verifyRequired: boolean;
  comment: string;
}

function ecPoint(r: SshReader, curve: NistCurve, field: string): Uint8Array {
  const p = r.string(field);
  const n = CURVE_BYTES[curve];
  if (p.length !== 1 + 2 * n || p[0] !== 0x04) throw new InputError(`${field} must be an uncompressed ${curve} point (${1 + 2 * n} bytes starting 04)`, 'public key');
  return p;
}

/** Parse a public key's wire blob; `field` names it in errors. */
export function parseKeyBlob(blob: Uint8Array, field = 'public key'): SshKey {
  const r = new SshReader(blob, field);
  const type = r.text('key type');
  let key: SshKey;
  switch (type) {
    case 'ssh-ed25519':
    case 'sk-ssh-ed25519@openssh.com': {
      const point = r.string('ed25519 key');
      if (point.length !== 32) throw new InputError(`an Ed25519 key is 32 bytes, not ${point.length}`, field);
      key = type === 'ssh-ed25519' ? { type, blob, point } : { type, blob, point, application: r.text('application') };
      break;
    }
    case 'ecdsa-sha2-nistp256':
    case 'ecdsa-sha2-nistp384':
    case 'ecdsa-sha2-nistp521':
    case 'sk-ecdsa-sha2-nistp256@openssh.com': {
      const curve = r.text('curve name') as NistCurve;
      const want = type.startsWith('sk-') ? 'nistp256' : type.slice('ecdsa-sha2-'.length);
      if (curve !== want) throw new InputError(`key type ${type} names curve "${sanitize(curve)}"`, field);
      const point = ecPoint(r, curve, 'ec point');
      key = type === 'sk-ecdsa-sha2-nistp256@openssh.com' ? { type, blob, curve: 'nistp256', point, application: r.text('application') } : { type, blob, curve, point } as SshKey;
      break;
    }
    case 'ssh-rsa': {
      const e = r.mpint('rsa e');
      const n = r.mpint('rsa n');
      const bits = n.toString(2).length;
      if (bits < RSA_MIN_BITS) throw new InputError(`an RSA key of ${bits} bits is too small (OpenSSH refuses under ${RSA_MIN_BITS})`, field);
      if (e < 3n || e % 2n === 0n) throw new InputError('the RSA public exponent must be odd and at least 3', field);
      key = { type, blob, e, n, bits };
      break;
    }
    default:
      throw new InputError(`key type "${sanitize(type).slice(0, 60)}" is not supported (use one of ${KEY_TYPES.join(', ')})`, field);
  }
  r.end('key');
  return key;
}

const OPTION_NAMES = ['no-touch-required', 'verify-required'];

/**
 * Parse `[options] TYPE BASE64 [comment]` (an authorized_keys / allowed_signers key, without the
 * principal). The type word must be the type inside the blob.
 */
export function parseKeyLine(text: string, field = 'public key'): SshKeyLine {
  const words = text.trim().split(/\s+/);
  let noTouchRequired = false;
  let verifyRequired = false;
  let i = 0;
  // Options come before the type and are comma-separated; the type starts with a known prefix.
  if (words[0] !== undefined && !KEY_TYPES.includes(words[0] as KeyType) && !/^(ssh-|ecdsa-|sk-)/.test(words[0])) {
    for (const opt of words[0].split(',')) {
      if (opt === 'no-touch-required') noTouchRequired = true;
      else if (opt === 'verify-required') verifyRequired = true;
      else throw new InputError(`key option "${sanitize(opt).slice(0, 40)}" is not supported here (only ${OPTION_NAMES.join(', ')})`, field);
    }
    i = 1;
  }
  const type = words[i];
  const b64 = words[i + 1];
  if (!type || !b64) throw new InputError('must be an OpenSSH public key line: "ssh-ed25519 AAAA… comment"', field);
  let blob: Uint8Array;
  try {
    blob = base64.decode(b64);
  } catch {
    throw new InputError('the key is not valid base64', field);
  }
  const key = parseKeyBlob(blob, field);
  if (key.type !== type) throw new InputError(`the line says ${sanitize(type).slice(0, 60)} but the key is ${key.type}`, field);
  return { key, noTouchRequired, verifyRequired, comment: sanitize(words.slice(i + 2).join(' ')) };
}

/** The key's fingerprint as `ssh-keygen -l` prints it: `SHA256:` and unpadded base64 of SHA-256(blob). */
export function fingerprint(key: Pick<SshKey, 'blob'>): string {
  return 'SHA256:' + base64.encode(sha256(key.blob)).replace(/=+$/, '');
}

/** The key as one line, `TYPE BASE64`. */
export function formatKey(key: Pick<SshKey, 'type' | 'blob'>): string {
  return `${key.type} ${base64.encode(key.blob)}`;
}
