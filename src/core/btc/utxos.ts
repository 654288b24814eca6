/**
 * Reading the UTXO list a watch-only machine exports: the JSON array `bitcoin-cli listunspent`
 * prints (txid, vout, amount in BTC as a JSON number, scriptPubKey, address) or Electrum's
 * `listunspent` (Electrum 4: prevout_hash, prevout_n, value as a BTC string, address; before 4:
 * tx_hash, index, value as a number, raw_output_script). Every problem is
 * reported at once, naming the entry and field.
 */
import { InputError } from '../errors.js';
import { parseDecimal } from '../amount.js';
import { fromHex, sanitize } from '../text.js';

/** One spendable output. */
export interface Utxo {
  /** Display-order txid (as RPCs print it), 64 hex. */
  txid: string;
  vout: number;
  /** Amount in satoshis. */
  amount: bigint;
  /** Output script when the export carries it (bitcoin-cli does). */
  script?: Uint8Array;
  address?: string;
  confirmations?: number;
  /** Bitcoin Core's `desc` (a descriptor with the key origin of this output), a hint to its path. */
  desc?: string;
}

const MAX_SATS = 21_000_000n * 100_000_000n;

/** The three shapes of listunspent output: field names of txid, output index and BTC amount. */
const CORE = { fields: ['txid', 'vout', 'amount'] } as const;
/** Electrum 4 (`PartialTxInput.to_json` with `value` as str(Decimal)). */
const ELECTRUM = { fields: ['prevout_hash', 'prevout_n', 'value'] } as const;
/** Electrum before 4 (`tx_hash`, `index`, `value` as a number, `raw_output_script`). */
const ELECTRUM_OLD = { fields: ['tx_hash', 'index', 'value'] } as const;

/**
 * Python's str(Decimal) writes amounts below 10^-6 in exponent form ("1E-7"): turn such a string
 * into plain decimal digits so the strict parser can read it. Anything else is returned unchanged.
 */
export function plainDecimal(text: string): string {
  const m = /^(\d+)(?:\.(\d+))?[eE]-(\d{1,2})$/.exec(text.trim());
  if (!m) return text;
  const digits = m[1]! + (m[2] ?? '');
  const point = m[1]!.length - Number(m[3]);
  return point > 0 ? `${digits.slice(0, point)}.${digits.slice(point)}` : `0.${'0'.repeat(-point)}${digits}`;
}

/** A BTC amount from JSON: a number with at most 8 decimals (bitcoin-cli) or a decimal string (Electrum). */
export function jsonBtcAmount(v: unknown, field: string): bigint {
  let sats: bigint;
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v < 0) throw new InputError('must be a non-negative number of BTC', field);
    const fixed = v.toFixed(8);
    if (Number(fixed) !== v) throw new InputError(`${v} has more than 8 decimal places`, field);
    sats = parseDecimal(fixed, 8, field);
  } else if (typeof v === 'string') {
    sats = parseDecimal(plainDecimal(v), 8, field);
  } else throw new InputError('must be a BTC amount (number or decimal string)', field);
  if (sats > MAX_SATS) throw new InputError('is above 21 million BTC', field);
  return sats;
}

/** Parse listunspent JSON (bitcoin-cli or Electrum shape). */
export function parseListUnspent(text: string, field = '--utxos'): Utxo[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new InputError(`is not valid JSON (${sanitize((e as Error).message).slice(0, 80)}); expected the array listunspent prints`, field);
  }
  if (!Array.isArray(doc)) throw new InputError('must be a JSON array (the output of listunspent)', field);
  const problems: string[] = [];
  const out: Utxo[] = [];
  const seen = new Set<string>();
  doc.forEach((e: unknown, i: number) => {
    const at = `entry ${i}`;
    if (!e || typeof e !== 'object') {
      problems.push(`${at} is not an object`);
      return;
    }
    const o = e as Record<string, unknown>;
    const shape = 'prevout_hash' in o ? ELECTRUM : 'tx_hash' in o ? ELECTRUM_OLD : CORE;
    const electrum = shape !== CORE;
    const name = shape.fields;
    const txid = o[name[0]];
    const vout = o[name[1]];
    if (typeof txid !== 'string' || !/^[0-9a-fA-F]{64}$/.test(txid)) problems.push(`${at}.${name[0]} must be 64 hex characters`);
    if (typeof vout !== 'number' || !Number.isInteger(vout) || vout < 0 || vout > 0xffffffff) problems.push(`${at}.${name[1]} must be a whole number`);
    let amount: bigint | undefined;
    try {
      if (electrum && typeof o.value_sats === 'number' && Number.isSafeInteger(o.value_sats) && o.value_sats >= 0) amount = BigInt(o.value_sats);
      else amount = jsonBtcAmount(o[name[2]], `${at}.${name[2]}`);
    } catch (err) {
      problems.push((err as Error).message);
    }
    let script: Uint8Array | undefined;
    const scriptField = shape === ELECTRUM_OLD ? 'raw_output_script' : 'scriptPubKey';
    const rawScript = o[scriptField];
    if (rawScript !== undefined) {
      try {
        if (typeof rawScript !== 'string') throw new Error();
        script = fromHex(rawScript, `${at}.${scriptField}`);
      } catch {
        problems.push(`${at}.${scriptField} must be hex`);
      }
    }
    const address = typeof o.address === 'string' ? o.address : undefined;
    if (!script && !address) problems.push(`${at} has neither scriptPubKey nor address`);
    if (problems.length) return;
    const key = `${(txid as string).toLowerCase()}:${vout}`;
    if (seen.has(key)) {
      problems.push(`${at} repeats ${key}`);
      return;
    }
    seen.add(key);
    out.push({
      txid: (txid as string).toLowerCase(),
      vout: vout as number,
      amount: amount!,
      ...(script ? { script } : {}),
      ...(address ? { address } : {}),
      ...(typeof o.confirmations === 'number' ? { confirmations: o.confirmations } : {}),
      ...(typeof o.desc === 'string' ? { desc: o.desc } : {}),
    });
  });
  if (problems.length) {
    const shown = problems.slice(0, 5).join('; ');
    throw new InputError(`${shown}${problems.length > 5 ? `; and ${problems.length - 5} more` : ''}`, field);
  }
  if (out.length === 0) throw new InputError('lists no UTXOs', field);
  return out;
}
