/**
 * The payload kinds that cross the air gap, in one table. For each kind: how it travels (the UR
 * types it is sent as and read from, its BBQr file type, its plain single-QR text, the transport
 * `--format auto` picks), how it is recognised (in a file for `qr encode`, in a plain QR's text),
 * how its structure is checked, how `qr decode` shows it and writes it, and whether its content is
 * a secret (files 0600, never printed without --reveal). Every dispatch on a kind reads this table.
 *
 * Payload bytes have the form a file of that kind holds, so a QR-read payload and a file give the
 * same 4-word digest: PSBT binary; transaction hex text; account/output descriptor text (one per
 * line); EIP-4527 types their untagged CBOR; text UTF-8. Formats: docs/formats/qr-transport.md.
 */
import { base64 } from '@scure/base';
import { entropyOf } from '../bip39/mnemonic.js';
import { readSeedQr, seedQrLabel, standardSeedQr } from '../bip39/seedqr.js';
import { decodePsbt } from '../btc/psbt-codec.js';
import { digestWords } from '../digest-words.js';
import { InputError } from '../errors.js';
import { secretKind } from '../secret-text.js';
import { fromHex, toHex } from '../text.js';
import { cborGet, decodeCbor, encodeCbor } from './cbor.js';
import type { EncodeType, PayloadKind } from './choices.js';
import { ACCOUNT_UR_READERS, OUTPUT_UR_READERS, accountTextFromFile, accountToUr } from './ur/account-text.js';
import { decodeEthSignature, decodeEthSignRequest } from './ur/eth.js';
import { decodeUrText } from './ur/ur-text.js';
import { encodeUrSingle, type Ur } from './ur/ur.js';

/** Payload kinds and `qr encode --type` names (their lists live in src/core/transport/choices.ts). */
export type { EncodeType, PayloadKind };

/** A payload: its kind and its bytes in file form. */
export interface TypedPayload {
  kind: PayloadKind;
  bytes: Uint8Array;
}

/** A UR type's reader: untagged CBOR → payload bytes (or a payload of another kind, e.g. a ur:bytes PSBT). */
export type UrReader = (cbor: Uint8Array, field: string) => Uint8Array | TypedPayload;

/** One row of the table. */
export interface PayloadSpec {
  readonly kind: PayloadKind;
  /** Its `qr encode --type` name, when a file of this kind can be encoded. */
  readonly fileType?: EncodeType;
  /** `--format auto`: always UR, or one plain QR when it fits (else BBQr). */
  readonly auto: 'ur' | 'plain';
  /** UR types it is sent as; the first is the default, `--ur-type` picks another. */
  readonly urTypes: readonly string[];
  /** UR types read as this kind. */
  readonly urReaders: Readonly<Record<string, UrReader>>;
  /** The UR carrying transport bytes, as `urType` (one of urTypes) or the default. */
  toUr(raw: Uint8Array, urType?: string): Ur;
  /** BBQr file types read as this kind. */
  readonly bbqrTypes: readonly string[];
  /** BBQr file type these bytes are sent as; undefined: BBQr cannot carry the kind. */
  bbqrType(bytes: Uint8Array): string | undefined;
  /** The bytes UR and BBQr carry and the digest is of (a transaction: its raw bytes). */
  transport(bytes: Uint8Array): Uint8Array;
  /** Payload bytes from the bytes UR or BBQr carried. */
  fromTransport(raw: Uint8Array): Uint8Array;
  /** Text and label of the single plain QR; undefined: the kind travels only as UR. */
  plain(bytes: Uint8Array): { text: string; label: string } | undefined;
  /**
   * This kind's payload in a plain QR, or undefined when it is not one: its text, and (when read
   * from a QR symbol) the symbol's raw data bytes, which binary content needs.
   */
  fromPlain(text: string, raw?: Uint8Array): { bytes: Uint8Array; detail: string } | undefined;
  /** True when a file's content looks like this kind (`qr encode` without --type). */
  looksLike(b: Uint8Array, text: string): boolean;
  /** Canonical payload bytes of a file of this kind, checked (the form the receiving command reads). */
  fromFile(b: Uint8Array): Uint8Array;
  /** Throw InputError when the bytes lack the structure the kind promises. */
  check(bytes: Uint8Array): void;
  /** Text form (`qr decode` stdout). */
  show(bytes: Uint8Array): string;
  /** What `qr decode --out` writes. */
  file(bytes: Uint8Array): Uint8Array | string;
  /** Which secret the bytes are ("BIP39 mnemonic", "coldkit share"…), or undefined. */
  secret(bytes: Uint8Array): string | undefined;
}

