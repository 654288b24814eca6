/**
 * `coldkit shares combine`: rebuild the seed from shares with every check (set, duplicates,
 * count, integrity tag). Prints the master fingerprint and first address only; `--reveal` prints
 * the mnemonic (a real recovery), `--mnemonic-out FILE` writes it with mode 0600.
 */
import { recoveredMnemonic, schemeById } from '../../core/shares/schemes.js';
import { walletCard, type WalletCard } from '../../core/hd/wallet-card.js';
import type { Action } from '../command.js';
import { assertWritable, writeFileAtomic } from '../io.js';
import { btcNetwork } from '../network-option.js';
import { renderNumberedWords, renderWalletCard } from '../render/wallet-card.js';
import { readPassphrase } from '../secrets.js';
import { checkStdinUse, readShares } from '../shares/read-shares.js';
import type { sharesCombine } from '../commands/shares.js';

interface Result {
  format: 'v1' | 'sskr';
  setWords: string;
  setId: string;
  threshold: number;
  count?: number;
  shares: string[];
  sources: string[];
  wordCount: number;
  fingerprint: string;
  walletCard: WalletCard;
  words?: string[];
  mnemonicFile?: string;
}

const action: Action<typeof sharesCombine> = async (opts, ctx) => {
  if (opts.mnemonicOut) assertWritable(opts.mnemonicOut, '--mnemonic-out');
  checkStdinUse(opts, ctx);
  const read = await readShares(opts, ctx, 'combine');
  const got = await read.scheme.combine(read.shares);
  const sources = read.shares.map((s) => s.label);
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
export default action;
