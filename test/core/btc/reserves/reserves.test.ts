/**
 * BIP-127 proof of reserves in core: the commitment (checked against node:crypto's SHA-256), the
 * builder, the signer's label only on the exact shape (`proof-of-reserves`) and the hard refusal
 * `reserves-shape` otherwise, and the verifier's refusals — wrong commitment, extra output, a
 * missing or unsigned input, amount lies, a signed commitment input.
 */
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { RawTx, Transaction } from '@scure/btc-signer';
import { buildReservesPsbt } from '../../../../src/core/btc/reserves/build.js';
import { commitmentHash, commitmentTxid } from '../../../../src/core/btc/reserves/commitment.js';
import { proofTxOfPsbt, verifyReserves, type KnownOutput } from '../../../../src/core/btc/reserves/verify.js';
import { prepare, signPsbt } from '../../../../src/core/btc/signer.js';
import { parseListUnspent } from '../../../../src/core/btc/utxos.js';
import { parsePrevTxs } from '../../../../src/core/btc/prev-txs.js';
import { InputError, RefusedError, VerificationError } from '../../../../src/core/errors.js';
import { NETWORKS } from '../../../../src/core/network.js';
import { toHex } from '../../../../src/core/text.js';
import { parseDescriptor } from '../../../../src/core/wallet/descriptor.js';
import { Wallet } from '../../../../src/core/wallet/wallet.js';
import { seedKeysOf } from '../../../helpers/build-psbt.js';
import { accountNode, payee, walletUtxos } from '../../../helpers/regtest-data.js';
import { addressScript } from '../../../../src/core/btc/recipient.js';

const net = NETWORKS.regtest;
const MESSAGE = 'Some Message';
const wallet = new Wallet(parseDescriptor(`wpkh([73c5da0a/84h/1h/0h]${accountNode('wpkh').publicExtendedKey}/<0;1>/*)`), net);
const data = walletUtxos('wpkh', [
  { branch: 0, index: 0, sats: 100_000n },
  { branch: 0, index: 2, sats: 250_000n },
  { branch: 1, index: 0, sats: 40_000n },
]);
const utxos = parseListUnspent(JSON.stringify(data.listunspent));
const known = new Map<string, KnownOutput>(utxos.map((u) => [`${u.txid}:${u.vout}`, { script: u.script!, amount: u.amount, source: 'utxos' }]));
const TOTAL = 390_000n;

const build = (message = MESSAGE) => buildReservesPsbt({ wallet, utxos, message, prevTxs: parsePrevTxs(data.prevTxs), gapLimit: 20 });

let signedRaw: Uint8Array;
beforeAll(async () => {
  const s = await signPsbt(build().psbt, { network: net, keys: seedKeysOf() });
  signedRaw = proofTxOfPsbt(Transaction.fromPSBT(s.raw, { allowUnknownOutputs: true })).raw;
});

type Decoded = ReturnType<typeof RawTx.decode>;
const mutate = (f: (t: Decoded) => void): Uint8Array => {
  const t = RawTx.decode(signedRaw);
  f(t);
  return RawTx.encode(t);
};
const failure = (raw: Uint8Array, o: { message?: string; known?: Map<string, KnownOutput> } = {}): string => {
  try {
    verifyReserves(raw, { message: o.message ?? MESSAGE, known: o.known ?? known });
  } catch (e) {
    expect(e).toBeInstanceOf(VerificationError);
    return (e as Error).message;
  }
  throw new Error('verified');
};

describe('commitment (BIP-127 footnote: SHA-256("Proof-of-Reserves: Some Message"), UTF-8)', () => {
  it('is the SHA-256 of the prefixed message; the display txid is its reverse', () => {
    const want = createHash('sha256').update('Proof-of-Reserves: Some Message', 'utf8').digest('hex');
    expect(toHex(commitmentHash(MESSAGE))).toBe(want);
    expect(toHex(commitmentTxid(MESSAGE))).toBe(Buffer.from(want, 'hex').reverse().toString('hex'));
    expect(toHex(commitmentHash('Réserves'))).toBe(createHash('sha256').update('Proof-of-Reserves: Réserves', 'utf8').digest('hex'));
  });

  it('the serialized outpoint of input 0 is the hash itself, index 0', () => {
    const raw = Transaction.fromPSBT(build().psbt, { allowUnknownOutputs: true }).unsignedTx;
    // version (4) + input count (1), then the 32 txid bytes as serialized.
    expect(toHex(raw.subarray(5, 37))).toBe(toHex(commitmentHash(MESSAGE)));
    expect(toHex(raw.subarray(37, 41))).toBe('00000000');
  });
});

