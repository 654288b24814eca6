/**
 * Verifying the signature inside an SSHSIG (sshsig.ts) for each key type coldkit accepts:
 *
 * - ssh-ed25519 (RFC 8709): Ed25519 over the signed data, strict RFC 8032 decoding;
 * - ecdsa-sha2-nistp256/384/521 (RFC 5656 §6.2.1): `mpint r, mpint s` over SHA-256/384/512 of
 *   the signed data;
 * - rsa-sha2-256 / rsa-sha2-512 (RFC 8332) with an ssh-rsa key: PKCS#1 v1.5 (rsa.ts); the legacy
 *   SHA-1 "ssh-rsa" signature is refused, as PROTOCOL.sshsig requires;
 * - FIDO security keys (OpenSSH PROTOCOL.u2f): the authenticator signs
 *   `SHA256(application) ‖ flags ‖ uint32 counter ‖ SHA256(message)` — Ed25519 directly for
 *   sk-ssh-ed25519@openssh.com, ECDSA P-256 with SHA-256 for sk-ecdsa-sha2-nistp256@openssh.com —
 *   and the SSH signature appends `byte flags, uint32 counter`. The WebAuthn form
 *   (webauthn-sk-ecdsa-sha2-nistp256@openssh.com, as a browser makes it) adds origin, clientData
 *   and extensions; the signed blob hashes clientData, whose challenge must be the message.
 *   As sshd does for authorized_keys (not `ssh-keygen -Y verify`, which ignores the flags), the
 *   user-presence flag (0x01: a person touched the key) is required unless the key line says
 *   `no-touch-required`, and `verify-required` demands the user-verified flag (0x04, PIN).
 *
 * Curve code is loaded only by this module, so reading a policy or a request stays light.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { p256, p384, p521 } from '@noble/curves/nist.js';
import { base64urlnopad } from '@scure/base';
import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import { concatBytes } from '../bytes.js';
import { InputError } from '../errors.js';
import type { NistCurve, SshKey, SshKeyLine } from './public-key.js';
import { rsaVerify } from './rsa.js';
import { signedData, type SshSignature } from './sshsig.js';
import { bigintToBytes, SshReader } from './wire.js';

/** FIDO authenticator data flags (WebAuthn §6.1): user present, user verified, attested data, extension data. */
export const SK_FLAGS = { userPresent: 0x01, userVerified: 0x04, attested: 0x40, extensions: 0x80 } as const;

/** The outcome of verifying one signature. */
export type SignatureCheck =
  | { valid: true; flags?: number; counter?: number }
  | { valid: false; reason: string };

const CURVES: Record<NistCurve, { ecdsa: typeof p256; hash: (m: Uint8Array) => Uint8Array; bytes: number }> = {
  nistp256: { ecdsa: p256, hash: sha256, bytes: 32 },
  nistp384: { ecdsa: p384, hash: sha384, bytes: 48 },
  nistp521: { ecdsa: p521, hash: sha512, bytes: 66 },
};

/** Refuse a key whose point is not on its curve (a policy check runs this on every approver key). */
export function checkKeyUsable(key: SshKey, field: string): void {
  try {
    if (key.type === 'ssh-ed25519' || key.type === 'sk-ssh-ed25519@openssh.com') ed25519.Point.fromBytes(key.point);
    else if (key.type !== 'ssh-rsa') CURVES[key.curve].ecdsa.Point.fromBytes(key.point);
  } catch {
    throw new InputError(`the ${key.type} key is not a valid point on its curve`, field);
  }
}

/** `mpint r, mpint s` → the 2n-byte compact signature, or undefined when out of range. */
function compactRs(body: Uint8Array, curve: NistCurve): Uint8Array | undefined {
  const r = new SshReader(body, 'ecdsa signature');
  const rr = r.mpint('r');
  const ss = r.mpint('s');
  r.end('ecdsa signature');
  const n = CURVES[curve].bytes;
  if (rr === 0n || ss === 0n || rr.toString(16).length > 2 * n || ss.toString(16).length > 2 * n) return undefined;
  return concatBytes(bigintToBytes(rr, n), bigintToBytes(ss, n));
}

function ecdsaOk(curve: NistCurve, rs: Uint8Array | undefined, digest: Uint8Array, point: Uint8Array): boolean {
  if (!rs) return false;
  try {
    // OpenSSL (and so OpenSSH) accepts high-s ECDSA signatures: lowS false; the digest is ours.
    return CURVES[curve].ecdsa.verify(rs, digest, point, { prehash: false, lowS: false });
  } catch {
    return false;
  }
}

function ed25519Ok(sig: Uint8Array, msg: Uint8Array, point: Uint8Array): boolean {
  if (sig.length !== 64) return false;
  try {
    return ed25519.verify(sig, msg, point, { zip215: false });
  } catch {
    return false;
  }
}

/** sshd's user-presence/verification rule (authorized_keys no-touch-required, verify-required) for security-key signatures. */
function skFlagsOk(flags: number, line: Pick<SshKeyLine, 'noTouchRequired' | 'verifyRequired'>): string | undefined {
  if (!line.noTouchRequired && !(flags & SK_FLAGS.userPresent)) return 'the security key signed without user presence (no touch); the key line does not say no-touch-required';
  if (line.verifyRequired && !(flags & SK_FLAGS.userVerified)) return 'the security key signed without user verification (PIN); the key line says verify-required';
  return undefined;
}

