/**
 * crypto-output (tag 308, BCR-2020-010 v1): an output descriptor as nested tags — 400 sh, 401 wsh,
 * 402 pk, 403 pkh, 404 wpkh, 405 combo, 406 multi, 407 sortedmulti, 408 raw, 409 tr,
 * 410 cosigner — around a key (303 crypto-hdkey or 306 crypto-eckey) or a multisig map
 * `{1: threshold, 2: [keys]}`. Converts to and from descriptor text (BIP380 without checksum).
 */
import { InputError } from '../../errors.js';
import { toHex } from '../../text.js';
import { CborTag, cborGet, type CborMap, type CborValue } from '../cbor.js';
import { hdkeyFromCbor, hdkeyToCbor, hdkeyToXpub, TAG_HDKEY, TAG_HDKEY_V2, type HdKey } from './hdkey.js';
import { formatPath, type Keypath } from './keypath.js';

export const TAG_OUTPUT = 308;
export const TAG_ECKEY = 306;
const SCRIPT_TAGS = { sh: 400, wsh: 401, pk: 402, pkh: 403, wpkh: 404, combo: 405, tr: 409, cosigner: 410 } as const;
const MULTI_TAGS = { multi: 406, sortedmulti: 407 } as const;
const TAG_RAW = 408;

export type ScriptFn = keyof typeof SCRIPT_TAGS;
export type OutputKey = { hd: HdKey } | { ec: Uint8Array };
export type OutputExpr =
  | { fn: ScriptFn; inner: OutputExpr }
  | { fn: 'multi' | 'sortedmulti'; threshold: number; keys: OutputKey[] }
  | { fn: 'raw'; script: Uint8Array }
  | { key: OutputKey };

function keyToCbor(k: OutputKey): CborTag {
  if ('hd' in k) return new CborTag(TAG_HDKEY, hdkeyToCbor(k.hd));
  return new CborTag(TAG_ECKEY, new Map<number, CborValue>([[3, k.ec]]));
}

function keyFromCbor(v: CborValue | undefined, field: string): OutputKey {
  const t = cborGet.tagged(v, field, TAG_HDKEY, TAG_HDKEY_V2, TAG_ECKEY);
  if (t.tag !== TAG_ECKEY) return { hd: hdkeyFromCbor(t.value, field) };
  const m = cborGet.map(t.value, field);
  if (m.get(2) === true) throw new InputError('this QR carries a PRIVATE key; coldkit refuses it', field);
  if (m.has(1) && m.get(1) !== 0) throw new InputError('only secp256k1 keys are supported', field);
  const data = cborGet.bytes(m.get(3), `${field}.data`);
  if (data.length !== 33 && data.length !== 65 && data.length !== 32) throw new InputError('EC public key must be 32, 33 or 65 bytes', field);
  return { ec: data };
}

/** The expression as a tagged CBOR value (without the outer 308). */
export function outputExprToCbor(e: OutputExpr): CborValue {
  if ('key' in e) return keyToCbor(e.key);
  if (e.fn === 'raw') return new CborTag(TAG_RAW, e.script);
  if ('keys' in e) {
    return new CborTag(MULTI_TAGS[e.fn], new Map<number, CborValue>([[1, e.threshold], [2, e.keys.map(keyToCbor)]]));
  }
  return new CborTag(SCRIPT_TAGS[e.fn], outputExprToCbor(e.inner));
}

/** Decode an expression (the content of a crypto-output). */
export function outputExprFromCbor(v: CborValue | undefined, field = 'crypto-output', depth = 0): OutputExpr {
  if (depth > 4) throw new InputError('descriptor nesting too deep', field);
  if (!(v instanceof CborTag)) throw new InputError('expected a tagged script expression', field);
  if (v.tag === TAG_HDKEY || v.tag === TAG_HDKEY_V2 || v.tag === TAG_ECKEY) return { key: keyFromCbor(v, field) };
  if (v.tag === TAG_RAW) return { fn: 'raw', script: cborGet.bytes(v.value, field) };
  for (const [fn, tag] of Object.entries(MULTI_TAGS) as [keyof typeof MULTI_TAGS, number][]) {
    if (v.tag !== tag) continue;
    const m = cborGet.map(v.value, field);
    const keys = cborGet.array(m.get(2), `${field}.keys`).map((k, i) => keyFromCbor(k, `${field}.keys[${i}]`));
    const threshold = cborGet.uint(m.get(1), `${field}.threshold`, keys.length);
    if (threshold < 1) throw new InputError('threshold must be at least 1', field);
    return { fn, threshold, keys };
  }
  for (const [fn, tag] of Object.entries(SCRIPT_TAGS) as [ScriptFn, number][]) {
    if (v.tag === tag) return { fn, inner: outputExprFromCbor(v.value, field, depth + 1) };
  }
  throw new InputError(`unsupported script tag ${v.tag}`, field);
}

function pathText(k: Keypath | undefined): string {
  return k && k.components.length ? '/' + formatPath(k.components, false) : '';
}

function keyText(k: OutputKey): string {
  if ('ec' in k) return toHex(k.ec);
  const hd = k.hd;
  const o = hd.origin;
  const origin = o && o.sourceFingerprint !== undefined ? `[${o.sourceFingerprint.toString(16).padStart(8, '0')}${pathText(o)}]` : '';
  return `${origin}${hdkeyToXpub(hd)}${pathText(hd.children)}`;
}

/** Descriptor text (no checksum), hardened steps written with `'`. */
export function outputToDescriptor(e: OutputExpr): string {
  if ('key' in e) return keyText(e.key);
  if (e.fn === 'raw') return `raw(${toHex(e.script)})`;
  if ('keys' in e) return `${e.fn}(${[String(e.threshold), ...e.keys.map(keyText)].join(',')})`;
  return `${e.fn}(${outputToDescriptor(e.inner)})`;
}

/** Helper: read the outermost script functions, e.g. ['sh','wpkh']. */
export function scriptChain(e: OutputExpr): string[] {
  const out: string[] = [];
  let cur: OutputExpr = e;
  while ('fn' in cur) {
    out.push(cur.fn);
    if (!('inner' in cur)) break;
    cur = cur.inner;
  }
  return out;
}

export type { CborMap };
