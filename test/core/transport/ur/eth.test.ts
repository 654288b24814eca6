import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  checkEthSignatureBytes,
  decodeEthSignRequest,
  decodeEthSignature,
  encodeEthSignRequest,
  encodeEthSignature,
  formatUuid,
  parseUuid,
  type EthSignRequest,
} from '../../../../src/core/transport/ur/eth.js';
import { decodeUrSingle, encodeUrSingle } from '../../../../src/core/transport/ur/ur.js';
import { fromHex, toHex } from '../../../../src/core/text.js';
import { InputError } from '../../../../src/core/errors.js';
import { CborTag, encodeCbor, type CborValue } from '../../../../src/core/transport/cbor.js';
import { validatePayload } from '../../../../src/core/transport/payload-kinds.js';

interface ReqVector {
  name: string;
  signData: string;
  dataType: 1 | 2 | 3 | 4;
  chainId?: string;
  path: string;
  sourceFingerprint: string;
  requestId: string;
  origin?: string;
  cbor?: string;
  ur: string;
}
const fx = JSON.parse(readFileSync(new URL('../../../../fixtures/ur/eip4527-keystone.json', import.meta.url), 'utf8')) as {
  signRequests: ReqVector[];
  signatures: { name: string; signature: string; requestId: string; origin: string; ur: string }[];
  generated: ReqVector[];
};

function reqOf(v: ReqVector): EthSignRequest {
  const r: EthSignRequest = {
    requestId: parseUuid(v.requestId),
    signData: fromHex(v.signData, 'signData'),
    dataType: v.dataType,
    path: v.path,
    sourceFingerprint: parseInt(v.sourceFingerprint, 16),
  };
  if (v.chainId !== undefined) r.chainId = BigInt(v.chainId);
  if (v.origin !== undefined) r.origin = v.origin;
  return r;
}

describe('EIP-4527 eth-sign-request (Keystone ur-registry-eth vectors)', () => {
  it.each([...fx.signRequests, ...fx.generated].map((v) => [v.name, v] as const))('%s', (_n, v) => {
    const cbor = encodeEthSignRequest(reqOf(v));
    if (v.cbor) expect(toHex(cbor)).toBe(v.cbor);
    expect(encodeUrSingle('eth-sign-request', cbor)).toBe(v.ur);
    const back = decodeUrSingle(v.ur.toUpperCase());
    expect(back.type).toBe('eth-sign-request');
    const req = decodeEthSignRequest(back.cbor);
    expect(toHex(req.signData)).toBe(v.signData);
    expect(req.dataType).toBe(v.dataType);
    expect(req.chainId).toBe(v.chainId === undefined ? undefined : BigInt(v.chainId));
    expect(req.path).toBe(v.path.replace(/^M/, 'm'));
    expect(req.sourceFingerprint).toBe(parseInt(v.sourceFingerprint, 16));
    expect(formatUuid(req.requestId)).toBe(v.requestId);
    expect(req.origin).toBe(v.origin);
  });
});

describe('EIP-4527 eth-signature (Keystone vector)', () => {
  it.each(fx.signatures.map((v) => [v.name, v] as const))('%s', (_n, v) => {
    const cbor = encodeEthSignature({ signature: fromHex(v.signature, 's'), requestId: parseUuid(v.requestId), origin: v.origin });
    expect(encodeUrSingle('eth-signature', cbor)).toBe(v.ur);
    const sig = decodeEthSignature(decodeUrSingle(v.ur).cbor);
    expect(toHex(sig.signature)).toBe(v.signature);
    expect(formatUuid(sig.requestId!)).toBe(v.requestId);
    expect(sig.origin).toBe('keystone');
  });
});

describe('EIP-4527 input checks', () => {
  const base = reqOf(fx.generated[0]!);
  it('refuses a request without request id', () => {
    const cbor = fromHex(fx.generated[0]!.cbor!.replace('a601d825509b1deb4d3b7d4bad9bdd2b0d7b3dcb6d', 'a5'), 'x');
    expect(() => decodeEthSignRequest(cbor)).toThrow(/request id/);
  });
  it('refuses bad data type, short uuid, wildcard path, bad address', () => {
    expect(() => encodeEthSignRequest({ ...base, dataType: 5 as 1 })).toThrow(InputError);
    expect(() => encodeEthSignRequest({ ...base, requestId: new Uint8Array(15) })).toThrow(/16 bytes/);
    expect(() => encodeEthSignRequest({ ...base, path: "m/44'/60'/0'/0/*" })).toThrow(/wildcard/);
    expect(() => encodeEthSignRequest({ ...base, address: new Uint8Array(19) })).toThrow(/20 bytes/);
    expect(() => encodeEthSignature({ signature: new Uint8Array(64) })).toThrow(/is 64 bytes; must be r \(32\) ‖ s \(32\) ‖ v \(1 to 8 bytes\)/);
  });
  it('round-trips address, large chain id and no fingerprint', () => {
    const req = { ...base, address: new Uint8Array(20).fill(7), chainId: 2n ** 40n, sourceFingerprint: undefined };
    const back = decodeEthSignRequest(encodeEthSignRequest(req));
    expect(back.address).toEqual(req.address);
    expect(back.chainId).toBe(2n ** 40n);
    expect(back.sourceFingerprint).toBeUndefined();
  });
  it('a flipped letter in the UR body fails the checksum', () => {
    const ur = fx.signatures[0]!.ur;
    const bad = ur.slice(0, 40) + (ur[40] === 'a' ? 'e' : 'a') + ur.slice(41);
    expect(() => decodeUrSingle(bad)).toThrow(/checksum|byteword/);
  });
});

