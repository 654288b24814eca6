/**
 * Black-box: no secret from a run reaches the journal, the --json output (or stderr, or the public
 * files written) unless `--reveal` asks for it — and with `--reveal` it is in the output (with a
 * warning on stderr) but still never in the journal. Secrets searched for: the words (any three
 * consecutive ones, any separator), the entropy, the BIP39 seed, the passphrase, every xprv/tprv,
 * the WIF keys, the dice rolls — by exact value and by shape (xprv/tprv/WIF patterns).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { WIF } from '@scure/btc-signer';
import { NETWORKS } from '../../src/core/network.js';
import { parseMnemonic } from '../../src/core/bip39/mnemonic.js';
import { deriveIndices, masterKey, seedFromMnemonic } from '../../src/core/hd/keys.js';
import { parsePath } from '../../src/core/hd/path.js';
import { toHex } from '../../src/core/text.js';
import { LEGAL, workspace, type Workspace } from '../helpers/harness.js';

const PASSPHRASE = 'Leak-Test passphrase 7!';
const ROLLS = '3614251636425163245126354216534621536412563412653421563421653412563421563412564321563421563412563421';
const XPRV_SHAPE = /[xtyzuvYZUV]prv[1-9A-HJ-NP-Za-km-z]{100,}/; // SLIP-132 private forms too
const WIF_SHAPE = /(?<![1-9A-HJ-NP-Za-km-z])[KLc5][1-9A-HJ-NP-Za-km-z]{50,51}(?![1-9A-HJ-NP-Za-km-z])/g;

/** Text shaped like a WIF key that is one: its Base58Check decodes for mainnet or testnet (a hash in hex can have the shape by chance). */
function hasWif(text: string): boolean {
  return [...text.matchAll(WIF_SHAPE)].some(([m]) =>
    [NETWORKS.mainnet, NETWORKS.testnet].some((net) => {
      try {
        WIF(net).decode(m);
        return true;
      } catch {
        return false;
      }
    }),
  );
}

/** Every value derived from a mnemonic + passphrase that must stay secret. */
function secretsOf(phrase: string, passphrase: string): string[] {
  const m = parseMnemonic(phrase);
  const out = [phrase, toHex(m.entropy)];
  if (passphrase) out.push(passphrase);
  for (const pp of passphrase ? ['', passphrase] : ['']) {
    const seed = seedFromMnemonic(m.phrase, pp);
    out.push(toHex(seed));
    for (const net of [NETWORKS.mainnet, NETWORKS.testnet]) {
      const root = masterKey(seed, net);
      out.push(root.privateExtendedKey);
      for (const p of ["m/84'/0'/0'", "m/84'/1'/0'", "m/49'/0'/0'", "m/44'/0'/0'", "m/86'/0'/0'", "m/44'/60'/0'", "m/84'/0'/0'/0/0", "m/84'/1'/0'/0/0"]) {
        const node = deriveIndices(root, parsePath(p));
        out.push(node.privateExtendedKey, WIF(net).encode(node.privateKey!), toHex(node.privateKey!));
      }
    }
  }
  return out;
}

/** Fail with the place and the kind of secret found in `text`. */
function expectNoSecret(text: string, where: string, words: string[], secrets: string[]): void {
  for (const s of secrets) expect(text.includes(s), `${where} contains a secret value (${s.slice(0, 4)}…)`).toBe(false);
  for (let i = 0; i + 2 < words.length; i++) {
    const re = new RegExp(`\\b${words[i]}\\W+${words[i + 1]}\\W+${words[i + 2]}\\b`, 'i');
    expect(re.test(text), `${where} contains words ${i + 1}-${i + 3} of the mnemonic`).toBe(false);
  }
  expect(XPRV_SHAPE.test(text), `${where} contains an extended private key`).toBe(false);
  expect(hasWif(text), `${where} contains a WIF private key`).toBe(false);
}

let ws: Workspace;
let mnemonicFile: string;
let passFile: string;
const words = LEGAL.split(' ');
const secrets = secretsOf(LEGAL, PASSPHRASE);

beforeAll(async () => {
  ws = await workspace(0);
  mnemonicFile = ws.file('mnemonic.txt', LEGAL + '\n');
  passFile = ws.file('passphrase.txt', PASSPHRASE + '\n');
  ws.file('rolls.txt', ROLLS + '\n');
});

/** Public files a run wrote (cards, account exports, import files). */
function publicFiles(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && !/^(mnemonic|passphrase|rolls|new-words.*)\.txt$/.test(d.name))
    .map((d) => path.join(d.parentPath ?? (d as unknown as { path: string }).path, d.name));
}

