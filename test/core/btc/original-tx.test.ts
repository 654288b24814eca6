/**
 * Reading the transaction a fee bump starts from (src/core/btc/original-tx.ts): a signed raw
 * transaction gives its real vsize, an unsigned one none; junk is one input error; input amounts
 * come from the PSBT, the previous transactions or the listunspent file, the missing ones named.
 */
import { Transaction } from '@scure/btc-signer';
import { hex } from '@scure/base';
import { describe, expect, it } from 'vitest';
import { inputsAsUtxos, originalFromPsbt, originalFromRaw } from '../../../src/core/btc/original-tx.js';
import { parsePrevTxs } from '../../../src/core/btc/prev-txs.js';
import { parseListUnspent } from '../../../src/core/btc/utxos.js';
import { walletUtxos } from '../../helpers/regtest-data.js';

const data = walletUtxos('wpkh', [{ branch: 0, index: 0, sats: 100_000n }, { branch: 1, index: 2, sats: 60_000n }]);
const prevTxs = parsePrevTxs(data.prevTxs);
const [fundA, fundB] = [...prevTxs.keys()];

/** An unsigned transaction spending both funds (vout 1 of each) to one output. */
function unsigned(): Transaction {
  const tx = new Transaction({ allowUnknownOutputs: true });
  for (const id of [fundA!, fundB!]) tx.addInput({ txid: id, index: 1, sequence: 0xfffffffd });
  tx.addOutput({ script: new Uint8Array([0x00, 0x14, ...new Uint8Array(20).fill(9)]), amount: 150_000n });
  return tx;
}

describe('originalFromRaw', () => {
  it('an unsigned transaction has no real vsize; its outpoints and outputs are read', () => {
    const o = originalFromRaw(unsigned().unsignedTx, 'original');
    expect(o.vsize).toBeUndefined();
    expect(o.inputs).toEqual([{ txid: fundA, vout: 1, sequence: 0xfffffffd }, { txid: fundB, vout: 1, sequence: 0xfffffffd }]);
    expect(o.outputs.map((x) => x.amount)).toEqual([150_000n]);
  });
  it('a signed transaction (a funding transaction of the test data) has its real vsize', () => {
    const raw = hex.decode(data.prevTxs.trim().split('\n')[0]!);
    const o = originalFromRaw(raw, 'original');
    expect(o.txid).toBe(fundA);
    expect(o.vsize).toBe(Transaction.fromRaw(raw, { allowUnknownOutputs: true, allowUnknownInputs: true, disableScriptCheck: true }).vsize);
  });
  it('junk is one input error naming the field', () => {
    expect(() => originalFromRaw(new Uint8Array([1, 2, 3]), 'original')).toThrow(/^original: is neither a PSBT nor a raw transaction \(/);
  });
});

describe('inputsAsUtxos', () => {
  it('from the PSBT, the previous transactions or the listunspent file; the missing named at once', () => {
    const bare = originalFromRaw(unsigned().unsignedTx, 'original');
    expect(() => inputsAsUtxos(bare, {}, 'original')).toThrow(/^original: the amount of input [0-9a-f]{64}:1 \(and 1 more\) is unknown/);
    const fromPrev = inputsAsUtxos(bare, { prevTxs }, 'original').map((u) => u.amount);
    const fromList = inputsAsUtxos(bare, { utxos: parseListUnspent(JSON.stringify(data.listunspent)) }, 'original').map((u) => u.amount);
    expect(fromPrev).toEqual([100_000n, 60_000n]);
    expect(fromList).toEqual(fromPrev);
    const psbt = unsigned();
    for (const [i, id] of [fundA!, fundB!].entries()) psbt.updateInput(i, { witnessUtxo: prevTxs.get(id)!.outputs[1]! });
    expect(inputsAsUtxos(originalFromPsbt(psbt), {}, 'original').map((u) => u.amount)).toEqual(fromPrev);
  });
});
