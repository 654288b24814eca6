/**
 * Black-box: the `--json` documents of seed new, check and finish, cross-checked against each other
 * and against published vectors, and the dice-only vectors of fixtures/dice through
 * `seed new --dice-only`.
 */
import * as fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { ABOUT, aboutWorkspace, journalEntries, workspace, type Workspace } from '../../helpers/harness.js';
import { fixtureText } from '../../helpers/spec-text.js';

let ws: Workspace;
let about: string;
beforeAll(async () => ({ ws, about } = await aboutWorkspace()));

describe.concurrent('seed check', () => {
  it('--json shape; the wallet card of "abandon … about"', async () => {
    const r = await ws.run(['--json', 'seed', 'check', '--mnemonic-file', about, '--card', 'card-1.json']);
    expect(r.code, r.stderr).toBe(0);
    const j = r.json();
    expect(Object.keys(j)).toEqual(['valid', 'wordCount', 'fingerprint', 'walletCard', 'cardFile', 'journal']);
    expect(j).toMatchObject({ valid: true, wordCount: 12, fingerprint: '73c5da0a', cardFile: 'card-1.json' });
    expect(j.walletCard).toEqual({
      kind: 'coldkit/wallet-card',
      version: 1,
      network: 'mainnet',
      fingerprint: '73c5da0a',
      passphrase: false,
      bip84: {
        path: 'm/84h/0h/0h',
        xpub: 'xpub6CatWdiZiodmUeTDp8LT5or8nmbKNcuyvz7WyksVFkKB4RHwCD3XyuvPEbvqAQY3rAPshWcMLoP2fMFMKHPJ4ZeZXYVUhLv1VMrjPC7PW6V',
        zpub: 'zpub6rFR7y4Q2AijBEqTUquhVz398htDFrtymD9xYYfG1m4wAcvPhXNfE3EfH1r1ADqtfSdVCToUG868RvUUkgDKf31mGDtKsAYz2oz2AGutZYs',
        descriptor: expect.stringMatching(/^wpkh\(\[73c5da0a\/84h\/0h\/0h\]xpub6CatWdiZ.*\/0\/\*\)#[a-z0-9]{8}$/),
        firstAddress: 'bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu',
      },
    });
    expect(JSON.parse(fs.readFileSync(ws.file('card-1.json'), 'utf8'))).toEqual(j.walletCard);
  });
  it('4-letter prefixes, numbering and commas are accepted on stdin', async () => {
    const text = ABOUT.split(' ').map((w, i) => `${i + 1}. ${w.slice(0, 4)},`).join('\n');
    const r = await ws.run(['--json', 'seed', 'check', '--mnemonic-file', '-'], { stdin: text });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().fingerprint).toBe('73c5da0a');
  });
  it('--expect-fingerprint matches (case-insensitive) and is journaled', async () => {
    const w = await workspace(0);
    const m = w.file('m.txt', ABOUT);
    const r = await w.run(['seed', 'check', '--mnemonic-file', m, '--expect-fingerprint', '73C5DA0A']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Master fingerprint: 73c5da0a');
    expect(journalEntries(w)[0]).toMatchObject({ op: 'seed.check', data: { words: 12, fingerprint: '73c5da0a', passphrase: false, expected: '73c5da0a' } });
  });
});

describe.concurrent('seed finish', () => {
  it('23 words: 8 candidates, each completing a valid mnemonic', async () => {
    const words23 = Array.from({ length: 23 }, (_, i) => wordlist[(i * 89 + 5) % 2048]!).join(' ');
    const f = ws.file('w23.txt', words23 + '\n');
    const r = await ws.run(['--json', 'seed', 'finish', '--mnemonic-file', f]);
    expect(r.code, r.stderr).toBe(0);
    const j = r.json();
    expect(Object.keys(j)).toEqual(['givenWords', 'wordCount', 'candidates']);
    expect(j).toMatchObject({ givenWords: 23, wordCount: 24 });
    expect(j.candidates).toHaveLength(8);
    for (const c of j.candidates) expect(validateMnemonic(`${words23} ${c}`, wordlist)).toBe(true);
    expect(r.stderr).toMatch(/pick one at random/);
  });
  it('11 words: 128 candidates, "about" among them (human output)', async () => {
    const f = ws.file('w11.txt', ABOUT.split(' ').slice(0, 11).join(' '));
    const r = await ws.run(['seed', 'finish', '--mnemonic-file', f]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^128 valid final words for a 12-word mnemonic/);
    expect(r.stdout).toMatch(/\babout\b/);
  });
});

describe.concurrent('seed new', () => {
  it('--json --mnemonic-out: shape, the words file validates to the reported fingerprint', async () => {
    const w = await workspace(0);
    const r = await w.run(['--json', 'seed', 'new', '--mnemonic-out', 'words.txt', '--card', 'card.json']);
    expect(r.code, r.stderr).toBe(0);
    const j = r.json();
    expect(Object.keys(j).sort()).toEqual(['bitsCredited', 'cardFile', 'entropySource', 'fingerprint', 'journal', 'mnemonicFile', 'rngSelfTest', 'walletCard', 'wordCount'].sort());
    expect(j).toMatchObject({ wordCount: 24, entropySource: 'csprng', bitsCredited: { csprng: 256, dice: 0 }, rngSelfTest: 'passed', mnemonicFile: 'words.txt', cardFile: 'card.json' });
    const words = fs.readFileSync(w.file('words.txt'), 'utf8');
    expect(fs.statSync(w.file('words.txt')).mode & 0o777).toBe(0o600);
    const check = await w.run(['--json', 'seed', 'check', '--mnemonic-file', 'words.txt']);
    expect(check.json().fingerprint).toBe(j.fingerprint);
    expect(check.json().walletCard).toEqual(j.walletCard);
    expect(words.trim().split(' ')).toHaveLength(24);
    const [e] = journalEntries(w);
    expect(e).toMatchObject({ op: 'seed.new', data: { words: 24, entropySource: 'csprng', rngSelfTest: 'passed', fingerprint: j.fingerprint, wordsShown: false, mnemonicWrittenTo: 'words.txt', overrides: [] } });
    expect((e!.data.walletCard as { descriptorChecksum: string }).descriptorChecksum).toBe(j.walletCard.bip84.descriptor.split('#')[1]);
  });
  it.each([12, 15, 18, 21])('--words %i', async (n) => {
    const r = await ws.run(['--json', 'seed', 'new', '--words', String(n), '--reveal']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().words).toHaveLength(n);
    expect(r.json().bitsCredited.csprng).toBe((n * 32) / 3);
  });
});

const dice = (JSON.parse(fixtureText('dice/vectors.json')) as { vectors: { name: string; rolls: string; words: number; mnemonic: string }[] }).vectors;

describe.concurrent('dice-only vectors through seed new --dice-only (fixtures/dice)', () => {
  it.each(dice.map((v) => [v.name, v] as const))('%s', async (_n, v) => {
    const f = ws.file(`rolls-${v.name.replace(/\W+/g, '-')}.txt`, v.rolls.replace(/(.{10})/g, '$1 ') + '\n');
    const lopsided = [...'123456'].some((d) => v.rolls.split(d).length - 1 > 0.3 * v.rolls.length);
    const r = await ws.run(['--json', 'seed', 'new', '--words', String(v.words), '--dice-only', '--dice-rolls', f, '--reveal', ...(lopsided ? ['--allow-biased-dice'] : [])]);
    if (v.rolls.length < (v.words === 24 ? 99 : 50)) {
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`${v.rolls.length} rolls give .* bits; ${(v.words * 32) / 3} bits need at least`));
      return;
    }
    expect(r.code, r.stderr).toBe(0);
    const j = r.json();
    expect(j.words.join(' ')).toBe(v.mnemonic);
    expect(j).toMatchObject({ entropySource: 'dice-only', bitsCredited: { csprng: 0 }, dice: { rolls: v.rolls.length, biased: lopsided } });
  });
});
