import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  decodeEthSignRequest,
  decodeEthSignature,
  encodeEthSignRequest,
  encodeEthSignature,
  formatUuid,
  parseUuid,
  type EthSignRequest,
} from '../../src/core/transport/ur/eth.js';
import { decodeUrSingle, encodeUrSingle } from '../../src/core/transport/ur/ur.js';
import { fromHex, toHex } from '../../src/core/text.js';
import { InputError } from '../../src/core/errors.js';

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
const fx = JSON.parse(readFileSync(new URL('../../fixtures/ur/eip4527-keystone.json', import.meta.url), 'utf8')) as {
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
    expect(() => encodeEthSignature({ signature: new Uint8Array(64) })).toThrow(/65 bytes/);
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