const utf8 = new TextEncoder();
const text = (b: Uint8Array): string => new TextDecoder('utf-8', { fatal: false }).decode(b);
const HEX_BYTES = /^(0x)?([0-9a-fA-F]{2})+$/;
/** Hex of at least 10 bytes: what a plain transaction looks like. */
const TX_HEX = /^(0x)?([0-9a-fA-F]{2}){10,}$/;
const PSBT_MAGIC = [0x70, 0x73, 0x62, 0x74, 0xff];

/** True when `b` starts with the BIP174 magic "psbt" 0xff. */
export function isPsbtBytes(b: Uint8Array): boolean {
  return b.length > PSBT_MAGIC.length && PSBT_MAGIC.every((v, i) => b[i] === v);
}

/** Hex text of a `tx` payload when it is one (optionally 0x-prefixed, as Ethereum tools write it). */
function txHexText(bytes: Uint8Array): string | undefined {
  const t = text(bytes).trim();
  return HEX_BYTES.test(t) ? t : undefined;
}

/** Raw transaction bytes from a `tx` payload (hex text, as files and signers give it, or binary). */
export function txBytes(bytes: Uint8Array): Uint8Array {
  const t = txHexText(bytes);
  return t ? fromHex(t.replace(/^0x/, '').toLowerCase(), 'transaction') : bytes;
}

