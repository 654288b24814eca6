/**
 * One path notation in everything coldkit prints (docs/cli.md "Derivation paths"): hardened levels
 * are marked `h` in text, `--json` and the journal, whichever notation the path was given in; the
 * readers accept `h`, `H` and `'` alike.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tmpDir } from '../helpers/cli.js';

const MNEMONIC = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
const APOSTROPHE_PATH = /\d'/;

describe('derivation path notation', () => {
  const dir = tmpDir();
  const mnemonicFile = path.join(dir, 'm.txt');
  fs.writeFileSync(mnemonicFile, MNEMONIC + '\n');
  const journal = path.join(dir, 'journal.jsonl');
  const run = (args: string[]) => runCli(args, { env: { COLDKIT_JOURNAL: journal } });
  const commands: [string, string[]][] = [
    ['derive (Ethereum path given with \')', ['derive', '--mnemonic-file', mnemonicFile, '--path', "m/44'/60'/0'/0/0"]],
    ['derive (Bitcoin path given with H)', ['derive', '--mnemonic-file', mnemonicFile, '--path', 'm/84H/0H/0H/0/1']],
    ['account export --chain eth', ['account', 'export', '--chain', 'eth', '--mnemonic-file', mnemonicFile]],
    ['account export (BIP84)', ['account', 'export', '--mnemonic-file', mnemonicFile]],
    ['account export --script wsh-multi', ['account', 'export', '--script', 'wsh-multi', '--mnemonic-file', mnemonicFile]],
    ['seed derive-child --app xprv', ['seed', 'derive-child', '--app', 'xprv', '--index', '3', '--mnemonic-file', mnemonicFile, '--reveal']],
    ['address verify --chain eth', ['address', 'verify', '0x9858EfFD232B4033E47d90003D41EC34EcaEda94', '--chain', 'eth', '--mnemonic-file', mnemonicFile]],
  ];
  for (const [name, args] of commands) {
    it(`${name}: text and --json print every path with h`, async () => {
      for (const form of [args, ['--json', ...args]]) {
        const r = await run(form);
        expect(r.code, r.stderr).toBe(0);
        expect(r.stdout).toMatch(/m\/\d+h\//);
        expect(r.stdout).not.toMatch(APOSTROPHE_PATH);
        expect(r.stderr).not.toMatch(APOSTROPHE_PATH);
      }
    });
  }
  it('the journal those commands wrote records every path with h', () => {
    const text = fs.readFileSync(journal, 'utf8');
    expect(text).toMatch(/m\/44h\/60h\/0h/);
    expect(text).not.toMatch(APOSTROPHE_PATH);
  });
});
