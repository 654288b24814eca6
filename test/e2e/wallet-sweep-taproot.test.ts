/**
 * Rotation into and out of a taproot vault (`tr(NUMS,sortedmulti_a(2,…))`), black box on regtest:
 * `wallet sweep` from one 2-of-3 vault to another of the other script kind, two cosigners of the
 * old vault sign with `--to-wallet` (every output proven the new vault's by rebuilding it from its
 * keys), `psbt combine`, `psbt finalize`; the transaction is checked independently (bitcoinjs-lib
 * for P2WSH inputs, @scure/btc-signer and noble for taproot script-path ones) and its outputs are
 * the new vault's receive scripts. A sweep whose output is another taproot vault's, claimed by the
 * destination's cosigner fingerprints, is refused (`sweep-unproven`, exit 3).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { hex } from '@scure/base';
import { Transaction } from '@scure/btc-signer';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tmpDir } from '../helpers/cli.js';
import { verifyTransaction } from '../helpers/reference-signer.js';
import { expectTapVaultSpend } from '../helpers/vault-cli.js';
import { COSIGNER_MNEMONICS, vaultUtxos } from '../helpers/vault-data.js';
import { readVault } from '../../src/core/wallet/vault.js';

const R = ['--network', 'regtest'];
let dir: string;
const f = (n: string) => path.join(dir, n);

/** `wallet create` of a 2-of-3 vault over cosigners `ids`, P2WSH or taproot; its --json result. */
async function vault(name: string, script: 'wsh' | 'tr', ids: number[]) {
  const ext = script === 'tr' ? 'tr' : 'wsh';
  const r = await runCli([...R, '--json', 'wallet', 'create', '--threshold', '2', '--script', script, ...ids.flatMap((i) => ['--cosigner', f(`c${i}-${ext}.json`)]), '--name', name, '--out', f(`${name}.json`)]);
  expect(r.code, r.stderr).toBe(0);
  return r.json();
}

beforeAll(async () => {
  dir = tmpDir('coldkit-sweep-tr-');
  for (const [i, m] of COSIGNER_MNEMONICS.entries()) {
    fs.writeFileSync(f(`m${i}.txt`), m + '\n');
    for (const [script, ext] of [['wsh-multi', 'wsh'], ['tr-multi', 'tr']] as const) {
      const r = await runCli([...R, 'account', 'export', '--script', script, '--mnemonic-file', f(`m${i}.txt`), '--out', f(`c${i}-${ext}.json`)]);
      expect(r.code, r.stderr).toBe(0);
    }
  }
}, 120_000);

