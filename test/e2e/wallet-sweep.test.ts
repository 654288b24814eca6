/**
 * Rotation, black box on regtest data: `wallet sweep` spends every UTXO of the old wallet (seed
 * "abandon … about") to the first receive address of a new wallet (another seed), `psbt sign
 * --to-wallet` proves the destination by rebuilding it from the new wallet's keys and says
 * "sweep: all funds to wallet <id>", and `psbt finalize` gives a transaction whose every signature
 * checks against its prevout (bitcoinjs-lib). A PSBT whose output is not the named wallet's is
 * refused (`sweep-unproven`), whatever its labels say.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { hex } from '@scure/base';
import { Transaction } from '@scure/btc-signer';
import { describe, expect, it } from 'vitest';
import { runCli, tmpDir } from '../helpers/cli.js';
import { verifyTransaction } from '../helpers/reference-signer.js';
import { MNEMONIC, walletUtxos } from '../helpers/regtest-data.js';
import { COSIGNER_MNEMONICS, vaultUtxos } from '../helpers/vault-data.js';
import { readVault } from '../../src/core/wallet/vault.js';

/** The new wallet's seed (BIP39 test vector entropy 0x7f…). */
const NEW_MNEMONIC = 'legal winner thank year wave sausage worth useful legal winner thank yellow';

async function setup() {
  const dir = tmpDir('coldkit-sweep-');
  const f = (n: string) => path.join(dir, n);
  fs.writeFileSync(f('old.txt'), MNEMONIC + '\n');
  fs.writeFileSync(f('new.txt'), NEW_MNEMONIC + '\n');
  for (const [seed, out] of [['old.txt', 'old.json'], ['new.txt', 'new.json']]) {
    const r = await runCli(['--network', 'regtest', 'account', 'export', '--mnemonic-file', f(seed!), '--script', 'wpkh', '--out', f(out!)]);
    expect(r.code, r.stderr).toBe(0);
  }
  const data = walletUtxos('wpkh', [
    { branch: 0, index: 0, sats: 100_000n },
    { branch: 0, index: 3, sats: 250_000n },
    { branch: 1, index: 0, sats: 40_000n },
    { branch: 0, index: 5, sats: 300n }, // worth less than its fee at 5 sat/vB: a sweep spends it anyway
  ]);
  fs.writeFileSync(f('utxos.json'), JSON.stringify(data.listunspent));
  fs.writeFileSync(f('prev.txt'), data.prevTxs);
  return { f, data };
}

describe('wallet sweep → psbt sign --to-wallet → psbt finalize', () => {
  it('spends every UTXO to the new wallet, the signer proves it, the transaction verifies', async () => {
    const { f, data } = await setup();
    const sweep = await runCli(['--network', 'regtest', '--json', 'wallet', 'sweep', '--from', f('old.json'), '--to', f('new.json'), '--utxos', f('utxos.json'), '--prev-txs', f('prev.txt'), '--fee-rate', '5', '--out', f('sweep.psbt')]);
    expect(sweep.code, sweep.stderr).toBe(0);
    const s = sweep.json();
    expect(s.inputs).toHaveLength(4);
    expect(s.outputs).toHaveLength(1);
    expect(s.outputs[0].change).toBe(false);
    expect(s.to).toMatchObject({ index: 0, path: "m/84h/1h/0h/0/0" });
    expect(s.to.wallet).toMatch(/^[0-9a-f]{8}$/);
    expect(s.to.wallet).not.toBe(s.from.wallet);
    expect(BigInt(s.outputs[0].amount) + BigInt(s.fee)).toBe(390_300n);
    expect(s.signWouldRefuse).toEqual([]);
    expect(s.findings.find((x: any) => x.code === 'sweep').message).toContain(`sweep: all funds to wallet ${s.to.wallet}`);

    // The signer without --to-wallet sees an ordinary payment; with it, the proof.
    const sign = await runCli(['--network', 'regtest', '--json', '--yes', 'psbt', 'sign', f('sweep.psbt'), '--mnemonic-file', f('old.txt'), '--to-wallet', f('new.json'), '--out', f('signed.psbt')]);
    expect(sign.code, sign.stderr).toBe(0);
    const r = sign.json();
    expect(r.inputsSigned).toBe(4);
    expect(r.review.sweep).toMatchObject({ walletId: s.to.wallet, all: true, unproven: [], proven: [{ index: 0, path: "m/84h/1h/0h/0/0", address: s.to.address }] });
    expect(r.review.warnings.join('\n')).toContain(`sweep: all funds to wallet ${s.to.wallet}`);
    const text = await runCli(['--network', 'regtest', '--yes', 'psbt', 'sign', f('sweep.psbt'), '--mnemonic-file', f('old.txt'), '--to-wallet', f('new.json'), '--out', f('signed2.psbt')]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stderr).toContain(`sweep: all funds to wallet ${s.to.wallet}`);

    const fin = await runCli(['--network', 'regtest', '--json', 'psbt', 'finalize', f('signed.psbt')]);
    expect(fin.code, fin.stderr).toBe(0);
    const v = verifyTransaction(fin.json().hex, data.prevouts);
    expect(v.checked).toBe(4);
    expect(v.fee).toBe(BigInt(s.fee));
  });

  it('refuses --to-wallet when the output is not that wallet\'s (sweep-unproven, no override)', async () => {
    const { f } = await setup();
    // An ordinary payment to an address of another wallet (the old one's own receive chain is not "new").
    const third = tmpDir('coldkit-sweep-third-');
    fs.writeFileSync(path.join(third, 'm.txt'), 'letter advice cage absurd amount doctor acoustic avoid letter advice cage above\n');
    const exp = await runCli(['--network', 'regtest', 'account', 'export', '--mnemonic-file', path.join(third, 'm.txt'), '--script', 'wpkh', '--out', path.join(third, 'w.json')]);
    expect(exp.code, exp.stderr).toBe(0);
    const sweep = await runCli(['--network', 'regtest', 'wallet', 'sweep', '--from', f('old.json'), '--to', path.join(third, 'w.json'), '--utxos', f('utxos.json'), '--prev-txs', f('prev.txt'), '--fee-rate', '5', '--out', f('elsewhere.psbt')]);
    expect(sweep.code, sweep.stderr).toBe(0);
    const sign = await runCli(['--network', 'regtest', '--json', '--yes', 'psbt', 'sign', f('elsewhere.psbt'), '--mnemonic-file', f('old.txt'), '--to-wallet', f('new.json'), '--out', f('never.psbt')]);
    expect(sign.code).toBe(3);
    const err = sign.json().error;
    expect(err.findings.map((x: any) => x.code)).toEqual(['sweep-unproven']);
    expect(err.findings[0].message).toMatch(/^not a sweep to wallet [0-9a-f]{8} \(wpkh account [0-9a-f]{8}\): no output pays it/);
    expect(fs.existsSync(f('never.psbt'))).toBe(false);
  });

  it('refuses a sweep to the same wallet', async () => {
    const { f } = await setup();
    const r = await runCli(['--network', 'regtest', 'wallet', 'sweep', '--from', f('old.json'), '--to', f('old.json'), '--utxos', f('utxos.json'), '--fee-rate', '5']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--to: --from and --to are the same wallet/);
  });
});

