/**
 * src/cli/seed-input.ts through the built bin: `--slip39-file` beside `--mnemonic-file`. Every
 * valid SLIP-39 vector (fixtures/slip39/vectors.json, passphrase "TREZOR") used as the seed of
 * `derive` gives the key its official xprv gives; `account export` and `psbt sign` accept it; an
 * invalid set is exit 2 naming a share, never printing a word; the shares stay out of stdout and
 * the journal; `--slip39-file` with `--mnemonic-file` is exit 2.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HDKey } from '@scure/bip32';
import { describe, expect, it } from 'vitest';
import { runCli, tmpDir } from '../helpers/cli.js';
import { buildPsbt } from '../helpers/build-psbt.js';
import { fixtureJson } from '../helpers/fixtures.js';

type Vector = [string, string[], string, string];
const vectors = fixtureJson<Vector[]>('slip39/vectors.json');
const dir = tmpDir('coldkit-slip39-seed-');
const journal = path.join(dir, 'journal.jsonl');
const pass = path.join(dir, 'pass.txt');
fs.writeFileSync(pass, 'TREZOR\n');
const run = (args: string[]) => runCli(['--json', ...args], { env: { COLDKIT_JOURNAL: journal } });
const fp = (xprv: string): string => HDKey.fromExtendedKey(xprv).fingerprint.toString(16).padStart(8, '0');
const sharesFile = (i: number, shares: string[]): string => {
  const p = path.join(dir, `set-${i}.txt`);
  fs.writeFileSync(p, shares.join('\n') + '\n');
  return p;
};

describe('--slip39-file: a SLIP-39 wallet as the seed', () => {
  const valid = vectors.map((v, i) => [i, v] as const).filter(([, v]) => v[2] !== '');
  it.each(valid.map(([i, v]) => [v[0], i, v] as const))('%s: derive gives the key of the official xprv', async (_name, i, v) => {
    const expected = HDKey.fromExtendedKey(v[3]).derive("m/84'/0'/0'/0/0");
    const r = await run(['derive', '--slip39-file', sharesFile(i, v[1]), '--passphrase-file', pass, '--path', "m/84'/0'/0'/0/0"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().publicKey).toBe(Buffer.from(expected.publicKey!).toString('hex'));
    expect(r.stdout).not.toContain(v[1][0]!.split(' ').slice(2, 6).join(' '));
  });

  it('shares split over several files combine the same (repeatable flag)', async () => {
    const [, shares, , xprv] = vectors[3]!;
    const a = sharesFile(100, [shares[0]!]);
    const b = sharesFile(101, [shares[1]!]);
    const r = await run(['derive', '--slip39-file', a, '--slip39-file', b, '--passphrase-file', pass, '--path', 'm/0']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().publicKey).toBe(Buffer.from(HDKey.fromExtendedKey(xprv).derive('m/0').publicKey!).toString('hex'));
  });

  it('account export from SLIP-39 shares: the fingerprint is the xprv\'s; the journal holds no share word', async () => {
    const [, shares, , xprv] = vectors[3]!;
    const r = await run(['account', 'export', '--slip39-file', sharesFile(102, shares), '--passphrase-file', pass, '--script', 'wpkh']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.stringify(r.json())).toContain(HDKey.fromExtendedKey(xprv).fingerprint.toString(16).padStart(8, '0'));
    const text = fs.readFileSync(journal, 'utf8');
    for (const s of shares) expect(text).not.toContain(s.split(' ').slice(0, 6).join(' '));
  });

  it('invalid sets are exit 2 naming the share or the set, without echoing a share', async () => {
    const invalid = vectors.map((v, i) => [i, v] as const).filter(([, v]) => v[2] === '');
    for (const [i, v] of invalid.slice(0, 8)) {
      const r = await run(['derive', '--slip39-file', sharesFile(i, v[1]), '--passphrase-file', pass, '--path', 'm/0']);
      expect(r.code, `${v[0]}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(/--slip39-file|shares: /); // a share's fault names it; a set's fault (too few, mixed sets) names the set
      expect(r.stderr + r.stdout).not.toContain(v[1][0]!.split(' ').slice(3, 7).join(' '));
    }
  });

  it('psbt sign --slip39-file signs the SLIP-39 wallet\'s inputs (PSBT built for the official xprv)', async () => {
    const [, shares, , xprv] = vectors[3]!;
    const root = HDKey.fromExtendedKey(xprv);
    const psbt = path.join(dir, 'slip39.psbt');
    fs.writeFileSync(psbt, buildPsbt({ kind: 'wpkh', inputs: 2, mainnet: true, root }));
    const r = await runCli(['--json', '--yes', 'psbt', 'sign', psbt, '--slip39-file', sharesFile(104, shares), '--passphrase-file', pass], { env: { COLDKIT_JOURNAL: journal } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ inputsSigned: 2, signaturesAfter: 2, fingerprint: fp(xprv) });
    const wrong = await runCli(['--json', '--yes', 'psbt', 'sign', psbt, '--slip39-file', sharesFile(105, shares)], { env: { COLDKIT_JOURNAL: journal } });
    expect(wrong.json().inputsSigned ?? 0).toBe(0); // no passphrase: another wallet, none of these inputs are its
  });

  it('--slip39: shares typed at the prompt or piped one a line', async () => {
    const [, shares, , xprv] = vectors[3]!;
    const r = await runCli(['--json', 'derive', '--slip39', '--passphrase-file', pass, '--path', 'm/0'], { env: { COLDKIT_JOURNAL: journal }, stdin: shares.join('\n') + '\n' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().publicKey).toBe(Buffer.from(HDKey.fromExtendedKey(xprv).derive('m/0').publicKey!).toString('hex'));
  });

  it('--slip39-file with --mnemonic-file is exit 2', async () => {
    const m = path.join(dir, 'm.txt');
    fs.writeFileSync(m, 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about\n');
    const r = await run(['derive', '--slip39-file', sharesFile(103, vectors[0]![1]), '--mnemonic-file', m, '--path', 'm/0']);
    expect(r.code).toBe(2);
  });
});
