/**
 * `coldkit seed derive-child` as a black box: the BIP85 children it prints equal a textbook BIP85
 * computed here from the BIP text (HMAC-SHA512 keyed "bip-entropy-from-k" over the private key
 * at m/83696968'/…; BIP39 entropy truncated; WIF from the first 32 bytes; XPRV chain code then
 * key) — the core's own test runs the BIP's vectors verbatim (test/core/bip85.test.ts); the
 * child's fingerprint and card agree with `seed check` of the child words; the journal records
 * index, length and fingerprints and never the words; a written child is 0600; secrets stay out
 * of --json without --reveal.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HDKey } from '@scure/bip32';
import { entropyToMnemonic, mnemonicToSeedSync } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { runCli, tmpDir } from '../../helpers/cli.js';

const MNEMONIC = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
const dir = tmpDir('coldkit-bip85-');
const journal = path.join(dir, 'journal.jsonl');
const mnemonicFile = path.join(dir, 'mnemonic.txt');
fs.writeFileSync(mnemonicFile, MNEMONIC + '\n');
const run = (args: string[]) => runCli(args, { env: { COLDKIT_JOURNAL: journal } });

/** BIP85 as the BIP states it, for the oracle. */
function bip85(levels: string): Uint8Array {
  const k = HDKey.fromMasterSeed(mnemonicToSeedSync(MNEMONIC)).derive(`m/83696968'/${levels}`).privateKey!;
  return hmac(sha512, new TextEncoder().encode('bip-entropy-from-k'), k);
}

describe('seed derive-child', () => {
  for (const words of [12, 18, 24]) {
    it(`--words ${words}: the child words are BIP85's, and seed check of them gives the printed child fingerprint`, async () => {
      const expected = entropyToMnemonic(bip85(`39'/0'/${words}'/7'`).slice(0, (words / 3) * 4), wordlist);
      const r = await run(['--json', 'seed', 'derive-child', '--mnemonic-file', mnemonicFile, '--words', String(words), '--index', '7', '--reveal']);
      expect(r.code, r.stderr).toBe(0);
      const j = r.json();
      expect(j.words.join(' ')).toBe(expected);
      expect(j).toMatchObject({ application: 'bip39', path: `m/83696968h/39h/0h/${words}h/7h`, index: 7, wordCount: words, parentFingerprint: '73c5da0a' });
      const childFile = path.join(dir, `child-${words}.txt`);
      fs.writeFileSync(childFile, expected);
      const check = await run(['--json', 'seed', 'check', '--mnemonic-file', childFile]);
      expect(check.code, check.stderr).toBe(0);
      expect(check.json().fingerprint).toBe(j.childFingerprint);
      expect(j.walletCard.fingerprint).toBe(j.childFingerprint);
    });
  }

  it('the human output shows the numbered words and the card; the journal has index, words count, fingerprints, never a word', async () => {
    const r = await run(['seed', 'derive-child', '--mnemonic-file', mnemonicFile, '--words', '12', '--index', '0', '--card', path.join(dir, 'card.json')]);
    expect(r.code, r.stderr).toBe(0);
    const words = entropyToMnemonic(bip85("39'/0'/12'/0'").slice(0, 16), wordlist).split(' ');
    expect(r.stdout).toMatch(new RegExp(`1\\. ${words[0]}\\b`));
    expect(r.stdout).toContain('Child fingerprint:');
    const card = JSON.parse(fs.readFileSync(path.join(dir, 'card.json'), 'utf8'));
    expect(card.kind).toBe('coldkit/wallet-card');
    const text = fs.readFileSync(journal, 'utf8');
    const entry = JSON.parse(text.trim().split('\n').at(-1)!);
    expect(entry.op).toBe('seed.derive-child');
    expect(entry.data).toMatchObject({ application: 'bip39', index: 0, words: 12, parentFingerprint: '73c5da0a', childFingerprint: card.fingerprint, shown: true });
    for (const w of words) expect(text).not.toMatch(new RegExp(`\\b${w}\\b.*\\b${words[(words.indexOf(w) + 1) % 12]}\\b`));
    expect(text).not.toContain(words.join(' '));
  });

  it('--app xprv and --app wif: the BIP85 32\' and 2\' applications', async () => {
    const e = bip85("32'/3'");
    const xprv = new HDKey({ chainCode: e.slice(0, 32), privateKey: e.slice(32, 64) }).privateExtendedKey;
    const x = await run(['--json', 'seed', 'derive-child', '--mnemonic-file', mnemonicFile, '--app', 'xprv', '--index', '3', '--reveal']);
    expect(x.code, x.stderr).toBe(0);
    expect(x.json()).toMatchObject({ application: 'xprv', path: 'm/83696968h/32h/3h', xprv });
    const out = path.join(dir, 'child.wif');
    const w = await run(['--json', 'seed', 'derive-child', '--mnemonic-file', mnemonicFile, '--app', 'wif', '--index', '3', '--out', out]);
    expect(w.code, w.stderr).toBe(0);
    expect(w.json().wif).toBeUndefined();
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);
    const wif = fs.readFileSync(out, 'utf8').trim();
    expect(wif).toMatch(/^[KL]/);
    const derive = (await import('../../../src/core/hd/base58.js')).base58check.decode(wif);
    expect(Buffer.from(derive.slice(1, 33)).toString('hex')).toBe(Buffer.from(bip85("2'/3'").slice(0, 32)).toString('hex'));
    expect(fs.readFileSync(journal, 'utf8')).not.toContain(wif);
  });

  it('--json without --reveal or --out is exit 2 (the child would be lost); --words with --app xprv is exit 2', async () => {
    const a = await run(['--json', 'seed', 'derive-child', '--mnemonic-file', mnemonicFile, '--index', '1']);
    expect(a.code).toBe(2);
    expect(a.stdout).not.toMatch(/"words"/);
    const b = await run(['seed', 'derive-child', '--mnemonic-file', mnemonicFile, '--index', '1', '--app', 'xprv', '--words', '12']);
    expect(b.code).toBe(2);
  });
});
