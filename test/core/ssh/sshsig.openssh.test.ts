/**
 * OpenSSH's own SSHSIG vectors (fixtures/openssh-sshsig, made by ssh-keygen -Y sign, the
 * security-key ones through OpenSSH's sk-dummy authenticator, the WebAuthn one by a browser):
 * each verifies over `signed-data` in namespace `unittest` with the key of its .pub file, and
 * fails over any other message.
 */
import { describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import { fixturePath, fixtureText } from '../../helpers/spec-text.js';
import { fingerprint, parseKeyLine } from '../../../src/core/ssh/public-key.js';
import { verifySshSignature } from '../../../src/core/ssh/signature-verify.js';
import { parseSshSignature } from '../../../src/core/ssh/sshsig.js';

const DIR = 'openssh-sshsig';
const message = new Uint8Array(fs.readFileSync(fixturePath(`${DIR}/signed-data`)));
const namespace = fixtureText(`${DIR}/namespace`);

const VECTORS = [
  { name: 'ed25519', sigAlg: 'ssh-ed25519' },
  { name: 'ecdsa', sigAlg: 'ecdsa-sha2-nistp256' },
  { name: 'rsa', sigAlg: 'rsa-sha2-512' },
  { name: 'ed25519_sk', sigAlg: 'sk-ssh-ed25519@openssh.com', counter: 0x12345678 },
  { name: 'ecdsa_sk', sigAlg: 'sk-ecdsa-sha2-nistp256@openssh.com', counter: 0x12345678 },
  { name: 'ecdsa_sk_webauthn', sigAlg: 'webauthn-sk-ecdsa-sha2-nistp256@openssh.com', counter: 799 },
];

describe('OpenSSH regress SSHSIG vectors', () => {
  for (const v of VECTORS) {
    it(`${v.name}: verifies over signed-data, fails over another message`, () => {
      const sig = parseSshSignature(fixtureText(`${DIR}/${v.name}.sig`));
      const key = parseKeyLine(fixtureText(`${DIR}/${v.name}.pub`));
      expect(sig.namespace).toBe(namespace);
      expect(sig.hashAlg).toBe('sha512');
      expect(sig.sigAlg).toBe(v.sigAlg);
      expect(fingerprint(sig.key)).toBe(fingerprint(key.key));
      const ok = verifySshSignature(sig, message);
      expect(ok).toEqual(v.counter === undefined ? { valid: true } : { valid: true, flags: 1, counter: v.counter });
      const changed = message.slice();
      changed[0] ^= 1;
      expect(verifySshSignature(sig, changed).valid).toBe(false);
      expect(verifySshSignature({ ...sig, namespace: 'other' }, message).valid).toBe(false);
    });
  }
});