describe('eth-signature r ‖ s ‖ v with a multi-byte v (legacy EIP-155, chain id > 110)', () => {
  const id = parseUuid('9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d');
  const r = new Uint8Array(32).fill(0x11);
  const s = new Uint8Array(32).fill(0x22);
  /** r ‖ s ‖ v with v big-endian in exactly `vBytes` bytes. */
  const sigWith = (v: bigint, vBytes: number): Uint8Array => {
    const out = new Uint8Array(64 + vBytes);
    out.set(r, 0);
    out.set(s, 32);
    for (let i = 0; i < vBytes; i++) out[63 + vBytes - i] = Number((v >> BigInt(8 * i)) & 0xffn);
    return out;
  };
  /** A CBOR eth-signature map written by hand, so the decoder sees bytes the encoder would refuse. */
  const rawMap = (sig: Uint8Array): Uint8Array => encodeCbor(new Map<number, CborValue>([[1, new CborTag(37, id)], [2, sig]]));

  // v values: typed-tx yParity, pre-EIP-155 27/28, EIP-155 on chain 110 (255, still one byte),
  // chain 111 (257), chain 424242 (848519, 3 bytes), and the 8-byte maximum.
  const cases: [string, bigint, number][] = [
    ['yParity 0 (1 byte)', 0n, 1],
    ['v 28 (1 byte)', 28n, 1],
    ['chain 110, v 255 (1 byte)', 110n * 2n + 35n + 0n, 1],
    ['chain 111, v 257 (2 bytes)', 111n * 2n + 35n + 0n, 2],
    ['chain 424242, v 848520 (3 bytes)', 424242n * 2n + 35n + 1n, 3],
    ['v 2^64 - 1 (8 bytes)', 2n ** 64n - 1n, 8],
  ];
  it.each(cases)('round-trips %s', (_n, v, vBytes) => {
    const signature = sigWith(v, vBytes);
    const cbor = encodeEthSignature({ requestId: id, signature, origin: 'coldkit' });
    // a3 map(3) · 01 d825 50 uuid · 02 58 len sig · 03 67 "coldkit" — written out independently of the encoder.
    expect(toHex(cbor)).toBe(`a301d82550${toHex(id)}0258${(64 + vBytes).toString(16)}${toHex(signature)}0367${toHex(new TextEncoder().encode('coldkit'))}`);
    const back = decodeEthSignature(decodeUrSingle(encodeUrSingle('eth-signature', cbor)).cbor);
    expect(back.signature).toEqual(signature);
    expect(BigInt('0x' + toHex(back.signature.subarray(64)))).toBe(v);
    expect(formatUuid(back.requestId!)).toBe('9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d');
    expect(back.origin).toBe('coldkit');
    expect(() => validatePayload('eth-signature', cbor)).not.toThrow();
  });

  const refused: [string, Uint8Array, RegExp][] = [
    ['64 bytes (no v)', sigWith(0n, 0), /is 64 bytes; must be r \(32\) ‖ s \(32\) ‖ v \(1 to 8 bytes\), 65 to 72 bytes/],
    ['73 bytes (9-byte v)', sigWith(2n ** 64n, 9), /is 73 bytes/],
    ['a 2-byte v with a leading zero (v 28 padded)', sigWith(28n, 2), /2-byte v starts with a zero byte/],
    ['a 4-byte v with a leading zero (v 848520 padded)', sigWith(848520n, 4), /4-byte v starts with a zero byte/],
  ];
  it.each(refused)('refuses %s on encode, decode and QR validation (InputError naming the field)', (_n, signature, msg) => {
    expect(() => encodeEthSignature({ signature })).toThrow(msg);
    expect(() => decodeEthSignature(rawMap(signature))).toThrow(msg);
    expect(() => validatePayload('eth-signature', rawMap(signature))).toThrow(msg);
    const err = (() => {
      try {
        checkEthSignatureBytes(signature);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).field).toBe('eth-signature.signature');
  });
});
