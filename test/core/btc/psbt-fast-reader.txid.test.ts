/**
 * The fast reader proves each non_witness_utxo against the prevout txid by hashing the previous
 * transaction's bytes in place (BIP141: the txid hashes version || inputs || outputs || lockTime,
 * without marker, flag and witness). Both serialisations must be accepted on the fast path when
 * the txid matches, and declined (left to btc-signer) when one bit of the txid differs.
 */
import { describe, expect, it } from 'vitest';
import { p2wpkh, RawTx, Transaction, TEST_NETWORK } from '@scure/btc-signer';
import { fastReadPsbt } from '../../../src/core/btc/psbt-fast-reader.js';
import { spentOutput } from '../../../src/core/btc/prevouts.js';
import { rootOf } from '../../helpers/build-psbt.js';

const H = 0x80000000;

function psbtSpending(segwitPrev: boolean, flipTxidBit: boolean): Uint8Array {
  const root = rootOf();
  const pub = root.derive("m/84'/1'/0'/0/0").publicKey!;
  const pay = p2wpkh(pub, TEST_NETWORK);
  const prevRaw = RawTx.encode({
    version: 2,
    segwitFlag: segwitPrev,
    inputs: [{ txid: new Uint8Array(32).fill(9), index: 3, finalScriptSig: new Uint8Array(), sequence: 0xfffffffd }],
    outputs: [{ script: new Uint8Array([0x6a]), amount: 0n }, { script: pay.script, amount: 70_000n }],
    witnesses: segwitPrev ? [[new Uint8Array(71).fill(1), new Uint8Array(33).fill(2)]] : [],
    lockTime: 123,
  });
  const id = Transaction.fromRaw(prevRaw, { allowUnknownOutputs: true, allowUnknownInputs: true, disableScriptCheck: true }).id;
  const txid = Uint8Array.from(Buffer.from(id, 'hex'));
  const tx = new Transaction({ allowUnknownOutputs: true });
  tx.addInput({ txid, index: 1, sequence: 0xfffffffd, nonWitnessUtxo: prevRaw, witnessUtxo: { script: pay.script, amount: 70_000n }, bip32Derivation: [[pub, { fingerprint: root.fingerprint, path: [84 + H, 1 + H, H, 0, 0] }]] });
  tx.addOutput({ script: pay.script, amount: 60_000n });
  const psbt = tx.toPSBT();
  if (flipTxidBit) {
    // The prevout in the unsigned transaction (internal byte order), first in the global map.
    const at = Buffer.from(psbt).indexOf(Buffer.from(txid).reverse());
    expect(at).toBeGreaterThan(0);
    psbt[at]! ^= 1;
  }
  return psbt;
}

describe('fast reader: non_witness_utxo txid', () => {
  for (const segwit of [false, true]) {
    it(`${segwit ? 'witness' : 'legacy'}-serialised previous tx with the right txid: read on the fast path`, () => {
      const view = fastReadPsbt(psbtSpending(segwit, false));
      expect(view).toBeDefined();
      expect(view!.getInput(0).nonWitnessUtxo!.outputs[1]!.amount).toBe(70_000n);
      // The review then takes the txid as proven (prevouts.ts does not hash it again) …
      expect(view!.prevTxidsChecked).toBe(true);
    });
    it(`${segwit ? 'witness' : 'legacy'}-serialised previous tx: a view without the reader's proof has its txid checked by the review`, () => {
      const view = fastReadPsbt(psbtSpending(segwit, false))!;
      const input = { ...view.getInput(0), txid: new Uint8Array(32).fill(1) };
      expect(() => spentOutput(input, 0)).toThrow(/non_witness_utxo is transaction [0-9a-f]{64}, not the spent 0101/);
      expect(spentOutput(view.getInput(0), 0)!.amount).toBe(70_000n);
    });
    it(`${segwit ? 'witness' : 'legacy'}-serialised previous tx with a txid one bit off: declined`, () => {
      expect(fastReadPsbt(psbtSpending(segwit, true))).toBeUndefined();
    });
  }
});
