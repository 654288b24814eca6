/**
 * Coin control: the operator names the coins a payment spends (`--utxo TXID:VOUT`, exactly these)
 * or the coins it must not touch (`--exclude-utxo TXID:VOUT`), as Sparrow's and Electrum's coin
 * control do. Outpoints are checked against the UTXO list before anything is built: a named coin
 * that is not in the list, a coin both named and excluded, or a malformed outpoint is an input
 * error listing every problem at once.
 */
import { InputError } from '../errors.js';
import { sanitize } from '../text.js';

/** A transaction output reference: display-order txid (lower case) and output index. */
export interface Outpoint {
  txid: string;
  vout: number;
}

/** `txid:vout` in the canonical (lower-case) form. */
export function outpointKey(o: Outpoint): string {
  return `${o.txid.toLowerCase()}:${o.vout}`;
}

/** Parse `TXID:VOUT` (64 hex, a whole number below 2^32). */
export function parseOutpoint(text: string, field: string): Outpoint {
  const m = /^([0-9a-fA-F]{64}):(0|[1-9]\d{0,9})$/.exec(text.trim());
  if (!m || Number(m[2]) > 0xffffffff) {
    throw new InputError(`"${sanitize(text).slice(0, 80)}" is not an outpoint; expected TXID:VOUT (64 hex characters, a colon, the output index), e.g. as listunspent prints txid and vout`, field);
  }
  return { txid: m[1]!.toLowerCase(), vout: Number(m[2]) };
}

/** What the operator asked for. */
export interface CoinControl {
  /** Spend exactly these coins (no selection). */
  include?: readonly Outpoint[];
  /** Never spend these coins. */
  exclude?: readonly Outpoint[];
}

/**
 * Apply coin control to a UTXO list: drop the excluded coins, and check that every included coin
 * is in the list. Returns the remaining list and, when `include` is given, the set of keys to
 * spend. Every problem is reported at once.
 */
export function applyCoinControl<U extends Outpoint>(utxos: readonly U[], cc: CoinControl, fields = { include: '--utxo', exclude: '--exclude-utxo', list: '--utxos' }): { utxos: U[]; include?: Set<string> } {
  const problems: string[] = [];
  const listed = new Set(utxos.map(outpointKey));
  const exclude = new Set<string>();
  for (const o of cc.exclude ?? []) {
    const k = outpointKey(o);
    if (exclude.has(k)) problems.push(`${fields.exclude} ${k} is given twice`);
    exclude.add(k);
    if (!listed.has(k)) problems.push(`${fields.exclude} ${k} is not in ${fields.list} (a typo? nothing to exclude)`);
  }
  let include: Set<string> | undefined;
  if (cc.include?.length) {
    include = new Set();
    for (const o of cc.include) {
      const k = outpointKey(o);
      if (include.has(k)) problems.push(`${fields.include} ${k} is given twice`);
      include.add(k);
      if (exclude.has(k)) problems.push(`${k} is both spent (${fields.include}) and excluded (${fields.exclude}); say which`);
      else if (!listed.has(k)) problems.push(`${fields.include} ${k} is not in ${fields.list}: a coin must be listed (with its amount and script) to be spent`);
    }
  }
  if (problems.length) {
    // Each problem names its flag, so the error carries no single field prefix.
    throw new InputError(problems.slice(0, 5).join('; ') + (problems.length > 5 ? `; and ${problems.length - 5} more` : ''));
  }
  return { utxos: utxos.filter((u) => !exclude.has(outpointKey(u))), ...(include ? { include } : {}) };
}
