/**
 * The payload table: every kind, encoded the way it travels (its automatic transport, and every
 * other transport and UR type it may be sent as), is recognised back as the same kind with the
 * same bytes and digest; files of each kind `qr encode` takes are recognised; the table's UR and
 * BBQr types belong to one kind each; secrets are told apart from their carriers.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { base64 } from '@scure/base';
import { InputError } from '../../../src/core/errors.js';
import { NETWORKS } from '../../../src/core/network.js';
import { accountPath, exportAccount } from '../../../src/core/wallet/account.js';
import { deriveIndices, masterKey, seedFromMnemonic } from '../../../src/core/hd/keys.js';
import { assembleFrames } from '../../../src/core/transport/assemble.js';
import { planFrames, type TransportFormat } from '../../../src/core/transport/frame-plan.js';
import {
  PAYLOAD_KINDS,
  guessFileKind,
  payloadDigest,
  payloadFromFile,
  payloadFromPlain,
  payloadSecrecy,
  payloadSpec,
  validatePayload,
  type PayloadKind,
} from '../../../src/core/transport/payload-kinds.js';
import { ACCEPTED_UR_TYPES, payloadToUr, urToPayload } from '../../../src/core/transport/payload-ur.js';
import { encodeEthSignRequest, encodeEthSignature } from '../../../src/core/transport/ur/eth.js';
import { encodeUrSingle } from '../../../src/core/transport/ur/ur.js';
import { fromHex, toHex } from '../../../src/core/text.js';
import { nodeZlib } from '../../../src/cli/qr/zlib.js';

const ABOUT = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
const utf8 = (s: string) => new TextEncoder().encode(s);
const root = masterKey(seedFromMnemonic(ABOUT), NETWORKS.mainnet);
const account = exportAccount(root, NETWORKS.mainnet, 'wpkh', accountPath('wpkh', NETWORKS.mainnet, 0), 1);
const ethKey = `[73c5da0a/44'/60'/0']${deriveIndices(root, [0x8000002c, 0x8000003c, 0x80000000]).publicExtendedKey}`;
const requestId = Uint8Array.from({ length: 16 }, (_, i) => i + 1);
const ethRequest = encodeEthSignRequest({ requestId, signData: fromHex('e980850c', 'x'), dataType: 1, chainId: 1n, path: "m/44'/60'/0'/0/0", sourceFingerprint: 0x73c5da0a });

/** One payload of every kind, as a file of that kind holds it. */
const SAMPLES: Record<PayloadKind, Uint8Array> = {
  seedqr: utf8(ABOUT),
  psbt: new Uint8Array(readFileSync(new URL('../../../fixtures/bbqr/1in2out.psbt', import.meta.url))),
  tx: utf8('0200000001' + 'ab'.repeat(60)),
  account: utf8(account.descriptors.multipath),
  output: utf8(account.descriptors.multipath),
  'eth-sign-request': ethRequest,
  'eth-signature': encodeEthSignature({ requestId, signature: new Uint8Array(65).fill(7), origin: 'coldkit' }),
  text: utf8('a note that crosses the gap'),
  bytes: Uint8Array.from({ length: 40 }, (_, i) => (i * 37) & 0xff),
};
const KINDS = Object.keys(PAYLOAD_KINDS) as PayloadKind[];

/** Plan the frames as `format`, then assemble them as a receiver does. */
function travel(kind: PayloadKind, bytes: Uint8Array, format: 'auto' | TransportFormat, urType?: string) {
  const plan = planFrames(kind, bytes, { format, urType, zlib: nodeZlib });
  const frames = [...plan.frames];
  const parts = frames.length;
  if (plan.next) for (let i = 0; i < parts; i++) frames.push(plan.next());
  return { plan, got: assembleFrames(frames.map((text, i) => ({ source: `f${i}`, text })), nodeZlib) };
}

describe('the table', () => {
  it('has a row for every kind, named by its key', () => {
    for (const k of KINDS) expect(payloadSpec(k).kind).toBe(k);
    expect(() => payloadSpec('share' as PayloadKind)).toThrow(InputError);
  });

  it('reads each UR type and each BBQr file type as one kind only', () => {
    const ur = KINDS.flatMap((k) => Object.keys(payloadSpec(k).urReaders));
    expect(new Set(ur).size).toBe(ur.length);
    expect([...ACCEPTED_UR_TYPES].sort()).toEqual([...ur].sort());
    const bbqr = KINDS.flatMap((k) => payloadSpec(k).bbqrTypes);
    expect(new Set(bbqr).size).toBe(bbqr.length);
  });
});

