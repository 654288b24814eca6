/**
 * The address in what a QR code or a pasted line holds: a bare address, a BIP21 `bitcoin:` URI
 * (`bitcoin:<address>[?amount=…&label=…]`, the scheme case-insensitive) or an EIP-681 `ethereum:`
 * URI (`ethereum:[pay-]<address>[@<chain id>][/<function>][?…]`). Only the address is taken: what
 * else a URI asks for (amount, label, function) is not this command's business and is reported.
 */
import { InputError } from './errors.js';
import { sanitize } from './text.js';

/** The address a URI or line names, and whether anything beyond the address was dropped. */
export interface UriAddress {
  address: string;
  scheme?: 'bitcoin' | 'ethereum';
  /** Text after the address (query, chain id, function) that was not used. */
  rest?: string;
}

/** Read the address of a bare address, a BIP21 or an EIP-681 URI. */
export function addressOfUri(text: string, field = 'address'): UriAddress {
  const t = text.trim();
  if (!t) throw new InputError('is empty', field);
  // Not echoed: text with spaces may be a pasted mnemonic or share.
  if (/[\s\u0000-\u001f\u007f]/.test(t)) throw new InputError('is not one address (it has spaces or several lines); it is not shown, in case it is a secret', field);
  const m = /^(bitcoin|ethereum):(.*)$/i.exec(t);
  if (!m) return { address: t };
  const scheme = m[1]!.toLowerCase() as 'bitcoin' | 'ethereum';
  let body = m[2]!;
  if (scheme === 'ethereum' && body.startsWith('pay-')) body = body.slice(4);
  // BIP21: the address ends at '?'; EIP-681: at '@' (chain id), '/' (function) or '?'.
  const end = body.search(scheme === 'bitcoin' ? /\?/ : /[@/?]/);
  const address = end === -1 ? body : body.slice(0, end);
  if (!address) throw new InputError(`"${sanitize(t).slice(0, 60)}" is a ${scheme}: URI without an address`, field);
  return { address, scheme, ...(end !== -1 ? { rest: body.slice(end) } : {}) };
}