describe.each([
  ['wsh', 'tr'],
  ['tr', 'wsh'],
] as const)('a 2-of-3 %s vault swept to a 2-of-3 %s vault', (from, to) => {
  it('two cosigners sign with --to-wallet, combine, finalize: every signature checks independently, every output is the new vault\'s', async () => {
    const oldV = await vault(`old-${from}-${to}`, from, [0, 1, 2]);
    const newV = await vault(`new-${from}-${to}`, to, [2, 3, 4]);
    const oldFile = f(`old-${from}-${to}.json`);
    const newFile = f(`new-${from}-${to}.json`);
    const u = vaultUtxos(readVault(oldV, 'old').wallet, [
      { branch: 0, index: 0, sats: 300_000n },
      { branch: 1, index: 2, sats: 70_000n },
    ]);
    fs.writeFileSync(f('utxos.json'), JSON.stringify(u.listunspent));
    fs.writeFileSync(f('prev.txt'), u.prevTxs);
    const sweepFile = f(`sweep-${from}-${to}.psbt`);
    const sweep = await runCli([...R, '--json', 'wallet', 'sweep', '--from', oldFile, '--to', newFile, '--utxos', f('utxos.json'), '--prev-txs', f('prev.txt'), '--fee-rate', '3', '--outputs', '2', '--out', sweepFile]);
    expect(sweep.code, sweep.stderr).toBe(0);
    const s = sweep.json();
    expect(s.to.wallet).toBe(newV.id);
    expect(s.signWouldRefuse).toEqual([]);

    for (const i of [0, 2]) {
      const env = { env: { COLDKIT_JOURNAL: f(`journal-${from}-${to}-${i}.jsonl`) } };
      const reg = await runCli([...R, 'wallet', 'register', oldFile, '--mnemonic-file', f(`m${i}.txt`)], env);
      expect(reg.code, reg.stderr).toBe(0);
      const sign = await runCli([...R, '--json', '--yes', 'psbt', 'sign', sweepFile, '--wallet', oldFile, '--mnemonic-file', f(`m${i}.txt`), '--to-wallet', newFile, '--out', f(`s${i}-${from}-${to}.psbt`)], env);
      expect(sign.code, `cosigner ${i}: ${sign.stderr}`).toBe(0);
      const r = sign.json();
      expect(r.inputsSigned).toBe(2);
      expect(r.review.sweep).toMatchObject({ walletId: newV.id, all: true, unproven: [] });
      // Cosigner 2 is in both vaults (its other BIP48 script type): the new vault's outputs are proven recipients, never false change.
      expect(r.findings.map((x: { code: string }) => x.code)).not.toContain('unverified-change');
      expect(r.review.outputs.map((o: { role: string }) => o.role)).not.toContain('false-change');
      expect(r.review.sweep.proven.map((p: { address: string }) => p.address)).toEqual(s.to.receive.map((x: { address: string }) => x.address));
    }
    const comb = await runCli([...R, 'psbt', 'combine', f(`s0-${from}-${to}.psbt`), f(`s2-${from}-${to}.psbt`), '--out', f(`both-${from}-${to}.psbt`)]);
    expect(comb.code, comb.stderr).toBe(0);
    const fin = await runCli([...R, '--json', 'psbt', 'finalize', f(`both-${from}-${to}.psbt`)]);
    expect(fin.code, fin.stderr).toBe(0);
    expect(fin.json().inputs.map((x: { signatures: number }) => x.signatures)).toEqual([2, 2]);
    if (from === 'wsh') {
      const v = verifyTransaction(fin.json().hex, u.prevouts);
      expect(v.checked).toBe(4);
      expect(v.fee).toBe(BigInt(s.fee));
    } else {
      expectTapVaultSpend(fin.json().hex, u.prevouts, 2, 3);
    }
    // The outputs, decoded from the final transaction's bytes, are the new vault's first two receive scripts.
    const newWallet = readVault(newV, 'new').wallet;
    const tx = Transaction.fromRaw(hex.decode(fin.json().hex), { allowUnknownOutputs: true });
    const outs = Array.from({ length: tx.outputsLength }, (_, i) => hex.encode(tx.getOutput(i).script!));
    expect(outs).toEqual([0, 1].map((k) => hex.encode(newWallet.at(0, k).scripts.script)));
    expect(newWallet.at(0, 0).address).toBe(newV.firstAddresses.receive);
    expect(newV.firstAddresses.receive).toMatch(to === 'tr' ? /^bcrt1p/ : /^bcrt1q/);
  }, 120_000);
});

describe('a sweep to a taproot vault that is not the named one', () => {
  it('is refused (sweep-unproven, exit 3, nothing written) though its output is a taproot vault over two of the same cosigners', async () => {
    await vault('hostile-old', 'wsh', [0, 1, 2]);
    await vault('named', 'tr', [2, 3, 4]);
    // Cosigner 4 swapped for cosigner 1: the same shape and two of the three keys, another vault.
    await vault('other', 'tr', [2, 3, 1]);
    const oldV = JSON.parse(fs.readFileSync(f('hostile-old.json'), 'utf8'));
    const u = vaultUtxos(readVault(oldV, 'old').wallet, [{ branch: 0, index: 1, sats: 200_000n }]);
    fs.writeFileSync(f('h-utxos.json'), JSON.stringify(u.listunspent));
    fs.writeFileSync(f('h-prev.txt'), u.prevTxs);
    const sweep = await runCli([...R, 'wallet', 'sweep', '--from', f('hostile-old.json'), '--to', f('other.json'), '--utxos', f('h-utxos.json'), '--prev-txs', f('h-prev.txt'), '--fee-rate', '3', '--out', f('h.psbt')]);
    expect(sweep.code, sweep.stderr).toBe(0);
    const env = { env: { COLDKIT_JOURNAL: f('journal-hostile.jsonl') } };
    expect((await runCli([...R, 'wallet', 'register', f('hostile-old.json'), '--mnemonic-file', f('m0.txt')], env)).code).toBe(0);
    const sign = await runCli([...R, '--json', '--yes', 'psbt', 'sign', f('h.psbt'), '--wallet', f('hostile-old.json'), '--mnemonic-file', f('m0.txt'), '--to-wallet', f('named.json'), '--out', f('never.psbt')], env);
    expect(sign.code, sign.stderr).toBe(3);
    const err = sign.json().error;
    expect(err.findings.map((x: { code: string }) => x.code)).toContain('sweep-unproven');
    expect(err.findings.find((x: { code: string }) => x.code === 'sweep-unproven').message).toMatch(/^not a sweep to wallet [0-9a-f]{8}/);
    expect(fs.existsSync(f('never.psbt'))).toBe(false);
  }, 120_000);
});
