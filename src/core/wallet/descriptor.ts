/**
 * Output descriptors (BIP380–386, BIP389) as the wallet model: a script template (template.ts)
 * over one or more key expressions, each `[fingerprint/origin path]xpub/fixed steps/branch/*`,
 * with the BIP389 multipath branch `/<0;1>/*` (receive; change). Parsing checks the checksum,
 * every key, that derivation after an xpub is unhardened (an xpub cannot derive hardened
 * children), and that all keys of a descriptor share one network and one branch form.
 *
 * The reader knows the script-function chains of every template (`pkh`, `sh(wpkh)`, `wpkh`, `tr`,
 * and the vaults `wsh(sortedmulti(k,…))`, `sh(wsh(sortedmulti(k,…)))`,
 * `tr(NUMS,sortedmulti_a(k,…))`); other multisig forms (`multi`, `multi_a`, bare or legacy-P2SH
 * multisig, a taproot vault whose internal key is not BIP341's unspendable H) are refused by name.
 */
import { InputError } from '../errors.js';
import { formatOrigin, parsePath, HARDENED } from '../hd/path.js';
import { normalizeExtendedPublic } from '../hd/slip132.js';
import { verifyChecksum, withChecksum } from '../hd/checksum.js';
import { NUMS_HEX } from './tapscript-multisig.js';
import { MAX_VAULT_KEYS, template, TEMPLATES, type TemplateName, type WalletShape } from './template.js';

/** One key of a descriptor with its origin. */
export interface KeyExpression {
  /** Master fingerprint from the key origin (8 hex), if given. */
  fingerprint?: string;
  /** Key-origin path indices (from the master to the xpub), if given. */
  originPath?: number[];
  /** The extended public key (normalised from SLIP-132 forms to xpub/tpub). */
  xpub: string;
  /** Fixed unhardened steps between the xpub and the branch (usually none). */
  prefix: number[];
}

/** A parsed ranged descriptor: a wallet. */
export interface Descriptor {
  /** The script template's name (the `--script` value). */
  script: TemplateName;
  /** The keys, in descriptor order (one for single-key templates). */
  keys: KeyExpression[];
  /** Signatures needed to spend (1 for single-key templates). */
  threshold: number;
  /** True when the keys' version bytes are mainnet's. */
  mainnet: boolean;
  /** The branch step before the wildcard: receive [0], change [1]; multipath gives both. */
  branches: number[];
  /** The checksum given with the text, if any. */
  checksum?: string;
}

/** How many keys and signatures the descriptor's script takes. */
export function shapeOf(d: Pick<Descriptor, 'keys' | 'threshold'>): WalletShape {
  return { keys: d.keys.length, threshold: d.threshold };
}

/** The key expression text `[fp/origin]xpub/prefix/branch/*`. */
function formatKey(k: KeyExpression, branch: number | 'multi'): string {
  const origin = k.fingerprint && k.originPath ? `[${k.fingerprint}${k.originPath.length ? '/' + formatOrigin(k.originPath) : ''}]` : '';
  const pre = k.prefix.map((i) => `/${i}`).join('');
  return `${origin}${k.xpub}${pre}${branch === 'multi' ? '/<0;1>' : `/${branch}`}/*`;
}

/** Build the descriptor text for one branch (or the multipath form when `branch` is "multi"). */
export function formatDescriptor(d: Pick<Descriptor, 'script' | 'keys'> & { threshold?: number }, branch: number | 'multi', checksum = true): string {
  const t = template(d.script);
  const inner = t.keys === 'one' ? formatKey(d.keys[0]!, branch) : [String(d.threshold ?? 1), ...d.keys.map((k) => formatKey(k, branch))].join(',');
  // tr(NUMS,sortedmulti_a(…)): the fixed internal key is the first argument of the outermost tr().
  const body = t.functions.reduceRight((acc, fn, i) => `${fn}(${i === 0 && t.internalKey ? `${t.internalKey},` : ''}${acc})`, inner);
  return checksum ? withChecksum(body) : body;
}

/** `fn(args…)` split at the top level, or undefined when `text` is not a call. */
function call(text: string): { fn: string; args: string[] } | undefined {
  const m = /^([a-z_]+)\(([\s\S]*)\)$/.exec(text);
  if (!m) return undefined;
  const args: string[] = [];
  let depth = 0;
  let start = 0;
  const s = m[2]!;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '(') depth++;
    else if (s[i] === ')') depth--;
    else if (s[i] === ',' && depth === 0) {
      args.push(s.slice(start, i));
      start = i + 1;
    }
    if (depth < 0) return undefined;
  }
  if (depth !== 0) return undefined;
  args.push(s.slice(start));
  return { fn: m[1]!, args };
}