/** True when the bytes are a JSON object or array (BBQr file type J). */
function isJson(bytes: Uint8Array): boolean {
  const t = text(bytes).trim();
  if (!/^[[{]/.test(t)) return false;
  try {
    JSON.parse(t);
    return true;
  } catch {
    return false;
  }
}

const cborBytes = (cbor: Uint8Array, field: string): Uint8Array => cborGet.bytes(decodeCbor(cbor, field), field);
const textSecret = (b: Uint8Array): string | undefined => secretKind(text(b));

/** An EIP-4527 request from a file: `ur:eth-sign-request/…` text (one line, or one part a line), hex or binary CBOR. */
function ethRequestFromFile(b: Uint8Array): Uint8Array {
  const t = text(b).trim();
  let cbor: Uint8Array;
  if (/^ur:/i.test(t)) {
    const ur = decodeUrText(t, 'file');
    if (ur.type !== 'eth-sign-request') throw new InputError(`the file holds ur:${ur.type}, not ur:eth-sign-request`, 'file');
    cbor = ur.cbor;
  } else if (/^([0-9a-fA-F]{2})+$/.test(t)) cbor = fromHex(t, 'file');
  else cbor = b;
  decodeEthSignRequest(cbor);
  return cbor;
}

/** The defaults: UTF-8 text sent as ur:bytes, BBQr U, or as it is in one plain QR. */
const TEXT_LIKE: Omit<PayloadSpec, 'kind'> = {
  auto: 'plain',
  urTypes: ['bytes'],
  urReaders: {},
  toUr: (raw, urType) => ({ type: urType ?? 'bytes', cbor: encodeCbor(raw) }),
  bbqrTypes: [],
  bbqrType: () => 'U',
  transport: (b) => b,
  fromTransport: (raw) => raw,
  plain: (b) => ({ text: text(b), label: 'plain text' }),
  fromPlain: () => undefined,
  looksLike: () => false,
  fromFile: (b) => b,
  check: (b) => {
    if (b.length === 0) throw new InputError('payload is empty', 'QR payload');
  },
  show: text,
  file: (b) => b,
  secret: () => undefined,
};

/** EIP-4527 CBOR: UR only, shown and written as its single-part `ur:` text. */
function eip4527(kind: 'eth-sign-request' | 'eth-signature', decode: (cbor: Uint8Array) => unknown): PayloadSpec {
  return {
    ...TEXT_LIKE,
    kind,
    auto: 'ur',
    urTypes: [kind],
    urReaders: { [kind]: (cbor) => cbor },
    toUr: (raw) => ({ type: kind, cbor: raw }),
    bbqrType: () => undefined,
    plain: () => undefined,
    check: (b) => void decode(b),
    show: (b) => encodeUrSingle(kind, b),
    file: (b) => encodeUrSingle(kind, b) + '\n',
  };
}

/**
 * The table, in recognition order: a file or a plain QR is the first kind whose test accepts it
 * (text, which accepts anything, last).
 */
export const PAYLOAD_KINDS: Readonly<Record<PayloadKind, PayloadSpec>> = {
  // First: a standard SeedQR's digits would otherwise read as transaction hex, and a
  // CompactSeedQR's binary bytes as (mangled) text. Its bytes are the mnemonic's words.
  seedqr: {
    ...TEXT_LIKE,
    kind: 'seedqr',
    urTypes: [],
    toUr: () => {
      throw new InputError('a SeedQR travels only as one plain QR (SeedSigner\'s format), never as UR', '--format');
    },
    bbqrType: () => undefined,
    plain: (b) => {
      const words = text(b).split(' ');
      return { text: standardSeedQr(words), label: seedQrLabel({ format: 'standard', words }) };
    },
    fromPlain: (t, raw) => {
      let q;
      try {
        q = readSeedQr(raw ?? utf8.encode(t.trim()));
      } catch {
        return undefined; // 48/96 digits that are no SeedQR: still named a secret by their shape (secret-text.ts)
      }
      return q ? { bytes: utf8.encode(q.words.join(' ')), detail: seedQrLabel(q) } : undefined;
    },
    check: (b) => {
      if (!entropyOf(text(b).split(' '))) throw new InputError('SeedQR payload is not a valid 12- or 24-word mnemonic', 'QR payload (SeedQR)');
    },
    file: (b) => text(b) + '\n',
    secret: () => 'SeedQR',
  },
  psbt: {
    ...TEXT_LIKE,
    kind: 'psbt',
    fileType: 'psbt',
    auto: 'ur',
    urTypes: ['crypto-psbt', 'psbt', 'bytes'],
    urReaders: { 'crypto-psbt': cborBytes, psbt: cborBytes },
    toUr: (raw, urType) => {
      if (!isPsbtBytes(raw)) throw new InputError('payload is not a binary PSBT (magic "psbt" 0xff)', 'psbt');
      return { type: urType ?? 'crypto-psbt', cbor: encodeCbor(raw) };
    },
    bbqrTypes: ['P'],
    bbqrType: () => 'P',
    plain: (b) => ({ text: base64.encode(b), label: 'plain base64 PSBT' }),
    fromPlain: (t) => {
      const s = t.trim();
      if (s.startsWith('cHNidP8')) {
        try {
          const b = base64.decode(s);
          if (isPsbtBytes(b)) return { bytes: b, detail: 'plain base64 PSBT' };
        } catch {
          throw new InputError('QR text starts like a base64 PSBT but is not valid base64', 'qr');
        }
      }
      if (/^70736274ff([0-9a-f]{2})*$/i.test(s)) return { bytes: fromHex(s.toLowerCase(), 'qr'), detail: 'plain hex PSBT' };
      return undefined;
    },
    looksLike: (b, t) => (b[0] === 0x70 && text(b.slice(0, 4)) === 'psbt') || t.startsWith('cHNidP8') || /^70736274ff/i.test(t),
    fromFile: (b) => decodePsbt(b, 'file').bytes,
    check: (b) => void decodePsbt(b, 'QR payload (PSBT)'),
    show: (b) => base64.encode(b),
  },
  'eth-sign-request': {
    ...eip4527('eth-sign-request', decodeEthSignRequest),
    fileType: 'eth-request',
    looksLike: (_b, t) => /^ur:eth-sign-request\//i.test(t),
    fromFile: ethRequestFromFile,
  },
  'eth-signature': eip4527('eth-signature', decodeEthSignature),
  account: {
    ...TEXT_LIKE,
    kind: 'account',
    fileType: 'account',
    auto: 'ur',
    urTypes: ['crypto-account', 'crypto-output', 'crypto-hdkey'],
    urReaders: ACCOUNT_UR_READERS,
    toUr: (raw, urType) => accountToUr('account', raw, urType),
    looksLike: (_b, t) => (t.startsWith('{') && /coldkit\/(eth-)?account/.test(t)) || /^\[[0-9a-fA-F]{8}[/\]]/.test(t) || /^(sh\(wpkh|wpkh|pkh|tr)\(\[/.test(t) || /^(sh\()?wsh\((cosigner|sortedmulti)\(/.test(t),
    fromFile: (b) => utf8.encode(accountTextFromFile(b)),
  },
  output: {
    ...TEXT_LIKE,
    kind: 'output',
    auto: 'ur',
    urTypes: ['crypto-output', 'crypto-account'],
    urReaders: OUTPUT_UR_READERS,
    toUr: (raw, urType) => accountToUr('output', raw, urType),
  },
  tx: {
    ...TEXT_LIKE,
    kind: 'tx',
    fileType: 'tx',
    bbqrTypes: ['T'],
    bbqrType: () => 'T',
    transport: txBytes,
    fromTransport: (raw) => utf8.encode(toHex(txBytes(raw))),
    // Hex text goes as written (so the receiver's digest matches); binary as hex.
    plain: (b) => ({ text: txHexText(b) ?? toHex(b), label: 'plain hex transaction' }),
    fromPlain: (t) => (TX_HEX.test(t.trim()) ? { bytes: utf8.encode(t.trim()), detail: 'plain hex transaction' } : undefined),
    looksLike: (_b, t) => TX_HEX.test(t),
    // Hex text is kept as written (0x prefix, case) so the digest matches the file's; binary becomes hex.
    fromFile: (b) => {
      const t = text(b).trim();
      return utf8.encode(HEX_BYTES.test(t) ? t : toHex(txBytes(b)));
    },
    check: (b) => {
      if (!HEX_BYTES.test(text(b))) throw new InputError('transaction is not whole hex bytes', 'QR payload (transaction)');
    },
    // A SeedQR is all digits, so it reads as transaction hex: its content is checked too.
    secret: textSecret,
  },
  bytes: {
    ...TEXT_LIKE,
    kind: 'bytes',
    auto: 'ur',
    // Sparrow sends a PSBT as ur:bytes too.
    urReaders: {
      bytes: (cbor, field) => {
        const b = cborBytes(cbor, field);
        return isPsbtBytes(b) ? { kind: 'psbt', bytes: b } : b;
      },
    },
    bbqrTypes: ['B', 'C'],
    bbqrType: () => 'B',
    plain: (b) => ({ text: toHex(b), label: 'plain hex' }),
    show: toHex,
  },
  text: {
    ...TEXT_LIKE,
    kind: 'text',
    fileType: 'text',
    bbqrTypes: ['U', 'J'],
    bbqrType: (b) => (isJson(b) ? 'J' : 'U'),
    fromPlain: (t) => ({ bytes: utf8.encode(t), detail: 'plain text' }),
    looksLike: () => true,
    secret: textSecret,
  },
};

/** The table row of a kind. */
export function payloadSpec(kind: PayloadKind): PayloadSpec {
  const s = Object.prototype.hasOwnProperty.call(PAYLOAD_KINDS, kind) ? PAYLOAD_KINDS[kind] : undefined;
  if (!s) throw new InputError(`"${kind}" is not a payload kind (${Object.keys(PAYLOAD_KINDS).join(', ')})`, 'kind');
  return s;
}

const SPECS = Object.values(PAYLOAD_KINDS);

/**
 * The 4-word digest both sides print for a payload: of the bytes it travels as — for a
 * transaction the raw transaction (hex case, `0x` and binary-vs-hex do not change it; it equals
 * `psbt finalize`'s "transaction digest"), for every other kind its bytes.
 */
export function payloadDigest(kind: PayloadKind, bytes: Uint8Array): string {
  return digestWords(payloadSpec(kind).transport(bytes));
}

/** Throw InputError when the payload does not have the structure its kind promises. */
export function validatePayload(kind: PayloadKind, bytes: Uint8Array): void {
  payloadSpec(kind).check(bytes);
}

/** Whether a payload is a secret, and the mode its files get (0600 for a secret, else 0644). */
export function payloadSecrecy(kind: PayloadKind, bytes: Uint8Array): { secret?: string; mode: number } {
  const secret = payloadSpec(kind).secret(bytes);
  return secret ? { secret, mode: 0o600 } : { mode: 0o644 };
}

/** The payload of one plain QR (its text, and the symbol's raw bytes when known): the first kind that recognises it (text accepts anything). */
export function payloadFromPlain(t: string, raw?: Uint8Array): TypedPayload & { detail: string } {
  for (const s of SPECS) {
    const p = s.fromPlain(t, raw);
    if (p) return { kind: s.kind, ...p };
  }
  throw new InputError('no payload kind reads this QR text', 'qr');
}

/** The kind a BBQr file type is read as (an unknown type: raw bytes). */
export function bbqrKind(fileType: string): PayloadSpec {
  return SPECS.find((s) => s.bbqrTypes.includes(fileType)) ?? PAYLOAD_KINDS.bytes;
}

/** The kind a file's content looks like, among those `qr encode` takes. */
export function guessFileKind(b: Uint8Array): PayloadSpec {
  const t = text(b).trim();
  return SPECS.find((s) => s.fileType && s.looksLike(b, t)) ?? PAYLOAD_KINDS.text;
}

/** `qr encode`'s input: a file's bytes as the given (or guessed) type → the kind and its canonical bytes. */
export function payloadFromFile(b: Uint8Array, type?: EncodeType): TypedPayload {
  if (b.length === 0) throw new InputError('the input is empty', 'file');
  const s = type ? SPECS.find((x) => x.fileType === type) ?? PAYLOAD_KINDS.text : guessFileKind(b);
  return { kind: s.kind, bytes: s.fromFile(b) };
}