const u32 = (v: number) => Uint8Array.of(v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);

/**
 * Does `sig` verify over `message` with the key it carries? `line` gives the security-key options
 * of the approver's key line. Malformed signature bodies are reported as not valid, with why.
 */
export function verifySshSignature(sig: SshSignature, message: Uint8Array, line: Pick<SshKeyLine, 'noTouchRequired' | 'verifyRequired'> = { noTouchRequired: false, verifyRequired: false }): SignatureCheck {
  const data = signedData(sig.namespace, sig.reserved, sig.hashAlg, message);
  const key = sig.key;
  const bad = (reason: string): SignatureCheck => ({ valid: false, reason });
  const wrongAlg = () => bad(`a ${key.type} key cannot make a "${sig.sigAlg}" signature`);
  try {
    const r = new SshReader(sig.sigBody, 'signature');
    switch (key.type) {
      case 'ssh-ed25519': {
        if (sig.sigAlg !== 'ssh-ed25519') return wrongAlg();
        const s = r.string('ed25519 signature');
        r.end('signature');
        return ed25519Ok(s, data, key.point) ? { valid: true } : bad('the Ed25519 signature does not verify');
      }
      case 'ecdsa-sha2-nistp256':
      case 'ecdsa-sha2-nistp384':
      case 'ecdsa-sha2-nistp521': {
        if (sig.sigAlg !== key.type) return wrongAlg();
        const rs = compactRs(r.string('ecdsa signature'), key.curve);
        r.end('signature');
        return ecdsaOk(key.curve, rs, CURVES[key.curve].hash(data), key.point) ? { valid: true } : bad('the ECDSA signature does not verify');
      }
      case 'ssh-rsa': {
        if (sig.sigAlg !== 'rsa-sha2-256' && sig.sigAlg !== 'rsa-sha2-512') {
          if (sig.sigAlg === 'ssh-rsa') return bad('the RSA signature uses SHA-1 ("ssh-rsa"), which PROTOCOL.sshsig forbids; sign with rsa-sha2-512');
          return wrongAlg();
        }
        const s = r.string('rsa signature');
        r.end('signature');
        const hash = sig.sigAlg === 'rsa-sha2-512' ? 'sha512' : 'sha256';
        return rsaVerify(key, hash, hash === 'sha512' ? sha512(data) : sha256(data), s) ? { valid: true } : bad('the RSA signature does not verify');
      }
      case 'sk-ssh-ed25519@openssh.com': {
        if (sig.sigAlg !== key.type) return wrongAlg();
        const s = r.string('ed25519 signature');
        const flags = r.u8('flags');
        const counter = r.u32('counter');
        r.end('signature');
        const signed = concatBytes(sha256(new TextEncoder().encode(key.application)), Uint8Array.of(flags), u32(counter), sha256(data));
        if (!ed25519Ok(s, signed, key.point)) return bad('the security-key Ed25519 signature does not verify');
        const why = skFlagsOk(flags, line);
        return why ? bad(why) : { valid: true, flags, counter };
      }
      case 'sk-ecdsa-sha2-nistp256@openssh.com': {
        const webauthn = sig.sigAlg === 'webauthn-sk-ecdsa-sha2-nistp256@openssh.com';
        if (sig.sigAlg !== key.type && !webauthn) return wrongAlg();
        const rs = compactRs(r.string('ecdsa signature'), 'nistp256');
        const flags = r.u8('flags');
        const counter = r.u32('counter');
        let exts: Uint8Array = new Uint8Array();
        let msgHash = sha256(data);
        if (webauthn) {
          const origin = r.text('webauthn origin');
          const clientData = r.string('webauthn clientData');
          exts = r.string('webauthn extensions');
          // OpenSSH ssh-ecdsa-sk.c webauthn_check_prepare_hash: no quote in the origin, no attested
          // data, the extension flag set exactly when extensions are present, and clientData must
          // begin {"type":"webauthn.get","challenge":"<base64url(message)>","origin":"<origin>"
          if (origin.includes('"') || flags & SK_FLAGS.attested || Boolean(flags & SK_FLAGS.extensions) !== exts.length > 0) return bad('the WebAuthn signature has inconsistent flags or origin');
          const preamble = new TextEncoder().encode(`{"type":"webauthn.get","challenge":"${base64urlnopad.encode(data)}","origin":"${origin}"`);
          if (clientData.length < preamble.length || !preamble.every((b, i) => clientData[i] === b)) return bad('the WebAuthn clientData does not carry this message as its challenge');
          msgHash = sha256(clientData);
        }
        r.end('signature');
        const signed = concatBytes(sha256(new TextEncoder().encode(key.application)), Uint8Array.of(flags), u32(counter), exts, msgHash);
        if (!ecdsaOk('nistp256', rs, sha256(signed), key.point)) return bad('the security-key ECDSA signature does not verify');
        const why = skFlagsOk(flags, line);
        return why ? bad(why) : { valid: true, flags, counter };
      }
    }
  } catch (e) {
    if (e instanceof InputError) return bad(`the signature field is malformed: ${e.message}`);
    throw e;
  }
}
