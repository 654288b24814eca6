/**
 * A 2-of-3 vault proves its reserves end to end, black box, on regtest: `psbt reserves --wallet
 * vault.json` online, two cosigners sign on their own laptops (each review labels it a proof),
 * `psbt combine`, then `psbt reserves verify` on the combined PSBT and on the raw transaction.
 * One cosigner's signatures are not enough; `psbt finalize` does not finalize a proof.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Transaction } from '@scure/btc-signer';
import { proofTxOfPsbt } from '../../src/core/btc/reserves/verify.js';
import { toHex } from '../../src/core/text.js';
import { readVault } from '../../src/core/wallet/vault.js';
import { runCli, tmpDir } from '../helpers/cli.js';
import { COSIGNER_MNEMONICS, vaultUtxos } from '../helpers/vault-data.js';

const R = ['--network', 'regtest'];
const MESSAGE = 'Vault reserves at block 900000, auditor nonce 51c2';
let dir: string;
const f = (n: string) => path.join(dir, n);

beforeAll(async () => {
  dir = tmpDir('coldkit-por-vault-');
  for (const [i, m] of COSIGNER_MNEMONICS.slice(0, 3).entries()) {
    fs.writeFileSync(f(`m${i}.txt`), m + '\n');
    const r = await runCli([...R, 'account', 'export', '--script', 'wsh-multi', '--mnemonic-file', f(`m${i}.txt`), '--out', f(`laptop-${'abc'[i]}.json`)]);
    expect(r.code, r.stderr).toBe(0);
  }
}, 60_000);

describe('2-of-3 vault proof of reserves', () => {
  it('reserves → sign ×2 → combine → verify (PSBT and raw transaction)', async () => {
    const create = await runCli([...R, '--json', 'wallet', 'create', '--threshold', '2', '--cosigner', f('laptop-a.json'), '--cosigner', f('laptop-b.json'), '--cosigner', f('laptop-c.json'), '--name', 'por vault', '--out', f('vault.json')]);
    expect(create.code, create.stderr).toBe(0);
    const wallet = readVault(create.json(), 'vault').wallet;
    const u = vaultUtxos(wallet, [{ branch: 0, index: 0, sats: 200_000n }, { branch: 0, index: 1, sats: 50_000n }, { branch: 1, index: 4, sats: 7_000n }]);
    fs.writeFileSync(f('utxos.json'), JSON.stringify(u.listunspent));
    fs.writeFileSync(f('prev.txt'), u.prevTxs);

    const made = await runCli([...R, '--json', 'psbt', 'reserves', '--wallet', f('vault.json'), '--utxos', f('utxos.json'), '--prev-txs', f('prev.txt'), '--message', MESSAGE, '--out', f('por.psbt')]);
    expect(made.code, made.stderr).toBe(0);
    expect(made.json()).toMatchObject({ total: '257000', signWouldRefuse: [] });

    const laptop = (i: number) => ({ env: { COLDKIT_JOURNAL: f(`journal-${i}.jsonl`) } });
    for (const i of [0, 2]) {
      const reg = await runCli([...R, 'wallet', 'register', f('vault.json'), '--mnemonic-file', f(`m${i}.txt`)], laptop(i));
      expect(reg.code, reg.stderr).toBe(0);
      const s = await runCli([...R, '--yes', 'psbt', 'sign', f('por.psbt'), '--wallet', f('vault.json'), '--mnemonic-file', f(`m${i}.txt`), '--out', f(`s${i}.psbt`)], laptop(i));
      expect(s.code, s.stderr).toBe(0);
      expect(s.stderr).toContain('proof of reserves, cannot move funds: 3 inputs holding 0.00257 BTC');
    }
    // One cosigner is not enough.
    const half = await runCli([...R, 'psbt', 'reserves', 'verify', f('s0.psbt'), '--utxos', f('utxos.json')]);
    expect(half.code).toBe(3);
    expect(half.stderr).toMatch(/cannot be finalized|takes exactly 2/);

    const comb = await runCli([...R, 'psbt', 'combine', f('s0.psbt'), f('s2.psbt'), '--out', f('c.psbt')]);
    expect(comb.code, comb.stderr).toBe(0);
    const v = await runCli([...R, '--json', 'psbt', 'reserves', 'verify', f('c.psbt'), '--utxos', f('utxos.json'), '--message', MESSAGE]);
    expect(v.code, v.stderr).toBe(0);
    expect(v.json()).toMatchObject({ total: '257000', message: MESSAGE, proven: 'utxos' });
    expect(v.json().inputs.map((i: any) => [i.type, i.signatures])).toEqual([['wsh-multi', 2], ['wsh-multi', 2], ['wsh-multi', 2]]);

    const raw = toHex(proofTxOfPsbt(Transaction.fromPSBT(fs.readFileSync(f('c.psbt')), { allowUnknownOutputs: true })).raw);
    fs.writeFileSync(f('por.hex'), raw + '\n');
    const vr = await runCli([...R, '--json', 'psbt', 'reserves', 'verify', f('por.hex'), '--utxos', f('utxos.json'), '--message', MESSAGE]);
    expect(vr.code, vr.stderr).toBe(0);
    expect(vr.json().total).toBe('257000');

    const fin = await runCli([...R, 'psbt', 'finalize', f('c.psbt')]);
    expect(fin.code).toBe(2);
    expect(fin.stderr).toMatch(/is a BIP-127 proof of reserves, which is never broadcast; check it with `psbt reserves verify`/);
  }, 180_000);
});
