/**
 * Decoding a Safe transaction's call: MultiSend round trip, nested batches, strictness (calldata
 * must re-encode to the same bytes; a MultiSend record may not run past the payload), and hostile
 * payloads (random mutations never throw, they decode or report an error).
 */
import { Interface } from 'ethers';
import { describe, expect, it } from 'vitest';
import { decodeSafeCall, encodeMultiSendCall, encodeMultiSendPayload, flattenCalls, parseMultiSendPayload } from '../../../../src/core/eth/safe/decode.js';
import { encodeErc20Transfer } from '../../../../src/core/eth/erc20.js';
import { fromHex } from '../../../../src/core/text.js';
import { Prng } from '../../../helpers/prng.js';

const A = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const B = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
const calls = [
  { operation: 0 as const, to: A, value: 5n, data: new Uint8Array() },
  { operation: 0 as const, to: B, value: 0n, data: encodeErc20Transfer(A, 7n) },
];

describe('Safe call decoding', () => {
  it('MultiSend payload round trip', () => {
    const packed = encodeMultiSendPayload(calls);
    expect(packed.length).toBe(85 + 85 + 68);
    expect(parseMultiSendPayload(packed)).toEqual(calls.map((c) => ({ ...c, data: Uint8Array.from(c.data) })));
  });

  it('nested batches are decoded recursively and flattened with positions', () => {
    const inner = encodeMultiSendCall(calls);
    const outer = encodeMultiSendCall([{ operation: 1, to: B, value: 0n, data: inner }, calls[0]!]);
    const d = decodeSafeCall({ operation: 1, to: A, value: 0n, data: outer });
    expect(flattenCalls(d).map((x) => `${x.at}:${x.call.kind}`)).toEqual([':multisend', '1:multisend', '1.1:eth-transfer', '1.2:erc20', '2:eth-transfer']);
  });

  it('nesting deeper than the limit is reported, not decoded', () => {
    let data = encodeMultiSendCall(calls);
    for (let i = 0; i < 6; i++) data = encodeMultiSendCall([{ operation: 1, to: B, value: 0n, data }]);
    const errors = flattenCalls(decodeSafeCall({ operation: 1, to: A, value: 0n, data })).filter((x) => x.call.error);
    expect(errors.length).toBe(1);
    expect(errors[0]!.call.error).toMatch(/nested deeper/);
  });

  it('calldata that does not re-encode canonically is unknown (trailing byte on a Safe method)', () => {
    const iface = new Interface(['function changeThreshold(uint256)']);
    const good = fromHex(iface.encodeFunctionData('changeThreshold', [2n]).slice(2), 'd');
    expect(decodeSafeCall({ operation: 0, to: A, value: 0n, data: good }).method).toBe('changeThreshold');
    const bad = new Uint8Array([...good, 0]);
    expect(decodeSafeCall({ operation: 0, to: A, value: 0n, data: bad }).kind).toBe('unknown');
  });

  it('a record claiming more data than the payload has is an error, and so is a short tail', () => {
    const packed = encodeMultiSendPayload(calls);
    expect(() => parseMultiSendPayload(packed.slice(0, packed.length - 1))).toThrow(/claims 68 data bytes/);
    expect(() => parseMultiSendPayload(new Uint8Array([...packed, 0, 1, 2]))).toThrow(/truncated/);
  });

  it('random mutations of a batch never throw: each decodes or carries an error', () => {
    const rnd = new Prng(12);
    const base = encodeMultiSendCall(calls);
    for (let i = 0; i < 300; i++) {
      const m = Uint8Array.from(base);
      const n = 1 + rnd.int(0, 3);
      for (let k = 0; k < n; k++) m[rnd.int(4, m.length - 1)] = rnd.int(0, 255);
      expect(() => decodeSafeCall({ operation: 1, to: A, value: 0n, data: m })).not.toThrow();
    }
  });
});
