/**
 * SSH signatures against the real OpenSSH: keys and signatures made by `ssh-keygen` (ed25519,
 * ECDSA P-256/384/521, RSA; sha512 and sha256 message hashes) verify with coldkit's code; FIDO
 * security-key signatures (sk-ssh-ed25519, sk-ecdsa-sha2-nistp256) and RSA rsa-sha2-256, which
 * ssh-keygen cannot make here without hardware or an agent, are crafted per PROTOCOL.u2f / RFC 8332
 * and judged by both coldkit and `ssh-keygen -Y verify`, which must agree on every valid and forged
 * signature. One difference is deliberate: `ssh-keygen -Y verify` ignores the security-key flags,
 * coldkit requires the user-presence flag (a person touched the key) unless the approver's key line
 * says `no-touch-required`, as sshd's authorized_keys does. Parsing refuses malformed input by name.
 */
import { generateKeyPairSync, sign as nodeSign } from 'node:crypto';
import { ed25519 } from '@noble/curves/ed25519.js';
import { p256 } from '@noble/curves/nist.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { base64 } from '@scure/base';
import { afterAll, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import { formatKey, parseKeyBlob, parseKeyLine } from '../../../src/core/ssh/public-key.js';
import { verifySshSignature } from '../../../src/core/ssh/signature-verify.js';
import { armorSshSignature, parseSshSignature, signedData, type SshSigHash } from '../../../src/core/ssh/sshsig.js';
import { bigintToBytes, bytesToBigint, SshWriter } from '../../../src/core/ssh/wire.js';
import { inputError } from '../../helpers/expect-error.js';
import { SshKeygen, type KeygenType } from '../../helpers/ssh-keygen.js';

const keygen = new SshKeygen();
afterAll(() => fs.rmSync(keygen.dir, { recursive: true, force: true }));
const NS = 'coldkit-approval';
const msg = new TextEncoder().encode('coldkit approval request v1\npolicy: test\n');

describe('signatures made by ssh-keygen -Y sign verify', () => {
  const types: KeygenType[] = ['ed25519', 'ecdsa-256', 'ecdsa-384', 'ecdsa-521', 'rsa-3072'];
  for (const t of types) {
    it(t, () => {
      const k = keygen.key('alice', t);
      const sig = parseSshSignature(keygen.signBytes(k, NS, msg));
      expect(sig.namespace).toBe(NS);
      expect(formatKey(sig.key)).toBe(k.pub.split(' ').slice(0, 2).join(' '));
      expect(verifySshSignature(sig, msg)).toEqual({ valid: true });
      const other = msg.slice();
      other[other.length - 2] ^= 0x20;
      expect(verifySshSignature(sig, other).valid).toBe(false);
    });
  }
  it('the sha256 message hash (ssh-keygen -Y sign -O hashalg=sha256)', async () => {
    const k = keygen.key('alice', 'ed25519');
    const f = `${keygen.dir}/m256`;
    fs.writeFileSync(f, msg);
    const { execFileSync } = await import('node:child_process');
    execFileSync('ssh-keygen', ['-Y', 'sign', '-f', k.file, '-n', NS, '-O', 'hashalg=sha256', f], { stdio: 'pipe' });
    const sig = parseSshSignature(fs.readFileSync(`${f}.sig`, 'utf8'));
    expect(sig.hashAlg).toBe('sha256');
    expect(verifySshSignature(sig, msg).valid).toBe(true);
  });
});

/** A crafted security-key signature (the authenticator simulated with @noble), PROTOCOL.u2f. */
function skSignature(kind: 'ed25519' | 'ecdsa', flags: number, counter: number, hashAlg: SshSigHash = 'sha512') {
  const application = 'ssh:';
  const seed = sha256(new TextEncoder().encode(`sk ${kind}`));
  const u32 = (v: number) => Uint8Array.of(v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);
  const data = signedData(NS, new Uint8Array(), hashAlg, msg);
  const signed = new Uint8Array([...sha256(new TextEncoder().encode(application)), flags, ...u32(counter), ...sha256(data)]);
  if (kind === 'ed25519') {
    const type = 'sk-ssh-ed25519@openssh.com';
    const blob = new SshWriter().string(type).string(ed25519.getPublicKey(seed)).string(application).finish();
    const sig = new SshWriter().string(type).string(ed25519.sign(signed, seed)).u8(flags).u32(counter).finish();
    return { pub: `${type} ${base64.encode(blob)} yubikey`, text: armorSshSignature({ keyBlob: blob, namespace: NS, hashAlg, signature: sig }) };
  }
  const type = 'sk-ecdsa-sha2-nistp256@openssh.com';
  const blob = new SshWriter().string(type).string('nistp256').string(p256.getPublicKey(seed, false)).string(application).finish();
  const rs = p256.sign(sha256(signed), seed, { prehash: false });
  const inner = new SshWriter().mpint(bytesToBigint(rs.slice(0, 32))).mpint(bytesToBigint(rs.slice(32))).finish();
  const sig = new SshWriter().string(type).string(inner).u8(flags).u32(counter).finish();
  return { pub: `${type} ${base64.encode(blob)} yubikey`, text: armorSshSignature({ keyBlob: blob, namespace: NS, hashAlg, signature: sig }) };
}

describe('FIDO security-key signatures: coldkit and ssh-keygen -Y verify agree', () => {
  for (const kind of ['ed25519', 'ecdsa'] as const) {
    it(`${kind}-sk with user presence: both accept; over another message: both refuse`, () => {
      const s = skSignature(kind, 0x01, 42);
      expect(keygen.verify('yk', s.pub, NS, s.text, msg)).toBe(true);
      expect(verifySshSignature(parseSshSignature(s.text), msg)).toEqual({ valid: true, flags: 1, counter: 42 });
      expect(keygen.verify('yk', s.pub, NS, s.text, 'another')).toBe(false);
      expect(verifySshSignature(parseSshSignature(s.text), new TextEncoder().encode('another')).valid).toBe(false);
    });
    it(`${kind}-sk without user presence: ssh-keygen -Y verify accepts it (it ignores the flags); coldkit refuses unless the key line says no-touch-required`, () => {
      const s = skSignature(kind, 0x00, 43, 'sha256');
      expect(keygen.verify('yk', s.pub, NS, s.text, msg)).toBe(true);
      const check = verifySshSignature(parseSshSignature(s.text), msg);
      expect(check.valid).toBe(false);
      expect(check.valid ? '' : check.reason).toMatch(/user presence/);
      expect(verifySshSignature(parseSshSignature(s.text), msg, parseKeyLine(`no-touch-required ${s.pub}`)).valid).toBe(true);
    });
  }
  it('verify-required (an authorized_keys option; allowed_signers has none) demands the user-verified flag', () => {
    const present = skSignature('ed25519', 0x01, 7);
    const verified = skSignature('ed25519', 0x05, 8);
    expect(keygen.verify('yk', present.pub, NS, present.text, msg)).toBe(true);
    expect(keygen.verify('yk', verified.pub, NS, verified.text, msg)).toBe(true);
    expect(verifySshSignature(parseSshSignature(present.text), msg, parseKeyLine(`verify-required ${present.pub}`)).valid).toBe(false);
    expect(verifySshSignature(parseSshSignature(verified.text), msg, parseKeyLine(`verify-required ${verified.pub}`)).valid).toBe(true);
  });
});

describe('RSA rsa-sha2-256 (signed by node:crypto, the key as an ssh-rsa blob)', () => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = publicKey.export({ format: 'jwk' });
  const n = bytesToBigint(base64.decode(jwk.n!.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (jwk.n!.length % 4)) % 4)));
  const e = bytesToBigint(base64.decode(jwk.e!.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (jwk.e!.length % 4)) % 4)));
  const blob = new SshWriter().string('ssh-rsa').mpint(e).mpint(n).finish();
  const pub = `ssh-rsa ${base64.encode(blob)} rsa@test`;
  for (const alg of ['rsa-sha2-256', 'rsa-sha2-512', 'ssh-rsa'] as const) {
    it(alg, () => {
      const data = signedData(NS, new Uint8Array(), 'sha512', msg);
      const s = nodeSign(alg === 'rsa-sha2-512' ? 'sha512' : alg === 'ssh-rsa' ? 'sha1' : 'sha256', data, privateKey);
      const text = armorSshSignature({ keyBlob: blob, namespace: NS, hashAlg: 'sha512', signature: new SshWriter().string(alg).string(s).finish() });
      const ours = verifySshSignature(parseSshSignature(text), msg);
      // PROTOCOL.sshsig: "the signature algorithm must be rsa-sha2-512 or rsa-sha2-256 (i.e. not the legacy RSA-SHA1 ssh-rsa)".
      expect(ours.valid).toBe(alg !== 'ssh-rsa');
      expect(keygen.verify('r', pub, NS, text, msg)).toBe(alg !== 'ssh-rsa');
      // A signature with its leading byte dropped (when it is zero) is still accepted; a flipped bit never.
      const flipped = s.slice();
      flipped[10] ^= 1;
      const bad = armorSshSignature({ keyBlob: blob, namespace: NS, hashAlg: 'sha512', signature: new SshWriter().string(alg).string(flipped).finish() });
      expect(verifySshSignature(parseSshSignature(bad), msg).valid).toBe(false);
    });
  }
  it('the key round-trips as a blob', () => {
    const k = parseKeyBlob(blob);
    expect(k.type === 'ssh-rsa' && k.n === n && k.bits).toBe(2048);
    expect(bigintToBytes(n).length).toBe(256);
  });
});

