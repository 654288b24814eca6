/**
 * When the CLI loads the faster public-key curve build (src/cli/public-curve-loader.ts): the count
 * of public-key operations a PSBT's framing implies, and the threshold, below which the default
 * build stays (loading costs more than it saves).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { FAST_CURVE_MIN_OPS, psbtCurveOps, useFastCurve } from '../../src/cli/public-curve-loader.js';
import { publicCurve, resetPublicCurve, tinyCurve } from '../../src/core/public-curve.js';
import { checkPsbtWire } from '../../src/core/btc/psbt-wire.js';
import { buildPsbt } from '../helpers/build-psbt.js';
import type { PsbtLayout } from '../../src/core/btc/psbt-wire.js';

afterEach(() => resetPublicCurve());

const layout = (inputs: number[][], outputs: number[][], global: number[] = [0x00]): PsbtLayout => ({
  version: 0,
  inputs: inputs.length,
  outputs: outputs.length,
  maps: [{ section: 'global', index: 0, types: global }, ...inputs.map((types, index) => ({ section: 'input' as const, index, types })), ...outputs.map((types, index) => ({ section: 'output' as const, index, types }))],
});

describe('psbtCurveOps', () => {
  it('counts a verification per input and a point per key of a BIP32 derivation or global xpub, nothing else', () => {
    // 2 inputs of a 2-of-3 vault (3 derivations each, witness script 0x05, UTXO 0x00/0x01), change with 3 derivations, 3 global xpubs.
    expect(psbtCurveOps(layout([[0x00, 0x05, 0x06, 0x06, 0x06], [0x01, 0x05, 0x06, 0x06, 0x06]], [[0x01, 0x02, 0x02, 0x02], []], [0x00, 0x01, 0x01, 0x01]))).toBe(2 + 6 + 3 + 3);
    // An output's 0x06 is not a derivation, nor an input's 0x02 (partial signature).
    expect(psbtCurveOps(layout([[0x02, 0x02]], [[0x06]]))).toBe(1);
    expect(psbtCurveOps(layout([], []))).toBe(0);
  });
  it('on a real PSBT: 150 single-key inputs and a change output are 301 operations (150 verifications, 151 derivation keys)', () => {
    expect(psbtCurveOps(checkPsbtWire(buildPsbt({ kind: 'wpkh', inputs: 150 })))).toBe(301);
  });
});

describe('useFastCurve', () => {
  it('below the threshold the default build stays', async () => {
    await useFastCurve(FAST_CURVE_MIN_OPS - 1);
    expect(publicCurve()).toBe(tinyCurve);
  });
  it('at the threshold libauth is installed, with the native HMAC, and a second call reuses it', async () => {
    await useFastCurve(FAST_CURVE_MIN_OPS);
    const c = publicCurve();
    expect(c.name).toBe('@bitauth/libauth secp256k1');
    expect(c.hmacSha512).toBeTypeOf('function');
    await useFastCurve(10 * FAST_CURVE_MIN_OPS);
    expect(publicCurve()).toBe(c);
  });
});
