/**
 * Marketplace orders signed as EIP-712 typed data — Seaport (OpenSea), Blur, LooksRare v2 — read
 * for what they give and what they take. The NFT-drainer pattern is an order whose offerer gives
 * tokens and receives nothing back: an empty consideration, a zero price, or every consideration
 * item paying someone else. Shapes follow each protocol's published order structs:
 *   Seaport 1.x  OrderComponents{offerer, zone, offer: OfferItem[], consideration: ConsiderationItem[], …}
 *                OfferItem{itemType, token, identifierOrCriteria, startAmount, endAmount}
 *                ConsiderationItem{… , recipient}; itemType 0 ETH, 1 ERC-20, 2 ERC-721, 3 ERC-1155, 4/5 with criteria
 *   Blur         domain "Blur Exchange", Order{trader, side (1 = sell), collection, tokenId, amount, paymentToken, price, …}
 *   LooksRare v2 domain "LooksRareProtocol", Maker{quoteType (1 = ask, a sale), signer, collection, itemIds, amounts, price, …}
 */
import { sameAddress } from './account.js';
import { sanitize } from '../text.js';

export interface MarketplaceOrder {
  market: 'Seaport' | 'Blur' | 'LooksRare';
  /** Who signs the order (offerer / trader / signer field). */
  maker: string | null;
  gives: string[];
  receives: string[];
  /** Why this order looks like a drain (empty: it does not). */
  drain: string[];
}

const ITEM = ['ETH', 'ERC-20', 'ERC-721', 'ERC-1155', 'ERC-721 (criteria)', 'ERC-1155 (criteria)'];
const str = (v: unknown) => (v === undefined || v === null ? '' : sanitize(String(v)));
const big = (v: unknown): bigint => {
  try {
    return BigInt(str(v) || '0');
  } catch {
    return 0n;
  }
};
const obj = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const arr = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.map(obj) : []);

function item(i: Record<string, unknown>): string {
  const t = Number(str(i.itemType));
  const kind = ITEM[t] ?? `item type ${t}`;
  const amt = str(i.startAmount) === str(i.endAmount) ? str(i.startAmount) : `${str(i.startAmount)}→${str(i.endAmount)}`;
  return t === 0 ? `${amt} wei ETH` : `${kind} ${str(i.token)}${t >= 2 ? ` #${str(i.identifierOrCriteria)}` : ''} × ${amt}`;
}

function seaport(m: Record<string, unknown>): MarketplaceOrder {
  const maker = str(m.offerer) || null;
  const offer = arr(m.offer);
  const cons = arr(m.consideration);
  const gives = offer.map(item);
  const receives = cons.map((c) => `${item(c)} to ${str(c.recipient)}${maker && sameAddress(str(c.recipient), maker) ? ' (the offerer)' : ''}`);
  const drain: string[] = [];
  const toMaker = cons.filter((c) => maker && /^0x[0-9a-fA-F]{40}$/.test(str(c.recipient)) && sameAddress(str(c.recipient), maker) && (big(c.startAmount) > 0n || big(c.endAmount) > 0n));
  if (offer.length > 0 && cons.length === 0) drain.push('the consideration is EMPTY: what is offered is given away for nothing');
  else if (offer.length > 0 && toMaker.length === 0) drain.push(`no consideration item pays the offerer ${maker}: everything received goes to ${[...new Set(cons.map((c) => str(c.recipient)))].join(', ')}`);
  return { market: 'Seaport', maker, gives, receives, drain };
}

function blur(m: Record<string, unknown>): MarketplaceOrder {
  const sell = str(m.side) === '1';
  const what = `${str(m.collection)} #${str(m.tokenId)} × ${str(m.amount)}`;
  const price = `${str(m.price)} of payment token ${str(m.paymentToken)}`;
  const drain = sell && big(m.price) === 0n ? ['a sell order at price 0: the NFT is given away for nothing'] : [];
  return { market: 'Blur', maker: str(m.trader) || null, gives: [sell ? what : price], receives: [sell ? price : what], drain };
}

function looksRare(m: Record<string, unknown>): MarketplaceOrder {
  const ask = str(m.quoteType) === '1';
  const ids = Array.isArray(m.itemIds) ? m.itemIds.map(str).join(',') : str(m.itemIds);
  const what = `${str(m.collection)} #${ids}`;
  const price = `${str(m.price)} of currency ${str(m.currency)}`;
  const drain = ask && big(m.price) === 0n ? ['an ask (sale) at price 0: the NFT is given away for nothing'] : [];
  return { market: 'LooksRare', maker: str(m.signer) || null, gives: [ask ? what : price], receives: [ask ? price : what], drain };
}

/** The marketplace order this typed data is, or null. Recognised by domain name and primary type. */
export function marketplaceOrder(td: { primaryType: string; domain: Record<string, unknown>; message: Record<string, unknown> }): MarketplaceOrder | null {
  const name = str(td.domain.name);
  const m = td.message;
  if (td.primaryType === 'OrderComponents' || (name === 'Seaport' && 'offer' in m)) return seaport(m);
  if (name === 'Blur Exchange' && td.primaryType === 'Order') return blur(m);
  if (name === 'LooksRareProtocol' && td.primaryType === 'Maker') return looksRare(m);
  return null;
}