describe('every kind round-trips: encoded as it travels, recognised as itself', () => {
  it.each(KINDS)('%s, automatic transport', (kind) => {
    const bytes = SAMPLES[kind];
    const { plan, got } = travel(kind, bytes, 'auto');
    expect(plan.format).toBe(payloadSpec(kind).auto === 'ur' ? 'ur' : 'plain');
    expect(got.kind).toBe(kind);
    expect(toHex(got.bytes)).toBe(toHex(bytes));
    expect(payloadDigest(got.kind, got.bytes)).toBe(payloadDigest(kind, bytes));
    expect(() => validatePayload(got.kind, got.bytes)).not.toThrow();
  });

  it.each(KINDS.filter((k) => payloadSpec(k).plain(SAMPLES[k]) && payloadSpec(k).fromPlain(payloadSpec(k).plain(SAMPLES[k])!.text)))('%s, one plain QR', (kind) => {
    const { plan, got } = travel(kind, SAMPLES[kind], 'plain');
    expect(plan.label).toBe(got.detail);
    expect(got.kind).toBe(kind);
    expect(toHex(got.bytes)).toBe(toHex(SAMPLES[kind]));
  });

  it.each(KINDS.filter((k) => payloadSpec(k).bbqrTypes.includes(payloadSpec(k).bbqrType(SAMPLES[k]) ?? '')))('%s, BBQr', (kind) => {
    const { got } = travel(kind, SAMPLES[kind], 'bbqr');
    expect(got.kind).toBe(kind);
    expect(toHex(got.bytes)).toBe(toHex(SAMPLES[kind]));
  });

  it('text that is JSON travels as BBQr J, and is text again', () => {
    const json = utf8('{"hello": ["gap"]}');
    expect(payloadSpec('text').bbqrType(json)).toBe('J');
    const { plan, got } = travel('text', json, 'bbqr');
    expect(plan.label).toMatch(/\/J$/);
    expect(got).toMatchObject({ kind: 'text', bytes: json });
  });

  it('a transaction keeps its digest across hex case, 0x and binary', () => {
    const hex = '0200000001' + 'ab'.repeat(60);
    const d = payloadDigest('tx', utf8(hex));
    expect(payloadDigest('tx', utf8('0x' + hex.toUpperCase()))).toBe(d);
    expect(payloadDigest('tx', fromHex(hex, 'tx'))).toBe(d);
    // Through BBQr the raw bytes travel and come back as lower-case hex.
    expect(new TextDecoder().decode(travel('tx', utf8(hex.toUpperCase()), 'bbqr').got.bytes)).toBe(hex);
  });

  it('kinds that travel only as UR refuse plain and BBQr', () => {
    for (const k of ['eth-sign-request', 'eth-signature'] as const) {
      expect(() => planFrames(k, SAMPLES[k], { format: 'plain' })).toThrow(/travels as UR/);
      expect(() => planFrames(k, SAMPLES[k], { format: 'bbqr' })).toThrow(/travels as UR/);
    }
  });
});

describe('every UR type a kind may be sent as', () => {
  // The kind a receiver sees: a sibling kind where the UR type is the sibling's own.
  const seenAs: Record<string, PayloadKind> = { 'account/crypto-output': 'output', 'output/crypto-account': 'account', 'tx/bytes': 'bytes', 'text/bytes': 'bytes' };
  const cases = KINDS.flatMap((k) => payloadSpec(k).urTypes.map((t) => [k, t] as const));
  it.each(cases)('%s as ur:%s', (kind, type) => {
    // crypto-hdkey carries a bare account key line (an Ethereum account), never a descriptor.
    const bytes = type === 'crypto-hdkey' ? utf8(ethKey) : SAMPLES[kind];
    const ur = payloadToUr(kind, bytes, type);
    expect(ur.type).toBe(type);
    const back = urToPayload(ur);
    expect(back.kind).toBe(seenAs[`${kind}/${type}`] ?? kind);
    expect(toHex(back.bytes)).toBe(toHex(payloadSpec(kind).transport(bytes)));
  });

  it('a bare account key line goes as crypto-hdkey and comes back the same', () => {
    const ur = payloadToUr('account', utf8(ethKey));
    expect(ur.type).toBe('crypto-hdkey');
    expect(new TextDecoder().decode(urToPayload(ur).bytes)).toBe(ethKey);
  });

  it('a descriptor is not sent as crypto-hdkey', () => {
    expect(() => payloadToUr('account', SAMPLES.account, 'crypto-hdkey')).toThrow(/^--ur-type: accounts are sent as crypto-account or crypto-output/);
  });

  it('a UR type not in the kind\'s row is refused naming --ur-type', () => {
    expect(() => payloadToUr('psbt', SAMPLES.psbt, 'crypto-account')).toThrow(/^--ur-type: a psbt is sent as UR type crypto-psbt or psbt or bytes, not crypto-account/);
  });
});

