/**
 * Marketplace orders in typed data (src/core/eth/marketplace.ts) through the signer's prepare/decide:
 * Seaport, Blur and LooksRare orders are recognised and shown as what they give and receive; the
 * NFT-drainer shapes — an empty consideration, every consideration item paying someone else, a sale
 * at price 0 — are refused as `marketplace-order` (overridable); honest listings still sign. Empty
 * arrays are shown as `[]` with their type instead of vanishing.
 */
import { describe, expect, it } from 'vitest';
import { deriveEthKey, ethPath } from '../../../src/core/eth/key.js';
import { decideSigning, prepare } from '../../../src/core/eth/signer.js';
import { typedDataSubject } from '../../../src/core/eth/subject.js';
import { parseTypedData, reviewTypedData } from '../../../src/core/eth/typed-data.js';
import { seedFromMnemonic } from '../../../src/core/hd/keys.js';
import { fixtureJson } from '../../helpers/fixtures.js';

const OURS = deriveEthKey(seedFromMnemonic('abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about'), ethPath(0));
const THIEF = '0x000000000000000000000000000000000000dEaD';
const load = (name: string) => fixtureJson<any>(`marketplace-orders/${name}`);
const run = (td: unknown, allow: string[] = []) => {
  const p = prepare(typedDataSubject(JSON.stringify(td), 'typed data'), { limits: { expectChainId: 1n }, signer: OURS });
  return { p, d: decideSigning(p, new Set(allow)) };
};
const review = (td: unknown) => reviewTypedData(parseTypedData(JSON.stringify(td)));

describe('honest orders sign, and show what is given and received', () => {
  it.each([
    ['Seaport listing', 'seaport-listing.json', 'Seaport', /ERC-721 0xBC4C.* #1234 × 1/, /9750000000000000000 wei ETH to 0x9858.* \(the offerer\)/],
    ['Blur sell order', 'blur-listing.json', 'Blur', /0xBC4C.* #1234 × 1/, /10000000000000000000 of payment token/],
    ['LooksRare ask', 'looksrare-ask.json', 'LooksRare', /0xBC4C.* #1234/, /10000000000000000000 of currency/],
  ])('%s', (_n, file, market, gives, receives) => {
    const td = load(file);
    const { d, p } = run(td);
    expect(d.blocking).toEqual([]);
    expect(p.kind === 'typed-data' && p.review.order).toMatchObject({ market, maker: OURS.address, drain: [] });
    const o = review(td).order!;
    expect(o.gives.join(';')).toMatch(gives);
    expect(o.receives.join(';')).toMatch(receives);
  });
});

describe('drainer orders are refused as marketplace-order', () => {
  const seaport = () => load('seaport-listing.json');
  const cases: [string, () => any, RegExp][] = [
    ['Seaport with an empty consideration (given away)', () => { const t = seaport(); t.message.consideration = []; return t; }, /consideration is EMPTY/],
    ['Seaport paying a foreign address', () => { const t = seaport(); for (const c of t.message.consideration) c.recipient = THIEF; return t; }, /no consideration item pays the offerer .*0x000000000000000000000000000000000000dEaD/],
    ['Seaport paying the offerer 0', () => { const t = seaport(); t.message.consideration[0].startAmount = '0'; t.message.consideration[0].endAmount = '0'; return t; }, /no consideration item pays the offerer/],
    ['Blur sell at price 0', () => { const t = load('blur-listing.json'); t.message.price = '0'; return t; }, /sell order at price 0/],
    ['LooksRare ask at price 0', () => { const t = load('looksrare-ask.json'); t.message.price = '0'; return t; }, /ask \(sale\) at price 0/],
  ];
  it.each(cases)('%s', (_n, make, message) => {
    const td = make();
    const { d } = run(td);
    expect(d.blocking).toMatchObject([{ code: 'marketplace-order', overridable: true, message: expect.stringMatching(message) }]);
    expect(run(td, ['marketplace-order']).d.go).toBe(true);
  });

  it('a Blur buy order (side 0) at price 0 is no drain of the maker', () => {
    const t = load('blur-listing.json');
    t.message.side = 0;
    t.message.price = '0';
    expect(run(t).d.blocking).toEqual([]);
  });
});

describe('empty arrays are shown, not dropped', () => {
  it('an empty consideration is a line of its own, with its type', () => {
    const t = load('seaport-listing.json');
    t.message.consideration = [];
    expect(review(t).messageLines).toContain('consideration = [] (ConsiderationItem[], empty)');
    expect(review(load('blur-listing.json')).messageLines).toContain('fees = [] (Fee[], empty)');
  });
  it('fields are listed in their declared order, nested ones included', () => {
    const lines = review(load('seaport-listing.json')).messageLines;
    expect(lines[0]).toBe('offerer = 0x9858EfFD232B4033E47d90003D41EC34EcaEda94');
    expect(lines).toContain('offer[0].identifierOrCriteria = 1234');
    expect(lines).toContain('consideration[1].recipient = 0x0000a26b00c1F0DF003000390027140000fAa719');
  });
});
