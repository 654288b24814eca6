/**
 * A 2-of-3 vault end to end, black box, on regtest: three cosigner exports (one per "laptop"),
 * `wallet create` with every export format, `wallet show` reading them back, `address list
 * --wallet`, `psbt create --wallet` (online), `wallet register` and `psbt sign` on two laptops
 * (one naming the vault file, one finding its registered vault from the PSBT), `psbt combine`,
 * `psbt finalize`; the transaction verified with bitcoinjs-lib. Then the refusals a custody
 * engineer expects at each step, with their exit codes and one-line messages.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as bitcoin from 'bitcoinjs-lib';
import * as ecc from 'tiny-secp256k1';
import { readVault } from '../../src/core/wallet/vault.js';
import { runCli, tmpDir } from '../helpers/cli.js';
import { createVaultPsbt, expectExportsShowVault } from '../helpers/vault-cli.js';
import { COSIGNER_MNEMONICS } from '../helpers/vault-data.js';

const R = ['--network', 'regtest'];
let dir: string;
const f = (n: string) => path.join(dir, n);

beforeAll(async () => {
  dir = tmpDir('coldkit-vault-e2e-');
  for (const [i, m] of COSIGNER_MNEMONICS.slice(0, 3).entries()) {
    fs.writeFileSync(f(`m${i}.txt`), m + '\n');
    const r = await runCli([...R, '--json', 'account', 'export', '--script', 'wsh-multi', '--mnemonic-file', f(`m${i}.txt`), '--out', f(`laptop-${'abc'[i]}.json`), '--export-dir', f(`exp${i}`)]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ kind: 'coldkit/cosigner', script: 'wsh-multi', path: "m/48h/1h/0h/2h" });
  }
}, 60_000);

describe('2-of-3 vault ceremony', () => {
  it('create, show every export, list addresses, create → sign ×2 → combine → finalize', async () => {
    // Cosigner inputs in three forms: coldkit JSON, Coldcard generic JSON, key expression.
    const create = await runCli([...R, '--json', 'wallet', 'create', '--threshold', '2', '--cosigner', f('laptop-a.json'), '--cosigner', f('exp1/coldcard-cosigner.json'), '--cosigner', f('exp2/cosigner.txt'), '--name', 'e2e vault', '--out', f('vault.json'), '--export-dir', f('vault-exports')]);
    expect(create.code, create.stderr).toBe(0);
    const v = create.json();
    expect(v).toMatchObject({ kind: 'coldkit/vault', threshold: 2, script: 'wsh-multi', network: 'regtest', name: 'e2e vault' });
    expect(create.stderr).toMatch(/keep this vault file .* with EVERY cosigner/);
    await expectExportsShowVault(R, ['descriptor.txt', 'electrum-wallet.json', 'coldcard-multisig.txt', 'bsms.txt', 'caravan-wallet.json', 'sparrow-descriptor.txt'].map((n) => f(`vault-exports/${n}`)), v);
    const list = await runCli([...R, '--json', 'address', 'list', '--wallet', f('vault.json'), '--count', '2']);
    expect(list.code, list.stderr).toBe(0);
    expect(list.json().addresses[0].address).toBe(v.firstAddresses.receive);

    const wallet = readVault(v, 'vault').wallet;
    const { made, u } = await createVaultPsbt(R, dir, f('vault.json'), wallet, [{ branch: 0, index: 0, sats: 200_000n }, { branch: 0, index: 1, sats: 50_000n }]);
    expect(made.json().signWouldRefuse).toEqual([]);

    // Each laptop has its own journal: the registry of vaults it signs for.
    const laptop = (i: number) => ({ env: { COLDKIT_JOURNAL: f(`journal-${i}.jsonl`) } });
    const unregistered = await runCli([...R, '--yes', 'psbt', 'sign', f('u.psbt'), '--wallet', f('vault.json'), '--mnemonic-file', f('m1.txt')], laptop(1));
    expect(unregistered.code).toBe(3);
    expect(unregistered.stderr).toMatch(/vault "e2e vault" [0-9a-f]{8} is not registered on this signer .*--allow-unregistered-vault overrides/);
    for (const i of [0, 2]) {
      const reg = await runCli([...R, '--json', 'wallet', 'register', f('vault.json'), '--mnemonic-file', f(`m${i}.txt`)], laptop(i));
      expect(reg.code, reg.stderr).toBe(0);
      expect(reg.json()).toMatchObject({ vaultId: v.id, words: v.words, cosigner: i + 1, firstAddress: v.firstAddresses.receive });
    }
    // Laptop A names the vault file; laptop C finds its registered vault from the PSBT's scripts.
    for (const i of [0, 2]) {
      const s = await runCli([...R, '--json', '--yes', 'psbt', 'sign', f('u.psbt'), ...(i === 0 ? ['--wallet', f('vault.json')] : []), '--mnemonic-file', f(`m${i}.txt`), '--out', f(`s${i}.psbt`)], laptop(i));
      expect(s.code, s.stderr).toBe(0);
      expect(s.json().inputsSigned).toBe(2);
      expect(s.stderr).toMatch(/vault 2-of-3: signed by nobody yet; 2 more needed from (laptop-a \(73c5da0a\)|73c5da0a)/);
    }
    const again = await runCli([...R, '--yes', 'psbt', 'sign', f('s0.psbt'), '--wallet', f('vault.json'), '--mnemonic-file', f('m0.txt')], laptop(0));
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already signed by it; nothing to add/);
    const half = await runCli([...R, 'psbt', 'finalize', f('s0.psbt')]);
    expect(half.code).toBe(2);
    expect(half.stderr).toMatch(/has 1 of the 2 signatures it needs; 1 more from: /);

    const comb = await runCli([...R, 'psbt', 'combine', f('s0.psbt'), f('s2.psbt'), '--out', f('c.psbt')]);
    expect(comb.code, comb.stderr).toBe(0);
    const fin = await runCli([...R, '--json', 'psbt', 'finalize', f('c.psbt')]);
    expect(fin.code, fin.stderr).toBe(0);
    const tx = bitcoin.Transaction.fromHex(fin.json().hex);
    // Independent check: each input's witness is OP_0 dummy, 2 signatures valid for its BIP143 digest, the witness script.
    tx.ins.forEach((input, i) => {
      const [dummy, s1, s2, ws] = input.witness;
      expect(dummy!.length).toBe(0);
      const prevout = u.listunspent.find((x) => Buffer.from(x.txid, 'hex').reverse().equals(input.hash))!;
      const hash = tx.hashForWitnessV0(i, ws!, Math.round(prevout.amount * 1e8), bitcoin.Transaction.SIGHASH_ALL);
      const keys = bitcoin.payments.p2ms({ output: ws! }).pubkeys!;
      for (const s of [s1!, s2!]) {
        const sig = bitcoin.script.signature.decode(s);
        expect(keys.some((k) => ecc.verify(hash, k, sig.signature))).toBe(true);
      }
      expect(bitcoin.payments.p2wsh({ redeem: { output: ws! } }).output!.toString('hex')).toBe(prevout.scriptPubKey);
    });
    expect(tx.virtualSize()).toBe(fin.json().vsize);
  }, 120_000);

  it('refusals: duplicate cosigner, k > n, wrong script type (overridable, journaled), single-key file as vault', async () => {
    const dup = await runCli([...R, 'wallet', 'create', '--threshold', '2', '--cosigner', f('laptop-a.json'), '--cosigner', f('laptop-b.json'), '--cosigner', f('exp0/cosigner.txt'), '--out', f('dup.json')]);
    expect(dup.code).toBe(3);
    expect(dup.stderr).toMatch(/cosigner 3 \(cosigner\) has the same key as cosigner 1 \(laptop-a\)/);
    expect(fs.existsSync(f('dup.json'))).toBe(false);
    const kn = await runCli([...R, 'wallet', 'create', '--threshold', '4', '--cosigner', f('laptop-a.json'), '--cosigner', f('laptop-b.json'), '--cosigner', f('laptop-c.json'), '--out', f('kn.json')]);
    expect(kn.code).toBe(2);
    expect(kn.stderr).toMatch(/threshold 4 must be between 1 and the 3 cosigners/);
    const sh = await runCli([...R, 'wallet', 'create', '--threshold', '2', '--script', 'sh-wsh', '--cosigner', f('laptop-a.json'), '--cosigner', f('laptop-b.json'), '--cosigner', f('laptop-c.json'), '--out', f('sh.json')]);
    expect(sh.code).toBe(3);
    expect(sh.stderr).toMatch(/is a wsh-multi key, but the vault is sh-wsh-multi .* --allow-vault-path-mismatch overrides/);
    const journal = f('journal.jsonl');
    const forced = await runCli([...R, 'wallet', 'create', '--threshold', '2', '--script', 'sh-wsh', '--cosigner', f('laptop-a.json'), '--cosigner', f('laptop-b.json'), '--cosigner', f('laptop-c.json'), '--out', f('sh.json'), '--allow-vault-path-mismatch'], { env: { COLDKIT_JOURNAL: journal } });
    expect(forced.code, forced.stderr).toBe(0);
    const entry = JSON.parse(fs.readFileSync(journal, 'utf8').trim().split('\n').at(-1)!);
    expect(entry.op).toBe('wallet.create');
    expect(entry.data.overrides).toEqual(['--allow-vault-path-mismatch']);
    // Registration: not a cosigner; another vault under the same name.
    const stranger = f('m-stranger.txt');
    fs.writeFileSync(stranger, 'zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo wrong\n');
    const notMine = await runCli([...R, 'wallet', 'register', f('vault.json'), '--mnemonic-file', stranger]);
    expect(notMine.code).toBe(3);
    expect(notMine.stderr).toMatch(/this seed \(fingerprint [0-9a-f]{8}\) is not a cosigner of vault "e2e vault"/);
    const j = { env: { COLDKIT_JOURNAL: f('journal-conflict.jsonl') } };
    expect((await runCli([...R, 'wallet', 'register', f('vault.json'), '--mnemonic-file', f('m0.txt')], j)).code).toBe(0);
    const other = JSON.parse(fs.readFileSync(f('sh.json'), 'utf8'));
    fs.writeFileSync(f('other.json'), JSON.stringify({ ...other, name: 'e2e vault' }));
    const clash = await runCli([...R, 'wallet', 'register', f('other.json'), '--mnemonic-file', f('m0.txt')], j);
    expect(clash.code).toBe(3);
    expect(clash.stderr).toMatch(/a different vault \([0-9a-f]{8}\) is already registered as "e2e vault"/);
    const account = await runCli([...R, 'account', 'export', '--mnemonic-file', f('m0.txt'), '--out', f('single.json')]);
    expect(account.code).toBe(0);
    const wrong = await runCli([...R, '--yes', 'psbt', 'sign', f('u.psbt'), '--wallet', f('single.json'), '--mnemonic-file', f('m1.txt')]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/single-key account file; psbt sign --wallet takes a vault file/);
  }, 120_000);
});
