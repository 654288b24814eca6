/** Human rendering of the public wallet card. */
import type { WalletCard } from '../../core/hd/wallet-card.js';

/** Lines describing a wallet card. */
export function renderWalletCard(card: WalletCard): string {
  const lines = [
    `Wallet card (public; ${card.network}):`,
    `  master fingerprint   ${card.fingerprint}${card.passphrase ? '  (with passphrase)' : ''}`,
  ];
  if (card.fingerprintWithoutPassphrase) lines.push(`  without passphrase   ${card.fingerprintWithoutPassphrase}  (a different wallet)`);
  lines.push(
    `  passphrase           ${card.passphrase ? 'yes (not recorded)' : 'no'}`,
    `  BIP84 account        ${card.bip84.path}`,
    `  account xpub         ${card.bip84.xpub}`,
    ...(card.bip84.zpub ? [`  SLIP-132 form        ${card.bip84.zpub}`] : []),
    `  first address        ${card.bip84.firstAddress}`,
  );
  return lines.join('\n');
}

/** Words numbered in columns for writing down. */
export function renderNumberedWords(words: string[]): string {
  const rows = Math.ceil(words.length / 3);
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) {
    const cells: string[] = [];
    for (let c = 0; c < 3; c++) {
      const i = c * rows + r;
      if (i < words.length) cells.push(`${String(i + 1).padStart(2)}. ${words[i]!.padEnd(10)}`);
    }
    lines.push('  ' + cells.join('   '));
  }
  return lines.join('\n');
}
