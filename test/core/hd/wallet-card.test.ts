/**
 * The wallet card format: a card made by walletCard() reads back unchanged; every field is
 * checked, each wrong field is named, all problems come in one message, and nothing from a
 * hostile card (control characters, unknown fields, keys of another network) gets through.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/errors.js';
import { NETWORKS } from '../../../src/core/network.js';
import { parseWalletCard, walletCard, type WalletCard } from '../../../src/core/hd/wallet-card.js';

const ABOUT = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
const LEGAL = 'legal winner thank year wave sausage worth useful legal winner thank yellow';
const main = walletCard(ABOUT, '', NETWORKS.mainnet);
const test = walletCard(ABOUT, 'TREZOR', NETWORKS.testnet);
const other = walletCard(LEGAL, '', NETWORKS.mainnet);
const withShares: WalletCard = {
  ...test,
  shares: { format: 'v1', setWords: 'brother pecan behavior', setId: '9690', threshold: 2, count: 3, created: '2026-12-04', holders: ['alice', 'bob', 'carol'] },
};

const read = (card: unknown) => parseWalletCard(JSON.stringify(card), 'card.json', '--card');
/** The message of the error reading `card`. */
function problem(card: unknown): string {
  try {
    read(card);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('the card was accepted');
}
/** A deep copy of `card` with `edit` applied. */
function mutated(card: WalletCard, edit: (c: any) => void): unknown {
  const c = JSON.parse(JSON.stringify(card));
  edit(c);
  return c;
}

describe('cards coldkit writes read back unchanged', () => {
  it.each([
    ['mainnet, no passphrase', main],
    ['testnet with a passphrase', test],
    ['with the share set of a split', withShares],
    ['the SSKR share set without holders', { ...main, shares: { format: 'sskr', setWords: 'tuna acid', setId: 'd301', threshold: 2, count: 3, created: '2026-01-31' } }],
    ['regtest', walletCard(ABOUT, '', NETWORKS.regtest)],
  ])('%s', (_, card) => {
    expect(read(card)).toEqual(card);
  });
});

describe('each wrong field is named', () => {
  const cases: Array<[string, WalletCard, (c: any) => void, string]> = [
    ['version 2', main, (c) => (c.version = 2), 'version: must be 1'],
    ['version missing', main, (c) => delete c.version, 'version: must be 1, the card version this coldkit reads (missing)'],
    ['unknown network', main, (c) => (c.network = 'litecoin'), 'network: must be one of mainnet, testnet, signet, regtest'],
    ['upper-case fingerprint', main, (c) => (c.fingerprint = c.fingerprint.toUpperCase()), 'fingerprint: must be 8 lower-case hex'],
    ['passphrase as a string', main, (c) => (c.passphrase = 'no'), 'passphrase: must be true or false'],
    ['fingerprint without passphrase on a card without one', main, (c) => (c.fingerprintWithoutPassphrase = '73c5da0a'), 'fingerprintWithoutPassphrase: is given but passphrase is false'],
    ['bip84 missing', main, (c) => delete c.bip84, 'bip84: must be an object'],
    ['BIP49 path', main, (c) => (c.bip84.path = "m/49h/0h/0h"), 'bip84.path: m/49h/0h/0h is not a BIP84 account path'],
    ['testnet coin type on mainnet', main, (c) => (c.bip84.path = 'm/84h/1h/0h'), 'bip84.path: m/84h/1h/0h is not a BIP84 account path m/84h/0h/<account>h'],
    ['unhardened account', main, (c) => (c.bip84.path = 'm/84h/0h/0'), 'bip84.path'],
    ['not a path', main, (c) => (c.bip84.path = '84h/0h/0h'), 'bip84.path: "84h/0h/0h" must start with "m/"'],
    ['xpub with a broken checksum', main, (c) => (c.bip84.xpub = c.bip84.xpub.slice(0, -1) + (c.bip84.xpub.endsWith('a') ? 'b' : 'a')), 'bip84.xpub: '],
    ['xpub of another network', main, (c) => (c.bip84.xpub = test.bip84.xpub), 'bip84.xpub: is a test-network key but the card is for mainnet'],
    ['xpub in its SLIP-132 form', main, (c) => (c.bip84.xpub = c.bip84.zpub), 'bip84.xpub: must be in the plain xpub/tpub form'],
    ['an xprv', main, (c) => (c.bip84.xpub = 'xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi'), 'bip84.xpub: '],
    ['zpub of another key', main, (c) => (c.bip84.zpub = other.bip84.zpub), 'bip84.zpub: is not the same key as bip84.xpub'],
    ['descriptor checksum', main, (c) => (c.bip84.descriptor = c.bip84.descriptor.replace(/#.*/, '#qqqqqqqq')), 'bip84.descriptor'],
    ['descriptor without checksum', main, (c) => (c.bip84.descriptor = c.bip84.descriptor.replace(/#.*/, '')), 'bip84.descriptor: has no #checksum'],
    ['descriptor of another seed', main, (c) => (c.bip84.descriptor = other.bip84.descriptor), 'bip84.descriptor: names another master fingerprint than the card'],
    ['first address of another seed', main, (c) => (c.bip84.firstAddress = other.bip84.firstAddress), 'bip84.firstAddress: is not the first receive address of bip84.xpub'],
    ['unknown top-level field', main, (c) => (c.note = 'x'), 'note: is not a field of a version 1 wallet card'],
    ['unknown bip84 field', main, (c) => (c.bip84.xprv = 'x'), 'bip84.xprv: is not a field'],
    ['__proto__ key', main, (c) => Object.defineProperty(c, '__proto__', { value: { a: 1 }, enumerable: true }), '__proto__: is not a field'],
    ['share format', withShares, (c) => (c.shares.format = 'slip77'), 'shares.format: must be one of v1, sskr'],
    ['set words', withShares, (c) => (c.shares.setWords = 'x'), 'shares.setWords'],
    ['set id', withShares, (c) => (c.shares.setId = '12345'), 'shares.setId: must be 4 lower-case hex'],
    ['count below threshold', withShares, (c) => (c.shares.count = 1), 'shares.count: 1 is below the threshold 2'],
    ['threshold 0', withShares, (c) => (c.shares.threshold = 0), 'shares.threshold: must be a whole number from 1 to 16'],
    ['created', withShares, (c) => (c.shares.created = 'yesterday'), 'shares.created: must be a date YYYY-MM-DD'],
    ['one holder too few', withShares, (c) => c.shares.holders.pop(), 'shares.holders: names 2 holders for 3 shares'],
    ['a holder with a terminal escape', withShares, (c) => (c.shares.holders[1] = 'bob\u001b[2J'), 'shares.holders[1]: must be a name'],
    ['a holder with a bidi override', withShares, (c) => (c.shares.holders[2] = 'car\u202eol'), 'shares.holders[2]: must be a name'],
  ];
  it.each(cases)('%s', (_, card, edit, want) => {
    const m = problem(mutated(card, edit));
    expect(m).toContain('--card: "card.json" is not a valid wallet card: ');
    expect(m).toContain(want);
    expect(m).not.toMatch(/[\u0000-\u001f\u202e]/);
  });
});

describe('the whole card is checked before anything is said', () => {
  it('reports every wrong field in one message', () => {
    const m = problem(mutated(withShares, (c) => {
      c.version = 3;
      c.fingerprint = 'nothex!!';
      c.bip84.firstAddress = other.bip84.firstAddress;
      c.shares.setId = 'zz';
    }));
    // The fingerprint is unreadable, so the descriptor's is not compared with it.
    const fields = m.replace(/^.*is not a valid wallet card: /, '').split('; ').map((p) => p.split(':')[0]);
    expect(fields).toEqual(['version', 'fingerprint', 'bip84.firstAddress', 'shares.setId']);
  });

  it('not JSON, and JSON that is not a card, are named with the file', () => {
    expect(() => parseWalletCard('{"kind":', 'x.json', '--card')).toThrow('--card: "x.json" is not JSON');
    expect(() => parseWalletCard('[1,2]', 'x.json', '--card')).toThrow('--card: "x.json" is not a coldkit wallet card');
    expect(() => parseWalletCard(JSON.stringify({ kind: 'coldkit/account' }), 'x.json', '--card')).toThrow('is not a coldkit wallet card');
    expect(() => parseWalletCard('null', 'x\u001b[2J.json', '--card')).toThrow(/"x\uFFFD\[2J\.json"/);
  });
});
