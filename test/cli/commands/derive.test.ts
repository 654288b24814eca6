/** Black-box: the `--json` document of derive, for Bitcoin (the BIP84 vector) and Ethereum. */
import { beforeAll, describe, expect, it } from 'vitest';
import { aboutWorkspace, type Workspace } from '../../helpers/harness.js';

let ws: Workspace;
let about: string;
beforeAll(async () => ({ ws, about } = await aboutWorkspace()));

describe.concurrent('derive', () => {
  it('btc (the BIP84 vector) and eth', async () => {
    const btc = await ws.run(['--json', 'derive', '--mnemonic-file', about, '--path', "m/84'/0'/0'/0/0"]);
    expect(btc.json()).toEqual({
      fingerprint: '73c5da0a',
      path: 'm/84h/0h/0h/0/0',
      chain: 'btc',
      publicKey: '0330d54fd0dd420a6e5f8d3624f5f3482cae350f79d5f0753bf5beef9c2d91af3c', // BIP84 vector
      xpub: expect.stringMatching(/^xpub/),
      network: 'mainnet',
      script: 'wpkh',
      address: 'bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu',
      journal: { path: ws.journal, seq: expect.any(Number), head: expect.stringMatching(/^[0-9a-f]{64}$/), words: expect.any(String) },
    });
    const eth = await ws.run(['--json', 'derive', '--chain', 'eth', '--mnemonic-file', about, '--path', "m/44'/60'/0'/0/0"]);
    expect(eth.json()).toMatchObject({ chain: 'eth', path: 'm/44h/60h/0h/0/0', address: '0x9858EfFD232B4033E47d90003D41EC34EcaEda94' });
  });
  it('warns when the path purpose names another script (84 is P2WPKH, not taproot)', async () => {
    const r = await ws.run(['--json', 'derive', '--mnemonic-file', about, '--path', "m/84'/0'/0'/0/0", '--script', 'tr']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().warning).toMatch(/purpose 84h is for --script wpkh, not tr/);
    expect(r.stderr).toMatch(/WARNING path purpose 84h is for --script wpkh, not tr/);
    const ok = await ws.run(['--json', 'derive', '--mnemonic-file', about, '--path', "m/86'/0'/0'/0/0", '--script', 'tr']);
    expect(ok.json().warning).toBeUndefined();
  });
});
