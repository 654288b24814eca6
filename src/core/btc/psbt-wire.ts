/**
 * The PSBT's framing, walked before any reader parses it: magic, global map, one map per input
 * and per output, each a list of <keylen><key><valuelen><value> pairs ended by 0x00 (BIP174
 * "Specification"; BIP370 counts the maps in PSBT_GLOBAL_INPUT_COUNT/OUTPUT_COUNT). Every problem
 * is one plain message naming the map and the field ("is not a valid PSBT: input 0
 * PSBT_IN_NON_WITNESS_UTXO: the value is cut short: 300 bytes announced, 12 left"), never a parser's internal path. Exit 2.
 *
 * The walk also enforces the limits that keep a hostile PSBT from exhausting the signer, whichever
 * reader then parses it (the fast reader or @scure/btc-signer):
 * - a BIP32 path at most 255 levels deep (BIP32: depth is one byte) in every origin field —
 *   PSBT_GLOBAL_XPUB, PSBT_IN/OUT_BIP32_DERIVATION, PSBT_IN/OUT_TAP_BIP32_DERIVATION: 100,000
 *   levels once overflowed the stack and ran out of memory;
 * - at most 1,000 key-value pairs in one map (a multisig input names at most 20 keys in
 *   CHECKMULTISIG, a few hundred in tapscript);
 * - derivation paths that share their prefixes as wallets' paths do: deriving a claim costs one
 *   BIP32 step per level not shared with another claim, so the distinct levels of all claims may
 *   be at most 4 per claim plus 1,000. An honest PSBT adds about one per claim (the index); 10,000
 *   claims each 255 levels deep on distinct paths would cost 2.5 million derivations.
 * Keys must be unique within a map ("duplicate key" in BIP174's Parser checks).
 */
import { InputError } from '../errors.js';
import { fieldName, ORIGIN_FIELDS, TAP_ORIGIN_FIELDS, type PsbtSection } from './psbt-fields.js';
import { counted } from '../text.js';

/** BIP32: "depth: 0x00 for master nodes, 0x01 for level-1 derived keys, ...." — one byte. */
export const MAX_PATH_DEPTH = 255;
/** Most key-value pairs one map may hold. */
export const MAX_PAIRS_PER_MAP = 1000;
/** Distinct derivation levels allowed per derivation claim, on top of `DERIVATION_LEVELS_SLACK`. */
export const DERIVATION_LEVELS_PER_CLAIM = 4;
export const DERIVATION_LEVELS_SLACK = 1000;

/** One map of the PSBT as the walk found it. */
export interface WireMap {
  section: PsbtSection;
  /** Input or output index (0 for the global map). */
  index: number;
  /** Key type of each pair, in file order. */
  types: number[];
}

/** The PSBT's layout: version, map counts, and each map's key types. */
export interface PsbtLayout {
  version: number;
  inputs: number;
  outputs: number;
  maps: WireMap[];
}

/** "input 3", "output 0", "the global map". */
export function mapLabel(m: Pick<WireMap, 'section' | 'index'>): string {
  return m.section === 'global' ? 'the global map' : `${m.section} ${m.index}`;
}

