/**
 * Vault test data: three cosigners from the published BIP39 test mnemonics (their BIP48 keys
 * derived here with @scure/bip32), and funding transactions paying to a vault's addresses with the
 * `bitcoin-cli listunspent` JSON and `getrawtransaction` hex a node would print for them.
 */
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { hex } from '@scure/base';
import { OutScript } from '@scure/btc-signer';
import type { Wallet } from '../../src/core/wallet/wallet.js';
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
