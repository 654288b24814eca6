/**
 * What the signer refuses (src/core/btc/policy.ts findings, decided in src/core/btc/signer.ts), on
 * PSBTs built to trip each rule, through the real pipeline `signPsbt`: false change, unproven
 * amounts, high fee, sighash, network, negative fee, a foreign seed — each a finding with a stable
 * code, all reported at once, the most fundamental first — and what is malformed rather than
 * refused (already signed, finalized, missing UTXO data, invalid sighash types: exit 2).
 */
import { describe, expect, it } from 'vitest';
import { Psbt, initEccLib } from 'bitcoinjs-lib';
import * as ecc from 'tiny-secp256k1';
import { PSBT_OVERRIDABLE, type FeeLimits } from '../../../src/core/btc/policy.js';
import { signPsbt } from '../../../src/core/btc/signer.js';
import { InputError, RefusedError } from '../../../src/core/errors.js';
import { NETWORKS } from '../../../src/core/network.js';
import { buildPsbt, seedKeysOf } from '../../helpers/build-psbt.js';

initEccLib(ecc);

interface Opts {
  allow?: string[];
  passphrase?: string;
  limits?: FeeLimits;
}

/** Sign on testnet with the sample seed through the real pipeline. */
const run = (raw: Uint8Array, o: Opts = {}) =>
  signPsbt(raw, { network: NETWORKS.testnet, keys: seedKeysOf(undefined, o.passphrase), allow: new Set(o.allow ?? []), ...(o.limits ? { limits: o.limits } : {}) });

/** The error the pipeline stops with, checked to be of `type`. */
async function failure<E extends Error>(type: new (...args: never[]) => E, raw: Uint8Array, o: Opts = {}): Promise<E> {
  const e = await run(raw, o).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(type);
  return e as E;
}
const refused = (raw: Uint8Array, o: Opts = {}) => failure(RefusedError, raw, o);
const malformed = (raw: Uint8Array, o: Opts = {}) => failure(InputError, raw, o);

