/**
 * SLIP-0039 §Encryption of the master secret: a four-round Luby–Rackoff Feistel network with
 * PBKDF2 as the round function.
 *
 *   F(i, R) = PBKDF2(HMAC-SHA256, password = i ‖ passphrase, salt = salt_prefix ‖ R,
 *                    iterations = 2500 << e, dkLen = n/2)
 *   salt_prefix = "shamir" ‖ id (2 bytes, big-endian) when ext = 0, empty when ext = 1.
 *   Encrypt: L = MS[:n/2], R = MS[n/2:]; for i in 0,1,2,3: (L, R) = (R, L xor F(i, R)); EMS = R ‖ L.
 *   Decrypt: the same with i in 3,2,1,0.
 *
 * "The passphrase MUST be a string containing only printable ASCII characters (code points
 * 32-126)". There is no passphrase check by design: every passphrase gives a wallet.
 */
import { pbkdf2 } from '@noble/hashes/pbkdf2.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { InputError } from '../errors.js';

const BASE_ITERATIONS = 2500;
const SALT_PREFIX = new TextEncoder().encode('shamir');

/** The passphrase as bytes, refusing anything but printable ASCII (no character is echoed). */
export function slip39Passphrase(passphrase: string, field = 'passphrase'): Uint8Array {
  for (let i = 0; i < passphrase.length; i++) {
    const c = passphrase.charCodeAt(i);
    if (c < 32 || c > 126) throw new InputError(`character ${i + 1} is not printable ASCII; SLIP-39 passphrases use only code points 32–126`, field);
  }
  return new TextEncoder().encode(passphrase);
}

/** The cipher's parameters, which the share set carries. */
export interface Slip39CipherParams {
  identifier: number;
  extendable: boolean;
  iterationExponent: number;
}

function feistel(input: Uint8Array, passphrase: Uint8Array, p: Slip39CipherParams, order: number[]): Uint8Array {
  if (input.length % 2 !== 0 || input.length === 0) throw new RangeError('the master secret must have an even number of bytes');
  const half = input.length / 2;
  const salt = p.extendable ? new Uint8Array(0) : Uint8Array.of(...SALT_PREFIX, p.identifier >> 8, p.identifier & 0xff);
  let l = input.slice(0, half);
  let r = input.slice(half);
  for (const i of order) {
    const f = pbkdf2(sha256, Uint8Array.of(i, ...passphrase), Uint8Array.of(...salt, ...r), { c: BASE_ITERATIONS << p.iterationExponent, dkLen: half });
    const next = l.map((b, k) => b ^ f[k]!);
    l.fill(0);
    f.fill(0);
    l = r;
    r = next;
  }
  const out = Uint8Array.of(...r, ...l);
  l.fill(0);
  r.fill(0);
  return out;
}

/** EMS = Encrypt(MS, passphrase, e, id, ext). */
export function slip39Encrypt(masterSecret: Uint8Array, passphrase: Uint8Array, p: Slip39CipherParams): Uint8Array {
  return feistel(masterSecret, passphrase, p, [0, 1, 2, 3]);
}

/** MS = Decrypt(EMS, passphrase, e, id, ext). */
export function slip39Decrypt(encrypted: Uint8Array, passphrase: Uint8Array, p: Slip39CipherParams): Uint8Array {
  return feistel(encrypted, passphrase, p, [3, 2, 1, 0]);
}
