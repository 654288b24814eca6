/**
 * `shares drill --card` through the built bin (run tsc first): the card written by `shares split
 * --out` is read and MATCHes; a card altered by hand is refused (exit 2) before any share is read,
 * each wrong field named, nothing journaled as a drill.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tmpDir } from '../../helpers/cli.js';

const MNEMONIC = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
const dir = tmpDir('coldkit-drill-card-');
const journal = path.join(dir, 'journal.jsonl');
const cli = (args: string[]) => runCli(['--network', 'testnet', ...args], { env: { COLDKIT_JOURNAL: journal }, cwd: dir });
let card: Record<string, any>;

beforeAll(async () => {
  fs.writeFileSync(path.join(dir, 'm.txt'), MNEMONIC + '\n');
  const r = await cli(['shares', 'split', '--threshold', '2', '--shares', '3', '--mnemonic-file', 'm.txt', '--labels', 'ann,ben,cat', '--out', 'cards', '--reveal', '--json']);
  expect(r.code, r.stderr).toBe(0);
  r.json().shares.forEach((s: { text: string }, i: number) => fs.writeFileSync(path.join(dir, `s${i + 1}.txt`), s.text + '\n'));
  card = JSON.parse(fs.readFileSync(path.join(dir, 'cards', 'wallet-card.json'), 'utf8'));
});

describe('shares drill --card', () => {
  it('the card of the split is read and the drill matches, naming the holders', async () => {
    const r = await cli(['--json', 'shares', 'drill', '--card', 'cards/wallet-card.json', '--share-file', 's1.txt', '--share-file', 's3.txt']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ result: 'MATCH', holders: ['ann', 'cat'], firstAddressMatches: true });
  });

  it('a card altered by hand is refused with every wrong field named, before any share is read', async () => {
    const bad = { ...card, bip84: { ...card.bip84, firstAddress: 'tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx' }, shares: { ...card.shares, holders: ['ann', 'ben'] } };
    fs.writeFileSync(path.join(dir, 'bad-card.json'), JSON.stringify(bad));
    const before = fs.existsSync(journal) ? fs.readFileSync(journal, 'utf8') : '';
    const r = await cli(['shares', 'drill', '--card', 'bad-card.json', '--share-file', 's1.txt', '--share-file', 's2.txt']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--card: "bad-card.json" is not a valid wallet card: ');
    expect(r.stderr).toContain('bip84.firstAddress: is not the first receive address of bip84.xpub');
    expect(r.stderr).toContain('shares.holders: names 2 holders for 3 shares');
    expect(r.stdout).toBe('');
    expect(fs.existsSync(journal) ? fs.readFileSync(journal, 'utf8') : '').toBe(before);
  });
});
