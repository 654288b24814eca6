/**
 * Black box: `psbt reserves` → `psbt sign` (labelled a proof only after its shape is checked) →
 * `psbt reserves verify` on the signed PSBT and on the raw proof transaction, for every single-key
 * script type on regtest data; and the refusals: a wrong message, amounts the verifier's UTXO list
 * contradicts, a proof with an input missing its signature, and a PSBT dressed as a proof whose
 * output is spendable.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Transaction } from '@scure/btc-signer';
import { runCli, tmpDir } from '../../helpers/cli.js';
import { MNEMONIC, SCRIPTS, payee, walletUtxos, type Script } from '../../helpers/regtest-data.js';
import { proofTxOfPsbt } from '../../../src/core/btc/reserves/verify.js';
import { toHex } from '../../../src/core/text.js';
import { addressScript } from '../../../src/core/btc/recipient.js';
import { NETWORKS } from '../../../src/core/network.js';

const MESSAGE = 'Acme reserves 2026-12-31, nonce 7f3a';
const AMOUNTS = [100_000n, 250_000n, 40_000n];

async function setup(script: Script) {
  const dir = tmpDir('coldkit-por-');
  const f = (n: string) => path.join(dir, n);
  fs.writeFileSync(f('mnemonic.txt'), MNEMONIC + '\n');
  const exp = await runCli(['--network', 'regtest', 'account', 'export', '--mnemonic-file', f('mnemonic.txt'), '--script', script, '--out', f('wallet.json')]);
  expect(exp.code, exp.stderr).toBe(0);
  const data = walletUtxos(script, [
    { branch: 0, index: 0, sats: AMOUNTS[0]! },
    { branch: 0, index: 3, sats: AMOUNTS[1]! },
    { branch: 1, index: 0, sats: AMOUNTS[2]! },
  ]);
  fs.writeFileSync(f('utxos.json'), JSON.stringify(data.listunspent, null, 2));
  fs.writeFileSync(f('prev.txt'), data.prevTxs);
  return { f, data };
}

const TOTAL = AMOUNTS.reduce((a, b) => a + b, 0n);

describe.concurrent('psbt reserves → sign → verify (regtest, single key)', () => {
  for (const script of SCRIPTS) {
    it(script, async () => {
      const { f } = await setup(script);
      const create = await runCli(['--network', 'regtest', '--json', 'psbt', 'reserves', '--wallet', f('wallet.json'), '--utxos', f('utxos.json'), ...(script === 'tr' ? [] : ['--prev-txs', f('prev.txt')]), '--message', MESSAGE, '--out', f('por.psbt')]);
      expect(create.code, create.stderr).toBe(0);
      const c = create.json();
      expect(c.total).toBe(String(TOTAL));
      expect(c.inputs).toHaveLength(3);
      expect(c.signWouldRefuse).toEqual([]);
      expect(c.findings.map((x: any) => x.code)).toContain('proof-of-reserves');

      const sign = await runCli(['--network', 'regtest', '--yes', 'psbt', 'sign', f('por.psbt'), '--mnemonic-file', f('mnemonic.txt'), '--out', f('signed.psbt')]);
      expect(sign.code, sign.stderr).toBe(0);
      expect(sign.stderr).toContain('proof of reserves, cannot move funds');
      expect(sign.stderr).toContain(MESSAGE);

      // Either side: with the verifier's own UTXO list, and (segwit v0 / legacy) from the PSBT's previous transactions alone.
      const v = await runCli(['--json', 'psbt', 'reserves', 'verify', f('signed.psbt'), '--utxos', f('utxos.json')]);
      expect(v.code, v.stderr).toBe(0);
      expect(v.json()).toMatchObject({ message: MESSAGE, total: String(TOTAL), form: 'psbt', proven: 'utxos' });
      if (script !== 'tr') {
        const alone = await runCli(['--json', 'psbt', 'reserves', 'verify', f('signed.psbt')]);
        expect(alone.code, alone.stderr).toBe(0);
        expect(alone.json().proven).toBe('non_witness_utxo');
      } else {
        const alone = await runCli(['psbt', 'reserves', 'verify', f('signed.psbt')]);
        expect(alone.code).toBe(3);
        expect(alone.stderr).toMatch(/not proven/);
      }

      // The raw proof transaction: needs the message; a different message fails.
      const tx = Transaction.fromPSBT(fs.readFileSync(f('signed.psbt')), { allowUnknownOutputs: true });
      fs.writeFileSync(f('por.hex'), toHex(proofTxOfPsbt(tx).raw) + '\n');
      const raw = await runCli(['--json', 'psbt', 'reserves', 'verify', f('por.hex'), '--utxos', f('utxos.json'), '--message', MESSAGE]);
      expect(raw.code, raw.stderr).toBe(0);
      expect(raw.json()).toMatchObject({ total: String(TOTAL), form: 'transaction' });
      const wrong = await runCli(['psbt', 'reserves', 'verify', f('por.hex'), '--utxos', f('utxos.json'), '--message', MESSAGE + '!']);
      expect(wrong.code).toBe(3);
      expect(wrong.stderr).toMatch(/input 0 is not the commitment to the message/);
      const noMsg = await runCli(['psbt', 'reserves', 'verify', f('por.hex'), '--utxos', f('utxos.json')]);
      expect(noMsg.code).toBe(2);

      // Amount lies: the verifier's node says one coin holds less than the proof claims.
      const lie = JSON.parse(fs.readFileSync(f('utxos.json'), 'utf8'));
      lie[0].amount = Number(lie[0].amount) / 2;
      fs.writeFileSync(f('lie.json'), JSON.stringify(lie));
      const lied = await runCli(['psbt', 'reserves', 'verify', f('por.hex'), '--utxos', f('lie.json'), '--message', MESSAGE]);
      expect(lied.code).toBe(3);
      expect(lied.stderr).toMatch(/output pays \d+ sat, not the \d+ sat/);
    });
  }
});

describe('refusals', () => {
  it('an unsigned proof fails verification; a PSBT carrying the commitment with a spendable output is refused by the signer', async () => {
    const { f } = await setup('wpkh');
    const create = await runCli(['--network', 'regtest', 'psbt', 'reserves', '--wallet', f('wallet.json'), '--utxos', f('utxos.json'), '--prev-txs', f('prev.txt'), '--message', MESSAGE, '--out', f('por.psbt')]);
    expect(create.code, create.stderr).toBe(0);
    const unsigned = await runCli(['psbt', 'reserves', 'verify', f('por.psbt'), '--utxos', f('utxos.json')]);
    expect(unsigned.code).toBe(3);

    // Same commitment field, but the single output pays an address: not a proof.
    const tx = Transaction.fromPSBT(fs.readFileSync(f('por.psbt')), { allowUnknownOutputs: true });
    const evil = new Transaction({ version: 2, lockTime: 0, allowUnknownOutputs: true });
    for (let i = 0; i < tx.inputsLength; i++) evil.addInput(tx.getInput(i));
    evil.addOutput({ script: addressScript(payee(), NETWORKS.regtest, 'x'), amount: TOTAL });
    fs.writeFileSync(f('evil.psbt'), evil.toPSBT(0));
    const sign = await runCli(['--network', 'regtest', '--json', '--yes', 'psbt', 'sign', f('evil.psbt'), '--mnemonic-file', f('mnemonic.txt'), '--out', f('never.psbt')]);
    expect(sign.code).toBe(3);
    const codes = sign.json().error.findings.map((x: any) => x.code);
    expect(codes).toContain('reserves-shape');
    expect(codes).not.toContain('proof-of-reserves');
    expect(JSON.stringify(sign.json())).toMatch(/output 0 is spendable/);
    expect(fs.existsSync(f('never.psbt'))).toBe(false);
  });
});
