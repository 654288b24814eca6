/**
 * Black-box: the `--json` document of account export and the files it writes, for each script type
 * (BIP84 / SLIP-132 / BIP86 vectors) and for the Ethereum account.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { aboutWorkspace, type Workspace } from '../../helpers/harness.js';

let ws: Workspace;
let about: string;
beforeAll(async () => ({ ws, about } = await aboutWorkspace()));

describe.concurrent('account export', () => {
  it('account export --json shape and the files it writes', async () => {
    const r = await ws.run(['--json', 'account', 'export', '--mnemonic-file', about, '--count', '5', '--out', 'acct.json', '--export-dir', 'ex']);
    expect(r.code, r.stderr).toBe(0);
    const j = r.json();
    expect(Object.keys(j)).toEqual(['kind', 'version', 'network', 'script', 'fingerprint', 'path', 'xpub', 'slip132', 'descriptors', 'addresses', 'firstChangeAddress', 'files', 'imports', 'journal']);
    expect(j.addresses.map((a: { index: number }) => a.index)).toEqual([0, 1, 2, 3, 4]);
    expect(j.addresses[1].address).toBe('bc1qnjg0jd8228aq7egyzacy8cys3knf9xvrerkf9g'); // BIP84 vector
    expect(j.firstChangeAddress).toBe('bc1q8c6fshw2dlwun7ekn9qwf37cu2rn755upcp6el');
    expect(j.files).toEqual(['acct.json', 'ex/bitcoin-core-importdescriptors.json', 'ex/sparrow.json', 'ex/electrum.json', 'ex/descriptor.txt']);
    const { files: _f, imports, journal: _j, ...acc } = j;
    expect(JSON.parse(fs.readFileSync(ws.file('acct.json'), 'utf8'))).toEqual(acc);
    expect(imports.bitcoinCore).toEqual(JSON.parse(fs.readFileSync(ws.file('ex/bitcoin-core-importdescriptors.json'), 'utf8')));
    // An existing seed: Core rescans everything unless told its birthday, and the output says so.
    expect(imports.bitcoinCore.map((d: { timestamp: unknown }) => d.timestamp)).toEqual([0, 0]);
    expect(imports.bitcoinCoreRescan).toMatch(/^timestamp 0: Core rescans the whole chain/);
  });
  it('--birthday DATE sets the Core rescan start and the output names it; a block height is refused (exit 2)', async () => {
    const r = await ws.run(['account', 'export', '--mnemonic-file', about, '--count', '1', '--export-dir', 'bd', '--birthday', '2024-03-01']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Bitcoin Core import: timestamp 1709251200 (2024-03-01T00:00:00Z): Core rescans from then');
    const core = JSON.parse(fs.readFileSync(ws.file('bd/bitcoin-core-importdescriptors.json'), 'utf8'));
    expect(core.map((d: { timestamp: unknown }) => d.timestamp)).toEqual([1709251200, 1709251200]);
    const height = await ws.run(['account', 'export', '--mnemonic-file', about, '--birthday', '850000']);
    expect(height.code).toBe(2);
    expect(height.stderr).toMatch(/--birthday: 850000 looks like a block height; Bitcoin Core's importdescriptors takes a time/);
    const eth = await ws.run(['account', 'export', '--chain', 'eth', '--mnemonic-file', about, '--birthday', '0']);
    expect(eth.code).toBe(2);
    expect(eth.stderr).toMatch(/--birthday .* does not apply with --chain eth/);
  });
  it('the Electrum wallet file opens in Electrum 4.3 (Debian 12), which refuses wallet versions after 50', async () => {
    const r = await ws.run(['account', 'export', '--mnemonic-file', about, '--count', '1', '--export-dir', 'el']);
    expect(r.code, r.stderr).toBe(0);
    const file = ws.file('el/electrum.json');
    const w = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(w.seed_version).toBeLessThanOrEqual(50);
    if (spawnSync('sh', ['-c', 'command -v electrum']).status !== 0) return;
    const home = ws.file('el-home');
    const e = spawnSync('electrum', ['--offline', '-D', home, '-w', file, 'listaddresses'], { encoding: 'utf8', timeout: 60_000 });
    expect(e.status, e.stderr).toBe(0);
    expect(JSON.parse(e.stdout).slice(0, 2)).toEqual(['bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu', 'bc1qnjg0jd8228aq7egyzacy8cys3knf9xvrerkf9g']); // BIP84 vector
  });
  it.each([
    ['sh-wpkh', 'm/49h/0h/0h', 'ypub6Ww3ibxVfGzLrAH1PNcjyAWenMTbbAosGNB6VvmSEgytSER9azLDWCxoJwW7Ke7icmizBMXrzBx9979FfaHxHcrArf3zbeJJJUZPf663zsP', '37VucYSaXLCAsxYyAPfbSi9eh4iEcbShgf'],
    ['pkh', 'm/44h/0h/0h', undefined, '1LqBGSKuX5yYUonjxT5qGfpUsXKYYWeabA'],
    ['tr', 'm/86h/0h/0h', undefined, 'bc1p5cyxnuxmeuwuvkwfem96lqzszd02n6xdcjrs20cac6yqjjwudpxqkedrcr'],
  ])('account export --script %s: path, SLIP-132 form and first address (SLIP-132 / BIP86 vectors)', async (script, path, slip, first) => {
    const r = await ws.run(['--json', 'account', 'export', '--script', script, '--mnemonic-file', about, '--count', '1']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ script, path, addresses: [{ index: 0, address: first }] });
    expect(r.json().slip132).toBe(slip);
  });
  it('account export --chain eth: the m/44h/60h/0h account', async () => {
    const r = await ws.run(['--json', 'account', 'export', '--chain', 'eth', '--mnemonic-file', about, '--count', '2']);
    expect(r.code, r.stderr).toBe(0);
    const j = r.json();
    expect(Object.keys(j)).toEqual(['kind', 'version', 'fingerprint', 'path', 'xpub', 'addresses', ...(j.journalAnchor ? ['journalAnchor'] : []), 'journal']);
    expect(j).toMatchObject({ kind: 'coldkit/eth-account', path: 'm/44h/60h/0h', addresses: [{ index: 0, path: 'm/44h/60h/0h/0/0', address: '0x9858EfFD232B4033E47d90003D41EC34EcaEda94' }, { index: 1 }] });
  });
});