describe('files qr encode takes', () => {
  const files: Array<[string, Uint8Array, PayloadKind]> = [
    ['binary PSBT', SAMPLES.psbt, 'psbt'],
    ['base64 PSBT', utf8(base64.encode(SAMPLES.psbt) + '\n'), 'psbt'],
    ['hex PSBT', utf8(toHex(SAMPLES.psbt)), 'psbt'],
    ['eth-sign-request UR text', utf8(encodeUrSingle('eth-sign-request', ethRequest) + '\n'), 'eth-sign-request'],
    ['account export JSON', utf8(JSON.stringify(account)), 'account'],
    ['descriptor line', utf8(account.descriptors.multipath), 'account'],
    ['Ethereum account key', utf8(ethKey), 'account'],
    ['transaction hex', utf8('0x' + '02'.repeat(30)), 'tx'],
    ['prose', utf8('meet at noon'), 'text'],
  ];
  it.each(files)('%s is recognised as %s and canonicalised', (_, b, kind) => {
    expect(guessFileKind(b).kind).toBe(kind);
    const p = payloadFromFile(b);
    expect(p.kind).toBe(kind);
    expect(() => validatePayload(p.kind, p.bytes)).not.toThrow();
  });

  it('a PSBT in any encoding becomes its binary form; an account export its descriptor', () => {
    expect(toHex(payloadFromFile(utf8(base64.encode(SAMPLES.psbt))).bytes)).toBe(toHex(SAMPLES.psbt));
    expect(new TextDecoder().decode(payloadFromFile(utf8(JSON.stringify(account))).bytes)).toBe(account.descriptors.multipath);
    expect(payloadFromFile(utf8('psbt-looking? no'), 'text').kind).toBe('text');
  });

  it('a file given another --type is checked as that type', () => {
    expect(() => payloadFromFile(utf8('hello'), 'psbt')).toThrow(InputError);
    expect(() => payloadFromFile(utf8('hello'), 'eth-request')).toThrow(InputError);
    expect(() => payloadFromFile(new Uint8Array(0))).toThrow(/the input is empty/);
  });
});

describe('plain QR text', () => {
  it('is the first kind that reads it: PSBT, then transaction, then text', () => {
    expect(payloadFromPlain(base64.encode(SAMPLES.psbt)).kind).toBe('psbt');
    expect(payloadFromPlain(toHex(SAMPLES.psbt)).kind).toBe('psbt');
    expect(payloadFromPlain('02'.repeat(10)).kind).toBe('tx');
    expect(payloadFromPlain('02'.repeat(9)).kind).toBe('text');
    // A standard SeedQR (48 or 96 digits that are 12 or 24 words) before transaction hex; 48 digits
    // that fail the checksum stay "transaction hex", named a SeedQR secret by their shape.
    expect(payloadFromPlain('0000'.repeat(11) + '0003')).toEqual({ kind: 'seedqr', bytes: utf8(ABOUT), detail: 'standard SeedQR (12 words)' });
    expect(payloadFromPlain('0000'.repeat(11) + '0002').kind).toBe('tx');
    // A CompactSeedQR is told by the symbol's raw bytes, not its text.
    const entropy = new Uint8Array(16);
    expect(payloadFromPlain('\0'.repeat(16), entropy)).toEqual({ kind: 'seedqr', bytes: utf8(ABOUT), detail: 'CompactSeedQR (12 words)' });
    expect(() => payloadFromPlain('cHNidP8!!!')).toThrow(/starts like a base64 PSBT/);
  });
});

describe('secrets and file modes', () => {
  it.each([
    ['text', ABOUT, 'BIP39 mnemonic'],
    ['tx', '0000'.repeat(11) + '0002', 'SeedQR'],
    ['seedqr', ABOUT, 'SeedQR'],
    ['text', 'xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi', 'extended private key'],
  ] as const)('%s carrying a %s is a secret, files 0600', (kind, text, name) => {
    expect(payloadSecrecy(kind, utf8(text))).toEqual({ secret: name, mode: 0o600 });
  });

  it('public payloads are files 0644; structured kinds are never read as free text', () => {
    for (const k of KINDS.filter((k) => k !== 'seedqr')) expect(payloadSecrecy(k, SAMPLES[k])).toEqual({ mode: 0o644 });
    // A PSBT's or an account's bytes are not searched for a mnemonic: their form is fixed.
    expect(payloadSecrecy('account', utf8(ABOUT)).secret).toBeUndefined();
  });
});

describe('structure checks', () => {
  it.each([
    ['psbt', utf8('psbt junk')],
    ['tx', utf8('02zz')],
    ['eth-sign-request', utf8('not cbor')],
    ['eth-signature', new Uint8Array([0xa0])],
    ['text', new Uint8Array(0)],
  ] as const)('a %s that is not one is refused', (kind, bytes) => {
    expect(() => validatePayload(kind, bytes)).toThrow(InputError);
  });
});