class Walk {
  pos = 5;
  constructor(
    readonly b: Uint8Array,
    readonly field: string,
  ) {}
  fail(where: string, what: string): never {
    throw new InputError(`is not a valid PSBT: ${where}: ${what}`, this.field);
  }
  /** A CompactSize (BIP174 lengths), checked to fit what is left. */
  compact(where: string, what: string): number {
    const f = this.b[this.pos];
    if (f === undefined) this.fail(where, `the PSBT ends where ${what} should start`);
    const n = f < 0xfd ? 0 : f === 0xfd ? 2 : f === 0xfe ? 4 : 8;
    if (this.pos + 1 + n > this.b.length) this.fail(where, `the PSBT ends inside ${what}`);
    let v = f < 0xfd ? f : 0;
    for (let i = 0; i < n; i++) v += this.b[this.pos + 1 + i]! * 2 ** (8 * i);
    this.pos += 1 + n;
    return v;
  }
  /** `n` bytes announced by a length, checked to be there. */
  take(n: number, where: string, what: string): Uint8Array {
    const left = this.b.length - this.pos;
    if (n > left) this.fail(where, `${what} is cut short: ${n} bytes announced, ${left} left`);
    const out = this.b.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
}

/** Little-endian u32 at `at` of `v`. */
const u32 = (v: Uint8Array, at: number): number => (v[at]! | (v[at + 1]! << 8) | (v[at + 2]! << 16) | (v[at + 3]! << 24)) >>> 0;

/** Input and output counts of the unsigned transaction (BIP174: no witness serialisation). */
function unsignedCounts(tx: Uint8Array, w: Walk): { inputs: number; outputs: number } {
  const where = `the global map ${fieldName('global', 0x00)}`;
  const t = new Walk(tx, w.field);
  t.pos = 0;
  t.take(4, where, 'the transaction version');
  const inputs = t.compact(where, 'the input count');
  for (let i = 0; i < inputs; i++) {
    t.take(36, where, `input ${i}'s outpoint`);
    t.take(t.compact(where, `input ${i}'s scriptSig length`), where, `input ${i}'s scriptSig`);
    t.take(4, where, `input ${i}'s sequence`);
  }
  const outputs = t.compact(where, 'the output count');
  for (let i = 0; i < outputs; i++) {
    t.take(8, where, `output ${i}'s amount`);
    t.take(t.compact(where, `output ${i}'s script length`), where, `output ${i}'s script`);
  }
  t.take(4, where, 'the lock time');
  if (t.pos !== tx.length) w.fail(where, `${tx.length - t.pos} bytes follow the transaction's lock time`);
  return { inputs, outputs };
}

/** Where derivation claims' paths sit in the PSBT (offset of the first step, and the depth). */
interface PathRef {
  fingerprint: number;
  at: number;
  depth: number;
}

/** Read one map; calls `on` per pair with its key type, key data and value. */
function walkMap(w: Walk, m: WireMap, paths: PathRef[], on?: (type: number, value: Uint8Array) => void): void {
  const label = mapLabel(m);
  const seen = new Set<string>();
  for (;;) {
    const klen = w.compact(label, 'a key length');
    if (klen === 0) return;
    if (m.types.length >= MAX_PAIRS_PER_MAP) w.fail(label, `more than ${MAX_PAIRS_PER_MAP} key-value pairs; coldkit reads at most ${MAX_PAIRS_PER_MAP} per map`);
    const key = w.take(klen, label, 'a key');
    const type = key[0]!;
    const name = fieldName(m.section, type);
    const where = `${label} ${name}`;
    const vlen = w.compact(where, 'the value length');
    const valueAt = w.pos;
    const value = w.take(vlen, where, 'the value');
    const id = key.length <= 256 ? String.fromCharCode(...key) : `${key.length}:${String.fromCharCode(...key.subarray(0, 128))}${String.fromCharCode(...key.subarray(-128))}`;
    if (seen.has(id) && key.length <= 256) w.fail(where, 'the same key appears twice (BIP174: keys within a map are unique)');
    seen.add(id);
    m.types.push(type);
    let originAt = -1;
    if (ORIGIN_FIELDS[m.section].has(type)) originAt = 0;
    else if (TAP_ORIGIN_FIELDS[m.section].has(type)) {
      const v = new Walk(value, w.field);
      v.pos = 0;
      const hashes = v.compact(where, 'the leaf hash count');
      originAt = hashes * 32 <= value.length - v.pos ? v.pos + hashes * 32 : -1;
    }
    if (originAt >= 0 && value.length - originAt >= 4 && (value.length - originAt) % 4 === 0) {
      const depth = (value.length - originAt - 4) / 4;
      if (depth > MAX_PATH_DEPTH) w.fail(where, `a derivation path ${depth} levels deep; BIP32 allows at most ${MAX_PATH_DEPTH}`);
      const fp = ((value[originAt]! << 24) | (value[originAt + 1]! << 16) | (value[originAt + 2]! << 8) | value[originAt + 3]!) >>> 0;
      paths.push({ fingerprint: fp, at: valueAt + originAt + 4, depth });
    }
    on?.(type, value);
  }
}

/**
 * Distinct derivation levels of all claims (a node per distinct prefix, per fingerprint), counted
 * until `limit` is passed.
 */
function distinctLevels(b: Uint8Array, paths: readonly PathRef[], limit: number): number {
  const ids = new Map<string, number>();
  for (const p of paths) {
    let id = `f${p.fingerprint}`;
    for (let k = 0; k < p.depth; k++) {
      const key = `${id}/${u32(b, p.at + 4 * k)}`;
      let next = ids.get(key);
      if (next === undefined) {
        next = ids.size;
        ids.set(key, next);
        if (ids.size > limit) return ids.size;
      }
      id = String(next);
    }
  }
  return ids.size;
}

/**
 * Walk a PSBT's framing (raw bytes, magic included) and enforce the limits; returns its layout.
 * Throws InputError naming the map and field of the first problem.
 */
export function checkPsbtWire(raw: Uint8Array, field = 'psbt'): PsbtLayout {
  const w: Walk = new Walk(raw, field);
  const paths: PathRef[] = [];
  const global: WireMap = { section: 'global', index: 0, types: [] };
  let version = 0;
  let unsigned: { inputs: number; outputs: number } | undefined;
  const v2: { inputs?: number; outputs?: number } = {};
  walkMap(w, global, paths, (type, value) => {
    if (type === 0x00) unsigned = unsignedCounts(value, w);
    else if (type === 0xfb && value.length === 4) version = u32(value, 0);
    else if (type === 0x04 || type === 0x05) {
      const v = new Walk(value, field);
      v.pos = 0;
      v2[type === 0x04 ? 'inputs' : 'outputs'] = v.compact(`the global map ${fieldName('global', type)}`, 'the count');
    }
  });
  const { inputs, outputs } = version === 2 ? v2 : (unsigned ?? {});
  if (inputs === undefined || outputs === undefined) {
    w.fail('the global map', version === 2 ? 'PSBTv2 needs PSBT_GLOBAL_INPUT_COUNT and PSBT_GLOBAL_OUTPUT_COUNT' : `it has no ${fieldName('global', 0x00)}`);
  }
  const maps: WireMap[] = [global];
  for (let i = 0; i < inputs + outputs; i++) {
    const m: WireMap = i < inputs ? { section: 'input', index: i, types: [] } : { section: 'output', index: i - inputs, types: [] };
    if (w.pos >= raw.length) w.fail(mapLabel(m), `the PSBT ends before this map (the transaction has ${counted(inputs, 'input')} and ${counted(outputs, 'output')})`);
    walkMap(w, m, paths);
    maps.push(m);
  }
  // bip174js writes an empty input map for a PSBTv0 transaction with no inputs (read past, as btc-signer does).
  if (w.pos < raw.length && version === 0 && inputs === 0) walkMap(w, { section: 'output', index: outputs, types: [] }, paths);
  if (w.pos !== raw.length) w.fail(`after output ${outputs - 1}`, `${raw.length - w.pos} bytes follow the last map`);
  const limit = DERIVATION_LEVELS_PER_CLAIM * paths.length + DERIVATION_LEVELS_SLACK;
  const levels = distinctLevels(raw, paths, limit);
  if (levels > limit) {
    throw new InputError(
      `is not a valid PSBT: the BIP32 derivation paths of its ${paths.length} claims pass through more than ${limit} distinct keys (at most ${DERIVATION_LEVELS_PER_CLAIM} per claim plus ${DERIVATION_LEVELS_SLACK}): paths that share no prefix, built to make the signer derive millions of keys`,
      field,
    );
  }
  return { version, inputs, outputs, maps };
}
