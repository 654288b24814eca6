/** Black-box checks shared by the vault ceremonies (test/e2e). */
import { expect } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Wallet } from '../../src/core/wallet/wallet.js';
import { runCli } from './cli.js';
import { payee } from './regtest-data.js';
import { vaultUtxos } from './vault-data.js';

/** What `wallet create --json` says of a vault, as far as `wallet show` must repeat it. */
export interface VaultIdentity {
  id: string;
  words: string;
  descriptor: string;
  firstAddresses: unknown;
}

/** `wallet show FILE --json` of each export names the same vault: id, words, descriptor and first addresses. */
export async function expectExportsShowVault(globals: string[], files: string[], v: VaultIdentity): Promise<void> {
  for (const file of files) {
    const show = await runCli([...globals, '--json', 'wallet', 'show', file]);
    expect(show.code, `${file}: ${show.stderr}`).toBe(0);
    expect(show.json()).toMatchObject({ id: v.id, words: v.words, descriptor: v.descriptor, firstAddresses: v.firstAddresses });
  }
}

/**
 * Fund `wallet` on regtest with `funds` (listunspent and previous transactions written into `dir`)
 * and run `psbt create --wallet VAULT` paying 0.0022 BTC at 2 sat/vB into dir/u.psbt; returns the
 * create run (asserted exit 0) and the funding.
 */
export async function createVaultPsbt(globals: string[], dir: string, vaultFile: string, wallet: Wallet, funds: { branch: number; index: number; sats: bigint }[]) {
  const f = (n: string) => path.join(dir, n);
  const u = vaultUtxos(wallet, funds);
  fs.writeFileSync(f('utxos.json'), JSON.stringify(u.listunspent));
  fs.writeFileSync(f('prev.txt'), u.prevTxs);
  const made = await runCli([...globals, '--json', 'psbt', 'create', '--wallet', vaultFile, '--utxos', f('utxos.json'), '--prev-txs', f('prev.txt'), '--to', `${payee()}:0.0022`, '--fee-rate', '2', '--out', f('u.psbt')]);
  expect(made.code, made.stderr).toBe(0);
  return { made, u };
}
