/**
 * The policy payload of a reviewed PSBT (src/core/policy/btc-payload.ts): a payment lists its
 * outputs as transfers; a BIP-127 proof of reserves, once the signer has checked its whole shape,
 * moves nothing (no transfer, no fee) and so is not refused as a burn of the proven sum.
 */
import { describe, expect, it } from 'vitest';
import { buildReservesPsbt } from '../../../src/core/btc/reserves/build.js';
import { prepare } from '../../../src/core/btc/signer.js';
import { parseListUnspent } from '../../../src/core/btc/utxos.js';
import { parsePrevTxs } from '../../../src/core/btc/prev-txs.js';
import { NETWORKS } from '../../../src/core/network.js';
import { btcPayload } from '../../../src/core/policy/btc-payload.js';
import { parseDescriptor } from '../../../src/core/wallet/descriptor.js';
import { Wallet } from '../../../src/core/wallet/wallet.js';
import { seedKeysOf } from '../../helpers/build-psbt.js';
import { accountNode, walletUtxos } from '../../helpers/regtest-data.js';
import { psbtPayload } from '../../helpers/policy.js';

const net = NETWORKS.regtest;
const wallet = new Wallet(parseDescriptor(`wpkh([73c5da0a/84h/1h/0h]${accountNode('wpkh').publicExtendedKey}/<0;1>/*)`), net);
const data = walletUtxos('wpkh', [
  { branch: 0, index: 0, sats: 100_000n },
  { branch: 1, index: 0, sats: 40_000n },
]);

describe('btcPayload', () => {
  it('a payment: its recipient is a transfer, with the fee', async () => {
    const p = await psbtPayload();
    expect(p.transfers.length).toBeGreaterThan(0);
    expect(p.transfers.every((t) => t.amount > 0n)).toBe(true);
    expect(p.fee).toBeGreaterThan(0n);
  });

  it('a proof of reserves the signer labelled: no transfer, no fee (its OP_RETURN of the sum cannot be mined)', async () => {
    const proof = buildReservesPsbt({ wallet, utxos: parseListUnspent(JSON.stringify(data.listunspent)), message: 'audit 2026', prevTxs: parsePrevTxs(data.prevTxs), gapLimit: 20 });
    const prepared = await prepare(proof.psbt, { network: net, keys: seedKeysOf() });
    expect(prepared.review.reserves?.total).toBe(140_000n);
    const p = btcPayload(prepared.review);
    expect(p.transfers).toEqual([]);
    expect(p.fee).toBe(0n);
    expect(p.wallets).toEqual(['73c5da0a']);
    // The same review without the signer's label (a shape it did not accept) is judged as a burn.
    const unlabelled = btcPayload({ ...prepared.review, reserves: undefined });
    expect(unlabelled.transfers.map((t) => t.amount)).toEqual([140_000n]);
  });
});