describe('the leak detector', () => {
  it('finds each kind of secret (so a leak cannot pass unnoticed)', () => {
    const fails = (text: string) => expect(() => expectNoSecret(text, 'sample', words, secrets)).toThrow();
    fails(`notes: ${words.slice(5, 8).join(', ')}`); // three consecutive words, other separators
    fails(`{"words":["${words.slice(0, 3).join('","')}"]}`);
    fails(`pass=${PASSPHRASE}`);
    fails(secrets.find((s) => s.startsWith('tprv'))!.slice(0, 111));
    fails('xprv' + 'A'.repeat(107)); // by shape
    fails('zprvAWgYBBk7JR8Gjrh4UJQ2uJdG1r3WNRRfURiABBE3RvMXYSrRJL62XuezvGdPvG6GFBZduosCc1YP5wixPox7zhZLfiUm8aunE96BBa4Kei5'); // BIP84 root zprv
    fails('key KyZpNDKnfs94vbrwhJneDi77V6jF64PWPF8x5cdJb8ifgg2DUc9d.'); // a WIF by shape
    fails(toHex(parseMnemonic(LEGAL).entropy));
    expect(() => expectNoSecret(`${words[0]} ${words[1]} xpub and 4 words`, 'sample', words, secrets)).not.toThrow();
    // A SHA-256 in hex can have a WIF's shape (a checkpoint file's digest did): only a valid Base58Check key counts.
    expect(() => expectNoSecret('"sha256":"7d0cf3a9e1d7b2c4e6f8a1b3c5d7e9f2a4b6c8d1e3f5a7b9c2d4e60a1b999999"', 'sample', words, secrets)).not.toThrow();
  });
});

describe('without --reveal nothing secret is written', () => {
  // Each run twice (--json and human), so written files get a per-mode suffix (coldkit never overwrites --out/--card).
  const runs: [string, (sfx: string) => string[]][] = [
    ['seed check', (sfx) => ['seed', 'check', '--mnemonic-file', mnemonicFile, '--passphrase-file', passFile, '--card', `card-check${sfx}.json`]],
    ['seed check (testnet)', () => ['--network', 'testnet', 'seed', 'check', '--mnemonic-file', mnemonicFile, '--passphrase-file', passFile]],
    ['account export wpkh', (sfx) => ['account', 'export', '--mnemonic-file', mnemonicFile, '--passphrase-file', passFile, '--out', `acct-wpkh${sfx}.json`, '--export-dir', `exports-wpkh${sfx}`]],
    ['account export tr (testnet)', (sfx) => ['--network', 'testnet', 'account', 'export', '--script', 'tr', '--mnemonic-file', mnemonicFile, '--passphrase-file', passFile, '--out', `acct-tr${sfx}.json`]],
    ['account export sh-wpkh', (sfx) => ['account', 'export', '--script', 'sh-wpkh', '--mnemonic-file', mnemonicFile, '--passphrase-file', passFile, '--export-dir', `exports-sh${sfx}`]],
    ['account export eth', (sfx) => ['account', 'export', '--chain', 'eth', '--mnemonic-file', mnemonicFile, '--passphrase-file', passFile, '--out', `eth${sfx}.json`]],
    ['derive btc', () => ['derive', '--path', "m/84'/0'/0'/0/0", '--mnemonic-file', mnemonicFile, '--passphrase-file', passFile]],
    ['derive eth', () => ['derive', '--chain', 'eth', '--path', "m/44'/60'/0'/0/0", '--mnemonic-file', mnemonicFile, '--passphrase-file', passFile]],
    ['mnemonic on stdin', () => ['seed', 'check', '--mnemonic-file', '-', '--passphrase-file', passFile]],
  ];
  it.each(runs)('%s: --json output, stderr, journal and written files', async (name, args) => {
    for (const json of [true, false]) {
      const a = args(json ? '-json' : '-human');
      const r = await ws.run([...(json ? ['--json'] : []), ...a], { stdin: a.includes('-') ? LEGAL : undefined });
      expect(r.code, r.stderr).toBe(0);
      if (json) r.json(); // one JSON document
      expectNoSecret(r.stdout, `${name} ${json ? '--json ' : ''}stdout`, words, secrets);
      expectNoSecret(r.stderr, `${name} stderr`, words, secrets);
    }
    expectNoSecret(ws.journalBytes().toString('utf8'), 'the journal', words, secrets);
    for (const f of publicFiles(ws.dir)) expectNoSecret(fs.readFileSync(f, 'utf8'), f, words, secrets);
  });

  it('the passphrase is recorded as yes/no, and both fingerprints are shown', async () => {
    const r = await ws.run(['--json', 'seed', 'check', '--mnemonic-file', mnemonicFile, '--passphrase-file', passFile]);
    const card = r.json().walletCard;
    expect(card.passphrase).toBe(true);
    expect(card.fingerprint).not.toBe(card.fingerprintWithoutPassphrase);
    expect(card.fingerprint).toBe(masterKey(seedFromMnemonic(LEGAL, PASSPHRASE), NETWORKS.mainnet).fingerprint.toString(16).padStart(8, '0'));
    expect(card.fingerprintWithoutPassphrase).toBe(masterKey(seedFromMnemonic(LEGAL, ''), NETWORKS.mainnet).fingerprint.toString(16).padStart(8, '0'));
  });

  it('seed new (dice mixed, passphrase, --mnemonic-out): the new words and rolls stay out of output and journal', async () => {
    const r = await ws.run(['--json', 'seed', 'new', '--dice-rolls', 'rolls.txt', '--passphrase-file', passFile, '--mnemonic-out', 'new-words.txt', '--card', 'card-new.json']);
    expect(r.code, r.stderr).toBe(0);
    const made = fs.readFileSync(ws.file('new-words.txt'), 'utf8').trim();
    expect(made.split(' ')).toHaveLength(24);
    expect(r.json().words).toBeUndefined();
    const s = [...secretsOf(made, PASSPHRASE), ROLLS];
    const newWords = made.split(' ');
    expectNoSecret(r.stdout, 'seed new --json stdout', newWords, s);
    expectNoSecret(r.stderr, 'seed new stderr', newWords, s);
    expectNoSecret(ws.journalBytes().toString('utf8'), 'the journal', newWords, s);
    expectNoSecret(fs.readFileSync(ws.file('card-new.json'), 'utf8'), 'the wallet card', newWords, s);
    const entry = ws.journalBytes().toString('utf8').trimEnd().split('\n').map((l) => JSON.parse(l)).pop();
    expect(entry).toMatchObject({ op: 'seed.new', data: { entropySource: 'csprng+dice', diceRolls: 100, passphrase: true, wordsShown: false } });
  });
});

