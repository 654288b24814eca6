/**
 * Black-box: every bad input of the seed, account, derive and address commands gives the
 * documented exit code, one stderr line naming the field and the fix, the `--json` error document —
 * and leaves the journal byte for byte unchanged (and no output file behind).
 */
import * as fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ABOUT, expectFailure, journalEntries, workspace, type Workspace } from '../helpers/harness.js';

const XPUB = 'xpub6CatWdiZiodmUeTDp8LT5or8nmbKNcuyvz7WyksVFkKB4RHwCD3XyuvPEbvqAQY3rAPshWcMLoP2fMFMKHPJ4ZeZXYVUhLv1VMrjPC7PW6V';
const DESC = `wpkh([73c5da0a/84h/0h/0h]${XPUB}/<0;1>/*)`;
// BIP32 test vector 5: "invalid pubkey 020000…07" (not on the curve).
const BAD_POINT_XPUB = 'xpub661MyMwAqRbcEYS8w7XLSVeEsBXy79zSzH1J8vCdxAZningWLdN3zgtU6Q5JXayek4PRsn35jii4veMimro1xefsM58PgBMrvdYre8QyULY';
const fair = (n: number) => Array.from({ length: n }, (_, i) => String((i % 6) + 1)).join('');

let ws: Workspace;
let before: Buffer;
const F: Record<string, string> = {};

beforeAll(async () => {
  ws = await workspace(2);
  before = ws.journalBytes();
  const words = ABOUT.split(' ');
  F.unknown = ws.file('unknown.txt', [...words.slice(0, 6), 'abandn', ...words.slice(7)].join(' ') + '\n');
  F.checksum = ws.file('checksum.txt', words.slice(0, 11).join(' ') + ' abandon\n');
  F.count = ws.file('count.txt', words.slice(0, 11).join(' ') + '\n');
  F.good = ws.file('good.txt', ABOUT + '\n');
  F.twelve = ws.file('twelve.txt', ABOUT + '\n');
  F.badDice = ws.file('bad-dice.txt', '12345x\n');
  F.fewDice = ws.file('few-dice.txt', fair(98) + '\n');
  F.fewDice12 = ws.file('few-dice-12.txt', fair(49) + '\n');
  F.biased = ws.file('biased.txt', '1'.repeat(40) + fair(60) + '\n');
  F.existing = ws.file('existing-card.json', 'keep me\n');
  F.emptyPass = ws.file('empty-pass.txt', '\n');
  fs.mkdirSync(ws.file('old-export'));
  ws.file('old-export/sparrow.json', '{"earlier": true}\n');
});

type Case = [name: string, args: () => string[], code: number, message: RegExp | string, opts?: { stdin?: string; outFile?: () => string }];

