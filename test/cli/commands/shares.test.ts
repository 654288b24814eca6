/**
 * Black-box tests of `coldkit shares …` and `seed new --split` through the built bin (run tsc
 * first): exit codes, the distinct combine errors, and that no share word or mnemonic reaches
 * the journal or the output unless --reveal asks for it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { mnemonicFromEntropy } from '../../../src/core/bip39/mnemonic.js';
import { network } from '../../../src/core/network.js';
import { walletCard } from '../../../src/core/hd/wallet-card.js';
import { fromHex } from '../../../src/core/text.js';
import { runCli, tmpDir } from '../../helpers/cli.js';
import { expectAllWords, expectNoWords } from '../../helpers/leaks.js';

const MNEMONIC = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
const FP = '73c5da0a';
const dir = tmpDir('coldkit-shares-cli-');
const journal = path.join(dir, 'journal.jsonl');
const env = { COLDKIT_JOURNAL: journal };
const file = (name: string, text?: string) => {
  const f = path.join(dir, name);
  if (text !== undefined) fs.writeFileSync(f, text);
  return f;
};
const cli = (args: string[], stdin?: string) => runCli(['--network', 'testnet', ...args], { env, stdin, cwd: dir });
const vectors = JSON.parse(fs.readFileSync(new URL('../../../fixtures/shares-v1/vectors.json', import.meta.url), 'utf8'));
const decodeQr = (jsQR as unknown as { default?: typeof jsQR }).default ?? jsQR;

let shares: string[] = [];
beforeAll(async () => {
  file('m.txt', MNEMONIC + '\n');
  const r = await cli(['--json', 'shares', 'split', '--threshold', '2', '--shares', '3', '--mnemonic-file', 'm.txt', '--labels', 'alice,bob,carol', '--reveal']);
  expect(r.code, r.stderr).toBe(0);
  shares = r.json().shares.map((s: { text: string }) => s.text);
  shares.forEach((s, i) => file(`s${i + 1}.txt`, s + '\n'));
});

describe('shares split', () => {
  it('--reveal prints the shares; the journal gets the set and holders, no share word', () => {
    expect(shares).toHaveLength(3);
    const j = fs.readFileSync(journal, 'utf8');
    const entry = JSON.parse(j.trim().split('\n')[0]!);
    expect(entry.op).toBe('shares.split');
    expect(entry.data).toMatchObject({ format: 'v1', threshold: 2, count: 3, holders: ['alice', 'bob', 'carol'], subsetsChecked: 3, fingerprint: FP });
    for (const s of shares) expectNoWords(j, s, 3, 'journal');
  });
  it('refuses to run when the shares would be shown nowhere (no terminal, no --out, no --reveal), and --confirm without a terminal', async () => {
    const a = await cli(['shares', 'split', '--threshold', '2', '--shares', '3', '--mnemonic-file', 'm.txt']);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('shown nowhere');
    const b = await cli(['shares', 'split', '--threshold', '2', '--shares', '3', '--mnemonic-file', 'm.txt', '--out', 'x', '--confirm']);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('--confirm');
    const c = await cli(['shares', 'split', '--threshold', '3', '--shares', '2', '--mnemonic-file', 'm.txt', '--reveal']);
    expect(c.code).toBe(2);
    expect(fs.existsSync(path.join(dir, 'x'))).toBe(false);
  });
  it('--out writes cards whose QR decodes to a share; drill from the card images MATCHes and journals the holders', async () => {
    const r = await cli(['shares', 'split', '--threshold', '2', '--shares', '3', '--mnemonic-file', 'm.txt', '--labels', 'ann,ben,cat', '--out', 'cards/']);
    expect(r.code, r.stderr).toBe(0);
    // The hints name the folder and the card where they are.
    expect(r.stdout).toContain('written to cards/ (');
    expect(r.stdout).toContain('coldkit shares drill --card cards/wallet-card.json');
    const png = PNG.sync.read(fs.readFileSync(file('cards/share-2-qr.png')));
    const text = decodeQr(new Uint8ClampedArray(png.data), png.width, png.height)!.data;
    expect(text).toMatch(/^[A-Z ]+$/);
    expect(text.split(' ')).toHaveLength(24);
    expectNoWords(r.stdout + r.stderr, text, 3, 'split --out output');
    const d = await cli(['shares', 'drill', '--card', 'cards/wallet-card.json', '--from-qr', 'cards/share-2-qr.png', 'cards/share-3-qr.png']);
    expect(d.code, d.stderr).toBe(0);
    expect(d.stdout).toContain('MATCH');
    expect(d.stdout).toContain('share 2 (ben), share 3 (cat)');
    expectNoWords(d.stdout + d.stderr, text, 3, 'drill output');
    const last = JSON.parse(fs.readFileSync(journal, 'utf8').trim().split('\n').pop()!);
    expect(last).toMatchObject({ op: 'shares.drill', data: { result: 'MATCH', shares: ['2', '3'], holders: ['ben', 'cat'] } });
    expectNoWords(fs.readFileSync(journal, 'utf8'), text, 3, 'journal');
  });
});

describe('shares split without --out', () => {
  it('saves no wallet card, so the next step drills against the fingerprint', async () => {
    const r = await cli(['shares', 'split', '--threshold', '2', '--shares', '3', '--mnemonic-file', 'm.txt', '--reveal']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toContain('--card wallet-card.json');
    expect(r.stdout).toMatch(/no wallet card was saved: coldkit shares drill --expect-fingerprint [0-9a-f]{8}\)/);
  });
});

describe('shares combine', () => {
  it('prints the fingerprint only by default (human and --json); nothing secret in the journal', async () => {
    const h = await cli(['shares', 'combine', '--share-file', 's1.txt', '--share-file', 's3.txt']);
    expect(h.code, h.stderr).toBe(0);
    expect(h.stdout).toContain(`Master fingerprint: ${FP}`);
    const j = await cli(['--json', 'shares', 'combine'], `${shares[2]}\n${shares[1]}\n`);
    expect(j.code).toBe(0);
    expect(j.json()).toMatchObject({ fingerprint: FP, shares: ['2', '3'], sources: ['stdin line 1', 'stdin line 2'] });
    expect(j.json().words).toBeUndefined();
    for (const out of [h.stdout + h.stderr, j.stdout + j.stderr, fs.readFileSync(journal, 'utf8')]) {
      expectNoWords(out, MNEMONIC.replace(/abandon /g, ''), 0, 'mnemonic'); // "about"
      expect(out).not.toContain('abandon abandon');
      for (const s of shares) expectNoWords(out, s, 3, 'share');
    }
  });
  it('--reveal prints the mnemonic; --mnemonic-out writes it with mode 0600', async () => {
    const r = await cli(['--json', 'shares', 'combine', '--reveal', '--share-file', 's1.txt', '--share-file', 's2.txt']);
    expect(r.json().words.join(' ')).toBe(MNEMONIC);
    const o = await cli(['shares', 'combine', '--mnemonic-out', 'rec.txt', '--share-file', 's1.txt', '--share-file', 's2.txt']);
    expect(o.code).toBe(0);
    expect(fs.readFileSync(file('rec.txt'), 'utf8')).toBe(MNEMONIC + '\n');
    expect(fs.statSync(file('rec.txt')).mode & 0o777).toBe(0o600);
    expect(o.stdout).not.toContain('abandon abandon');
    expectAllWords(r.stdout, MNEMONIC);
  });
  const cases: Array<[string, number, string]> = [
    ['unknown word (typo at word 6)', 2, 'word 6 is not in the SLIP-39 word list'],
    ['word 11 dropped', 2, 'has 23 words'],
    ['word 9 substituted', 2, 'word 9 is most likely wrong'],
    ['shares of two different splits of the SAME seed', 2, 'is from another set'],
    ['the same share twice', 2, 'is share 2 again'],
    ['one share below the threshold', 2, 'add 1 more from share 1, 2'],
    ['the same forgery with one more share: the culprit is named', 3, 'stdin line 2 is inconsistent'],
  ];
  it.each(cases)('error: %s → exit %i, one precise line, no share word', async (desc, code, msg) => {
    const v = vectors.invalid.find((x: { description: string }) => x.description === desc);
    const r = await cli(['--json', 'shares', 'combine'], v.shares.join('\n') + '\n');
    expect(r.code).toBe(code);
    expect(r.stderr).toContain(msg);
    expect(r.json().error.exitCode).toBe(code);
    for (const s of v.shares as string[]) expectNoWords(r.stdout + r.stderr, s, 3, 'error output');
  });
});

it('all unreadable shares are reported at once', async () => {
  const r = await cli(['shares', 'combine'], 'abc def\nburden retailer\n');
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('2 shares cannot be read: stdin line 1: word 1 is not in the SLIP-39 word list');
  expect(r.stderr).toContain('; stdin line 2: has 2 words');
});

describe('shares verify and drill', () => {
  it('verify lists every share, valid and invalid, with set words, k of n and T; exit 2 when one is bad', async () => {
    const bad = vectors.invalid.find((x: { description: string }) => x.description === 'word 9 substituted').shares[0];
    const r = await cli(['shares', 'verify'], `${shares[0]}\n${bad}\n`);
    expect(r.code).toBe(2);
    const set = shares[0]!.split(' ').slice(0, 3).join(' ');
    expect(r.stdout).toContain(`stdin line 1: OK — set "${set}", share 1 of 3, any 2 rebuild the seed (24 words, a 12-word seed)`);
    expect(r.stdout).toContain('stdin line 2: INVALID — stdin line 2: checksum mismatch: word 9 is most likely wrong');
    expectNoWords(r.stdout + r.stderr, shares[0]!, 3, 'verify output');
  });
  it('drill: MISMATCH and FAILED exit 3 and are journaled; never words', async () => {
    const m = await cli(['shares', 'drill', '--expect-fingerprint', 'deadbeef', '--share-file', 's1.txt', '--share-file', 's2.txt']);
    expect(m.code).toBe(3);
    expect(m.stdout).toMatch(/^MISMATCH — rebuilt fingerprint 73c5da0a, expected deadbeef/);
    const forged = vectors.invalid.find((x: { description: string }) => x.description.startsWith('payload byte changed')).shares;
    const f = await cli(['shares', 'drill', '--expect-fingerprint', FP], forged.join('\n'));
    expect(f.code).toBe(3);
    expect(f.stdout).toContain('FAILED');
    const ops = fs.readFileSync(journal, 'utf8').trim().split('\n').map((l) => JSON.parse(l)).filter((e) => e.op === 'shares.drill').map((e) => e.data.result);
    expect(ops).toEqual(expect.arrayContaining(['MISMATCH', 'FAILED']));
    expect(m.stdout + f.stdout).not.toContain('abandon');
  });
});

describe('seed new --split', () => {
  it('refuses bad split options before making a seed', async () => {
    const before = fs.readFileSync(journal, 'utf8');
    const a = await cli(['seed', 'new', '--split', '3-of-2', '--out', 'never']);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('--split: 3-of-2: need 2 ≤ T ≤ N ≤ 16');
    const b = await cli(['seed', 'new', '--out', 'never']);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('need --split');
    const c = await cli(['seed', 'new', '--split', '2-of-3', '--out', 'never', '--mnemonic-out', 'never.txt']);
    expect(c.code).toBe(2);
    expect(fs.existsSync(path.join(dir, 'never'))).toBe(false);
    expect(fs.readFileSync(journal, 'utf8')).toBe(before);
  });
  it('makes a seed that is never shown: only its cards; the shares rebuild the card wallet', async () => {
    const r = await cli(['seed', 'new', '--words', '12', '--split', '2-of-3', '--labels', 'a,b,c', '--out', 'new-cards']);
    expect(r.code, r.stderr).toBe(0);
    const rec = await cli(['--json', 'shares', 'combine', '--reveal', '--from-qr', 'new-cards/share-1-qr.png', 'new-cards/share-3-qr.png']);
    expect(rec.code, rec.stderr).toBe(0);
    const words = rec.json().words.join(' ');
    expect(rec.json().fingerprint).toBe(JSON.parse(fs.readFileSync(file('new-cards/wallet-card.json'), 'utf8')).fingerprint);
    const entries = fs.readFileSync(journal, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const seedNew = entries.filter((e) => e.op === 'seed.new').pop();
    expect(seedNew.data).toMatchObject({ wordsShown: false, split: '2-of-3', fingerprint: rec.json().fingerprint });
    expectNoWords(r.stdout + r.stderr, words, 0, 'seed new output');
    expectNoWords(fs.readFileSync(journal, 'utf8'), words, 0, 'journal');
  });
});

describe('SSKR exit path', () => {
  it('split --format sskr; combine reads ur:sskr (upper case) and Bytewords', async () => {
    const r = await cli(['--json', 'shares', 'split', '--format', 'sskr', '--threshold', '2', '--shares', '3', '--mnemonic-file', 'm.txt', '--reveal']);
    expect(r.code, r.stderr).toBe(0);
    const s = r.json().shares;
    expect(s[0].text).toMatch(/^tuna next /);
    expect(s[0].qr).toMatch(/^UR:SSKR\//);
    const c = await cli(['--json', 'shares', 'combine'], `${s[2].qr}\n${s[0].text}\n`);
    expect(c.code, c.stderr).toBe(0);
    expect(c.json()).toMatchObject({ format: 'sskr', fingerprint: FP });
  });
  it('the BCR-2020-011 example shares combine (2 groups) to the wallet of its master secret', async () => {
    const md = fs.readFileSync(new URL('../../../fixtures/sskr/bcr-2020-011-sskr.md', import.meta.url), 'utf8');
    const urs = md.match(/^ur:sskr\/[a-z]{20,}$/gm)!.slice(1); // the first is the single worked example
    const c = await cli(['--json', 'shares', 'combine'], [urs[0], urs[2], urs[3], urs[5], urs[7]].join('\n'));
    expect(c.code, c.stderr).toBe(0);
    const expected = walletCard(mnemonicFromEntropy(fromHex('7daa851251002874e1a1995f0897e6b1', 'x')), '', network('testnet'));
    expect(c.json().fingerprint).toBe(expected.fingerprint);
  });
});
