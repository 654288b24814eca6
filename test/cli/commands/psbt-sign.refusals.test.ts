/**
 * `coldkit psbt sign` and `psbt inspect` as a black box against hostile PSBTs: change paying our
 * key outside the wallet (v0 and v2), an input of ours stripped to hide a fee, a fee beaten by
 * size, burns and dust, and a derivation path thousands of levels deep — each exit 3 (refused,
 * findings and their override flags in --json) or exit 2 (malformed), nothing written; the
 * override flags sign; inspect lists the same refusals on the online side.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { Transaction } from '@scure/btc-signer';
import { runCli, tmpDir } from '../../helpers/cli.js';
import { buildPsbt, rootOf, SAMPLE_MNEMONIC } from '../../helpers/build-psbt.js';
import { bytesOf, changeAt, H, honest, withOutputs } from '../../helpers/hostile-psbt.js';

const dir = tmpDir('coldkit-psbt-refusals-');
const journal = path.join(dir, 'journal.jsonl');
const mn = path.join(dir, 'mnemonic.txt');
let n = 0;
const file = (data: Uint8Array): string => {
  const p = path.join(dir, `in-${n++}.psbt`);
  fs.writeFileSync(p, data);
  return p;
};
const sign = (raw: Uint8Array, extra: string[] = []) => {
  const out = path.join(dir, `out-${n}.psbt`);
  return runCli(['--network', 'testnet', '--yes', '--json', 'psbt', 'sign', file(raw), '--mnemonic-file', mn, '--out', out, ...extra], { env: { COLDKIT_JOURNAL: journal } }).then((r) => ({ ...r, out }));
};
type Listed = { code: string; severity: string; override?: string };
const refusedCodes = (r: { json(): { error: { findings: Listed[] } } }) => r.json().error.findings.filter((f) => f.severity === 'refuse').map((f) => [f.code, f.override ?? null]);

beforeAll(() => {
  fs.writeFileSync(mn, SAMPLE_MNEMONIC + '\n');
});

describe('psbt sign refuses, exit 3, findings in --json, nothing written', () => {
  it.each([0, 2] as const)('change to our key as P2TR of the BIP84 account (PSBTv%i): change-outside-wallet; the flag signs', async (version) => {
    const raw = changeAt('tr', [84 + H, 1 + H, H, 1, 3], { version });
    const r = await sign(raw);
    expect(r.code, r.stderr).toBe(3);
    expect(refusedCodes(r)).toEqual([['change-outside-wallet', '--allow-change-outside-wallet']]);
    expect(r.stderr).toMatch(/output 1 pays our key at m\/84h\/1h\/0h\/1\/3 but is not the wallet's change: its script is tr but the wallet is wpkh/);
    expect(fs.existsSync(r.out)).toBe(false);
    const ok = await sign(raw, ['--allow-change-outside-wallet']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stderr).toMatch(/PAYS OUR KEY at m\/84h\/1h\/0h\/1\/3 but OUTSIDE the wallet/);
  });

  it('change at index 2,000,000,000: refused; --max-change-index decides what is plausible', async () => {
    const raw = changeAt('wpkh', [84 + H, 1 + H, H, 1, 2_000_000_000]);
    const r = await sign(raw);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/index 2000000000 is beyond 100000/);
    expect((await sign(raw, ['--max-change-index', '2000000000'])).code).toBe(0);
  });

  it('an input of ours stripped of its derivation and previous transaction: unproven-amounts, and its address shown as ours', async () => {
    const tx = honest({ inputs: 2 });
    const out = new Transaction({ allowUnknownOutputs: true });
    out.addInput(tx.getInput(0));
    const { bip32Derivation: _d, nonWitnessUtxo: _n, ...stripped } = tx.getInput(1);
    out.addInput(stripped);
    for (let i = 0; i < tx.outputsLength; i++) out.addOutput(tx.getOutput(i));
    const r = await sign(out.toPSBT());
    expect(r.code).toBe(3);
    expect(refusedCodes(r)).toEqual([['unproven-amounts', '--allow-unproven-amounts']]);
    const ok = await sign(out.toPSBT(), ['--allow-unproven-amounts']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stderr).toMatch(/#1 [0-9a-f]{64}:0  tb1q(?: \w{1,4})+  .*NOT claimed as ours, BUT spends OUR address m\/84h\/1h\/0h\/0\/1/);
  });

  it('a 0.02 BTC fee at 0.4% of the amount: high-fee above --max-fee 0.01 (default); --max-fee 0.03 signs', async () => {
    const raw = buildPsbt({ kind: 'wpkh', inputs: 1, amount: 1_000_000_000n, send: 500_000_000n, fee: 2_000_000n });
    const r = await sign(raw, ['--max-fee-rate', '100000']);
    expect(r.code).toBe(3);
    expect(refusedCodes(r)).toEqual([['high-fee', '--allow-high-fee']]);
    expect(r.stderr).toMatch(/above the absolute limit of 0.01 BTC/);
    expect((await sign(raw, ['--max-fee-rate', '100000', '--max-fee', '0.03'])).code).toBe(0);
  });

  it('a segwit v2 output and a dust P2TR output: future-segwit-output (no flag) and dust-output, all at once', async () => {
    const tx = honest();
    const p2trScript = Uint8Array.from([0x51, 0x20, ...rootOf().derive("m/86'/1'/0'/0/0").publicKey!.subarray(1)]);
    const raw = bytesOf(withOutputs(tx, [{ script: tx.getOutput(0).script!, amount: tx.getOutput(0).amount! - 1000n }, tx.getOutput(1) as never, { script: Uint8Array.from([0x52, 0x20, ...new Uint8Array(32).fill(1)]), amount: 1000n }, { script: p2trScript, amount: 0n }]));
    const r = await sign(raw);
    expect(r.code).toBe(3);
    expect(refusedCodes(r)).toEqual([
      ['future-segwit-output', null],
      ['dust-output', '--allow-dust-output'],
    ]);
  });

  it('a derivation path 100,000 levels deep: exit 2, one line naming the field, fast', async () => {
    const tx = honest();
    const input = tx.getInput(0);
    const deep = new Transaction({ allowUnknownOutputs: true });
    deep.addInput({ ...input, bip32Derivation: [...input.bip32Derivation!, [HDKey.fromMasterSeed(new Uint8Array(32).fill(1)).publicKey!, { fingerprint: rootOf().fingerprint, path: new Array(100_000).fill(1) }]] });
    for (let i = 0; i < tx.outputsLength; i++) deep.addOutput(tx.getOutput(i));
    const t = Date.now();
    const r = await sign(deep.toPSBT());
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n').pop()).toBe('coldkit: psbt: is not a valid PSBT: input 0 PSBT_IN_BIP32_DERIVATION: a derivation path 100000 levels deep; BIP32 allows at most 255');
    expect(Date.now() - t).toBeLessThan(20_000);
  });
});

describe('psbt inspect lists the same refusals online', () => {
  it('change outside the wallet, against the account descriptor', async () => {
    const tpub = HDKey.fromMasterSeed(mnemonicToSeedSync(SAMPLE_MNEMONIC), { public: 0x043587cf, private: 0x04358394 }).derive("m/84'/1'/0'").publicExtendedKey;
    const desc = `wpkh([73c5da0a/84h/1h/0h]${tpub}/<0;1>/*)`;
    const r = await runCli(['--network', 'testnet', '--json', 'psbt', 'inspect', file(changeAt('wpkh', [84 + H, 1 + H, H, 1, 2_000_000_000])), '--descriptor', desc]);
    expect(r.code, r.stderr).toBe(0);
    const j = r.json();
    expect(j.review.outputs[1].role).toBe('stray-change');
    expect(j.signWouldRefuse.map((x: { code: string; override?: string }) => [x.code, x.override])).toEqual([['change-outside-wallet', '--allow-change-outside-wallet']]);
  });
});
