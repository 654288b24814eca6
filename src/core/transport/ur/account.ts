/**
 * crypto-account (tag 311, BCR-2020-015): `{1: master-fingerprint (uint32), 2: [crypto-output]}`,
 * one output descriptor per script type of a BIP44-style account. BCR-2020-015's example wraps each
 * output in #6.308; Keystone's ur-registry (what wallets use to read account QR codes) writes them
 * bare and refuses the wrapper. coldkit writes them bare and reads both. Also builds it from coldkit's
 * single-key account data (fingerprint, origin path, xpub, script type).
 */
import { template, type TemplateName } from '../../wallet/template.js';
import { InputError } from '../../errors.js';
import { CborTag, cborGet, decodeCbor, encodeCbor, type CborMap, type CborValue } from '../cbor.js';
import type { HdKey } from './hdkey.js';
import { parseXpub } from './hdkey.js';
import { outputExprFromCbor, outputExprToCbor, TAG_OUTPUT, type OutputExpr } from './output.js';

export const TAG_ACCOUNT = 311;

export interface CryptoAccount {
  masterFingerprint: number;
  outputs: OutputExpr[];
}

export function encodeCryptoAccount(a: CryptoAccount): Uint8Array {
  const m: CborMap = new Map<number, CborValue>([
    [1, a.masterFingerprint >>> 0],
    [2, a.outputs.map((o) => outputExprToCbor(o))],
  ]);
  return encodeCbor(m);
}

export function decodeCryptoAccount(cbor: Uint8Array): CryptoAccount {
  const f = 'crypto-account';
  let v = decodeCbor(cbor, f);
  if (v instanceof CborTag && v.tag === TAG_ACCOUNT) v = v.value;
  const m = cborGet.map(v, f);
  const outs = cborGet.array(m.get(2), `${f}.outputs`);
  return {
    masterFingerprint: cborGet.uint(m.get(1), `${f}.master-fingerprint`, 0xffffffff),
    // BCR-2020-015's example tags each output #6.308; Keystone writes the script expression bare
    // (e.g. #6.404 wpkh directly). Both are read; coldkit writes the bare form Keystone reads.
    outputs: outs.map((o, i) => {
      const inner = o instanceof CborTag && o.tag === TAG_OUTPUT ? o.value : o;
      return outputExprFromCbor(inner, `${f}.outputs[${i}]`);
    }),
  };
}

/** crypto-output payload (top level untagged; a tagged 308 is accepted on input). */
export function encodeCryptoOutputBytes(e: OutputExpr): Uint8Array {
  return encodeCbor(outputExprToCbor(e));
}

export function decodeCryptoOutputBytes(cbor: Uint8Array): OutputExpr {
  let v = decodeCbor(cbor, 'crypto-output');
  if (v instanceof CborTag && v.tag === TAG_OUTPUT) v = v.value;
  return outputExprFromCbor(v, 'crypto-output');
}

/** coldkit's single-key script templates (src/core/wallet/template.ts), whose script-function chains name the output. */
export type SingleScript = TemplateName;

/** An account-level key (origin, no children: receivers derive 0/* and 1/*) as a crypto-hdkey. */
export function accountHdKey(fingerprint: number, originPath: readonly number[], xpub: string): HdKey {
  const x = parseXpub(xpub);
  if (x.depth !== originPath.length) throw new InputError(`xpub depth ${x.depth} does not match the ${originPath.length}-step origin path`, 'xpub');
  const hd: HdKey = {
    keyData: x.keyData,
    chainCode: x.chainCode,
    origin: {
      components: originPath.map((i) => ({ index: i & 0x7fffffff, hardened: i >= 0x80000000 })),
      sourceFingerprint: fingerprint,
    },
    parentFingerprint: x.parentFingerprint,
  };
  if (!x.mainnet) hd.useInfo = { type: 0, network: 1 };
  return hd;
}

/** Wrap `inner` in script functions, outermost first (['sh','wsh'] → sh(wsh(inner))). */
function wrap(functions: readonly string[], inner: OutputExpr): OutputExpr {
  let e = inner;
  for (const fn of [...functions].reverse()) e = { fn, inner: e } as OutputExpr;
  return e;
}

/** Build the output expression for a single-key account (no children: receivers use 0/* and 1/*). */
export function singleKeyOutput(script: SingleScript, fingerprint: number, originPath: number[], xpub: string): OutputExpr {
  return wrap(template(script).functions, { key: { hd: accountHdKey(fingerprint, originPath, xpub) } });
}

/**
 * A vault cosigner's BIP48 entry as BCR-2020-015 writes it: `wsh(cosigner(KEY))` for P2WSH
 * (m/48'/coin'/account'/2') and `sh(wsh(cosigner(KEY)))` for P2SH-P2WSH (…/1'), tag 410 around
 * the account key.
 */
export function cosignerOutput(wrapper: readonly ('sh' | 'wsh')[], fingerprint: number, originPath: number[], xpub: string): OutputExpr {
  return wrap([...wrapper, 'cosigner'], { key: { hd: accountHdKey(fingerprint, originPath, xpub) } });
}

/**
 * A vault as BCR-2020-010 crypto-output: `wsh(sortedmulti(k, KEY…))` (401 around 407) or
 * `sh(wsh(sortedmulti(…)))` (400, 401, 407); each key the cosigner's account key with its origin
 * and no children (the receive/change branches 0/* and 1/* are implied, as for single-key accounts).
 */
export function vaultOutput(wrapper: readonly ('sh' | 'wsh')[], threshold: number, keys: readonly { fingerprint: number; originPath: number[]; xpub: string }[]): OutputExpr {
  const multi: OutputExpr = { fn: 'sortedmulti', threshold, keys: keys.map((k) => ({ hd: accountHdKey(k.fingerprint, k.originPath, k.xpub) })) };
  return wrap(wrapper, multi);
}
