/** readInputJson: one JSON reader for every flag that takes a JSON file; the message names the field. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_INPUT_BYTES, readFileBounded, readInputJson } from '../../src/cli/io.js';
import { InputError } from '../../src/core/errors.js';
import { runCli, tmpDir } from '../helpers/cli.js';

describe('readInputJson', () => {
  it('parses a JSON file; text that is not JSON is an InputError naming the field', async () => {
    const dir = tmpDir('coldkit-json-');
    fs.writeFileSync(path.join(dir, 'ok.json'), '{"a":[1]}');
    fs.writeFileSync(path.join(dir, 'bad.json'), '{"a": ');
    expect(await readInputJson(path.join(dir, 'ok.json'), '--x', undefined)).toEqual({ a: [1] });
    const e = await readInputJson(path.join(dir, 'bad.json'), '--x', undefined, 'not JSON; expected Y').catch((x) => x);
    expect(e).toBeInstanceOf(InputError);
    expect(e.message).toBe('--x: not JSON; expected Y');
  });

  it('eth tx create: --access-list and --wallet that are not JSON exit 2 naming the flag', async () => {
    const dir = tmpDir('coldkit-json-');
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, '[{"address": ');
    const a = '0x9858EfFD232B4033E47d90003D41EC34EcaEda94';
    const base = ['eth', 'tx', 'create', '--from', a, '--to', a, '--chain-id', '1', '--nonce', '0', '--gas-limit', '21000', '--max-fee-per-gas', '1gwei', '--max-priority-fee-per-gas', '1gwei'];
    const r1 = await runCli([...base, '--access-list', bad]);
    expect(r1.code).toBe(2);
    expect(r1.stderr).toContain('--access-list: is not valid JSON');
    const r2 = await runCli([...base, '--wallet', bad]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain('--wallet: is not valid JSON');
  });
});

const UTXO = JSON.stringify([{ txid: 'ab'.repeat(32), vout: 0, amount: 0.1, address: 'tb1q6rz28mcfaxtmd6v789l9rrlrusdprr9pqcpvkl', scriptPubKey: '0014d0c4a3ef09e997b6e99e397e518fe3e41a118ca1' }]);

describe('readFileBounded: no input fills memory', () => {
  it('a device that never ends is refused past the limit; an empty device, a pipe and a file are read', async () => {
    expect(() => readFileBounded('/dev/zero', '--psbt')).toThrow(InputError);
    expect(() => readFileBounded('/dev/zero', '--psbt')).toThrow(`"/dev/zero" is over ${MAX_INPUT_BYTES} bytes`);
    expect(readFileBounded('/dev/null', 'x')).toEqual(new Uint8Array());
    const dir = tmpDir();
    const file = path.join(dir, 'f.txt');
    fs.writeFileSync(file, 'hello');
    expect(Buffer.from(readFileBounded(file, 'x')).toString()).toBe('hello');
    expect(() => readFileBounded(dir, '--in')).toThrow(/is a directory/);
    expect(() => readFileBounded(path.join(dir, 'none'), '--in')).toThrow(InputError);
  });
  it('black box: psbt inspect /dev/zero and wallet show /dev/urandom are exit 2 with one line', async () => {
    for (const args of [['psbt', 'inspect', '/dev/zero'], ['wallet', 'show', '/dev/urandom']]) {
      const r = await runCli(args);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n').filter((l) => !l.startsWith('journal:'))).toEqual([expect.stringMatching(/is over \d+ bytes, the limit$/)]);
    }
  });
});

describe('standard input carries one input', () => {
  it('a message and the mnemonic both on stdin are refused before anything is signed or shown', async () => {
    const mnemonic = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
    const r = await runCli(['--yes', 'eth', 'sign-message', '-', '--mnemonic-file', '-'], { stdin: 'hello\n' + mnemonic + '\n' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--mnemonic-file: standard input already carries file; give this as a file');
    expect(r.stderr).not.toContain('abandon');
    expect(r.stdout).toBe('');
  });
  it('--utxos - and --prev-txs - together are refused naming both', async () => {
    const r = await runCli(['--network', 'testnet', 'psbt', 'create', '--descriptor', 'wpkh([73c5da0a/84h/1h/0h]tpubDC8msFGeGuwnKG9Upg7DM2b4DaRqg3CUZa5g8v2SRQ6K4NSkxUgd7HsL2XVWbVm39yBA4LAxysQAm397zwQSQoQgewGiYZqrA9DsP4zbQ1M/<0;1>/*)', '--utxos', '-', '--prev-txs', '-', '--to', 'tb1q6rz28mcfaxtmd6v789l9rrlrusdprr9pqcpvkl:0.01', '--fee-rate', '1'], { stdin: UTXO });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--prev-txs: standard input already carries --utxos');
  });
});

describe('eth sign-message of a secret', () => {
  it('a file holding a mnemonic is refused, and its words are not shown', async () => {
    const dir = tmpDir('coldkit-msg-');
    const mn = path.join(dir, 'm.txt');
    fs.writeFileSync(mn, 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about\n');
    const r = await runCli(['--yes', 'eth', 'sign-message', mn, '--mnemonic-file', mn]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('file: the message is a BIP39 mnemonic');
    expect(r.stderr).not.toContain('abandon');
  });
});
