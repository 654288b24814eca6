/**
 * Previous transactions for `non_witness_utxo` (BIP174 PSBT_IN_NON_WITNESS_UTXO): raw hex as
 * `bitcoin-cli getrawtransaction TXID` prints it, one per line, or a JSON array of hex strings or
 * of `{ "hex": … }` objects (the verbose form). Each is parsed and indexed by its txid.
 */
import { RawTx, Transaction } from '@scure/btc-signer';
import { InputError } from '../errors.js';
import { fromHex } from '../text.js';
import { libraryReason } from './psbt-codec.js';

export type RawTransaction = ReturnType<typeof RawTx.decode>;

/** Parse the prev-txs file into txid (display order hex) → decoded transaction. */
export function parsePrevTxs(text: string, field = '--prev-txs'): Map<string, RawTransaction> {
  const t = text.trim();
  let hexes: string[];
  if (t.startsWith('[')) {
    let doc: unknown;
    try {
      doc = JSON.parse(t);
    } catch {
      throw new InputError('starts with "[" but is not valid JSON', field);
    }
    if (!Array.isArray(doc)) throw new InputError('must be a JSON array', field);
    hexes = doc.map((e, i) => {
      const h = typeof e === 'string' ? e : e && typeof e === 'object' ? (e as { hex?: unknown }).hex : undefined;
      if (typeof h !== 'string') throw new InputError(`entry ${i} is neither a hex string nor an object with "hex"`, field);
      return h;
    });
  } else {
    hexes = t.split(/\s+/).filter(Boolean);
  }
  const out = new Map<string, RawTransaction>();
  hexes.forEach((h, i) => {
    const bytes = fromHex(h, `${field} entry ${i}`);
    let raw: RawTransaction;
    let id: string;
    try {
      raw = RawTx.decode(bytes);
      id = Transaction.fromRaw(bytes, { allowUnknownOutputs: true, allowUnknownInputs: true, disableScriptCheck: true, allowUnknownVersion: true }).id;
    } catch (e) {
      throw new InputError(`entry ${i} is not a raw transaction: ${libraryReason(e)}`, field);
    }
    out.set(id, raw);
  });
  return out;
}
