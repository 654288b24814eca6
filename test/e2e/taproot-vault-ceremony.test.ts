/**
 * A 2-of-3 taproot vault `tr(NUMS,sortedmulti_a(2,…))` end to end, black box, on regtest: three
 * `account export --script tr-multi` cosigner keys, `wallet create --script tr` (with the exports
 * it writes and the ones it skips), `wallet show` reading them back, `address list --wallet`,
 * `psbt create --wallet` (BIP371 fields), `wallet register` and `psbt sign` on two laptops,
 * `psbt combine`, `psbt finalize`; every input of the final transaction verified independently
 * with @scure/btc-signer (its BIP341 script-path preimage and noble's Schnorr verify; the witness
 * opens the spent output). Then hostile PSBTs: change whose tap leaf swaps in a foreign key, and an
 * input from another vault, each refused with exit 3 and its own message.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as btc from '@scure/btc-signer';
import { hex } from '@scure/base';
import { readVault } from '../../src/core/wallet/vault.js';
import { tapLeafHash } from '../../src/core/wallet/tapscript-multisig.js';
import { keyFields, tapTreeFields } from '../../src/core/btc/create.js';
import { runCli, tmpDir } from '../helpers/cli.js';
import { createVaultPsbt, expectExportsShowVault, expectTapVaultSpend } from '../helpers/vault-cli.js';
import { payee } from '../helpers/regtest-data.js';
import { COSIGNER_MNEMONICS, vaultUtxos } from '../helpers/vault-data.js';

const R = ['--network', 'regtest'];
let dir: string;
const f = (n: string) => path.join(dir, n);
const laptop = (i: number) => ({ env: { COLDKIT_JOURNAL: f(`journal-${i}.jsonl`) } });

beforeAll(async () => {
  dir = tmpDir('coldkit-tr-vault-e2e-');
  for (const [i, m] of COSIGNER_MNEMONICS.slice(0, 4).entries()) {
    fs.writeFileSync(f(`m${i}.txt`), m + '\n');
    const r = await runCli([...R, '--json', 'account', 'export', '--script', 'tr-multi', '--mnemonic-file', f(`m${i}.txt`), '--out', f(`laptop-${i}.json`), '--export-dir', f(`exp${i}`)]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ kind: 'coldkit/cosigner', script: 'tr-multi', path: 'm/48h/1h/0h/3h' });
    expect(r.json().slip132).toBeUndefined();
    expect(fs.readdirSync(f(`exp${i}`))).toEqual(['cosigner.txt']);
  }
}, 90_000);

describe('2-of-3 taproot vault ceremony', () => {
  it('create (skipping the formats without taproot multisig), show, addresses, create → sign ×2 → combine → finalize', async () => {
    const create = await runCli([...R, '--json', 'wallet', 'create', '--threshold', '2', '--script', 'tr', '--cosigner', f('laptop-0.json'), '--cosigner', f('laptop-1.json'), '--cosigner', f('exp2/cosigner.txt'), '--name', 'tr vault', '--out', f('vault.json'), '--export-dir', f('vault-exports')]);
    expect(create.code, create.stderr).toBe(0);
    const v = create.json();
    expect(v).toMatchObject({ kind: 'coldkit/vault', threshold: 2, script: 'tr-multi', network: 'regtest' });
    expect(v.descriptor).toMatch(/^tr\(50929b74c1a04954b78b4b6035e97a5e078a5a0f28ec96d547bfee9ace803ac0,sortedmulti_a\(2,\[73c5da0a\/48h\/1h\/0h\/3h\]tpub.*\)\)#[a-z0-9]{8}$/);
    expect(v.firstAddresses.receive).toMatch(/^bcrt1p/);
    expect(v.skipped).toEqual(['electrum-wallet.json', 'coldcard-multisig.txt', 'bsms.txt', 'caravan-wallet.json', 'crypto-output-qr/']);
    expect(create.stderr).toMatch(/skipped for this taproot vault .*electrum-wallet\.json, coldcard-multisig\.txt, bsms\.txt, caravan-wallet\.json, crypto-output-qr\//);
    expect(fs.readdirSync(f('vault-exports')).sort()).toEqual(['bitcoin-core-importdescriptors.json', 'descriptor.txt', 'sparrow-descriptor.txt']);
    await expectExportsShowVault(R, ['descriptor.txt', 'sparrow-descriptor.txt'].map((n) => f(`vault-exports/${n}`)), v);
    const core = JSON.parse(fs.readFileSync(f('vault-exports/bitcoin-core-importdescriptors.json'), 'utf8'));
    expect(core.map((d: { desc: string }) => d.desc)).toEqual([v.descriptors.receive, v.descriptors.change]);
    const list = await runCli([...R, '--json', 'address', 'list', '--wallet', f('vault.json'), '--count', '2']);
    expect(list.code, list.stderr).toBe(0);
    expect(list.json().addresses[0].address).toBe(v.firstAddresses.receive);

    const wallet = readVault(v, 'vault').wallet;
    const { made, u } = await createVaultPsbt(R, dir, f('vault.json'), wallet, [{ branch: 0, index: 0, sats: 200_000n }, { branch: 1, index: 2, sats: 50_000n }]);
    const unsigned = btc.Transaction.fromPSBT(fs.readFileSync(f('u.psbt')));
    for (let i = 0; i < unsigned.inputsLength; i++) {
      const inp = unsigned.getInput(i);
      expect(inp.tapInternalKey && hex.encode(inp.tapInternalKey)).toBe('50929b74c1a04954b78b4b6035e97a5e078a5a0f28ec96d547bfee9ace803ac0');
      expect(inp.tapLeafScript).toHaveLength(1);
      expect(inp.tapBip32Derivation).toHaveLength(3);
      expect(inp.nonWitnessUtxo).toBeDefined();
      const leaf = inp.tapLeafScript![0]![1].subarray(0, -1);
      for (const [, d] of inp.tapBip32Derivation!) expect(hex.encode(d.hashes[0]!)).toBe(hex.encode(tapLeafHash(leaf)));
    }
    const changeOut = Array.from({ length: unsigned.outputsLength }, (_, i) => unsigned.getOutput(i)).find((o) => o.tapTree);
    expect(changeOut?.tapBip32Derivation).toHaveLength(3);
    expect(changeOut?.tapInternalKey && hex.encode(changeOut.tapInternalKey)).toBe('50929b74c1a04954b78b4b6035e97a5e078a5a0f28ec96d547bfee9ace803ac0');

    for (const i of [0, 2]) {
      const reg = await runCli([...R, '--json', 'wallet', 'register', f('vault.json'), '--mnemonic-file', f(`m${i}.txt`)], laptop(i));
      expect(reg.code, reg.stderr).toBe(0);
      expect(reg.json()).toMatchObject({ vaultId: v.id, cosigner: i + 1, firstAddress: v.firstAddresses.receive });
    }
    // Laptop 0 names the vault file; laptop 2 finds its registered vault from the PSBT's tap leaves.
    for (const i of [0, 2]) {
      const s = await runCli([...R, '--json', '--yes', 'psbt', 'sign', f('u.psbt'), ...(i === 0 ? ['--wallet', f('vault.json')] : []), '--mnemonic-file', f(`m${i}.txt`), '--out', f(`s${i}.psbt`)], laptop(i));
      expect(s.code, s.stderr).toBe(0);
      expect(s.json().inputsSigned).toBe(2);
      expect(s.stderr).toMatch(/vault 2-of-3: signed by nobody yet; 2 more needed/);
    }
    const again = await runCli([...R, '--yes', 'psbt', 'sign', f('s0.psbt'), '--wallet', f('vault.json'), '--mnemonic-file', f('m0.txt')], laptop(0));
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already signed by it; nothing to add/);
    const half = await runCli([...R, 'psbt', 'finalize', f('s0.psbt')]);
    expect(half.code).toBe(2);
    expect(half.stderr).toMatch(/has 1 of the 2 signatures it needs; 1 more from: (b8688df1, 28645006|28645006, b8688df1)/);

    const comb = await runCli([...R, 'psbt', 'combine', f('s0.psbt'), f('s2.psbt'), '--out', f('c.psbt')]);
    expect(comb.code, comb.stderr).toBe(0);
    const fin = await runCli([...R, '--json', 'psbt', 'finalize', f('c.psbt')]);
    expect(fin.code, fin.stderr).toBe(0);
    expect(fin.json().inputs.map((x: { type: string; signatures: number }) => [x.type, x.signatures])).toEqual([['tr-multi', 2], ['tr-multi', 2]]);

    // Independent check with @scure/btc-signer (test/helpers/vault-cli.ts).
    const tx = expectTapVaultSpend(fin.json().hex, u.prevouts, 2, 3);
    expect(tx.vsize).toBe(fin.json().vsize);
    // The fee was sized for the script path (k 64-byte signatures, n − k empty items, leaf, 33-byte control block): exact.
    expect(made.json().vsize).toBe(fin.json().vsize);
  }, 180_000);

  it('hostile: change whose tap leaf swaps in a foreign key, and an input from another vault, each refused (exit 3)', async () => {
    // The vault of the ceremony (registered on laptop 0 above) and an "evil" vault sharing cosigners 0 and 1 but with key 3 for key 2.
    const v = readVault(JSON.parse(fs.readFileSync(f('vault.json'), 'utf8')), 'vault');
    const evilMade = await runCli([...R, '--json', 'wallet', 'create', '--threshold', '2', '--script', 'tr', '--cosigner', f('laptop-0.json'), '--cosigner', f('laptop-1.json'), '--cosigner', f('laptop-3.json'), '--name', 'evil', '--out', f('evil.json')]);
    expect(evilMade.code, evilMade.stderr).toBe(0);
    const evil = readVault(evilMade.json(), 'evil').wallet;
    const stranger = (await runCli([...R, '--json', 'account', 'export', '--script', 'tr-multi', '--mnemonic-file', f('m3.txt')])).json().fingerprint;

    // 1. Change swapped to the evil vault's script at the same path; its derivations still claim our fingerprints.
    const tx = btc.Transaction.fromPSBT(fs.readFileSync(f('u.psbt')));
    const idx = Array.from({ length: tx.outputsLength }, (_, i) => i).find((i) => tx.getOutput(i).tapTree)!;
    const ours = v.wallet.addresses(1, 0, 50).find((a) => hex.encode(a.scripts.script) === hex.encode(tx.getOutput(idx).script!))!;
    const bad = evil.at(ours.branch, ours.index);
    tx.updateOutput(idx, { tapBip32Derivation: undefined, tapTree: undefined } as never);
    tx.updateOutput(idx, { script: bad.scripts.script, ...keyFields(bad, evil.template), ...tapTreeFields(bad) } as never);
    fs.writeFileSync(f('swapped.psbt'), tx.toPSBT());
    const swapped = await runCli([...R, '--yes', 'psbt', 'sign', f('swapped.psbt'), '--wallet', f('vault.json'), '--mnemonic-file', f('m0.txt')], laptop(0));
    expect(swapped.code, swapped.stderr).toBe(3);
    expect(swapped.stderr).toMatch(new RegExp(`output ${idx} claims to be change of vault "tr vault" [0-9a-f]{8} \\(at m/48h/1h/0h/3h/1/${ours.index}\\) but is not the vault's script: its tap leaf has key [0-9a-f]{16}… that is not a registered cosigner at 1/${ours.index}; cosigner 28645006 is left out`));
    expect(stranger).not.toBe('28645006');

    // 2. An input from the evil vault (our key 73c5da0a is in both) signed for the registered vault.
    const eu = vaultUtxos(evil, [{ branch: 0, index: 0, sats: 90_000n }], 7);
    fs.writeFileSync(f('evil-utxos.json'), JSON.stringify(eu.listunspent));
    const made = await runCli([...R, 'psbt', 'create', '--wallet', f('evil.json'), '--utxos', f('evil-utxos.json'), '--to', `${payee()}:0.0008`, '--fee-rate', '2', '--out', f('evil.psbt')]);
    expect(made.code, made.stderr).toBe(0);
    const foreign = await runCli([...R, '--yes', 'psbt', 'sign', f('evil.psbt'), '--wallet', f('vault.json'), '--mnemonic-file', f('m0.txt')], laptop(0));
    expect(foreign.code, foreign.stderr).toBe(3);
    expect(foreign.stderr).toMatch(/input 0 is not from vault "tr vault" [0-9a-f]{8}: its tap leaf has key [0-9a-f]{16}… that is not a registered cosigner at 0\/0; cosigner 28645006 is left out/);
  }, 120_000);

  it('a taproot cosigner key has no QR form: --qr-png is refused before anything is written', async () => {
    const r = await runCli([...R, 'account', 'export', '--script', 'tr-multi', '--mnemonic-file', f('m0.txt'), '--qr-png', f('tr-cosigner.png')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/taproot vault cosigner key has no QR form \(BCR-2020-015 crypto-account has no taproot multisig entry\)/);
    expect(fs.existsSync(f('tr-cosigner.png'))).toBe(false);
  });
});
