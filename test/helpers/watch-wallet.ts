/**
 * A watch-only wallet directory for black-box PSBT tests: the test mnemonic, its account export
 * (`wallet.json`, made by the built CLI), the UTXOs (`utxos.json`, bitcoin-cli shape) and their
 * previous transactions (`prev.txt`) for the funds given.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect } from 'vitest';
import { runCli, tmpDir } from './cli.js';
import { MNEMONIC, walletUtxos, type Fund, type Script } from './regtest-data.js';

export const DEFAULT_FUNDS: Fund[] = [
  { branch: 0, index: 0, sats: 100_000n },
  { branch: 0, index: 3, sats: 250_000n },
  { branch: 1, index: 0, sats: 40_000n },
];

/** The paths and data; `op(i)` is the outpoint `txid:vout` of fund i. Call `ready()` (in beforeAll) to write the files. */
export function watchWallet(script: Script, prefix: string, funds: Fund[] = DEFAULT_FUNDS) {
  const dir = tmpDir(prefix);
  const f = (n: string) => path.join(dir, n);
  const data = walletUtxos(script, funds);
  const op = (i: number) => `${data.listunspent[i]!.txid}:${data.listunspent[i]!.vout}`;
  const ready = async () => {
    fs.writeFileSync(f('mnemonic.txt'), MNEMONIC + '\n');
    const exp = await runCli(['--network', 'regtest', 'account', 'export', '--mnemonic-file', f('mnemonic.txt'), '--script', script, '--out', f('wallet.json')]);
    expect(exp.code, exp.stderr).toBe(0);
    fs.writeFileSync(f('utxos.json'), JSON.stringify(data.listunspent));
    fs.writeFileSync(f('prev.txt'), data.prevTxs);
  };
  return { dir, f, data, op, ready };
}