describe('with --reveal the secret is in the output (with a warning), never in the journal', () => {
  it('seed new --json --reveal: the words are in the JSON', async () => {
    const w = await workspace(0);
    const r = await w.run(['--json', 'seed', 'new', '--words', '12', '--reveal']);
    expect(r.code, r.stderr).toBe(0);
    const made: string[] = r.json().words;
    expect(made).toHaveLength(12);
    expect(parseMnemonic(made.join(' ')).phrase).toBe(made.join(' '));
    expect(r.stderr).toMatch(/--reveal: the recovery words are in this output/);
    expectNoSecret(w.journalBytes().toString('utf8'), 'the journal', made, secretsOf(made.join(' '), ''));
  });
  it('seed new (human, no --json): the words are shown numbered for writing down', async () => {
    const w = await workspace(0);
    const r = await w.run(['seed', 'new', '--words', '12']);
    expect(r.code, r.stderr).toBe(0);
    const made = [...r.stdout.matchAll(/\b(\d{1,2})\. ([a-z]+)/g)].sort((a, b) => Number(a[1]) - Number(b[1])).map((m) => m[2]!);
    expect(made).toHaveLength(12);
    expect(() => parseMnemonic(made.join(' '))).not.toThrow();
    expectNoSecret(w.journalBytes().toString('utf8'), 'the journal', made, secretsOf(made.join(' '), ''));
  });
  it('account export --reveal: the account xprv is in the JSON, a warning on stderr, journal says revealed', async () => {
    const r = await ws.run(['--json', 'account', 'export', '--mnemonic-file', mnemonicFile, '--passphrase-file', passFile, '--reveal']);
    expect(r.code, r.stderr).toBe(0);
    const seed = seedFromMnemonic(LEGAL, PASSPHRASE);
    const xprv = deriveIndices(masterKey(seed, NETWORKS.mainnet), parsePath("m/84'/0'/0'")).privateExtendedKey;
    expect(r.json().xprv).toBe(xprv);
    expect(r.stderr).toMatch(/WARNING --reveal prints the account xprv/);
    const journal = ws.journalBytes().toString('utf8');
    expect(journal.includes(xprv)).toBe(false);
    expect(JSON.parse(journal.trimEnd().split('\n').pop()!).data.revealed).toBe(true);
    expectNoSecret(journal, 'the journal', words, secrets);
  });
  it('derive --reveal: the WIF is in the JSON (BIP84 vector key for "abandon … about")', async () => {
    const w = await workspace(0);
    const m = w.file('m.txt', 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about\n');
    const r = await w.run(['--json', 'derive', '--path', "m/84'/0'/0'/0/0", '--mnemonic-file', m, '--reveal']);
    expect(r.code, r.stderr).toBe(0);
    // BIP84 test vector: privkey of m/84'/0'/0'/0/0.
    expect(r.json()).toMatchObject({ privateKey: 'KyZpNDKnfs94vbrwhJneDi77V6jF64PWPF8x5cdJb8ifgg2DUc9d', address: 'bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu' });
    expect(r.stderr).toMatch(/WARNING --reveal prints a private key/);
    expect(w.journalBytes().toString('utf8')).not.toContain('KyZpNDKnfs94vbrwhJneDi77V6jF64PWPF8x5cdJb8ifgg2DUc9d');
  });
});

describe('--reveal with --mnemonic-out', () => {
  it('the words go to the file only; no claim on stderr that they are in the output', async () => {
    const w = await workspace(0);
    const r = await w.run(['--json', 'seed', 'new', '--words', '12', '--reveal', '--mnemonic-out', 'words.txt']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().words).toBeUndefined();
    expect(r.stderr).not.toMatch(/recovery words are in this output/);
    const made = fs.readFileSync(w.file('words.txt'), 'utf8').trim();
    expectNoSecret(r.stdout, 'stdout', made.split(' '), secretsOf(made, ''));
  });
});
