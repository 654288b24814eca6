/**
 * Black-box `address verify` (the built bin): the signer finds its own address in each script type
 * (the expected addresses from `derive`, another command), in a later account, in a vault it
 * cosigns, and on Ethereum; from a bitcoin: URI in a real QR PNG; it says NOT (exit 3, nothing
 * journaled) for a stranger's address and for a vault whose cosigner it is not; a wrong network,
 * a URI of the other chain and a vault address without the vault are usage errors (exit 2).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_MNEMONIC } from '../../helpers/build-psbt.js';
import { runCli, tmpDir } from '../../helpers/cli.js';
import { ZOO, ZOO_ADDRESS_0 } from '../../helpers/policy.js'; // the zoo seed: no cosigner, and its mainnet-path address is no testnet account's
import { COSIGNER_MNEMONICS } from '../../helpers/vault-data.js';

const dir = tmpDir('coldkit-address-verify-');
const at = (n: string) => path.join(dir, n);
const journal = at('journal.jsonl');
const cli = (args: string[]) => runCli(['--network', 'testnet', ...args], { env: { COLDKIT_JOURNAL: journal }, timeoutMs: 120_000 });
const verify = (address: string, more: string[] = [], seed = 'mnemonic.txt') => cli(['--json', 'address', 'verify', address, '--mnemonic-file', at(seed), ...more]);
const lines = (): number => (fs.existsSync(journal) ? fs.readFileSync(journal, 'utf8').trim().split('\n').length : 0);
const derived = async (p: string, script: string, chain = 'btc'): Promise<string> => {
  const r = await cli(['--json', 'derive', '--path', p, '--script', script, '--chain', chain, '--mnemonic-file', at('mnemonic.txt')].filter((a, i, all) => !(chain === 'eth' && (a === '--script' || all[i - 1] === '--script'))));
  expect(r.code, r.stderr).toBe(0);
  return r.json().address as string;
};

beforeAll(() => {
  fs.writeFileSync(at('mnemonic.txt'), SAMPLE_MNEMONIC + '\n');
  fs.writeFileSync(at('zoo.txt'), ZOO + '\n');
  COSIGNER_MNEMONICS.slice(0, 3).forEach((m, i) => fs.writeFileSync(at(`c${i}.txt`), m + '\n'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('address verify: single-key', () => {
  it('finds each script type at its own account path, and journals what it found', async () => {
    for (const [p, script, branch, index] of [
      ["m/84'/1'/0'/1/3", 'wpkh', 1, 3],
      ["m/86'/1'/0'/0/17", 'tr', 0, 17],
      ["m/44'/1'/0'/0/2", 'pkh', 0, 2],
      ["m/49'/1'/0'/1/0", 'sh-wpkh', 1, 0],
    ] as const) {
      const address = await derived(p, script);
      const before = lines();
      const r = await verify(address);
      expect(r.code, r.stderr).toBe(0);
      expect(r.json()).toMatchObject({ address, found: true, chain: 'btc', fingerprint: '73c5da0a', script, branch, change: branch === 1, index });
      expect(r.json().path).toBe(p.replaceAll("'", 'h'));
      expect(lines()).toBe(before + 1);
      expect(JSON.parse(fs.readFileSync(journal, 'utf8').trim().split('\n').at(-1)!)).toMatchObject({ op: 'address.verify', data: { address, fingerprint: '73c5da0a', script } });
    }
  });
  it('searches later accounts with --accounts, and not without', async () => {
    const address = await derived("m/84'/1'/2'/0/1", 'wpkh');
    expect((await verify(address)).code).toBe(3);
    const r = await verify(address, ['--accounts', '3']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().path).toBe('m/84h/1h/2h/0/1');
  });
  it("a stranger's address is NOT ours: exit 3, nothing journaled", async () => {
    const before = lines();
    const r = await verify(ZOO_ADDRESS_0, ['--gap', '30']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/is NOT an address of seed 73c5da0a: not among the first 30 receive and change addresses of account 0 \(wpkh\)/);
    expect(lines()).toBe(before);
  });
  it('reads a bitcoin: URI from a real QR image, and says the amount was not verified', async () => {
    const address = await derived("m/84'/1'/0'/0/4", 'wpkh');
    await QRCode.toFile(at('pay.png'), `bitcoin:${address}?amount=0.01&label=Invoice`, { errorCorrectionLevel: 'M' });
    const r = await cli(['--json', 'address', 'verify', '--from-qr', at('pay.png'), '--mnemonic-file', at('mnemonic.txt')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ address, index: 4, branch: 0 });
    expect(r.stderr).toMatch(/only the address of the URI is verified; "\?amount=0\.01&label=Invoice" is not/);
  });
  it('usage errors: another network, the other chain, a vault address without the vault (exit 2)', async () => {
    expect((await runCli(['address', 'verify', await derived("m/84'/1'/0'/0/0", 'wpkh'), '--mnemonic-file', at('mnemonic.txt')], { env: { COLDKIT_JOURNAL: journal } })).stderr).toMatch(/is a testnet address but the network is mainnet/);
    expect((await verify('ethereum:0x9858EfFD232B4033E47d90003D41EC34EcaEda94')).code).toBe(2);
    const r = await verify('tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/give --wallet vault\.json/);
  });
});

describe('address verify: a secret given by mistake', () => {
  it('a mnemonic in a QR image or a WIF key pasted is refused (exit 2) and never echoed', async () => {
    await QRCode.toFile(at('words.png'), SAMPLE_MNEMONIC, { errorCorrectionLevel: 'M' });
    const q = await cli(['address', 'verify', '--from-qr', at('words.png'), '--mnemonic-file', at('mnemonic.txt')]);
    expect(q.code).toBe(2);
    expect(q.stderr).toMatch(/is a BIP39 mnemonic, not an address; it is not shown/);
    expect(q.stderr + q.stdout).not.toMatch(/abandon abandon/);
    const wif = 'KyZpNDKnfs94vbrwhJneDi77V6jF64PWPF8x5cdJb8ifgg2DUc9d';
    const w = await verify(wif);
    expect(w.code).toBe(2);
    expect(w.stderr).toMatch(/is a WIF private key, not an address/);
    expect(w.stderr + w.stdout).not.toContain(wif);
  });
});

describe('address verify: Ethereum', () => {
  it("finds m/44'/60'/0'/0/i, any letter case", async () => {
    const address = await derived("m/44'/60'/0'/0/7", 'wpkh', 'eth');
    const r = await cli(['--json', 'address', 'verify', '--chain', 'eth', address.toLowerCase(), '--mnemonic-file', at('mnemonic.txt')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ address, chain: 'eth', index: 7, path: 'm/44h/60h/0h/0/7' });
  });
});

describe('address verify: a vault', () => {
  beforeAll(async () => {
    for (const i of [0, 1, 2]) {
      const r = await cli(['account', 'export', '--script', 'wsh-multi', '--mnemonic-file', at(`c${i}.txt`), '--out', at(`cos${i}.json`)]);
      expect(r.code, r.stderr).toBe(0);
    }
    const w = await cli(['wallet', 'create', '--threshold', '2', '--cosigner', at('cos0.json'), '--cosigner', at('cos1.json'), '--cosigner', at('cos2.json'), '--name', 'verify vault', '--out', at('vault.json')]);
    expect(w.code, w.stderr).toBe(0);
  }, 240_000);
  it('a cosigner finds the vault change address, and says which cosigner it is', async () => {
    const list = await cli(['--json', 'address', 'list', '--wallet', at('vault.json'), '--change', '--from', '5', '--count', '1']);
    expect(list.code, list.stderr).toBe(0);
    const address = (list.json().addresses ?? list.json())[0].address as string;
    const r = await verify(address, ['--wallet', at('vault.json')], 'c1.txt');
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ address, script: 'wsh-multi', branch: 1, change: true, index: 5, vault: { name: 'verify vault' } });
    expect(r.json().vault.cosigner).toBeGreaterThanOrEqual(1);
  });
  it('a seed that is not a cosigner is refused before any address is searched (exit 3)', async () => {
    const list = await cli(['--json', 'address', 'list', '--wallet', at('vault.json'), '--count', '1']);
    const address = (list.json().addresses ?? list.json())[0].address as string;
    const r = await verify(address, ['--wallet', at('vault.json')], 'zoo.txt');
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/this seed \(fingerprint [0-9a-f]{8}\) is not a cosigner of vault "verify vault"/);
  });
});
