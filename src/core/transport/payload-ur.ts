/**
 * Which UR type carries which coldkit payload, in both directions.
 *
 * Emitted (the v1 names every surveyed wallet reads, research notes §1.5): `crypto-psbt`,
 * `crypto-account`, `crypto-output`, `eth-sign-request`, `eth-signature`, `bytes`.
 * Accepted: those plus the BCR-2020-006 v2 names `psbt`, `hdkey`, `output-descriptor`,
 * `account-descriptor` and the v1 `crypto-hdkey`.
 *
 * Payload bytes have the form a file of that kind would have, so a QR-read payload and a file
 * give the same 4-word digest: PSBT binary; transaction hex text; account/output descriptor text
 * (one per line); EIP-4527 types their untagged CBOR; text UTF-8.
 */
import { InputError } from '../errors.js';
import { parseDescriptor, formatDescriptor } from '../wallet/descriptor.js';
import { TEMPLATES } from '../wallet/template.js';
import { withChecksum } from '../hd/checksum.js';
import { cborGet, decodeCbor, encodeCbor, type CborMap } from './cbor.js';
import { decodeCryptoAccount, decodeCryptoOutputBytes, encodeCryptoAccount, encodeCryptoOutputBytes, singleKeyOutput, type SingleScript } from './ur/account.js';
import { decodeDescriptorV2, decodeAccountDescriptorV2 } from './ur/output-descriptor.js';
import { hdkeyFromCbor, hdkeyToCbor, hdkeyToXpub, parseXpub, type HdKey } from './ur/hdkey.js';
import { outputToDescriptor, scriptChain, type OutputExpr } from './ur/output.js';
import { formatPath, parsePath } from './ur/keypath.js';
import type { Ur } from './ur/ur.js';

/** Payload kinds that can cross the gap (same list as the CLI's Payload['kind']). */
export type PayloadKind = 'psbt' | 'tx' | 'account' | 'output' | 'eth-sign-request' | 'eth-signature' | 'text' | 'share' | 'bytes';

/** UR types accepted on input, with the payload kind each yields. */
export const ACCEPTED_UR_TYPES: Readonly<Record<string, PayloadKind>> = {
  'crypto-psbt': 'psbt',
  psbt: 'psbt',
  bytes: 'bytes',
  'crypto-account': 'account',
  'account-descriptor': 'account',
  'crypto-output': 'output',
  'output-descriptor': 'output',
  'crypto-hdkey': 'account',
  hdkey: 'account',
  'eth-sign-request': 'eth-sign-request',
  'eth-signature': 'eth-signature',
};

const PSBT_MAGIC = [0x70, 0x73, 0x62, 0x74, 0xff];
const utf8 = new TextEncoder();
const fromUtf8 = (b: Uint8Array, field: string): string => {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    throw new InputError('payload is not UTF-8 text', field);
  }
};

/** True when `b` starts with the BIP174 magic "psbt" 0xff. */
export function isPsbtBytes(b: Uint8Array): boolean {
  return b.length > PSBT_MAGIC.length && PSBT_MAGIC.every((v, i) => b[i] === v);
}