describe('builder and signer', () => {
  it('every UTXO in, one OP_RETURN output of their sum; the signer labels it and signs', async () => {
    const b = build();
    expect(b.total).toBe(TOTAL);
    const t = Transaction.fromPSBT(b.psbt, { allowUnknownOutputs: true });
    expect(t.inputsLength).toBe(4);
    expect(t.outputsLength).toBe(1);
    expect(toHex(t.getOutput(0).script!)).toBe('6a');
    const s = await signPsbt(b.psbt, { network: net, keys: seedKeysOf() });
    expect(s.signatures.map((x) => x.index)).toEqual([1, 2, 3]);
    expect(s.prepared.review.reserves).toEqual({ message: MESSAGE, total: TOTAL, inputs: 3 });
    expect(s.prepared.findings.map((f) => f.code)).toEqual(['proof-of-reserves']);
    expect(s.prepared.findings[0]!.message).toMatch(/^proof of reserves, cannot move funds: 3 inputs holding 0\.0039 BTC/);
  });

  it('refuses messages that cannot be read the same elsewhere', () => {
    expect(() => build('')).toThrow(InputError);
    expect(() => build('two\nlines')).toThrow(/control characters/);
    expect(() => build('e\u0301')).toThrow(/NFC/);
  });

  /** Rebuild the PSBT with `f` applied to its inputs and outputs. */
  const variant = (f: (ins: ReturnType<Transaction['getInput']>[], outs: { script: Uint8Array; amount: bigint }[]) => void, lockTime = 0): Uint8Array => {
    const t = Transaction.fromPSBT(build().psbt, { allowUnknownOutputs: true });
    const ins = Array.from({ length: t.inputsLength }, (_, i) => t.getInput(i));
    const outs = Array.from({ length: t.outputsLength }, (_, i) => ({ script: t.getOutput(i).script!, amount: t.getOutput(i).amount! }));
    f(ins, outs);
    const v = new Transaction({ version: 2, lockTime, allowUnknownOutputs: true });
    for (const i of ins) v.addInput(i);
    for (const o of outs) v.addOutput(o);
    return v.toPSBT(0);
  };
  const stranger = addressScript(payee(), net, 'x');
  const cases: [string, Uint8Array, RegExp][] = [
    ['a spendable output', variant((_, o) => void (o[0]!.script = stranger)), /output 0 is spendable/],
    ['a second output', variant((_, o) => void o.push({ script: Uint8Array.of(0x6a), amount: 0n })), /2 outputs; a proof has exactly one/],
    ['a fee', variant((_, o) => void (o[0]!.amount -= 1000n)), /pays 389000 sat, not the 390000 sat/],
    ['another sighash', variant((i) => void (i[2]!.sighashType = 0x81)), /input 2 asks for a sighash other than ALL/],
    ['the commitment field on another input', variant((i) => void (i[1]!.porCommitment = new TextEncoder().encode(MESSAGE))), /commitment field is on inputs 0, 1/],
    ['a commitment to another message', variant((i) => void (i[0]!.porCommitment = new TextEncoder().encode('Other'))), /input 0 is not the commitment/],
    ['a lock time', variant(() => {}, 800_000), /nLockTime is 800000/],
    ['no input to prove', variant((i) => void i.splice(1)), /no input to prove/],
  ];
  for (const [name, psbt, re] of cases) {
    it(`${name}: reserves-shape, never the label`, async () => {
      const p = await prepare(psbt, { network: net, keys: seedKeysOf() });
      const codes = p.findings.map((f) => f.code);
      expect(codes).toContain('reserves-shape');
      expect(codes).not.toContain('proof-of-reserves');
      expect(p.review.reserves).toBeUndefined();
      const f = p.findings.find((x) => x.code === 'reserves-shape')!;
      expect(f.overridable).toBe(false);
      expect(f.message).toMatch(re);
      if (name !== 'no input to prove') await expect(signPsbt(psbt, { network: net, keys: seedKeysOf(), allow: new Set(['reserves-shape', 'sighash']) })).rejects.toBeInstanceOf(RefusedError);
    });
  }
});

describe('verifier', () => {
  it('verifies the signed proof and sums the proven amounts', () => {
    const v = verifyReserves(signedRaw, { message: MESSAGE, known });
    expect(v.total).toBe(TOTAL);
    expect(v.inputs.map((i) => [i.index, i.type, i.signatures, i.source])).toEqual([1, 2, 3].map((i) => [i, 'wpkh', 1, 'utxos']));
  });

  it('wrong commitment: another message', () => {
    expect(failure(signedRaw, { message: 'Some message' })).toMatch(/input 0 is not the commitment/);
  });

  it('extra output: the shape and every signature fail', () => {
    const m = failure(mutate((t) => void t.outputs.push({ script: Uint8Array.of(0x6a), amount: 0n })));
    expect(m).toMatch(/2 outputs/);
    expect(m).toMatch(/input 1 \(.*\) a signature does not verify/);
  });

  it('missing input: dropping a proven input breaks the sum and the other signatures', () => {
    const m = failure(mutate((t) => {
      t.inputs.splice(3, 1);
      t.witnesses!.splice(3, 1);
    }));
    expect(m).toMatch(/not the 350000 sat/);
    expect(m).toMatch(/a signature does not verify/);
    expect(failure(mutate((t) => {
      t.inputs.splice(1);
      t.witnesses!.splice(1);
      t.segwitFlag = false;
      delete t.witnesses;
    }))).toMatch(/no input to prove/);
  });

  it('unsigned input', () => {
    expect(failure(mutate((t) => void (t.witnesses![2] = [])))).toMatch(/input 2 .* is not signed/);
  });

  it('amount lies: the verifier\'s amount wins; an unknown coin is unproven', () => {
    const lie = new Map(known);
    const [op, k] = [...known][0]!;
    lie.set(op, { ...k, amount: k.amount * 2n });
    const m = failure(signedRaw, { known: lie });
    expect(m).toMatch(/not the 490000 sat/);
    expect(m).toMatch(/input 1 .* a signature does not verify/); // BIP143 signs the amount: the prover's amount is in the signature
    const fewer = new Map(known);
    fewer.delete(op);
    expect(failure(signedRaw, { known: fewer })).toMatch(/amount of 1 input is not proven/);
  });

  it('the prover\'s stated amounts must agree with the verifier\'s', () => {
    const [op, k] = [...known][0]!;
    expect(() => verifyReserves(signedRaw, { message: MESSAGE, known, claimed: new Map([[op, { script: k.script, amount: k.amount + 1n }]]) })).toThrow(/the proof states 100001 sat for .*, but your UTXO list says 100000 sat/);
  });

  it('a commitment input with a scriptSig', () => {
    expect(failure(mutate((t) => void (t.inputs[0]!.finalScriptSig = Uint8Array.of(0x51))))).toMatch(/commitment input carries a scriptSig or witness/);
  });
});
