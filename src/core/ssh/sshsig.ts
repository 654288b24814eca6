/**
 * SSH signatures as `ssh-keygen -Y sign` writes them (OpenSSH PROTOCOL.sshsig):
 *
 *   armored: "-----BEGIN SSH SIGNATURE-----", base64 of the blob, "-----END SSH SIGNATURE-----";
 *   blob:    byte[6] "SSHSIG", uint32 version (1), string publickey, string namespace,
 *            string reserved, string hash_algorithm, string signature;
 *   signed:  byte[6] "SSHSIG", string namespace, string reserved, string hash_algorithm,
 *            string H(message).
 *
 * "Verifiers MUST reject signatures with versions greater than those they support"; "The
 * namespace value MUST NOT be the empty string"; hash algorithms "sha256" and "sha512". Parsing
 * (this file) refuses malformed input as InputError; whether the signature verifies, and for which
 * namespace, is the caller's to judge (signature-verify.ts, src/core/policy/approvals.ts), so
 * each fault gets its own message.
 */
import { base64 } from '@scure/base';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { InputError } from '../errors.js';
import { sanitize } from '../text.js';
import { parseKeyBlob, type SshKey } from './public-key.js';
import { SshReader, SshWriter } from './wire.js';

const MAGIC = new TextEncoder().encode('SSHSIG');
const BEGIN = '-----BEGIN SSH SIGNATURE-----';
const END = '-----END SSH SIGNATURE-----';

/** The hash algorithms PROTOCOL.sshsig allows. */
export type SshSigHash = 'sha256' | 'sha512';

/** A parsed SSH signature (not yet verified). */
export interface SshSignature {
  /** The signer's public key, as carried in the signature. */
  key: SshKey;
  namespace: string;
  reserved: Uint8Array;
  hashAlg: SshSigHash;
  /** The signature algorithm name inside the signature field (e.g. rsa-sha2-512). */
  sigAlg: string;
  /** The signature field's bytes after its algorithm name. */
  sigBody: Uint8Array;
}

/** Decode the armored form (header at the start, footer at the end; CRLF tolerated). */
export function dearmor(text: string, field: string): Uint8Array {
  const t = text.replace(/\r\n/g, '\n').trim();
  if (!t.startsWith(BEGIN)) throw new InputError(`is not an SSH signature (it must start with "${BEGIN}", as ssh-keygen -Y sign writes it)`, field);
  const end = t.indexOf(END);
  if (end < 0 || t.slice(end + END.length).trim() !== '') throw new InputError(`has no "${END}" line at its end`, field);
  const body = t.slice(BEGIN.length, end).replace(/\s+/g, '');
  try {
    return base64.decode(body);
  } catch {
    throw new InputError('the signature body is not valid base64', field);
  }
}

/** Parse an armored SSH signature. */
export function parseSshSignature(text: string, field = 'signature'): SshSignature {
  const blob = dearmor(text, field);
  const r = new SshReader(blob, field);
  const magic = r.bytes(6, 'magic');
  if (!magic.every((b, i) => b === MAGIC[i])) throw new InputError('does not start with the SSHSIG magic', field);
  const version = r.u32('version');
  if (version !== 1) throw new InputError(`is SSHSIG version ${version}; only version 1 is supported`, field);
  const key = parseKeyBlob(r.string('publickey'), field);
  const namespace = r.text('namespace');
  if (namespace === '') throw new InputError('has an empty namespace (PROTOCOL.sshsig: "The namespace value MUST NOT be the empty string")', field);
  const reserved = r.string('reserved');
  const hashAlg = r.text('hash_algorithm');
  if (hashAlg !== 'sha256' && hashAlg !== 'sha512') throw new InputError(`uses hash algorithm "${sanitize(hashAlg).slice(0, 20)}"; PROTOCOL.sshsig allows sha256 and sha512`, field);
  const sig = new SshReader(r.string('signature'), field);
  r.end('signature blob');
  const sigAlg = sig.text('signature algorithm');
  const sigBody = sig.bytes(sig.remaining, 'signature');
  return { key, namespace, reserved, hashAlg, sigAlg, sigBody };
}

/** H(message) with the signature's hash algorithm. */
export function messageHash(hashAlg: SshSigHash, message: Uint8Array): Uint8Array {
  return hashAlg === 'sha512' ? sha512(message) : sha256(message);
}

/** The bytes the key signed: "SSHSIG" ‖ string namespace ‖ string reserved ‖ string hash_algorithm ‖ string H(message). */
export function signedData(namespace: string, reserved: Uint8Array, hashAlg: SshSigHash, message: Uint8Array): Uint8Array {
  return new SshWriter().raw(MAGIC).string(namespace).string(reserved).string(hashAlg).string(messageHash(hashAlg, message)).finish();
}

/** Build the blob and armored text of a signature (tests and the demo craft security-key signatures with it). */
export function armorSshSignature(parts: { keyBlob: Uint8Array; namespace: string; hashAlg: SshSigHash; signature: Uint8Array; reserved?: Uint8Array }): string {
  const blob = new SshWriter()
    .raw(MAGIC)
    .u32(1)
    .string(parts.keyBlob)
    .string(parts.namespace)
    .string(parts.reserved ?? new Uint8Array())
    .string(parts.hashAlg)
    .string(parts.signature)
    .finish();
  const b64 = base64.encode(blob);
  const lines = b64.match(/.{1,70}/g) ?? [];
  return `${BEGIN}\n${lines.join('\n')}\n${END}\n`;
}
