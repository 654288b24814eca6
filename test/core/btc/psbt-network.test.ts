/**
 * The network a PSBT is for, read from its derivation paths' coin type, and the network its
 * addresses are shown in: the PSBT's own, never another's.
 */
import { describe, expect, it } from 'vitest';
import { Transaction } from '@scure/btc-signer';
import { displayNetwork, inferPsbtNetwork, pathCoinType } from '../../../src/core/btc/psbt-network.js';
import { viewOf } from '../../../src/core/btc/psbt-view.js';
import { reviewPsbt } from '../../../src/core/btc/review.js';
import { HARDENED as H } from '../../../src/core/hd/path.js';
import { NETWORKS } from '../../../src/core/network.js';
import { buildPsbt } from '../../helpers/build-psbt.js';

const view = (raw: Uint8Array) => viewOf(Transaction.fromPSBT(raw, { allowUnknownOutputs: true }));

describe('pathCoinType', () => {
  it.each([
    [[84 + H, 0 + H, H, 0, 0], 0],
    [[86 + H, 1 + H, H, 1, 5], 1],
    [[48 + H, 1 + H, H, 2 + H, 0, 0], 1],
    [[44 + H, 60 + H, H, 0, 0], undefined],
    [[0, 1 + H], undefined],
    [[84 + H], undefined],
  ])('%j → %s', (path, coin) => expect(pathCoinType(path)).toBe(coin));
});

describe('inferPsbtNetwork and displayNetwork', () => {
  it.each(['wpkh', 'tr', 'sh-wpkh', 'pkh'] as const)('%s: a testnet PSBT is coin type 1, and its addresses stay testnet under --network mainnet', (kind) => {
    const v = view(buildPsbt({ kind, inputs: 2 }));
    const inferred = inferPsbtNetwork(v);
    expect(inferred).toEqual({ coinType: 1, mixed: false });
    expect(displayNetwork(inferred, NETWORKS.mainnet)).toBe(NETWORKS.testnet);
    expect(displayNetwork(inferred, NETWORKS.regtest)).toBe(NETWORKS.regtest);
    const r = reviewPsbt(v, NETWORKS.mainnet);
    expect(r).toMatchObject({ psbtCoinType: 1, addressNetwork: 'testnet', network: 'mainnet' });
    for (const a of [...r.inputs, ...r.outputs].map((x) => x.address).filter(Boolean)) expect(a).toMatch(/^(tb1|[mn2])/);
  });

  it('a mainnet PSBT under --network testnet shows mainnet forms', () => {
    const r = reviewPsbt(view(buildPsbt({ kind: 'wpkh', inputs: 1, mainnet: true })), NETWORKS.testnet);
    expect(r.addressNetwork).toBe('mainnet');
    for (const a of r.outputs.map((x) => x.address).filter(Boolean)) expect(a).toMatch(/^bc1/);
  });

  it('matching network: nothing noted', () => {
    const r = reviewPsbt(view(buildPsbt({ kind: 'wpkh', inputs: 1 })), NETWORKS.testnet);
    expect(r.addressNetwork).toBeUndefined();
    expect(r.psbtCoinType).toBe(1);
  });

  it('no derivation paths: nothing inferred, --network decides', () => {
    const tx = new Transaction();
    tx.addInput({ txid: new Uint8Array(32).fill(1), index: 0, witnessUtxo: { script: new Uint8Array([0, 20, ...new Uint8Array(20).fill(2)]), amount: 1000n } });
    tx.addOutput({ script: new Uint8Array([0, 20, ...new Uint8Array(20).fill(3)]), amount: 500n });
    const inferred = inferPsbtNetwork(viewOf(tx));
    expect(inferred).toEqual({ mixed: false });
    expect(displayNetwork(inferred, NETWORKS.mainnet)).toBe(NETWORKS.mainnet);
  });
});
