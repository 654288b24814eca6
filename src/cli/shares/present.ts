/**
 * `seed new --split T-of-N`: a new seed that is never shown, only its shares. seed-new.ts has
 * made the entropy and the public wallet card; this hands them to the split ceremony and
 * journals `seed.new` (public facts, `wordsShown: false`) before `shares.split`.
 */
import type { DiceStats } from '../../core/bip39/dice.js';
import { InputError } from '../../core/errors.js';
import { descriptorChecksum } from '../../core/hd/checksum.js';
import type { WalletCard } from '../../core/hd/wallet-card.js';
import type { Context, Outcome } from '../command.js';
import { assertWritable, writeFileAtomic } from '../io.js';
import { checkSplitRequest, parseSplitSpec, runSplit, type SplitResult } from './split-flow.js';

/** The seed-new options that matter here, plus what seed-new computed. */
export interface PresentOptions {
  split: string;
  words: string;
  labels?: string;
  out?: string;
  confirm?: boolean;
  format?: string;
  slip39Extendable?: boolean;
  reveal?: boolean;
  mnemonicOut?: string;
  card?: string;
  source: string;
  stats?: DiceStats;
  walletCard: WalletCard;
}

/** Check the --split options before seed new does any work (no dice asked, no seed made). */
export function checkPresentOptions(opts: Omit<PresentOptions, 'source' | 'walletCard' | 'stats'>, ctx: Context): { threshold: number; count: number } {
  if (opts.mnemonicOut) throw new InputError('--split never writes the words; the shares are the only copy (drop --mnemonic-out)', '--mnemonic-out');
  const { threshold, count } = parseSplitSpec(opts.split);
  checkSplitRequest({ threshold, count, format: opts.format, labels: opts.labels, out: opts.out, confirm: opts.confirm, reveal: opts.reveal, thresholdFlag: '--split' }, ctx);
  if (opts.card) assertWritable(opts.card, '--card');
  return { threshold, count };
}

/** Split `entropy` and hand out the shares; the words themselves are never shown. */
export async function presentSplit(entropy: Uint8Array, opts: PresentOptions, ctx: Context): Promise<Outcome<SplitResult & { cardFile?: string }>> {
  const { threshold, count } = checkPresentOptions(opts, ctx);
  const card = opts.walletCard;
  const bits = entropy.length * 8;
  const outcome = await runSplit(
    {
      entropy,
      card,
      threshold,
      count,
      format: opts.format,
      ...(opts.slip39Extendable ? { extendable: true } : {}),
      labels: opts.labels,
      out: opts.out,
      confirm: opts.confirm,
      reveal: opts.reveal,
      thresholdFlag: '--split',
      before: [
        {
          op: 'seed.new',
          data: {
            words: Number(opts.words),
            entropySource: opts.source,
            bitsCredited: { csprng: opts.source === 'dice-only' ? 0 : bits, dice: opts.stats?.bitsCredited ?? 0 },
            ...(opts.stats ? { diceRolls: opts.stats.rolls, diceBiased: opts.stats.biased } : {}),
            rngSelfTest: 'passed',
            fingerprint: card.fingerprint,
            passphrase: card.passphrase,
            network: card.network,
            walletCard: { xpub: card.bip84.xpub, path: card.bip84.path, firstAddress: card.bip84.firstAddress, descriptorChecksum: descriptorChecksum(card.bip84.descriptor.split('#')[0]!) },
            wordsShown: false,
            split: `${threshold}-of-${count}`,
            overrides: opts.stats?.biased ? ['--allow-biased-dice'] : [],
          },
        },
      ],
    },
    ctx,
  );
  entropy.fill(0);
  if (!opts.card) return outcome;
  writeFileAtomic(opts.card, JSON.stringify(card, null, 2) + '\n');
  const result = { ...outcome.result, cardFile: opts.card };
  return { ...outcome, result, human: (r) => `${outcome.human(r)}\nWallet card written to ${r.cardFile}` };
}
