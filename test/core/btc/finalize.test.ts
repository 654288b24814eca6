/**
 * The finalizer's signature checks (core, no CLI): each way a signed PSBT can be wrong is refused
 * with the right error kind, and a correct one extracts the transaction bitcoinjs-lib accepts.
 */
import * as bitcoin from 'bitcoinjs-lib';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { describe, expect, it } from 'vitest';
import { createPsbt } from '../../../src/core/btc/create.js';
import { InputError, VerificationError } from '../../../src/core/errors.js';
import { finalizePsbt } from '../../../src/core/btc/finalize.js';
import { decodePsbt } from '../../../src/core/btc/psbt-codec.js';
import { NETWORKS } from '../../../src/core/network.js';
import { parsePrevTxs } from '../../../src/core/btc/prev-txs.js';
import { parseRecipient } from '../../../src/core/btc/recipient.js';
import { parseListUnspent } from '../../../src/core/btc/utxos.js';
import { parseDescriptor } from '../../../src/core/wallet/descriptor.js';
import { Wallet } from '../../../src/core/wallet/wallet.js';
import { referenceSign, verifyTransaction } from '../../helpers/reference-signer.js';
import { accountNode, payee, PURPOSE, walletUtxos, type Script } from '../../helpers/regtest-data.js';

const walletFromDescriptor = (text: string, net: ConstructorParameters<typeof Wallet>[1]) => new Wallet(parseDescriptor(text), net);

const net = NETWORKS.regtest;
const N = secp256k1.Point.CURVE().n;

function signed(script: Script) {
  const data = walletUtxos(script, [
    { branch: 0, index: 1, sats: 70_000n },
    { branch: 0, index: 2, sats: 80_000n },
  ], { seed: 3 });
  const origin = `[73c5da0a/${PURPOSE[script]}h/1h/0h]${accountNode(script).publicExtendedKey}/<0;1>/*`;
  const created = createPsbt({
    wallet: walletFromDescriptor(script === 'sh-wpkh' ? `sh(wpkh(${origin}))` : `${script}(${origin})`, net),
    utxos: parseListUnspent(JSON.stringify(data.listunspent)),
    recipients: [parseRecipient(`${payee()}:0.0013`, net)],
    rateMsat: 1000n,
    prevTxs: script === 'tr' ? undefined : parsePrevTxs(data.prevTxs),
    rbf: true,
    lockTime: 0,
    gapLimit: 10,
    changePosition: () => 0,
  });
  expect(created.inputs).toHaveLength(2);
  const b64 = referenceSign(Buffer.from(created.psbt).toString('base64'));
  return { psbt: () => bitcoin.Psbt.fromBase64(b64, { network: bitcoin.networks.regtest }), data };
}

const fin = (p: bitcoin.Psbt) => () => finalizePsbt(decodePsbt(p.toBuffer()).tx);

describe('finalize', () => {
  for (const script of ['pkh', 'sh-wpkh', 'wpkh', 'tr'] as Script[]) {
    it(`${script}: a correctly signed PSBT gives a transaction bitcoinjs-lib verifies`, () => {
      const { psbt, data } = signed(script);
      const tx = finalizePsbt(decodePsbt(psbt().toBuffer()).tx);
      expect(verifyTransaction(tx.hex, data.prevouts).checked).toBe(2);
      expect(tx.inputs.map((i) => i.type)).toEqual([script, script]);
      expect(tx.txid).toBe(bitcoin.Transaction.fromHex(tx.hex).getId());
    });
  }

  it('refuses a high-S signature (BIP146 LOW_S) as a verification failure', () => {
    const { psbt } = signed('wpkh');
    const p = psbt();
    const ps = p.data.inputs[0]!.partialSig![0]!;
    const { signature, hashType } = bitcoin.script.signature.decode(ps.signature);
    const s = BigInt('0x' + Buffer.from(signature.subarray(32)).toString('hex'));
    const high = Buffer.concat([signature.subarray(0, 32), Buffer.from((N - s).toString(16).padStart(64, '0'), 'hex')]);
    const der = bitcoin.script.signature.encode(high, hashType);
    expect(bitcoin.script.signature.decode(der).signature.subarray(32)).not.toEqual(signature.subarray(32));
    ps.signature = der;
    expect(fin(p)).toThrow(VerificationError);
  });

  it('refuses a signature by a key the script does not pay to', () => {
    const { psbt } = signed('wpkh');
    const p = psbt();
    const other = psbt().data.inputs[1]!.partialSig![0]!;
    p.data.inputs[0]!.partialSig!.push(other);
    expect(fin(p)).toThrow(/input 0: signature by key [0-9a-f]{16}… which this input's script does not pay to/);
  });

  it('refuses a taproot signature of the wrong transaction and a 65-byte signature with sighash 0', () => {
    const { psbt } = signed('tr');
    const p = psbt();
    p.data.inputs[0]!.tapKeySig = psbt().data.inputs[1]!.tapKeySig;
    expect(fin(p)).toThrow(/input 0: the taproot signature does not verify/);
    const q = psbt();
    q.data.inputs[1]!.tapKeySig = Buffer.concat([q.data.inputs[1]!.tapKeySig!, Buffer.from([0])]);
    expect(fin(q)).toThrow(/input 1: taproot signature has length 65/);
  });

  it('refuses a non_witness_utxo of another transaction (exit 2)', () => {
    const { psbt } = signed('sh-wpkh');
    const p = psbt();
    p.data.inputs[0]!.nonWitnessUtxo = p.data.inputs[1]!.nonWitnessUtxo;
    let err: unknown;
    try {
      fin(p)();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect(String(err)).toMatch(/non_witness_utxo|nonWitnessUtxo/); // btc-signer or prevouts.ts, both exit 2
  });

  it('refuses an unsigned input and names it', () => {
    const { psbt } = signed('pkh');
    const p = psbt();
    delete p.data.inputs[1]!.partialSig;
    expect(fin(p)).toThrow(/input 1: is not signed/);
  });
});
