/**
 * crypto-keypath (tag 304, v2 `keypath` 40304; BCR-2020-007): `{1: components, ? 2: source
 * fingerprint (uint32), ? 3: depth}`. Components are flat pairs `index, hardened` where index is
 * a uint31, `[]` (wildcard `*`) or `[low, high]` (range); BCR-2023-010's multipath step `<a;b>`
 * is one 4-element array `[a, hardened, b, hardened]` with no flag after it.
 */
import { InputError } from '../../errors.js';
import { CborTag, cborGet, type CborMap, type CborValue } from '../cbor.js';

export const TAG_KEYPATH = 304;
export const TAG_KEYPATH_V2 = 40304;

/** One path step: a child index, a wildcard or a range, hardened or not. */
export type PathComponent =
  | { index: number; hardened: boolean }
  | { wildcard: true; hardened: boolean }
  | { range: [number, number]; hardened: boolean }
  | { pair: [{ index: number; hardened: boolean }, { index: number; hardened: boolean }]; hardened: false };

export interface Keypath {
  components: PathComponent[];
  sourceFingerprint?: number;
  depth?: number;
}

const MAX_INDEX = 0x7fffffff;

/** Parse "m/44'/60'/0'/0/0" (also M/, h or H for hardened, `*` wildcard, `<a-b>` not supported). */
export function parsePath(path: string, field = 'path'): PathComponent[] {
  const s = path.trim();
  const parts = s.split('/');
  if (parts[0] === 'm' || parts[0] === 'M') parts.shift();
  if (parts.length === 1 && parts[0] === '') return [];
  return parts.map((p) => {
    const m = /^(\*|[0-9]{1,10})(['hH]?)$/.exec(p);
    if (!m) throw new InputError(`"${p}" is not a path step (write like m/44h/60h/0h/0/0)`, field);
    const hardened = m[2] !== '';
    if (m[1] === '*') return { wildcard: true as const, hardened };
    const index = Number(m[1]);
    if (index > MAX_INDEX) throw new InputError(`index ${index} is above 2^31-1`, field);
    return { index, hardened };
  });
}

/** Format components as "m/44'/60'/0'/0/0" (with `m/` prefix unless `prefix` is false). */
export function formatPath(components: PathComponent[], prefix = true): string {
  const steps = components.map((c) => {
    const h = c.hardened ? "'" : '';
    if ('index' in c) return `${c.index}${h}`;
    if ('wildcard' in c) return `*${h}`;
    if ('pair' in c) return `<${c.pair.map((p) => `${p.index}${p.hardened ? "'" : ''}`).join(';')}>`;
    return `<${c.range[0]}-${c.range[1]}>${h}`;
  });
  return prefix ? ['m', ...steps].join('/') : steps.join('/');
}

/** Keypath as its untagged CBOR map. */
export function keypathToCbor(k: Keypath): CborMap {
  const comps: CborValue[] = [];
  for (const c of k.components) {
    if ('pair' in c) {
      comps.push([c.pair[0].index, c.pair[0].hardened, c.pair[1].index, c.pair[1].hardened]);
      continue;
    }
    if ('index' in c) comps.push(c.index);
    else if ('wildcard' in c) comps.push([]);
    else comps.push([c.range[0], c.range[1]]);
    comps.push(c.hardened);
  }
  const m: CborMap = new Map<number, CborValue>([[1, comps]]);
  if (k.sourceFingerprint !== undefined) m.set(2, k.sourceFingerprint >>> 0);
  if (k.depth !== undefined) m.set(3, k.depth);
  return m;
}

/** Keypath tagged 304 (v1) or 40304 (v2). */
export function keypathToTagged(k: Keypath, v2 = false): CborTag {
  return new CborTag(v2 ? TAG_KEYPATH_V2 : TAG_KEYPATH, keypathToCbor(k));
}

/** Decode an untagged keypath map. */
export function keypathFromCbor(v: CborValue | undefined, field = 'keypath'): Keypath {
  const m = cborGet.map(v, field);
  const raw = cborGet.array(m.get(1), `${field}.components`);
  const components: PathComponent[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    const c = raw[i];
    if (Array.isArray(c) && c.length === 4) {
      const step = (j: number) => ({ index: cborGet.uint(c[j], `${field}.pair`, MAX_INDEX), hardened: cborGet.bool(c[j + 1], `${field}.pair`) });
      components.push({ pair: [step(0), step(2)], hardened: false });
      i--; // a multipath pair carries its own flags
      continue;
    }
    if (i + 1 >= raw.length) throw new InputError('components must come in index/hardened pairs', field);
    const hardened = cborGet.bool(raw[i + 1], `${field}.components[${i + 1}]`);
    if (Array.isArray(c)) {
      if (c.length === 0) components.push({ wildcard: true, hardened });
      else if (c.length === 2) {
        const lo = cborGet.uint(c[0], `${field}.range`, MAX_INDEX);
        const hi = cborGet.uint(c[1], `${field}.range`, MAX_INDEX);
        components.push({ range: [lo, hi], hardened });
      } else throw new InputError('a path component array must be [], [low, high] or [a, h, b, h]', field);
    } else components.push({ index: cborGet.uint(c, `${field}.components[${i}]`, MAX_INDEX), hardened });
  }
  const out: Keypath = { components };
  if (m.has(2)) out.sourceFingerprint = cborGet.uint(m.get(2), `${field}.source-fingerprint`, 0xffffffff);
  if (m.has(3)) out.depth = cborGet.uint(m.get(3), `${field}.depth`, 255);
  return out;
}

/** Decode a keypath tagged 304 or 40304. */
export function keypathFromTagged(v: CborValue | undefined, field = 'keypath'): Keypath {
  return keypathFromCbor(cborGet.tagged(v, field, TAG_KEYPATH, TAG_KEYPATH_V2).value, field);
}
