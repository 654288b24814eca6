/**
 * Vault test data: three cosigners from the published BIP39 test mnemonics (their BIP48 keys
 * derived here with @scure/bip32), and funding transactions paying to a vault's addresses with the
 * `bitcoin-cli listunspent` JSON and `getrawtransaction` hex a node would print for them.
 */
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { hex } from '@scure/base';
import { OutScript, Transaction } from '@scure/btc-signer';
import type { Wallet } from '../../src/core/wallet/wallet.js';
import { createPsbt } from '../../src/core/btc/create.js';
import { parsePrevTxs } from '../../src/core/btc/prev-txs.js';
import { parseRecipient } from '../../src/core/btc/recipient.js';
import { parseListUnspent } from '../../src/core/btc/utxos.js';
import { NETWORKS } from '../../src/core/network.js';
import { rawFunding } from './regtest-data.js';

/** The published test mnemonics used as cosigners (BIP39 vectors, no passphrase), and two more for 3-of-5. */
export const COSIGNER_MNEMONICS = [
  'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about',
  'legal winner thank year wave sausage worth useful legal winner thank yellow',
  'letter advice cage absurd amount doctor acoustic avoid letter advice cage above',
  'zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo wrong',
  'all all all all all all all all all all all all',
];

const TPUB = { public: 0x043587cf, private: 0x04358394 };

/** The `[fp/48h/1h/0h/T h]tpub` key expression of a test mnemonic (test networks). */
export function cosignerKey(mnemonic: string, scriptType: 1 | 2 | 3): string {
  const root = HDKey.fromMasterSeed(mnemonicToSeedSync(mnemonic), TPUB);
  const acct = root.derive(`m/48'/1'/0'/${scriptType}'`);
  return `[${root.fingerprint.toString(16).padStart(8, '0')}/48h/1h/0h/${scriptType}h]${acct.publicExtendedKey}`;
}

/** listunspent JSON and prev-txs hex paying `sats` to each of the vault's addresses at branch/index. */
export function vaultUtxos(wallet: Wallet, funds: { branch: number; index: number; sats: bigint }[], seed = 0) {
  const entries = funds.map((f, i) => {
    const a = wallet.at(f.branch, f.index);
    const stranger = OutScript.encode({ type: 'wpkh', hash: new Uint8Array(20).fill(9 + i) });
    const tx = rawFunding([{ script: stranger, amount: 12345n }, { script: a.scripts.script, amount: f.sats }], seed * 16 + i);
    return { f, a, tx };
  });
  return {
    listunspent: entries.map((e, i) => ({ txid: e.tx.txid, vout: 1, address: e.a.address, scriptPubKey: hex.encode(e.a.scripts.script), amount: Number(e.f.sats) / 1e8, confirmations: 6 + i, spendable: true, solvable: true, safe: true })),
    prevTxs: entries.map((e) => e.tx.hex).join('\n') + '\n',
    /** "txid:vout" → the output spent, for reference-signer.ts verifyTransaction. */
    prevouts: new Map(entries.map((e) => [`${e.tx.txid}:1`, { script: e.a.scripts.script, amount: e.f.sats }])),
  };
}

/** Testnet payee of the vault signer tests (BIP173's P2WPKH example). */
export const VAULT_TEST_PAYEE = 'tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx';

/**
 * An unsigned testnet PSBT from vault `w` made by the real createPsbt: one UTXO per amount in
 * `sats` (alternating receive/change branches, indices 0, 3, 6 …), paying `to` sats to
 * VAULT_TEST_PAYEE at 3 sat/vB with change at output 1. Returns the funding data too.
 */
export function unsignedVaultPsbt(w: Wallet, sats: bigint[] = [150_000n, 70_000n], to = 180_000n): { psbt: Uint8Array; u: ReturnType<typeof vaultUtxos> } {
  const u = vaultUtxos(w, sats.map((s, i) => ({ branch: i % 2, index: i * 3, sats: s })));
  const psbt = createPsbt({
    wallet: w,
    utxos: parseListUnspent(JSON.stringify(u.listunspent)),
    recipients: [parseRecipient(`${VAULT_TEST_PAYEE}:${Number(to) / 1e8}`, NETWORKS.testnet)],
    rateMsat: 3000n,
    prevTxs: parsePrevTxs(u.prevTxs),
    rbf: true,
    lockTime: 0,
    gapLimit: 20,
    changePosition: () => 1,
  }).psbt;
  return { psbt, u };
}

/** Every k-subset of [0..n), as index lists. */
export function subsets(n: number, k: number): number[][] {
  if (k === 0) return [[]];
  if (n < k) return [];
  return [...subsets(n - 1, k - 1).map((s) => [...s, n - 1]), ...subsets(n - 1, k)];
}

/** One output of a btc-signer Transaction, as getOutput returns it. */
type TxOutput = ReturnType<Transaction['getOutput']>;

/**
 * The PSBT with its change output (index 1) replaced by what `change` makes of the original (a
 * hostile coordinator's swap: another script, the original derivation claims kept or not).
 */
export function withChangeOutput(psbt: Uint8Array, change: (original: TxOutput) => Parameters<Transaction['addOutput']>[0]): Uint8Array {
  const tx = Transaction.fromPSBT(psbt);
  const out = new Transaction({ version: tx.version, lockTime: tx.lockTime });
  for (let i = 0; i < tx.inputsLength; i++) out.addInput(tx.getInput(i));
  for (let i = 0; i < tx.outputsLength; i++) {
    const o = tx.getOutput(i);
    out.addOutput(i === 1 ? change(o) : { script: o.script!, amount: o.amount! });
  }
  return out.toPSBT();
}
