/**
 * Fee bumping in core (src/core/btc/fee-bump.ts), with exact numbers: the BIP125 replacement's
 * fee floor (old fee + 1 sat/vB × new vsize) at its boundary, the whole increase taken from the
 * change, and the CPFP child's fee so the package (parent + child) reaches the rate, over a sweep
 * of rates, never more than one sat above the least that does.
 */
import { Transaction } from '@scure/btc-signer';
import { describe, expect, it } from 'vitest';
import { createPsbt } from '../../../src/core/btc/create.js';
import { bumpFee, cpfp } from '../../../src/core/btc/fee-bump.js';
import { inputsAsUtxos, originalFromPsbt } from '../../../src/core/btc/original-tx.js';
import { parsePrevTxs } from '../../../src/core/btc/prev-txs.js';
import { parseRecipient } from '../../../src/core/btc/recipient.js';
import { parseListUnspent } from '../../../src/core/btc/utxos.js';
import { NETWORKS } from '../../../src/core/network.js';
import { parseDescriptor } from '../../../src/core/wallet/descriptor.js';
import { Wallet } from '../../../src/core/wallet/wallet.js';
import { accountNode, payee, walletUtxos } from '../../helpers/regtest-data.js';

const net = NETWORKS.regtest;
const wallet = new Wallet(parseDescriptor(`wpkh([73c5da0a/84h/1h/0h]${accountNode('wpkh').publicExtendedKey}/<0;1>/*)`), net);
const data = walletUtxos('wpkh', [
  { branch: 0, index: 0, sats: 100_000n },
  { branch: 1, index: 2, sats: 60_000n },
]);
const utxos = parseListUnspent(JSON.stringify(data.listunspent));
const prevTxs = parsePrevTxs(data.prevTxs);
const original = createPsbt({ wallet, utxos, recipients: [parseRecipient(`${payee()}:0.0012`, net)], rateMsat: 2000n, prevTxs, rbf: true, lockTime: 0, gapLimit: 20, changePosition: () => 0 });
const orig = originalFromPsbt(Transaction.fromPSBT(original.psbt));
const inputs = inputsAsUtxos(orig, {}, 'original');
const bump = (rateMsat: bigint) => bumpFee({ wallet, original: orig, utxos: inputs, prevTxs, rateMsat, gapLimit: 20 });

describe('bumpFee (BIP125)', () => {
  it('reads the amounts from the PSBT and finds the change', () => {
    expect(inputs.map((u) => u.amount).sort((a, b) => Number(a - b))).toEqual([60_000n, 100_000n]);
    const b = bump(5000n);
    expect(b.original.fee).toBe(original.fee);
    expect(b.changeOutput).toBe(0);
    expect(b.created.vsize).toBe(original.vsize); // same shape, same size
    expect(b.created.fee).toBe(BigInt(Math.ceil(original.vsize * 5)));
    expect(b.changeBefore - b.changeAfter).toBe(b.created.fee - original.fee);
    expect(b.created.outputs.map((o) => [o.address, o.amount, o.change])).toEqual([
      [original.outputs[0]!.address, b.changeAfter, true],
      [payee(), 120_000n, false],
    ]);
  });
  it('rule 4 at its boundary: +1 sat/vB of the replacement passes, a milli-sat less is refused', () => {
    // ceil(v × 3) − ceil(v × 2) = v exactly: the least fee rule 4 accepts.
    const b = bump(3000n);
    expect(b.created.fee).toBe(original.fee + BigInt(original.vsize));
    expect(b.minFee).toBe(b.created.fee);
    // The least rate whose fee, ⌈vsize × rate⌉, reaches old fee + vsize: it passes, one milli-sat less does not.
    let least = 2000n;
    while ((BigInt(original.vsize) * least + 999n) / 1000n < original.fee + BigInt(original.vsize)) least++;
    expect(bump(least).created.fee).toBe(original.fee + BigInt(original.vsize));
    expect(() => bump(least - 1n)).toThrow(/--fee-rate: 2\.\d+ sat\/vB is not enough to replace a transaction paying \d+ sat \(2 sat\/vB\): BIP125 asks for at least \d+ sat \(the old fee plus 1 sat\/vB for the \d+ vB replacement\), a rate of 3 sat\/vB or more/);
    expect(() => bump(1000n)).toThrow(/not enough to replace/);
  });
  it('refuses a fee the change cannot pay without becoming dust', () => {
    // Change ≈ 40,000 sat: at ~300 sat/vB for ~141 vB the change is gone.
    expect(() => bump(300_000n)).toThrow(/change cannot pay the higher fee and stay above its dust threshold \(294 sat\)/);
  });
  it('refuses an original without change of ours', () => {
    const noChange = { ...orig, outputs: orig.outputs.filter((_, i) => i !== 0) };
    expect(() => bumpFee({ wallet, original: noChange, utxos: inputs, rateMsat: 5000n, gapLimit: 20 })).toThrow(/no output of the original pays this wallet's change chain/);
  });
});

describe('cpfp: the package reaches the rate', () => {
  // The parent as if broadcast: its real vsize is given (signatures one byte shorter than priced).
  const parent = { ...orig, vsize: original.vsize - 1, raw: undefined };
  const parentFee = original.fee;
  it.each([3000n, 5000n, 10_000n, 12_345n, 50_000n])('at %i msat/vB', (rateMsat) => {
    const c = cpfp({ wallet, parent, parentInputs: inputs, rateMsat, rbf: true, gapLimit: 20 });
    expect(c.parent).toMatchObject({ fee: parentFee, vsize: parent.vsize });
    expect(c.created.inputs).toHaveLength(1);
    expect(c.created.inputs[0]).toMatchObject({ txid: orig.txid, vout: 0 }); // our change of the parent
    expect(c.created.outputs).toEqual([expect.objectContaining({ change: true })]);
    const need = (BigInt(parent.vsize + c.childVsize) * rateMsat + 999n) / 1000n;
    expect(c.packageFee).toBe(parentFee + c.childFee);
    expect(c.packageVsize).toBe(parent.vsize + c.childVsize);
    expect(c.packageFee).toBeGreaterThanOrEqual(need);
    expect(c.packageFee - need).toBeLessThanOrEqual(1n);
    expect(c.packageRateMsat).toBe((c.packageFee * 1000n) / BigInt(c.packageVsize));
    expect(c.packageRateMsat).toBeGreaterThanOrEqual(rateMsat - 1n);
    expect(c.created.outputs[0]!.amount).toBe(original.outputs[0]!.amount - c.childFee);
    // The parent spent change 1/2 and made change 1/3: the child's change is the next, 1/4.
    expect(original.outputs[0]!.path).toBe('m/84h/1h/0h/1/3');
    expect(c.created.outputs[0]!.path).toBe('m/84h/1h/0h/1/4');
  });
  it('refuses when the parent already pays the rate, or the child cannot pay', () => {
    expect(() => cpfp({ wallet, parent, parentInputs: inputs, rateMsat: 2000n, rbf: true, gapLimit: 20 })).toThrow(/the parent already pays 2\.\d+ sat\/vB, at least the 2 asked: no child needed/);
    expect(() => cpfp({ wallet, parent, parentInputs: inputs, rateMsat: 1_000_000n, rbf: true, gapLimit: 20 })).toThrow(/a child paying \d+ sat would leave less than the 294 sat dust threshold/);
    expect(() => cpfp({ wallet, parent: { ...parent, vsize: undefined }, parentInputs: inputs, rateMsat: 5000n, rbf: true, gapLimit: 20 })).toThrow(/must be the signed parent/);
  });
});