const SINGLE_KEY = 'only single-key wpkh(…), sh(wpkh(…)), pkh(…) and tr(KEY) descriptors are supported';
const MULTI_KEY = `wsh(sortedmulti(k,…)), sh(wsh(sortedmulti(k,…))) or tr(${NUMS_HEX},sortedmulti_a(k,…))`;
const MULTI_FNS = new Set(['multi', 'sortedmulti', 'multi_a', 'sortedmulti_a']);

/** Parse a descriptor string; errors name the part that is wrong. */
export function parseDescriptor(text: string, field = '--descriptor'): Descriptor {
  const { body, checksum } = verifyChecksum(text, field);
  // Walk the script-function chain from the outside in: sh( wsh( sortedmulti(k, KEY, …) ) ).
  const functions: string[] = [];
  let args = [body];
  let internalKey: string | undefined;
  for (let c = call(body); c; c = args.length === 1 ? call(args[0]!) : undefined) {
    functions.push(c.fn);
    args = c.args;
    if (MULTI_FNS.has(c.fn)) break;
    // BIP386 tr(KEY,TREE): the internal key, then one script leaf (a taproot vault's sortedmulti_a).
    if (c.fn === 'tr' && functions.length === 1 && args.length === 2) {
      internalKey = args[0]!;
      args = [args[1]!];
    }
  }
  const t = TEMPLATES.find((x) => x.functions.join() === functions.join());
  if (t?.internalKey !== undefined || internalKey !== undefined) checkInternalKey(t?.internalKey, internalKey, functions, field);
  if (!t && functions.some((fn) => MULTI_FNS.has(fn))) {
    const shown = `${functions.map((fn) => `${fn}(`).join('')}…${')'.repeat(functions.length)}`;
    throw new InputError(`${shown} is not a vault coldkit reads: ${MULTI_KEY}`, field);
  }
  if (!t) throw new InputError(`${SINGLE_KEY}, or a vault: ${MULTI_KEY}`, field);
  if (t.keys === 'one') {
    if (args.length !== 1) throw new InputError(SINGLE_KEY, field);
    const key = parseKeyExpression(args[0]!, field);
    return { script: t.name, keys: [key.key], threshold: 1, mainnet: key.mainnet, branches: key.branches, checksum };
  }
  return parseMulti(t.name, args, checksum, field);
}

/**
 * A taproot vault's internal key must be BIP341's H written as x-only hex: any other key could
 * spend alone by the key path, past the threshold (and an xpub form over H is not read yet).
 */
function checkInternalKey(want: string | undefined, got: string | undefined, functions: string[], field: string): void {
  if (want === undefined) throw new InputError(`tr(KEY,${functions.slice(1).join('(') || '…'}(…)): coldkit reads no taproot script tree but a vault's tr(${NUMS_HEX},sortedmulti_a(k,…))`, field);
  if (got === undefined) throw new InputError(`tr(sortedmulti_a(…)) needs its internal key first: tr(${NUMS_HEX},sortedmulti_a(k,…)) (BIP386)`, field);
  if (got.toLowerCase() !== want) {
    throw new InputError(`the internal key of a taproot vault must be BIP341's unspendable point ${want}, not "${got.slice(0, 24)}${got.length > 24 ? '…' : ''}": any other internal key may spend alone by the key path, bypassing the threshold`, field);
  }
}

/**
 * The arguments of `sortedmulti(k,KEY_1,…,KEY_n)` (BIP383): "k is a decimal number between 1 and
 * n"; coldkit's vaults take 1 ≤ n ≤ 15 keys that share one network and one branch form and are
 * all different (a repeated key would let one cosigner count twice).
 */
function parseMulti(script: TemplateName, args: string[], checksum: string | undefined, field: string): Descriptor {
  const [kText, ...keyTexts] = args;
  if (!/^[1-9]\d*$/.test(kText ?? '')) throw new InputError(`sortedmulti threshold "${kText}" is not a number from 1 to the number of keys (BIP383, BIP387)`, field);
  const threshold = Number(kText);
  if (keyTexts.length < 1 || keyTexts.length > MAX_VAULT_KEYS) throw new InputError(`a vault has 1 to ${MAX_VAULT_KEYS} keys; this one has ${keyTexts.length}`, field);
  if (threshold > keyTexts.length) throw new InputError(`threshold ${threshold} is larger than the ${keyTexts.length} keys (BIP383: k ≤ n)`, field);
  const parsed = keyTexts.map((k, i) => parseKeyExpression(k, `${field} key ${i + 1}`));
  const first = parsed[0]!;
  parsed.forEach((p, i) => {
    if (p.mainnet !== first.mainnet) throw new InputError(`key ${i + 1} is for ${p.mainnet ? 'mainnet' : 'a test network'} but key 1 is for ${first.mainnet ? 'mainnet' : 'a test network'}`, field);
    if (p.branches.join() !== first.branches.join()) throw new InputError(`key ${i + 1} derives /${p.branches.join(';')}/* but key 1 /${first.branches.join(';')}/*; every key of a vault uses the same branches`, field);
    const j = parsed.findIndex((q) => q.key.xpub === p.key.xpub && q.key.prefix.join() === p.key.prefix.join());
    if (j !== i) throw new InputError(`key ${i + 1} repeats key ${j + 1}; every cosigner key must be different`, field);
  });
  return { script, keys: parsed.map((p) => p.key), threshold, mainnet: first.mainnet, branches: first.branches, checksum };
}

/** One key expression: `[fp/origin]xpub/prefix…/branch/*` with branch a number or `<a;b>`. */
function parseKeyExpression(text: string, field: string): { key: KeyExpression; mainnet: boolean; branches: number[] } {
  let inner = text;
  let fingerprint: string | undefined;
  let originPath: number[] | undefined;
  const m = /^\[([^\]]*)\](.*)$/.exec(inner);
  if (m) {
    const [fp, ...rest] = m[1]!.split('/');
    if (!/^[0-9a-fA-F]{8}$/.test(fp!)) throw new InputError(`key origin fingerprint "${fp}" must be 8 hex characters`, field);
    fingerprint = fp!.toLowerCase();
    // BIP380 key origin: "/NUM or /NUMh path elements" (' also accepted); its test vectors list "0H" as invalid.
    const bad = rest.find((p) => /H$/.test(p));
    if (bad !== undefined) throw new InputError(`key origin step "${bad}": the hardened marker is h or ' (BIP380), not H`, field);
    originPath = rest.length ? parsePath('m/' + rest.join('/'), `${field} key origin`) : [];
    inner = m[2]!;
  } else if (inner.startsWith('[')) {
    throw new InputError('key origin "[" is not closed with "]"', field);
  }
  const parts = inner.split('/');
  const key = parts[0]!;
  const steps = parts.slice(1);
  if (!/^[a-km-zA-HJ-NP-Z1-9]{100,120}$/.test(key)) {
    throw new InputError(`key "${key.slice(0, 16)}…" is not an extended public key (xpub/tpub/ypub/zpub/upub/vpub)`, field);
  }
  if (/^[xtyzuv]prv/.test(key)) throw new InputError('a private extended key is not accepted here: give the xpub', field);
  const norm = normalizeExtendedPublic(key, field);
  if (steps.length < 1 || steps[steps.length - 1] !== '*') {
    throw new InputError('the key must end in a ranged path such as /0/* or /<0;1>/*', field);
  }
  const mid = steps.slice(0, -1);
  if (mid.length === 0) throw new InputError('give the branch before the wildcard: /0/* (receive), /1/* (change) or /<0;1>/*', field);
  const last = mid[mid.length - 1]!;
  const prefix = mid.slice(0, -1).map((p) => unhardened(p, field));
  let branches: number[];
  const multi = /^<(\d+);(\d+)>$/.exec(last);
  if (multi) {
    branches = [unhardened(multi[1]!, field), unhardened(multi[2]!, field)];
    // BIP389: "Duplicate NUMs within a tuple are not allowed."
    if (branches[0] === branches[1]) throw new InputError(`multipath step "${last}" repeats index ${branches[0]}; BIP389 does not allow duplicates`, field);
  } else branches = [unhardened(last, field)];
  return { key: { fingerprint, originPath, xpub: norm.xpub, prefix }, mainnet: norm.mainnet, branches };
}

function unhardened(p: string, field: string): number {
  if (/['hH]$/.test(p)) throw new InputError(`step "${p}" after the xpub is hardened; an xpub can only derive unhardened children`, field);
  if (!/^\d+$/.test(p) || Number(p) >= HARDENED) throw new InputError(`step "${p}" after the key is not an unhardened index`, field);
  return Number(p);
}
