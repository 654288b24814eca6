/**
 * The real OpenSSH `ssh-keygen` (Debian's openssh-client) for approval tests: make keys of each
 * type in a temp folder, sign files with `-Y sign -n NAMESPACE`, and check signatures with
 * `-Y verify` as an independent verifier. Keys are throw-away, without passphrase.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tmpDir } from './cli.js';

/** Key types `ssh-keygen -t` makes without hardware, and their bit sizes. */
export type KeygenType = 'ed25519' | 'ecdsa-256' | 'ecdsa-384' | 'ecdsa-521' | 'rsa-3072';

/** A key made by ssh-keygen: its private key file and its public key line. */
export interface SshTestKey {
  name: string;
  file: string;
  /** `ssh-ed25519 AAAA… name@test` */
  pub: string;
}

/** A folder of ssh-keygen keys. */
export class SshKeygen {
  readonly dir: string;
  constructor(dir = tmpDir('coldkit-ssh-')) {
    this.dir = dir;
  }

  /** Make a key (`ssh-keygen -t TYPE -N "" -C NAME@test`). */
  key(name: string, type: KeygenType = 'ed25519'): SshTestKey {
    const file = path.join(this.dir, `${name}-${type}`);
    if (!fs.existsSync(file)) {
      const [t, bits] = type.split('-') as [string, string | undefined];
      execFileSync('ssh-keygen', ['-q', '-t', t, ...(bits ? ['-b', bits] : []), '-N', '', '-C', `${name}@test`, '-f', file], { stdio: 'pipe' });
    }
    return { name, file, pub: fs.readFileSync(`${file}.pub`, 'utf8').trim() };
  }

  /** `ssh-keygen -Y sign -f KEY -n NAMESPACE FILE` → the armored signature text (FILE.sig). */
  sign(key: SshTestKey, namespace: string, file: string): string {
    const sig = `${file}.sig`;
    fs.rmSync(sig, { force: true });
    execFileSync('ssh-keygen', ['-Y', 'sign', '-f', key.file, '-n', namespace, file], { stdio: 'pipe' });
    const text = fs.readFileSync(sig, 'utf8');
    fs.rmSync(sig);
    return text;
  }

  /** Sign bytes (written to a temp file first). */
  signBytes(key: SshTestKey, namespace: string, bytes: Uint8Array | string): string {
    const f = path.join(this.dir, `msg-${Math.random().toString(36).slice(2)}`);
    fs.writeFileSync(f, bytes);
    try {
      return this.sign(key, namespace, f);
    } finally {
      fs.rmSync(f, { force: true });
    }
  }

  /** `ssh-keygen -Y verify` with an allowed_signers line for `principal`: true when OpenSSH accepts it. */
  verify(principal: string, pub: string, namespace: string, sigText: string, message: Uint8Array | string): boolean {
    const allowed = path.join(this.dir, 'allowed_signers');
    const sig = path.join(this.dir, 'verify.sig');
    fs.writeFileSync(allowed, `${principal} ${pub}\n`);
    fs.writeFileSync(sig, sigText);
    try {
      execFileSync('ssh-keygen', ['-Y', 'verify', '-f', allowed, '-I', principal, '-n', namespace, '-s', sig], { input: message, stdio: 'pipe' });
      return true;
    } catch {
      return false;
    }
  }
}
