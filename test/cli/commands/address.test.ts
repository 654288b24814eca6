/** Black-box: address list and find, on a wallet file (agreeing with account export) and on a descriptor. */
import * as fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ABOUT, journalEntries, workspace, type Workspace } from '../../helpers/harness.js';

let ws: Workspace;

beforeAll(async () => {
  ws = await workspace(0);
});

describe.concurrent('address list and find', () => {
  it('address list and find on a wallet file agree with the export', async () => {
    const w = await workspace(0);
    const m = w.file('m.txt', ABOUT);
    expect((await w.run(['--network', 'testnet', 'account', 'export', '--mnemonic-file', m, '--out', 'wallet.json', '--count', '3'])).code).toBe(0);
    const acc = JSON.parse(fs.readFileSync(w.file('wallet.json'), 'utf8'));
    const list = await w.run(['--json', 'address', 'list', '--wallet', 'wallet.json', '--from', '1', '--count', '2']);
    expect(list.code, list.stderr).toBe(0);
    expect(list.json()).toEqual({
      network: 'testnet',
      script: 'wpkh',
      branch: 0,
      addresses: [1, 2].map((i) => ({ branch: 0, index: i, address: acc.addresses[i].address, path: `m/84h/1h/0h/0/${i}` })),
    });
    const change = await w.run(['--json', 'address', 'list', '--wallet', 'wallet.json', '--change', '--count', '1']);
    expect(change.json().addresses[0]).toMatchObject({ branch: 1, index: 0, address: acc.firstChangeAddress });
    const find = await w.run(['--json', 'address', 'find', acc.addresses[2].address, '--wallet', 'wallet.json', '--gap', '5']);
    expect(find.json()).toEqual({ found: true, branch: 0, index: 2, address: acc.addresses[2].address, path: 'm/84h/1h/0h/0/2', change: false });
    // Watch-only commands journal nothing.
    expect(journalEntries(w).map((e) => e.op)).toEqual(['account.export']);
  });
  it('address list from a SLIP-132 zpub descriptor gives the BIP84 vector addresses', async () => {
    const r = await ws.run(['--json', 'address', 'list', '--count', '2', '--descriptor', 'wpkh(zpub6rFR7y4Q2AijBEqTUquhVz398htDFrtymD9xYYfG1m4wAcvPhXNfE3EfH1r1ADqtfSdVCToUG868RvUUkgDKf31mGDtKsAYz2oz2AGutZYs/0/*)']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().addresses.map((a: { address: string }) => a.address)).toEqual(['bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu', 'bc1qnjg0jd8228aq7egyzacy8cys3knf9xvrerkf9g']);
  });
});
