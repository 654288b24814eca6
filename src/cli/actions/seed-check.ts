/** `coldkit seed check`: validate a mnemonic and show its fingerprint and wallet card. */
import { VerificationError, InputError } from '../../core/errors.js';
import { walletCard, type WalletCard } from '../../core/hd/wallet-card.js';
import type { Action } from '../command.js';
import { writeFileAtomic, assertWritable } from '../io.js';
import { btcNetwork } from '../network-option.js';
import { renderWalletCard } from '../render/wallet-card.js';
import { readMnemonic, readPassphrase } from '../secrets.js';
import type { seedCheck } from '../commands/seed.js';

interface Result {
  valid: true;
  wordCount: number;
  fingerprint: string;
  walletCard: WalletCard;
  cardFile?: string;
}

const action: Action<typeof seedCheck> = async (opts, ctx) => {
  if (opts.expectFingerprint && !/^[0-9a-fA-F]{8}$/.test(opts.expectFingerprint)) {
    throw new InputError('must be 8 hex characters', '--expect-fingerprint');
  }
  if (opts.card) assertWritable(opts.card, '--card');
  const m = await readMnemonic(opts, ctx);
  const passphrase = await readPassphrase(opts, ctx);
  const card = walletCard(m.phrase, passphrase, btcNetwork(ctx));
  if (opts.expectFingerprint && opts.expectFingerprint.toLowerCase() !== card.fingerprint) {
    throw new VerificationError(`fingerprint is ${card.fingerprint}, expected ${opts.expectFingerprint.toLowerCase()}: these words${passphrase ? ' and passphrase' : ''} are another wallet`);
  }
  const result: Result = { valid: true, wordCount: m.words.length, fingerprint: card.fingerprint, walletCard: card };
  if (opts.card) {
    writeFileAtomic(opts.card, JSON.stringify(card, null, 2) + '\n');
    result.cardFile = opts.card;
  }
  return {
    result,
    journal: [{ op: 'seed.check', data: { words: m.words.length, fingerprint: card.fingerprint, passphrase: card.passphrase, network: card.network, xpub: card.bip84.xpub, expected: opts.expectFingerprint?.toLowerCase() ?? null } }],
    human: (r) =>
      [`Mnemonic is valid: ${r.wordCount} words, checksum correct.`, `Master fingerprint: ${r.fingerprint}`, renderWalletCard(r.walletCard), ...(r.cardFile ? [`Wallet card written to ${r.cardFile}`] : [])].join('\n'),
  };
};
export default action;