/** Descriptor text lines of an account/output payload (blank lines and comments dropped). */
export function descriptorLines(bytes: Uint8Array, field = 'account'): string[] {
  return fromUtf8(bytes, field)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

/** A single-key descriptor as a crypto-output expression (the account key, receivers derive 0/* and 1/*). */
export function descriptorToOutput(text: string, field = 'descriptor'): OutputExpr {
  const d = parseDescriptor(text, field);
  const k = d.keys[0]!;
  if (!k.fingerprint || !k.originPath) throw new InputError('the descriptor needs a key origin [fingerprint/path] for a QR account export', field);
  if (k.prefix.length || !(d.branches.length === 2 && d.branches[0] === 0 && d.branches[1] === 1)) {
    throw new InputError('only the standard /<0;1>/* account form can be exported over QR', field);
  }
  return singleKeyOutput(d.script as SingleScript, parseInt(k.fingerprint, 16), k.originPath, k.xpub);
}

/** A bare key expression `[fingerprint/path]xpub` (an account key without a script, e.g. Ethereum's m/44'/60'/0'). */
const KEY_EXPR = /^\[[0-9a-fA-F]{8}(\/[0-9]+['h]?)*\][xt]pub[1-9A-HJ-NP-Za-km-z]{100,112}$/;

/** A key expression as a crypto-hdkey map: key, chain code, origin (with source fingerprint), parent fingerprint. */
export function keyExprToHdkey(text: string, field = 'account key'): CborMap {
  const m = /^\[([0-9a-fA-F]{8})((?:\/[0-9]+['h]?)*)\](\S+)$/.exec(text.trim());
  if (!m) throw new InputError('expected [fingerprint/path]xpub', field);
  const x = parseXpub(m[3]!, field);
  const comps = parsePath('m' + m[2]!, field);
  if (x.depth !== comps.length) throw new InputError(`xpub depth ${x.depth} does not match the ${comps.length}-step origin path`, field);
  const hd: HdKey = { keyData: x.keyData, chainCode: x.chainCode, origin: { components: comps, sourceFingerprint: parseInt(m[1]!, 16) }, parentFingerprint: x.parentFingerprint };
  if (!x.mainnet) hd.useInfo = { type: 0, network: 1 };
  return hdkeyToCbor(hd);
}

/** Descriptor text of a decoded expression: coldkit's multipath form for standard single-key accounts. */
export function outputToText(e: OutputExpr): string {
  const chain = scriptChain(e).join('/');
  const script = TEMPLATES.find((t) => t.functions.join('/') === chain)?.name;
  let inner: OutputExpr = e;
  while ('inner' in inner) inner = inner.inner;
  if (script && 'key' in inner && 'hd' in inner.key) {
    const hd = inner.key.hd;
    const o = hd.origin;
    if (!hd.children && o?.sourceFingerprint !== undefined && o.components.every((c) => 'index' in c)) {
      const key = {
        fingerprint: o.sourceFingerprint.toString(16).padStart(8, '0'),
        originPath: o.components.map((c) => ('index' in c ? c.index + (c.hardened ? 0x80000000 : 0) : 0) >>> 0),
        xpub: hdkeyToXpub(hd),
        prefix: [],
      };
      return formatDescriptor({ script, keys: [key] }, 'multi');
    }
  }
  return withChecksum(outputToDescriptor(e));
}

/** UR types a payload kind may be sent as (the first is the default). */
export const EMITTED_UR_TYPES: Readonly<Record<PayloadKind, readonly string[]>> = {
  psbt: ['crypto-psbt', 'psbt', 'bytes'],
  account: ['crypto-account', 'crypto-output', 'crypto-hdkey'],
  output: ['crypto-output', 'crypto-account'],
  'eth-sign-request': ['eth-sign-request'],
  'eth-signature': ['eth-signature'],
  tx: ['bytes'],
  text: ['bytes'],
  share: ['bytes'],
  bytes: ['bytes'],
};

/** The UR (type and untagged CBOR) that carries a payload. `urType` picks among the alternatives. */
export function payloadToUr(kind: PayloadKind, bytes: Uint8Array, urType?: string): Ur {
  if (urType !== undefined && !EMITTED_UR_TYPES[kind].includes(urType)) {
    throw new InputError(`a ${kind} is sent as UR type ${EMITTED_UR_TYPES[kind].join(' or ')}, not ${urType}`, '--ur-type');
  }
  switch (kind) {
    case 'psbt':
      if (!isPsbtBytes(bytes)) throw new InputError('payload is not a binary PSBT (magic "psbt" 0xff)', 'psbt');
      return { type: urType ?? 'crypto-psbt', cbor: encodeCbor(bytes) };
    case 'account':
    case 'output': {
      const lines = descriptorLines(bytes);
      if (lines.length === 1 && KEY_EXPR.test(lines[0]!)) {
        if (urType !== undefined && urType !== 'crypto-hdkey') throw new InputError('a bare account key is sent as crypto-hdkey', '--ur-type');
        return { type: 'crypto-hdkey', cbor: encodeCbor(keyExprToHdkey(lines[0]!)) };
      }
      const exprs = descriptorLines(bytes).map((l, i) => descriptorToOutput(l, `descriptor ${i + 1}`));
      if (exprs.length === 0) throw new InputError('no descriptor in the account payload', 'account');
      const type = urType ?? (kind === 'output' && exprs.length === 1 ? 'crypto-output' : 'crypto-account');
      if (type === 'crypto-output') {
        if (exprs.length !== 1) throw new InputError('crypto-output carries one descriptor; use crypto-account for several', '--ur-type');
        return { type, cbor: encodeCryptoOutputBytes(exprs[0]!) };
      }
      if (type !== 'crypto-account') throw new InputError(`accounts are sent as crypto-account or crypto-output, not ${type}`, '--ur-type');
      const fps = new Set(exprs.map(masterFingerprint));
      if (fps.size !== 1) throw new InputError('all descriptors of a crypto-account must come from one seed (same fingerprint)', 'account');
      return { type, cbor: encodeCryptoAccount({ masterFingerprint: [...fps][0]!, outputs: exprs }) };
    }
    case 'eth-sign-request':
    case 'eth-signature':
      return { type: kind, cbor: bytes };
    default:
      return { type: urType ?? 'bytes', cbor: encodeCbor(bytes) };
  }
}

function masterFingerprint(e: OutputExpr): number {
  let cur: OutputExpr = e;
  while ('inner' in cur) cur = cur.inner;
  return 'key' in cur && 'hd' in cur.key ? (cur.key.hd.origin?.sourceFingerprint ?? 0) : 0;
}

/** Turn a complete UR into payload bytes of the right kind; unknown types are refused. */
export function urToPayload(ur: Ur): { kind: PayloadKind; bytes: Uint8Array } {
  // Own keys only: "ur:constructor/…" must not find Object.prototype.constructor.
  const kind = Object.prototype.hasOwnProperty.call(ACCEPTED_UR_TYPES, ur.type) ? ACCEPTED_UR_TYPES[ur.type] : undefined;
  if (!kind) throw new InputError(`UR type "${ur.type}" is not one coldkit reads (${Object.keys(ACCEPTED_UR_TYPES).join(', ')})`, 'ur type');
  const f = `ur:${ur.type}`;
  switch (ur.type) {
    case 'crypto-psbt':
    case 'psbt':
      return { kind, bytes: cborGet.bytes(decodeCbor(ur.cbor, f), f) };
    case 'bytes': {
      const b = cborGet.bytes(decodeCbor(ur.cbor, f), f);
      return { kind: isPsbtBytes(b) ? 'psbt' : 'bytes', bytes: b };
    }
    case 'crypto-account':
      return { kind, bytes: lines(decodeCryptoAccount(ur.cbor).outputs.map(outputToText)) };
    case 'account-descriptor':
      return { kind, bytes: lines(decodeAccountDescriptorV2(ur.cbor)) };
    case 'crypto-output':
      return { kind, bytes: lines([outputToText(decodeCryptoOutputBytes(ur.cbor))]) };
    case 'output-descriptor':
      return { kind, bytes: lines([decodeDescriptorV2(ur.cbor)]) };
    case 'crypto-hdkey':
    case 'hdkey': {
      const k = hdkeyFromCbor(decodeCbor(ur.cbor, f), f);
      const o = k.origin;
      const origin = o && o.sourceFingerprint !== undefined ? `[${o.sourceFingerprint.toString(16).padStart(8, '0')}${o.components.length ? '/' + formatPath(o.components, false) : ''}]` : '';
      return { kind, bytes: lines([`${origin}${hdkeyToXpub(k)}`]) };
    }
    default:
      return { kind, bytes: ur.cbor };
  }
}

function lines(items: string[]): Uint8Array {
  if (items.length === 0) throw new InputError('the account carries no descriptor', 'account');
  return utf8.encode(items.join('\n'));
}
