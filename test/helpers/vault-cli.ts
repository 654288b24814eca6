/** Black-box checks shared by the vault ceremonies (test/e2e). */
import { expect } from 'vitest';
import * as btc from '@scure/btc-signer';
import { schnorr } from '@noble/curves/secp256k1.js';
import { hex } from '@scure/base';
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

/**
 * Check every input of a finalized taproot-vault spend (`tr(NUMS,sortedmulti_a(k,…))`, n keys)
 * independently with @scure/btc-signer: the witness is n signature items (the last key's first,
 * empty for an absent key), the leaf and its control block; the leaf is a k-of-n multi_a that opens
 * the spent output under BIP341's unspendable internal key, and each of the k signatures verifies
 * (noble's Schnorr) against btc-signer's script-path digest. Returns the parsed transaction.
 */
export function expectTapVaultSpend(txHex: string, prevouts: Map<string, { script: Uint8Array; amount: bigint }>, k: number, n: number): btc.Transaction {
  const tx = btc.Transaction.fromRaw(hex.decode(txHex), { allowUnknownOutputs: true });
  const prevs = Array.from({ length: tx.inputsLength }, (_, i) => prevouts.get(`${hex.encode(tx.getInput(i).txid!)}:${tx.getInput(i).index}`)!);
  for (let i = 0; i < tx.inputsLength; i++) {
    const w = tx.getInput(i).finalScriptWitness!;
    expect(w).toHaveLength(n + 2);
    const [cb, leaf] = [w[w.length - 1]!, w[w.length - 2]!];
    const keyAt = (j: number) => leaf.subarray(1 + 34 * j, 33 + 34 * j);
    const parsed = btc.p2tr_ms(k, Array.from({ length: n }, (_, j) => keyAt(j)));
    expect(hex.encode(parsed.script)).toBe(hex.encode(leaf));
    const opened = btc.p2tr(btc.TAPROOT_UNSPENDABLE_KEY, { script: leaf }, undefined, true);
    expect(hex.encode(opened.script)).toBe(hex.encode(prevs[i]!.script));
    expect(hex.encode(cb)).toBe(hex.encode(btc.TaprootControlBlock.encode(opened.tapLeafScript![0]![0])));
    const digest = tx.preimageWitnessV1(i, prevs.map((p) => p.script), btc.SigHash.DEFAULT, prevs.map((p) => p.amount), undefined, leaf, 0xc0);
    // Witness stack: the signature for the LAST key of the script comes first (it is popped last).
    const keys = Array.from({ length: n }, (_, j) => keyAt(n - 1 - j));
    const sigs = w.slice(0, n);
    expect(sigs.filter((s) => s.length === 64)).toHaveLength(k);
    expect(sigs.filter((s) => s.length === 0)).toHaveLength(n - k);
    sigs.forEach((s, j) => {
      if (s.length) expect(schnorr.verify(s, digest, keys[j]!)).toBe(true);
    });
  }
  return tx;
}
