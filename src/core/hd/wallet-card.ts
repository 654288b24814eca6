/**
 * The public wallet card: what a custody team files to recognise a seed later without holding
 * it — master fingerprint, BIP84 account xpub, first receive address, and whether a BIP39
 * passphrase is in use (never its value). Drills compare against it.
 */
import type { BtcNetwork } from '../network.js';
import { accountPath, exportAccount } from '../wallet/account.js';
import { masterFingerprint, masterKey, seedFromMnemonic } from './keys.js';

/** The wallet card document (written with `--card FILE`). */
export interface WalletCard {
  kind: 'coldkit/wallet-card';
  version: 1;
  network: string;
  fingerprint: string;
  passphrase: boolean;
  /** With a passphrase: the fingerprint of the same words without it, to tell the two wallets apart. */
  fingerprintWithoutPassphrase?: string;
  bip84: { path: string; xpub: string; zpub?: string; descriptor: string; firstAddress: string };
}

/** Make the wallet card for a checked mnemonic phrase and optional passphrase. */
export function walletCard(phrase: string, passphrase: string, net: BtcNetwork): WalletCard {
  const root = masterKey(seedFromMnemonic(phrase, passphrase), net);
  const acc = exportAccount(root, net, 'wpkh', accountPath('wpkh', net, 0), 1);
  const card: WalletCard = {
    kind: 'coldkit/wallet-card',
    version: 1,
    network: net.name,
    fingerprint: masterFingerprint(root),
    passphrase: passphrase.length > 0,
    bip84: { path: acc.path, xpub: acc.xpub, zpub: acc.slip132, descriptor: acc.descriptors.receive, firstAddress: acc.addresses[0]!.address },
  };
  if (passphrase.length > 0) card.fingerprintWithoutPassphrase = masterFingerprint(masterKey(seedFromMnemonic(phrase, ''), net));
  root.wipePrivateData();
  return card;
}