describe('wallet sweep --outputs N', () => {
  it('spreads the funds over the new wallet\'s next 3 receive addresses, equal but for the remainder, and the signer proves all 3', async () => {
    const { f } = await setup();
    const sweep = await runCli(['--network', 'regtest', '--json', 'wallet', 'sweep', '--from', f('old.json'), '--to', f('new.json'), '--utxos', f('utxos.json'), '--prev-txs', f('prev.txt'), '--fee-rate', '5', '--to-index', '2', '--outputs', '3', '--out', f('sweep3.psbt')]);
    expect(sweep.code, sweep.stderr).toBe(0);
    const s = sweep.json();
    expect(s.outputs).toHaveLength(3);
    expect(s.to.receive.map((r: any) => r.path)).toEqual(['m/84h/1h/0h/0/2', 'm/84h/1h/0h/0/3', 'm/84h/1h/0h/0/4']);
    expect(s.outputs.map((o: any) => o.address)).toEqual(s.to.receive.map((r: any) => r.address));
    const amounts = s.outputs.map((o: any) => BigInt(o.amount));
    const total = 390_300n - BigInt(s.fee);
    expect(amounts.reduce((a: bigint, b: bigint) => a + b, 0n)).toBe(total);
    expect(amounts[1]).toBe(total / 3n);
    expect(amounts[2]).toBe(total / 3n);
    expect(amounts[0]).toBe(total / 3n + (total % 3n));
    expect(s.signWouldRefuse).toEqual([]);

    const sign = await runCli(['--network', 'regtest', '--json', '--yes', 'psbt', 'sign', f('sweep3.psbt'), '--mnemonic-file', f('old.txt'), '--to-wallet', f('new.json'), '--out', f('signed3.psbt')]);
    expect(sign.code, sign.stderr).toBe(0);
    const sw = sign.json().review.sweep;
    expect(sw).toMatchObject({ walletId: s.to.wallet, all: true, unproven: [] });
    expect(sw.proven.map((p: any) => p.path)).toEqual(['m/84h/1h/0h/0/2', 'm/84h/1h/0h/0/3', 'm/84h/1h/0h/0/4']);
    expect(sign.json().review.warnings.join('\n')).toContain(`sweep: all funds to wallet ${s.to.wallet}`);
  });

  it('refuses a spread that would make dust, naming --outputs and how many fit', async () => {
    const { f } = await setup();
    const small = walletUtxos('wpkh', [{ branch: 0, index: 0, sats: 2_000n }]);
    fs.writeFileSync(f('small.json'), JSON.stringify(small.listunspent));
    fs.writeFileSync(f('small-prev.txt'), small.prevTxs);
    const r = await runCli(['--network', 'regtest', 'wallet', 'sweep', '--from', f('old.json'), '--to', f('new.json'), '--utxos', f('small.json'), '--prev-txs', f('small-prev.txt'), '--fee-rate', '1', '--outputs', '10', '--out', f('never.psbt')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--outputs: \d+ sat spread over 10 outputs gives \d+ sat each, below the dust limit of 294 sat; at most [1-6] outputs fit/);
    expect(fs.existsSync(f('never.psbt'))).toBe(false);
    const over = await runCli(['--network', 'regtest', 'wallet', 'sweep', '--from', f('old.json'), '--to', f('new.json'), '--utxos', f('small.json'), '--fee-rate', '1', '--outputs', '101']);
    expect(over.code).toBe(2);
    expect(over.stderr).toContain('--outputs');
  });
});

describe('vault → vault sweep', () => {
  it('an old 2-of-3 vault swept to a new 2-of-3 vault: two cosigners sign with --to-wallet, combine, finalize, every output the new vault\'s', async () => {
    const dir = tmpDir('coldkit-sweep-vault-');
    const f = (n: string) => path.join(dir, n);
    const R = ['--network', 'regtest'];
    // Five cosigners; the old vault is 0,1,2 and the new one 2,3,4 (cosigner 2 stays: its keys claim the new outputs too).
    for (const [i, m] of COSIGNER_MNEMONICS.entries()) {
      fs.writeFileSync(f(`m${i}.txt`), m + '\n');
      const r = await runCli([...R, 'account', 'export', '--script', 'wsh-multi', '--mnemonic-file', f(`m${i}.txt`), '--out', f(`c${i}.json`)]);
      expect(r.code, r.stderr).toBe(0);
    }
    const vault = async (name: string, ids: number[]) => {
      const r = await runCli([...R, '--json', 'wallet', 'create', '--threshold', '2', ...ids.flatMap((i) => ['--cosigner', f(`c${i}.json`)]), '--name', name, '--out', f(`${name}.json`)]);
      expect(r.code, r.stderr).toBe(0);
      return r.json();
    };
    const oldV = await vault('old', [0, 1, 2]);
    const newV = await vault('new', [2, 3, 4]);
    const u = vaultUtxos(readVault(oldV, 'old').wallet, [{ branch: 0, index: 0, sats: 300_000n }, { branch: 1, index: 2, sats: 70_000n }]);
    fs.writeFileSync(f('utxos.json'), JSON.stringify(u.listunspent));
    fs.writeFileSync(f('prev.txt'), u.prevTxs);

    const sweep = await runCli([...R, '--json', 'wallet', 'sweep', '--from', f('old.json'), '--to', f('new.json'), '--utxos', f('utxos.json'), '--prev-txs', f('prev.txt'), '--fee-rate', '3', '--outputs', '2', '--out', f('sweep.psbt')]);
    expect(sweep.code, sweep.stderr).toBe(0);
    const s = sweep.json();
    expect(s.to.wallet).toBe(newV.id);
    expect(s.from.wallet).toBe(oldV.id);
    expect(s.signWouldRefuse).toEqual([]);

    for (const i of [0, 2]) {
      const env = { env: { COLDKIT_JOURNAL: f(`journal-${i}.jsonl`) } };
      const reg = await runCli([...R, 'wallet', 'register', f('old.json'), '--mnemonic-file', f(`m${i}.txt`)], env);
      expect(reg.code, reg.stderr).toBe(0);
      const sign = await runCli([...R, '--json', '--yes', 'psbt', 'sign', f('sweep.psbt'), '--wallet', f('old.json'), '--mnemonic-file', f(`m${i}.txt`), '--to-wallet', f('new.json'), '--out', f(`s${i}.psbt`)], env);
      expect(sign.code, `cosigner ${i}: ${sign.stderr}`).toBe(0);
      const r = sign.json();
      expect(r.inputsSigned).toBe(2);
      expect(r.review.sweep).toMatchObject({ walletId: newV.id, all: true, unproven: [] });
      expect(r.review.sweep.proven.map((p: any) => p.address)).toEqual(s.to.receive.map((x: any) => x.address));
      expect(r.review.warnings.join('\n')).toContain(`sweep: all funds to wallet ${newV.id}`);
    }
    const comb = await runCli([...R, 'psbt', 'combine', f('s0.psbt'), f('s2.psbt'), '--out', f('both.psbt')]);
    expect(comb.code, comb.stderr).toBe(0);
    const fin = await runCli([...R, '--json', 'psbt', 'finalize', f('both.psbt')]);
    expect(fin.code, fin.stderr).toBe(0);
    const v = verifyTransaction(fin.json().hex, u.prevouts);
    expect(v.checked).toBe(4); // 2 inputs × 2 signatures
    expect(v.fee).toBe(BigInt(s.fee));
    // The final transaction's outputs, decoded from its bytes, are the new vault's first two receive addresses.
    const newWallet = readVault(newV, 'new').wallet;
    const tx = Transaction.fromRaw(hex.decode(fin.json().hex), { allowUnknownOutputs: true });
    const outs = Array.from({ length: tx.outputsLength }, (_, i) => hex.encode(tx.getOutput(i).script!));
    expect(outs).toEqual([0, 1].map((k) => hex.encode(newWallet.at(0, k).scripts.script)));
    expect(newWallet.at(0, 0).address).toBe(newV.firstAddresses.receive);
  });
});