const cases: Case[] = [
  ['unknown word', () => ['seed', 'check', '--mnemonic-file', F.unknown!], 2, '--mnemonic-file: word 7 "abandn" is not in the BIP39 English word list — did you mean "abandon"?'],
  ['bad checksum', () => ['seed', 'check', '--mnemonic-file', F.checksum!], 2, '--mnemonic-file: checksum mismatch: every word is in the list but the last word does not match the others — a word is wrong or out of order'],
  ['wrong word count', () => ['seed', 'check', '--mnemonic-file', F.count!], 2, '--mnemonic-file: has 11 words; a BIP39 mnemonic has 12, 15, 18, 21 or 24'],
  ['empty stdin', () => ['seed', 'check', '--mnemonic-file', '-'], 2, '--mnemonic-file: no words found; a BIP39 mnemonic has 12, 15, 18, 21 or 24 words', { stdin: '' }],
  ['unreadable mnemonic file', () => ['seed', 'check', '--mnemonic-file', 'missing.txt'], 2, '--mnemonic-file: cannot read "missing.txt": no such file'],
  ['missing mnemonic without a TTY', () => ['seed', 'check'], 2, '--mnemonic-file: no mnemonic given: pass --mnemonic-file PATH (or - for stdin), or run on a terminal to type it hidden'],
  ['account export without a mnemonic or TTY', () => ['account', 'export'], 2, /^coldkit: --mnemonic-file: no mnemonic given/],
  ['derive without a mnemonic or TTY', () => ['derive', '--path', "m/84'/0'/0'/0/0"], 2, /^coldkit: --mnemonic-file: no mnemonic given/],
  ['seed finish without words or TTY', () => ['seed', 'finish'], 2, /^coldkit: --mnemonic-file: no words given/],
  ['--passphrase without a TTY', () => ['seed', 'check', '--mnemonic-file', F.good!, '--passphrase'], 2, 'stdin: reading a secret needs a terminal; none is attached (pass the input as a file, or --yes for confirmations)'],
  ['empty passphrase file', () => ['seed', 'check', '--mnemonic-file', F.good!, '--passphrase-file', F.emptyPass!], 2, '--passphrase-file: the passphrase file is empty; omit the flag for no passphrase'],
  ['mnemonic and passphrase both on stdin', () => ['seed', 'check', '--mnemonic-file', '-', '--passphrase-file', '-'], 2, /^coldkit: --passphrase-file: stdin cannot carry both/, { stdin: ABOUT }],
  ['dice rolls and passphrase both on stdin', () => ['seed', 'new', '--dice-rolls', '-', '--passphrase-file', '-', '--mnemonic-out', 'm-stdin.txt'], 2, '--passphrase-file: stdin cannot carry both the dice rolls and the passphrase; use a file for one of them', { stdin: fair(100), outFile: () => 'm-stdin.txt' }],
  ['seed new --json without --reveal or --mnemonic-out', () => ['seed', 'new'], 2, '--json: --json output does not include the words; add --reveal to include them, or --mnemonic-out FILE (or --seedqr PNG), so the new seed is not lost'],
  ['seed new --dice without a TTY', () => ['seed', 'new', '--dice', '--mnemonic-out', 'm-dice.txt'], 2, /^coldkit: --dice: typing die rolls needs a terminal; give them in a file with --dice-rolls FILE/, { outFile: () => 'm-dice.txt' }],
  ['seed new --passphrase without a TTY', () => ['seed', 'new', '--passphrase', '--mnemonic-out', 'm-pass.txt'], 2, /^coldkit: stdin: reading a secret needs a terminal/, { outFile: () => 'm-pass.txt' }],
  ['bad dice characters', () => ['seed', 'new', '--dice-rolls', F.badDice!, '--mnemonic-out', 'm1.txt'], 2, '--dice-rolls: character 6 "x" is not a die face 1-6', { outFile: () => 'm1.txt' }],
  ['too few rolls for 24 words', () => ['seed', 'new', '--dice-rolls', F.fewDice!, '--mnemonic-out', 'm2.txt'], 2, '--dice-rolls: 98 rolls give 253.3 bits; 256 bits need at least 99 rolls', { outFile: () => 'm2.txt' }],
  ['too few rolls for 12 words', () => ['seed', 'new', '--words', '12', '--dice-only', '--dice-rolls', F.fewDice12!, '--mnemonic-out', 'm3.txt'], 2, '--dice-rolls: 49 rolls give 126.7 bits; 128 bits need at least 50 rolls', { outFile: () => 'm3.txt' }],
  ['biased dice without --allow-biased-dice', () => ['seed', 'new', '--dice-rolls', F.biased!, '--mnemonic-out', 'm4.txt'], 3, 'face 1 came up 50 times in 100 rolls (over 30%): the die or the recording looks biased (refused; --allow-biased-dice overrides, and the override is journaled)', { outFile: () => 'm4.txt' }],
  ['--dice-only without rolls', () => ['seed', 'new', '--dice-only', '--mnemonic-out', 'm5.txt'], 2, '--dice-only: --dice-only needs rolls: add --dice or --dice-rolls FILE'],
  ['--card onto an existing file', () => ['seed', 'check', '--mnemonic-file', F.good!, '--card', F.existing!], 2, /^coldkit: --card: ".*existing-card\.json" already exists; choose another path or remove it first$/],
  ['--export-dir holding an earlier export', () => ['account', 'export', '--mnemonic-file', F.good!, '--export-dir', 'old-export'], 2, /^coldkit: --export-dir: ".*old-export\/sparrow\.json" already exists; choose another path or remove it first$/, { outFile: () => 'old-export/bitcoin-core-importdescriptors.json' }],
  ['--expect-fingerprint not hex', () => ['seed', 'check', '--mnemonic-file', F.good!, '--expect-fingerprint', 'xyz'], 2, '--expect-fingerprint: must be 8 hex characters'],
  ['--expect-fingerprint mismatch', () => ['seed', 'check', '--mnemonic-file', F.good!, '--expect-fingerprint', 'deadbeef'], 3, 'fingerprint is 73c5da0a, expected deadbeef: these words are another wallet'],
  ['seed finish with 12 words', () => ['seed', 'finish', '--mnemonic-file', F.twelve!], 2, '--mnemonic-file: has 12 words; give 11, 14, 17, 20 or 23 words to find the final word'],
  ['unhardened purpose without --allow-unhardened', () => ['account', 'export', '--mnemonic-file', F.good!, '--path', "m/84/0'/0'"], 3, "--path level 1 (purpose) is not hardened; a leaked child private key plus this xpub would expose the account (refused; --allow-unhardened overrides, and the override is journaled)"],
  ['unhardened account without --allow-unhardened', () => ['account', 'export', '--mnemonic-file', F.good!, '--path', "m/84'/0'/0"], 3, /^coldkit: --path level 3 \(account\) is not hardened/],
  ['eth path unhardened', () => ['account', 'export', '--chain', 'eth', '--mnemonic-file', F.good!, '--path', "m/44'/60'/0"], 3, /^coldkit: --path level 3 \(account\) is not hardened/],
  ['account path too short', () => ['account', 'export', '--mnemonic-file', F.good!, '--path', "m/84'/0'"], 2, '--path: an account path needs at least purpose, coin type and account levels'],
  ['bad path syntax', () => ['derive', '--mnemonic-file', F.good!, '--path', "m/84x/0"], 2, '--path: level 1 "84x" is not an index like 84\' or 0'],
  ['descriptor checksum mismatch', () => ['address', 'list', '--descriptor', `${DESC}#qqqqqqqq`], 2, /^coldkit: --descriptor: checksum mismatch: "#qqqqqqqq" given, the descriptor's is "#[a-z0-9]{8}" — it was altered or mistyped$/],
  ['descriptor not supported', () => ['address', 'list', '--descriptor', `wsh(pk(${XPUB}/0/*))`], 2, '--descriptor: only single-key wpkh(…), sh(wpkh(…)), pkh(…) and tr(KEY) descriptors are supported, or a vault: wsh(sortedmulti(k,…)), sh(wsh(sortedmulti(k,…))) or tr(50929b74c1a04954b78b4b6035e97a5e078a5a0f28ec96d547bfee9ace803ac0,sortedmulti_a(k,…))'],
  ['descriptor with an invalid BIP32 key', () => ['address', 'list', '--descriptor', `wpkh(${BAD_POINT_XPUB}/0/*)`], 2, /^coldkit: --descriptor: not a valid BIP32 extended public key: /],
  ['descriptor with a private key', () => ['address', 'find', 'bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu', '--descriptor', 'wpkh(xprv9s21ZrQH143K3GJpoapnV8SFfukcVBSfeCficPSGfubmSFDxo1kuHnLisriDvSnRRuL2Qrg5ggqHKNVpxR86QEC8w35uxmGoggxtQTPvfUu/0/*)'], 2, '--descriptor: a private extended key is not accepted here: give the xpub'],
  ['descriptor network mismatch', () => ['--network', 'testnet', 'address', 'list', '--descriptor', DESC], 2, '--network: the key is a mainnet (xpub) key but --network is testnet'],
  ['--change on a one-branch descriptor', () => ['address', 'list', '--change', '--descriptor', `wpkh(${XPUB}/0/*)`], 2, /^coldkit: --change: this descriptor has one branch/],
  ['no descriptor or wallet', () => ['address', 'list'], 2, '--descriptor: give the account as --descriptor D or --wallet FILE'],
  ['wallet file not JSON', () => ['address', 'list', '--wallet', F.badDice!], 2, '--wallet: not JSON; expected the file written by `coldkit account export --out`'],
  ['address not found within the gap', () => ['address', 'find', 'bc1qnjg0jd8228aq7egyzacy8cys3knf9xvrerkf9g', '--descriptor', DESC, '--gap', '1'], 3, /^coldkit: bc1qnjg0jd8228aq7egyzacy8cys3knf9xvrerkf9g is not among the first 1 addresses of branch\(es\) 0, 1/],
];

describe.concurrent('bad input: exit code, message, --json error, journal unchanged', () => {
  it.each(cases)('%s', async (_name, args, code, message, opts) => {
    const r = await ws.run(['--json', ...args()], { stdin: opts?.stdin, timeoutMs: 20_000 });
    expectFailure(r, code, message);
    expect(ws.journalBytes().equals(before)).toBe(true);
    if (opts?.outFile) expect(fs.existsSync(ws.file(opts.outFile()))).toBe(false);
  });
});

describe.concurrent('usage errors (commander): exit 2, journal unchanged', () => {
  it.each([
    ['unknown flag', ['seed', 'check', '--bogus'], "error: unknown option '--bogus'"],
    ['unknown command', ['bogus'], "error: unknown command 'bogus'"],
    ['bad --words', ['seed', 'new', '--words', '13'], "error: option '--words <n>' argument '13' is invalid. Allowed choices are 12, 15, 18, 21, 24."],
    ['bad --network', ['--network', 'moon', 'seed', 'check'], "error: option '--network <name>' argument 'moon' is invalid."],
    ['bad --script', ['account', 'export', '--script', 'wsh'], "error: option '--script <type>' argument 'wsh' is invalid."],
    ['--count 0', ['address', 'list', '--count', '0', '--descriptor', DESC], '--count must be between 1 and 1000000, got 0'],
    ['--account not a number', ['account', 'export', '--account', '1x'], '--account must be a whole number, got "1x"'],
    ['derive without --path', ['derive'], "error: required option '--path <path>' not specified"],
    ['address find without an address', ['address', 'find', '--descriptor', DESC], "error: missing required argument 'address'"],
  ])('%s', async (_name, args, message) => {
    const r = await ws.run(args, { timeoutMs: 20_000 });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
    expect(ws.journalBytes().equals(before)).toBe(true);
  });
});

describe('overrides succeed and are journaled', () => {
  it('biased dice with --allow-biased-dice: exit 0, journal records the override and the bias', async () => {
    const w = await workspace(0);
    const rolls = w.file('biased.txt', '1'.repeat(40) + fair(60) + '\n');
    const r = await w.run(['--json', 'seed', 'new', '--dice-rolls', rolls, '--allow-biased-dice', '--mnemonic-out', 'm.txt']);
    expect(r.code, r.stderr).toBe(0);
    const out = r.json();
    expect(out).toMatchObject({ wordCount: 24, entropySource: 'csprng+dice', dice: { rolls: 100, biased: true, bitsCredited: 256 }, mnemonicFile: 'm.txt' });
    const [e] = journalEntries(w);
    expect(e!.op).toBe('seed.new');
    expect(e!.data).toMatchObject({ entropySource: 'csprng+dice', diceRolls: 100, diceBiased: true, overrides: ['--allow-biased-dice'] });
    expect(fs.statSync(w.file('m.txt')).mode & 0o777).toBe(0o600);
  });
  it('unhardened path with --allow-unhardened: exit 0, the override is journaled', async () => {
    const w = await workspace(0);
    const m = w.file('m.txt', ABOUT + '\n');
    const r = await w.run(['--json', 'account', 'export', '--mnemonic-file', m, '--path', "m/84/0'/0'", '--allow-unhardened']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().path).toBe("m/84/0h/0h");
    const [e] = journalEntries(w);
    expect(e).toMatchObject({ op: 'account.export', data: { path: 'm/84/0h/0h', overrides: ['--allow-unhardened'] } });
  });
  it('a hardened path needs no override and journals none', async () => {
    const w = await workspace(0);
    const m = w.file('m.txt', ABOUT + '\n');
    const r = await w.run(['--json', 'account', 'export', '--mnemonic-file', m, '--allow-unhardened']);
    expect(r.code, r.stderr).toBe(0);
    expect(journalEntries(w)[0]!.data.overrides).toEqual([]);
  });
});

describe('the executor\'s secret guard', () => {
  // A passphrase that also occurs in the normal output ("Master fingerprint: …") trips the guard
  // that refuses to print a registered secret. Whatever one thinks of that false positive, the
  // refusal must leave the journal as it was: the output is checked before anything is appended.
  it('an output refused by the guard appends nothing to the journal (exit 1)', async () => {
    const w = await workspace(1);
    const before = w.journalBytes();
    const m = w.file('m.txt', ABOUT + '\n');
    const p = w.file('p.txt', 'Master fingerprint');
    const r = await w.run(['seed', 'check', '--mnemonic-file', m, '--passphrase-file', p]);
    expectFailure(r, 1, 'internal safety check: a secret would have been written to the output; nothing was written', false);
    expect(r.stdout).toBe('');
    expect(w.journalBytes().equals(before)).toBe(true);
  });
});