const expectInputError = (f: () => unknown, re: RegExp) => expect(inputError(f).message).toMatch(re);

describe('malformed signatures are refused by name', () => {
  const k = keygen.key('bob', 'ed25519');
  const good = keygen.signBytes(k, NS, msg);
  const blob = base64.decode(good.split('\n').slice(1, -2).join(''));
  const rearmor = (b: Uint8Array) => `-----BEGIN SSH SIGNATURE-----\n${base64.encode(b)}\n-----END SSH SIGNATURE-----\n`;
  it('no armor', () => expectInputError(() => parseSshSignature('hello'), /must start with "-----BEGIN SSH SIGNATURE-----"/));
  it('no footer', () => expectInputError(() => parseSshSignature(good.replace('-----END SSH SIGNATURE-----', '')), /END SSH SIGNATURE/));
  it('bad magic', () => {
    const b = blob.slice();
    b[0] = 0x58;
    expectInputError(() => parseSshSignature(rearmor(b)), /SSHSIG magic/);
  });
  it('version 2', () => {
    const b = blob.slice();
    b[9] = 2;
    expectInputError(() => parseSshSignature(rearmor(b)), /version 2/);
  });
  it('truncated', () => expectInputError(() => parseSshSignature(rearmor(blob.slice(0, blob.length - 5))), /truncated/));
  it('trailing bytes', () => expectInputError(() => parseSshSignature(rearmor(new Uint8Array([...blob, 0]))), /trailing/));
  it('an unknown hash algorithm', () => {
    const text = armorSshSignature({ keyBlob: parseSshSignature(good).key.blob, namespace: NS, hashAlg: 'md5' as SshSigHash, signature: new Uint8Array() });
    expectInputError(() => parseSshSignature(text), /hash algorithm "md5"/);
  });
  it('an empty namespace', () => {
    const text = armorSshSignature({ keyBlob: parseSshSignature(good).key.blob, namespace: '', hashAlg: 'sha512', signature: new Uint8Array() });
    expectInputError(() => parseSshSignature(text), /empty namespace/);
  });
  it('a key line whose type word differs from its blob', () => expectInputError(() => parseKeyLine(k.pub.replace('ssh-ed25519', 'ecdsa-sha2-nistp256')), /says ecdsa-sha2-nistp256 but the key is ssh-ed25519/));
  it('an unsupported key option', () => expectInputError(() => parseKeyLine(`cert-authority ${k.pub}`), /cert-authority/));
  it('an unsupported key type', () => expectInputError(() => parseKeyBlob(new SshWriter().string('ssh-dss').finish()), /ssh-dss" is not supported/));
});
