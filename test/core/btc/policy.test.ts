/**
 * What the signer refuses, each with its override (or none), on PSBTs built to trip one rule:
 * false change, unproven amounts, high fee, sighash, network, negative fee, a foreign seed,
 * already signed, finalized, missing UTXO data.
 */
import { describe, expect, it } from 'vitest';
import { Psbt, initEccLib } from 'bitcoinjs-lib';
import * as ecc from 'tiny-secp256k1';
import { InputError, RefusedError } from '../../../src/core/errors.js';
import { buildPsbt } from '../../helpers/build-psbt.js';
import { signFlow } from '../../helpers/sign-flow.js';

initEccLib(ecc);

function refusal(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a refusal');
}

describe('refusals with overrides', () => {
  it('change that does not re-derive from our seed', () => {
    const raw = buildPsbt({ kind: 'wpkh', inputs: 2, fakeChange: true });
    const e = refusal(() => signFlow(raw));
    expect(e).toBeInstanceOf(RefusedError);
    expect(e.message).toMatch(/output 1 claims to be change.*--allow-unverified-change/);
    const ok = signFlow(raw, { allow: ['--allow-unverified-change'] });
    expect(ok.overrides).toEqual(['--allow-unverified-change']);
    expect(ok.review.outputs[1]!.role).toBe('false-change');
    expect(ok.review.sendTotal).toBe(ok.review.outputs[0]!.amount + ok.review.outputs[1]!.amount);
  });

  it('taproot false change too', () => {
    const e = refusal(() => signFlow(buildPsbt({ kind: 'tr', inputs: 1, fakeChange: true })));
    expect(e.message).toMatch(/--allow-unverified-change/);
  });

  it('segwit v0 input without non_witness_utxo; taproot needs none', () => {
    const e = refusal(() => signFlow(buildPsbt({ kind: 'wpkh', inputs: 2, nonWitness: false })));
    expect(e.message).toMatch(/input 0, 1 has no non_witness_utxo.*--allow-unproven-amounts/);
    expect(signFlow(buildPsbt({ kind: 'sh-wpkh', inputs: 1, nonWitness: false }), { allow: ['--allow-unproven-amounts'] }).overrides).toEqual(['--allow-unproven-amounts']);
    expect(signFlow(buildPsbt({ kind: 'tr', inputs: 2, nonWitness: false })).overrides).toEqual([]);
  });

  it('fee above --max-fee-percent and above --max-fee-rate', () => {
    const raw = buildPsbt({ kind: 'wpkh', inputs: 2, fee: 20_000n });
    const e = refusal(() => signFlow(raw));
    expect(e.message).toMatch(/fee 20000 sat is 20% of the amount sent, above --max-fee-percent 5/);
    const rate = refusal(() => signFlow(buildPsbt({ kind: 'wpkh', inputs: 1, amount: 10_000_000n, send: 9_000_000n, fee: 200_000n })));
    expect(rate.message).toMatch(/^fee rate 1[0-9]{3}(\.[0-9]+)? sat\/vB is above --max-fee-rate 500 \(refused; --allow-high-fee/);
    expect(signFlow(raw, { maxFeePercentHundredths: 2500n, maxFeeRateMsat: 100_000_000n }).overrides).toEqual([]);
    expect(signFlow(raw, { allow: ['--allow-high-fee'] }).overrides).toEqual(['--allow-high-fee']);
  });

  it('sighash other than ALL; allowed, the signature uses it and still verifies', () => {
    const raw = buildPsbt({ kind: 'wpkh', inputs: 2, sighashType: 0x83 });
    expect(refusal(() => signFlow(raw)).message).toMatch(/asks for sighash 131.*--allow-sighash/);
    const { signed } = signFlow(raw, { allow: ['--allow-sighash'] });
    const p = Psbt.fromBuffer(Buffer.from(signed));
    expect(p.data.inputs[0]!.partialSig![0]!.signature.at(-1)).toBe(0x83);
    expect(p.validateSignaturesOfAllInputs((pub, msg, sig) => ecc.verify(msg, pub, sig))).toBe(true);
    // SIGHASH_DEFAULT (0) is fine for taproot.
    expect(signFlow(buildPsbt({ kind: 'tr', inputs: 1, sighashType: 0 })).overrides).toEqual([]);
  });

  it('derivation paths of another network', () => {
    const raw = buildPsbt({ kind: 'wpkh', inputs: 1, coinType: 0 });
    expect(refusal(() => signFlow(raw)).message).toMatch(/another network than testnet.*--allow-network-mismatch/);
    expect(signFlow(raw, { allow: ['--allow-network-mismatch'] }).overrides).toEqual(['--allow-network-mismatch']);
  });

  it('reports every finding at once', () => {
    const raw = buildPsbt({ kind: 'wpkh', inputs: 1, fakeChange: true, nonWitness: false, coinType: 0 });
    const e = refusal(() => signFlow(raw));
    expect(e.message).toMatch(/--allow-unverified-change, --allow-unproven-amounts, --allow-network-mismatch/);
  });
});

describe('refusals without override', () => {
  it('no input ours: names the wanted and our fingerprint', () => {
    const raw = buildPsbt({ kind: 'wpkh', inputs: 1 });
    const e = refusal(() => signFlow(raw, { passphrase: 'wrong' }));
    expect(e).toBeInstanceOf(RefusedError);
    expect(e.message).toMatch(/wants fingerprint 73c5da0a; this seed is [0-9a-f]{8} \(wrong seed or passphrase\?\)/);
    expect(e.message).not.toMatch(/--allow/);
  });

  it('invalid sighash types, and SIGHASH_SINGLE without its output', () => {
    expect(refusal(() => signFlow(buildPsbt({ kind: 'wpkh', inputs: 1, sighashType: 0x41 }), { allow: ['--allow-sighash'] })).message).toMatch(/sighash type 65, which is not a valid ECDSA sighash type/);
    expect(refusal(() => signFlow(buildPsbt({ kind: 'tr', inputs: 1, sighashType: 0x04 }), { allow: ['--allow-sighash'] })).message).toMatch(/not a valid BIP341 sighash type/);
    const e = refusal(() => signFlow(buildPsbt({ kind: 'pkh', inputs: 3, sighashType: 0x03 }), { allow: ['--allow-sighash'] }));
    expect(e).toBeInstanceOf(RefusedError);
    expect(e.message).toMatch(/input 2 asks for SIGHASH_SINGLE but there is no output 2/);
  });

  it('outputs worth more than the inputs', () => {
    const e = refusal(() => signFlow(buildPsbt({ kind: 'wpkh', inputs: 1, fee: -1000n })));
    expect(e).toBeInstanceOf(RefusedError);
    expect(e.message).toMatch(/exceed the inputs/);
  });

  it('already signed by this seed, missing UTXO data, finalized', () => {
    const raw = buildPsbt({ kind: 'wpkh', inputs: 1 });
    expect(refusal(() => signFlow(signFlow(raw).signed))).toBeInstanceOf(InputError);
    const bare = buildPsbt({ kind: 'wpkh', inputs: 1, nonWitness: false, noWitnessUtxo: true });
    expect(refusal(() => signFlow(bare)).message).toMatch(/neither witness_utxo nor non_witness_utxo/);
    const p = Psbt.fromBuffer(Buffer.from(signFlow(raw).signed));
    p.finalizeAllInputs();
    expect(refusal(() => signFlow(p.toBuffer())).message).toMatch(/already finalized/);
  });
});
