/**
 * The PSBT builder (core, no CLI): which BIP174/BIP371 fields each script type's inputs and change
 * carry, RBF, send-max, change index, previous-transaction checks, and that the three listunspent
 * shapes build the same PSBT.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Transaction } from '@scure/btc-signer';
import { describe, expect, it } from 'vitest';
import { createPsbt, spreadAmount, type CreateRequest } from '../../../src/core/btc/create.js';
import { NETWORKS } from '../../../src/core/network.js';
import { parsePrevTxs } from '../../../src/core/btc/prev-txs.js';
import { addressScript, parseRecipient } from '../../../src/core/btc/recipient.js';
import { parseListUnspent } from '../../../src/core/btc/utxos.js';
import { parseDescriptor } from '../../../src/core/wallet/descriptor.js';
import { Wallet } from '../../../src/core/wallet/wallet.js';
import { ROOT } from '../../helpers/cli.js';
import { accountNode, payee, PURPOSE, SCRIPTS, walletUtxos, type Script } from '../../helpers/regtest-data.js';

const walletFromDescriptor = (text: string, net: ConstructorParameters<typeof Wallet>[1]) => new Wallet(parseDescriptor(text), net);

const FP = 0x73c5da0a;
const H = 0x80000000;
const net = NETWORKS.regtest;

function descriptor(script: Script): string {
  const origin = `[73c5da0a/${PURPOSE[script]}h/1h/0h]${accountNode(script).publicExtendedKey}/<0;1>/*`;
  return script === 'sh-wpkh' ? `sh(wpkh(${origin}))` : `${script}(${origin})`;
}

function build(script: Script, over: Partial<CreateRequest> = {}) {
  const data = walletUtxos(script, [
    { branch: 0, index: 0, sats: 100_000n },
    { branch: 0, index: 4, sats: 30_000n },
    { branch: 1, index: 2, sats: 60_000n },
  ]);
  const req: CreateRequest = {
    wallet: walletFromDescriptor(descriptor(script), net),
    utxos: parseListUnspent(JSON.stringify(data.listunspent)),
    recipients: [parseRecipient(`${payee()}:0.0011`, net)],
    rateMsat: 3000n,
    prevTxs: parsePrevTxs(data.prevTxs),
    rbf: true,
    lockTime: 0,
    gapLimit: 50,
    changePosition: () => 1,
    ...over,
  };
  const created = createPsbt(req);
  return { created, tx: Transaction.fromPSBT(created.psbt) };
}

describe.each(SCRIPTS)('%s inputs and change', (script) => {
  const { created, tx } = build(script);
  const purpose = PURPOSE[script] + H;

  it('every input carries its derivation from our fingerprint', () => {
    expect(tx.inputsLength).toBe(created.inputs.length);
    for (let i = 0; i < tx.inputsLength; i++) {
      const inp = tx.getInput(i);
      expect(inp.sequence).toBe(0xfffffffd);
      if (script === 'tr') {
        const [[x, d]] = inp.tapBip32Derivation!;
        expect(d.der.fingerprint).toBe(FP);
        expect(d.der.path.slice(0, 3)).toEqual([purpose, 1 + H, H]);
        expect(d.hashes).toEqual([]);
        expect(inp.tapInternalKey).toEqual(x);
        expect(inp.bip32Derivation).toBeUndefined();
        expect(inp.nonWitnessUtxo).toBeUndefined();
      } else {
        const [[pub, d]] = inp.bip32Derivation!;
        expect(pub.length).toBe(33);
        expect(d.fingerprint).toBe(FP);
        expect(d.path.slice(0, 3)).toEqual([purpose, 1 + H, H]);
        expect(inp.nonWitnessUtxo).toBeDefined();
      }
      expect(Boolean(inp.witnessUtxo)).toBe(script !== 'pkh');
      expect(Boolean(inp.redeemScript)).toBe(script === 'sh-wpkh');
    }
  });

  it('change is on the change chain, one past the highest used index, with its derivation', () => {
    const idx = created.outputs.findIndex((o) => o.change);
    expect(idx).toBe(1);
    const out = tx.getOutput(idx);
    const path = script === 'tr' ? out.tapBip32Derivation![0]![1].der.path : out.bip32Derivation![0]![1].path;
    expect(path).toEqual([purpose, 1 + H, H, 1, 3]);
    expect(created.outputs[idx]!.path).toBe(`m/${PURPOSE[script]}h/1h/0h/1/3`);
  });

  it('inputs − outputs = fee, and the fee is exactly the rate times the vsize', () => {
    const sumIn = created.inputs.reduce((a, i) => a + i.amount, 0n);
    const sumOut = created.outputs.reduce((a, o) => a + o.amount, 0n);
    expect(sumIn - sumOut).toBe(created.fee);
    if (created.outputs.some((o) => o.change)) expect(created.fee).toBe(BigInt(created.vsize * 3));
  });
});

describe('options', () => {
  it('--no-rbf uses sequence 0xfffffffe and keeps the locktime', () => {
    const { tx } = build('wpkh', { rbf: false, lockTime: 800_000 });
    expect(tx.getInput(0).sequence).toBe(0xfffffffe);
    expect(tx.lockTime).toBe(800_000);
  });

  it('--send-max spends every coin to one output, no change', () => {
    const to = payee('pkh');
    const { created } = build('wpkh', { recipients: [], sendMax: { address: to, script: addressScript(to, net, '--send-max') } });
    expect(created.algorithm).toBe('send-max');
    expect(created.inputs).toHaveLength(3);
    expect(created.outputs).toHaveLength(1);
    expect(created.outputs[0]!.amount).toBe(190_000n - created.fee);
  });

  it('coin control: exactly the named coins, with send-max or change; excluded coins never spent', () => {
    const small = { recipients: [parseRecipient(`${payee()}:0.0002`, net)] };
    const all = build('wpkh', small).created;
    const listed = parseListUnspent(JSON.stringify(walletUtxos('wpkh', [{ branch: 0, index: 0, sats: 100_000n }, { branch: 0, index: 4, sats: 30_000n }, { branch: 1, index: 2, sats: 60_000n }]).listunspent));
    const [a, b, c] = listed.map((u) => ({ txid: u.txid, vout: u.vout }));
    const to = payee('pkh');
    const max = build('wpkh', { recipients: [], sendMax: { address: to, script: addressScript(to, net, '--send-max') }, coinControl: { include: [b!] } }).created;
    expect(max.inputs.map((i) => i.amount)).toEqual([30_000n]);
    expect(max.outputs).toEqual([expect.objectContaining({ address: to, amount: 30_000n - max.fee, change: false })]);
    const chosen = build('wpkh', { coinControl: { include: [a!, c!] } }).created;
    expect(chosen.algorithm).toBe('chosen');
    expect(chosen.inputs.map((i) => i.amount).sort((x, y) => Number(x - y))).toEqual([60_000n, 100_000n]);
    expect(chosen.outputs.find((o) => o.change)!.amount).toBe(160_000n - 110_000n - chosen.fee);
    expect(chosen.uneconomical).toBe(0);
    const without = build('wpkh', { ...small, coinControl: { exclude: all.inputs.map((i) => ({ txid: i.txid, vout: i.vout })) } });
    expect(without.created.inputs.length).toBeGreaterThan(0);
    for (const i of without.created.inputs) expect(all.inputs.some((x) => x.txid === i.txid && x.vout === i.vout)).toBe(false);
  });

  it('--change-index is honoured', () => {
    const { created } = build('wpkh', { changeIndex: 17 });
    expect(created.outputs.find((o) => o.change)!.path).toBe('m/84h/1h/0h/1/17');
  });

  it('pkh without previous transactions is refused, naming the txid', () => {
    expect(() => build('pkh', { prevTxs: undefined })).toThrow(/--prev-txs: legacy \(P2PKH\) inputs need the previous transactions; no transaction [0-9a-f]{64}/);
  });

  it('a previous transaction whose output differs from the UTXO is refused', () => {
    const data = walletUtxos('wpkh', [{ branch: 0, index: 0, sats: 100_000n }]);
    const lie = JSON.stringify(data.listunspent.map((u) => ({ ...u, amount: 0.002 })));
    expect(() => build('wpkh', { utxos: parseListUnspent(lie), prevTxs: parsePrevTxs(data.prevTxs) })).toThrow(/--prev-txs: output 1 of [0-9a-f]{64} pays 100000 sat to another script than --utxos says \(200000 sat\)/);
  });
});

describe('fixtures/listunspent on the testnet BIP84 wallet', () => {
  const fixture = (n: string) => fs.readFileSync(path.join(ROOT, 'fixtures/listunspent', n), 'utf8');
  const tnet = NETWORKS.testnet;
  const desc = `wpkh([73c5da0a/84h/1h/0h]${accountNode('wpkh').publicExtendedKey}/<0;1>/*)`;
  const make = (file: string) =>
    createPsbt({
      wallet: walletFromDescriptor(desc, tnet),
      utxos: parseListUnspent(fixture(file)),
      recipients: [parseRecipient('tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx:0.001681', tnet)],
      rateMsat: 2000n,
      prevTxs: parsePrevTxs(fixture('prev-txs.txt')),
      rbf: true,
      lockTime: 0,
      gapLimit: 20,
      changePosition: () => 0,
    });
  it('bitcoin-cli, Electrum 4 and Electrum 3 exports build the same PSBT', () => {
    const a = make('bitcoin-core.json');
    expect(Buffer.from(make('electrum-4.json').psbt).toString('hex')).toBe(Buffer.from(a.psbt).toString('hex'));
    expect(Buffer.from(make('electrum-3.json').psbt).toString('hex')).toBe(Buffer.from(a.psbt).toString('hex'));
    expect(a.uneconomical).toBe(1); // the 90-sat coin
    // 120000 + 48500 − 168100 = 400 sat: 356 for 178 vB at 2 sat/vB and 44 of waste, no change.
    expect(a.algorithm).toBe('branch-and-bound');
    expect(a.inputs.map((i) => i.amount).sort((x, y) => Number(x - y))).toEqual([48_500n, 120_000n]);
    expect(a.outputs).toHaveLength(1);
    expect(a.fee).toBe(400n);
  });
});

describe('spreadAmount (send-max over several outputs)', () => {
  const wpkh = { script: Uint8Array.of(0x00, 0x14, ...new Uint8Array(20)) }; // dust 294 sat
  const tr = { script: Uint8Array.of(0x51, 0x20, ...new Uint8Array(32)) }; // dust 330 sat
  it('gives equal shares, the rounding remainder on the first, summing to the total', () => {
    expect(spreadAmount(1000n, [wpkh, wpkh, wpkh], 'f')).toEqual([334n, 333n, 333n]);
    expect(spreadAmount(999n, [wpkh, wpkh, wpkh], 'f')).toEqual([333n, 333n, 333n]);
    expect(spreadAmount(5000n, [wpkh], 'f')).toEqual([5000n]);
  });
  it('refuses a share below the highest dust limit among the scripts, naming the field and how many fit', () => {
    expect(() => spreadAmount(900n, [wpkh, wpkh, wpkh, wpkh], '--outputs')).toThrow(/900 sat spread over 4 outputs gives 225 sat each, below the dust limit of 294 sat; at most 3 outputs fit/);
    expect(() => spreadAmount(640n, [wpkh, tr], '--outputs')).toThrow(/below the dust limit of 330 sat; at most 1 output fits/);
    expect(() => spreadAmount(100n, [wpkh], '--outputs')).toThrow(/nothing is left to send/);
    try { spreadAmount(900n, [wpkh, wpkh, wpkh, wpkh], '--outputs'); } catch (e) { expect((e as { field?: string }).field).toBe('--outputs'); }
  });
});
