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

/** Build the output expression for a single-key account (no children: receivers use 0/* and 1/*). */
export function singleKeyOutput(script: SingleScript, fingerprint: number, originPath: number[], xpub: string): OutputExpr {
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
  let e: OutputExpr = { key: { hd } };
  for (const fn of [...template(script).functions].reverse()) e = { fn, inner: e } as OutputExpr;
  return e;
}

