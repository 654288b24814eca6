/**
 * `coldkit shares combine`: rebuild the seed from shares with every check (set, duplicates,
 * count, integrity tag). Prints the master fingerprint and first address only; `--reveal` prints
 * the mnemonic (a real recovery), `--mnemonic-out FILE` writes it with mode 0600. SLIP-39 shares
 * rebuild a BIP32 seed (decrypted with the SLIP-39 passphrase), which has no words: the result is
 * its fingerprint and card, and other commands use the shares with `--slip39-file`.
 */
import { InputError } from '../../core/errors.js';
import { recoveredMnemonic, schemeById } from '../../core/shares/schemes.js';
import { walletCard, walletCardOfSeed, type WalletCard } from '../../core/hd/wallet-card.js';
import type { SchemeId } from '../../core/shares/scheme.js';
import type { Action, Context, Outcome } from '../command.js';
import { assertWritable, writeFileAtomic } from '../io.js';
import { btcNetwork } from '../network-option.js';
import { renderNumberedWords, renderWalletCard } from '../render/wallet-card.js';
import { readPassphrase } from '../secrets.js';
import { checkStdinUse, readShares } from '../shares/read-shares.js';
import type { sharesCombine } from '../commands/shares.js';

interface Result {
  format: SchemeId;
  setWords: string;
  setId: string;
  threshold: number;
  count?: number;
  shares: string[];
  sources: string[];
  /** BIP39 schemes: the words of the rebuilt seed. */
  wordCount?: number;
  /** SLIP-39: bits of the master secret (the BIP32 seed). */
  secretBits?: number;
  fingerprint: string;
  walletCard: WalletCard;
  words?: string[];
  mnemonicFile?: string;
}

const action: Action<typeof sharesCombine> = async (opts, ctx) => {
  if (opts.mnemonicOut) assertWritable(opts.mnemonicOut, '--mnemonic-out');
  checkStdinUse(opts, ctx);
  const read = await readShares(opts, ctx, 'combine');
  const sources = read.shares.map((s) => s.label);
  if (read.scheme.id === 'slip39') {
    if (opts.reveal || opts.mnemonicOut) {
      throw new InputError('SLIP-39 shares rebuild a BIP32 seed, which has no BIP39 words to show or write; give the shares to other commands with --slip39-file (psbt sign, account export, derive, btc sign-message …)', opts.reveal ? '--reveal' : '--mnemonic-out');
    }
    return combineSlip39(read, sources, opts, ctx);
  }
  const got = await read.scheme.combine(read.shares);
  const phrase = recoveredMnemonic(got);
  ctx.addSecret(phrase);
  const passphrase = await readPassphrase(opts, ctx);
  const card = walletCard(phrase, passphrase, btcNetwork(ctx));
  const result: Result = {
    format: got.scheme,
    setWords: got.setWords,
    setId: got.setId,
    threshold: got.threshold,
    ...(got.count ? { count: got.count } : {}),
    shares: got.used,
    sources,
    wordCount: phrase.split(' ').length,
    fingerprint: card.fingerprint,
    walletCard: card,
  };
  if (opts.mnemonicOut) {
    writeFileAtomic(opts.mnemonicOut, phrase + '\n', { mode: 0o600 });
    result.mnemonicFile = opts.mnemonicOut;
  }
  if (opts.reveal) {
    result.words = phrase.split(' ');
    ctx.note('coldkit: --reveal: the recovery words are in this output; keep it off any networked machine');
  }
  return {
    result,
    reveals: Boolean(opts.reveal),
    journal: [
      {
        op: 'shares.combine',
        data: {
          format: got.scheme,
          setId: got.setId,
          setWords: got.setWords,
          shares: got.used,
          sources,
          fingerprint: card.fingerprint,
          passphrase: card.passphrase,
          network: card.network,
          revealed: Boolean(opts.reveal),
          ...(opts.mnemonicOut ? { mnemonicWrittenTo: opts.mnemonicOut } : {}),
        },
      },
    ],
    human: (r) => {
      const out = [
        `Rebuilt a ${r.wordCount}-word seed from ${r.shares.length} ${schemeById(r.format, 'format').title} shares of set "${r.setWords}" (${r.format === 'v1' ? `share ${r.shares.join(', ')}` : r.shares.join('; ')}); integrity check passed.`,
      ];
      if (r.words) out.push('', 'RECOVERY WORDS (--reveal):', renderNumberedWords(r.words), '');
      else if (r.mnemonicFile) out.push(`Recovery words written to ${r.mnemonicFile} (mode 0600); they are not shown.`);
      else out.push('The words are not shown (add --reveal for a real recovery, or --mnemonic-out FILE).');
      out.push(`Master fingerprint: ${r.fingerprint}`, renderWalletCard(r.walletCard));
      return out.join('\n');
    },
  };
};
/** SLIP-39: the passphrase decrypts the master secret, which is the BIP32 seed; only public facts come out. */
async function combineSlip39(read: Awaited<ReturnType<typeof readShares>>, sources: string[], opts: { passphrase?: boolean; passphraseFile?: string }, ctx: Context): Promise<Outcome<Result>> {
  const passphrase = await readPassphrase(opts, ctx);
  const got = await read.scheme.combine(read.shares, { passphrase });
  const card = walletCardOfSeed(got.secret, passphrase.length > 0, btcNetwork(ctx));
  const secretBits = got.secret.length * 8;
  got.secret.fill(0);
  const result: Result = { format: got.scheme, setWords: got.setWords, setId: got.setId, threshold: got.threshold, shares: got.used, sources, secretBits, fingerprint: card.fingerprint, walletCard: card };
  return {
    result,
    journal: [
      {
        op: 'shares.combine',
        data: { format: got.scheme, setId: got.setId, setWords: got.setWords, shares: got.used, sources, fingerprint: card.fingerprint, passphrase: card.passphrase, network: card.network, revealed: false },
      },
    ],
    human: (r) =>
      [
        `Rebuilt a ${r.secretBits}-bit SLIP-39 master secret (the wallet's BIP32 seed) from ${r.shares.length} shares of set "${r.setWords}" (${r.shares.join('; ')}); digest check passed.`,
        'SLIP-39 has no BIP39 words; use the shares with --slip39-file in other commands. Any passphrase gives a wallet: check the fingerprint.',
        `Master fingerprint: ${r.fingerprint}`,
        renderWalletCard(r.walletCard),
      ].join('\n'),
  };
}
export default action;