describe('refusals with overrides', () => {
  it('change that does not re-derive from our seed: unverified-change', async () => {
    const raw = buildPsbt({ kind: 'wpkh', inputs: 2, fakeChange: true });
    const e = await refused(raw);
    expect(e.overrides).toEqual(['unverified-change']);
    expect(e.message).toMatch(/^output 1 claims to be change but does not re-derive from this seed \(claimed at m\/84h\/1h\/0h\/1\/3\)/);
    const ok = await run(raw, { allow: ['unverified-change'] });
    expect(ok.decision.overrides).toEqual(['unverified-change']);
    expect(ok.prepared.review.outputs[1]!.role).toBe('false-change');
    expect(ok.prepared.review.sendTotal).toBe(ok.prepared.review.outputs[0]!.amount + ok.prepared.review.outputs[1]!.amount);
  });

  it('taproot false change too', async () => {
    expect((await refused(buildPsbt({ kind: 'tr', inputs: 1, fakeChange: true }))).overrides).toEqual(['unverified-change']);
  });

  it('segwit v0 input without non_witness_utxo: unproven-amounts; taproot needs none', async () => {
    const e = await refused(buildPsbt({ kind: 'wpkh', inputs: 2, nonWitness: false }));
    expect(e.message).toMatch(/^segwit v0 inputs 0, 1 carry no non_witness_utxo, so their amounts are unproven \(ours or not/);
    expect((await run(buildPsbt({ kind: 'sh-wpkh', inputs: 1, nonWitness: false }), { allow: ['unproven-amounts'] })).decision.overrides).toEqual(['unproven-amounts']);
    expect((await run(buildPsbt({ kind: 'tr', inputs: 2, nonWitness: false }))).decision.overrides).toEqual([]);
  });

  it('fee above the percentage and above the rate limit: high-fee (two findings, one code)', async () => {
    const raw = buildPsbt({ kind: 'wpkh', inputs: 1, send: 10_000n, fee: 80_000n });
    const e = await refused(raw);
    expect(e.findings.map((f) => f.code)).toEqual(['high-fee', 'high-fee']);
    expect(e.message).toMatch(/^fee rate 5[0-9]{2}(\.[0-9]+)? sat\/vB is above the limit of 500 sat\/vB; fee 80000 sat is 800% of the amount sent, above the limit of 5%$/);
    expect(e.overrides).toEqual(['high-fee']);
    expect((await run(raw, { limits: { maxFeePercentHundredths: 100_000n, maxFeeRateMsat: 100_000_000n } })).decision.overrides).toEqual([]);
    const percentOnly = await refused(buildPsbt({ kind: 'wpkh', inputs: 2, fee: 20_000n }));
    expect(percentOnly.message).toBe('fee 20000 sat is 20% of the amount sent, above the limit of 5%');
    expect((await run(raw, { allow: ['high-fee'] })).decision.overrides).toEqual(['high-fee']);
  });

  it('sighash other than ALL; allowed, the signature uses it and still verifies', async () => {
    const raw = buildPsbt({ kind: 'wpkh', inputs: 2, sighashType: 0x83 });
    expect((await refused(raw)).message).toMatch(/asks for sighash 131 \(not ALL\)/);
    const { raw: signed } = await run(raw, { allow: ['sighash'] });
    const p = Psbt.fromBuffer(Buffer.from(signed));
    expect(p.data.inputs[0]!.partialSig![0]!.signature.at(-1)).toBe(0x83);
    expect(p.validateSignaturesOfAllInputs((pub, msg, sig) => ecc.verify(msg, pub, sig))).toBe(true);
    // SIGHASH_DEFAULT (0) is fine for taproot.
    expect((await run(buildPsbt({ kind: 'tr', inputs: 1, sighashType: 0 }))).decision.overrides).toEqual([]);
  });

  it('derivation paths of another network: network-mismatch', async () => {
    const raw = buildPsbt({ kind: 'wpkh', inputs: 1, coinType: 0 });
    expect((await refused(raw)).message).toMatch(/this PSBT is for mainnet, not testnet \(its derivation paths use coin type 0: .*\): add --network mainnet/);
    expect((await run(raw, { allow: ['network-mismatch'] })).decision.overrides).toEqual(['network-mismatch']);
  });
});

describe('every finding at once, the most fundamental first', () => {
  it('network before change before amounts, whatever order the checks ran in', async () => {
    const raw = buildPsbt({ kind: 'wpkh', inputs: 1, fakeChange: true, nonWitness: false, coinType: 0 });
    const e = await refused(raw);
    expect(e.findings.map((f) => f.code)).toEqual(['network-mismatch', 'unverified-change', 'unproven-amounts']);
    expect(e.overrides).toEqual(['network-mismatch', 'unverified-change', 'unproven-amounts']);
    expect(e.message.split('; ')).toHaveLength(3);
    // One override lifts one finding only: the others still stand, still in order.
    const rest = await refused(raw, { allow: ['network-mismatch'] });
    expect(rest.findings.map((f) => f.code)).toEqual(['unverified-change', 'unproven-amounts']);
    const all = await run(raw, { allow: ['network-mismatch', 'unverified-change', 'unproven-amounts'] });
    expect(all.decision.overrides).toEqual(['network-mismatch', 'unverified-change', 'unproven-amounts']);
  });

  it('another seed is named first, before the fee, and no override lifts it', async () => {
    const raw = buildPsbt({ kind: 'wpkh', inputs: 1, send: 10_000n, fee: 80_000n });
    const e = await refused(raw, { passphrase: 'wrong' });
    expect(e.findings.map((f) => [f.code, f.overridable])).toEqual([
      ['not-our-seed', false],
      ['high-fee', true],
      ['high-fee', true],
    ]);
    expect(e.message).toMatch(/^no input belongs to this seed: the PSBT wants fingerprint 73c5da0a; this seed is [0-9a-f]{8} \(wrong seed or passphrase\?\); fee rate/);
    const still = await refused(raw, { passphrase: 'wrong', allow: [...PSBT_OVERRIDABLE] });
    expect(still.findings.map((f) => f.code)).toEqual(['not-our-seed']);
    expect(still.overrides).toEqual([]);
  });

  it('a negative fee (validity) comes before change (ownership)', async () => {
    const e = await refused(buildPsbt({ kind: 'wpkh', inputs: 1, fee: -1000n, fakeChange: true }));
    expect(e.findings.map((f) => f.code)).toEqual(['outputs-exceed-inputs', 'unverified-change']);
    expect(e.overrides).toEqual(['unverified-change']);
  });
});

describe('refusals without override', () => {
  it('no input ours: not-our-seed names the wanted and our fingerprint', async () => {
    const e = await refused(buildPsbt({ kind: 'wpkh', inputs: 1 }), { passphrase: 'wrong' });
    expect(e.findings.map((f) => f.code)).toEqual(['not-our-seed']);
    expect(e.message).toMatch(/wants fingerprint 73c5da0a; this seed is [0-9a-f]{8} \(wrong seed or passphrase\?\)$/);
  });

  it('SIGHASH_SINGLE without its output: sighash-single-unmatched, even with every override', async () => {
    const e = await refused(buildPsbt({ kind: 'pkh', inputs: 3, sighashType: 0x03 }), { allow: [...PSBT_OVERRIDABLE] });
    expect(e.findings.map((f) => f.code)).toEqual(['sighash-single-unmatched']);
    expect(e.message).toMatch(/input 2 asks for SIGHASH_SINGLE but there is no output 2/);
  });

  it('outputs worth more than the inputs: outputs-exceed-inputs', async () => {
    const e = await refused(buildPsbt({ kind: 'wpkh', inputs: 1, fee: -1000n }), { allow: [...PSBT_OVERRIDABLE] });
    expect(e.findings.map((f) => f.code)).toEqual(['outputs-exceed-inputs']);
    expect(e.message).toMatch(/exceed the inputs .* by 1000 sat/);
  });
});

describe('malformed for signing: exit 2 before any decision', () => {
  it('invalid sighash types', async () => {
    expect((await malformed(buildPsbt({ kind: 'wpkh', inputs: 1, sighashType: 0x41 }), { allow: ['sighash'] })).message).toMatch(/sighash type 65, which is not a valid ECDSA sighash type/);
    expect((await malformed(buildPsbt({ kind: 'tr', inputs: 1, sighashType: 0x04 }), { allow: ['sighash'] })).message).toMatch(/not a valid BIP341 sighash type/);
  });

  it('already signed by this seed, missing UTXO data, finalized', async () => {
    const raw = buildPsbt({ kind: 'wpkh', inputs: 1 });
    const { raw: signed } = await run(raw);
    expect((await malformed(signed)).message).toMatch(/already signed by it; nothing to add/);
    expect((await malformed(buildPsbt({ kind: 'wpkh', inputs: 1, nonWitness: false, noWitnessUtxo: true }))).message).toMatch(/neither witness_utxo nor non_witness_utxo/);
    const p = Psbt.fromBuffer(Buffer.from(signed));
    p.finalizeAllInputs();
    expect((await malformed(p.toBuffer())).message).toMatch(/already finalized/);
  });
});
