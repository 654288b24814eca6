/**
 * `coldkit seed new`: RNG self-test, entropy from the OS CSPRNG (optionally mixed with dice, or
 * dice only), the words to write down, the master fingerprint and the public wallet card.
 */
import { InputError } from '../../core/errors.js';
import { checkRolls, diceOnlyEntropy, mixDiceEntropy, parseRolls, rollsNeeded, type DiceStats } from '../../core/bip39/dice.js';
import { entropyBytesFor, mnemonicFromEntropy } from '../../core/bip39/mnemonic.js';
import { rngSelfTest } from '../../core/bip39/rng-health.js';
import { walletCard, walletCardOfSeed, type WalletCard } from '../../core/hd/wallet-card.js';
import { descriptorChecksum } from '../../core/hd/checksum.js';
import type { Action } from '../command.js';
import { readInputText, writeFileAtomic, assertWritable } from '../io.js';
import { btcNetwork } from '../network-option.js';
import { renderNumberedWords, renderWalletCard } from '../render/wallet-card.js';
import { readPassphrase } from '../secrets.js';
import type { seedNew } from '../commands/seed.js';

interface Result {
  words?: string[];
  wordCount: number;
  entropySource: 'csprng' | 'csprng+dice' | 'dice-only';
  bitsCredited: { csprng: number; dice: number };
  dice?: Omit<DiceStats, 'faces'>;
  rngSelfTest: 'passed';
  fingerprint: string;
  walletCard: WalletCard;
  mnemonicFile?: string;
  cardFile?: string;
  /** --seedqr: where the CompactSeedQR PNG was written. */
  seedqrFile?: string;
}

const action: Action<typeof seedNew> = async (opts, ctx) => {
  const wordCount = Number(opts.words);
  const bytes = entropyBytesFor(wordCount);
  if (opts.diceOnly && !opts.dice && !opts.diceRolls) throw new InputError('--dice-only needs rolls: add --dice or --dice-rolls FILE', '--dice-only');
  if (opts.dice && opts.diceRolls) throw new InputError('give --dice or --dice-rolls, not both', '--dice');
  if (opts.diceRolls === '-' && opts.passphraseFile === '-') {
    throw new InputError('stdin cannot carry both the dice rolls and the passphrase; use a file for one of them', '--passphrase-file');
  }
  if (opts.slip39Extendable && opts.format !== 'slip39') throw new InputError('only applies to SLIP-39 shares: add --format slip39', '--slip39-extendable');
  if (opts.split && opts.format === 'slip39') {
    if (wordCount !== 12 && wordCount !== 24) throw new InputError('a SLIP-39 wallet has a 128- or 256-bit master secret: --words 12 or 24', '--words');
    if (opts.passphrase || opts.passphraseFile) throw new InputError('a SLIP-39 passphrase is not set at the split here; make the wallet without one (a Trezor can add its own passphrase later)', '--passphrase');
  }
  if (opts.seedqr && wordCount !== 12 && wordCount !== 24) throw new InputError('a SeedQR holds 12 or 24 words: add --words 12 or --words 24', '--seedqr');
  if (ctx.globals.json && !opts.reveal && !opts.mnemonicOut && !opts.seedqr && !opts.split) {
    throw new InputError('--json output does not include the words; add --reveal to include them, or --mnemonic-out FILE (or --seedqr PNG), so the new seed is not lost', '--json');
  }
  if (!opts.split && (opts.labels || opts.out || opts.confirm)) throw new InputError('--labels, --out and --confirm need --split T-of-N', '--split');
  if (opts.split) (await import('../shares/present.js')).checkPresentOptions({ ...opts, split: opts.split }, ctx);
  if (opts.mnemonicOut) assertWritable(opts.mnemonicOut, '--mnemonic-out');
  if (opts.card) assertWritable(opts.card, '--card');
  if (opts.seedqr) assertWritable(opts.seedqr, '--seedqr');

  // Fail closed: no seed from a source that fails the health test.
  rngSelfTest(ctx.random);

  let rolls: string | undefined;
  if (opts.diceRolls) rolls = parseRolls(await readInputText(opts.diceRolls, '--dice-rolls', ctx.io), '--dice-rolls');
  else if (opts.dice) {
    if (!ctx.prompt.interactive) throw new InputError('typing die rolls needs a terminal; give them in a file with --dice-rolls FILE (or - for stdin)', '--dice');
    const { promptRolls } = await import('../dice-prompt.js');
    rolls = await promptRolls(ctx, rollsNeeded(bytes * 8), bytes * 8);
  }
  let stats: DiceStats | undefined;
  let entropy: Uint8Array;
  let source: Result['entropySource'] = 'csprng';
  if (rolls !== undefined) {
    ctx.addSecret(rolls);
    stats = checkRolls(rolls, bytes * 8, Boolean(opts.allowBiasedDice), opts.diceRolls ? '--dice-rolls' : '--dice');
    if (opts.diceOnly) {
      entropy = diceOnlyEntropy(rolls, bytes);
      source = 'dice-only';
    } else {
      entropy = mixDiceEntropy(ctx.random(32), rolls, bytes);
      source = 'csprng+dice';
    }
  } else {
    entropy = ctx.random(bytes);
  }
  const phrase = mnemonicFromEntropy(entropy);
  ctx.addSecret(phrase);
  const passphrase = await readPassphrase(opts, ctx);
  const net = btcNetwork(ctx);
  // A new SLIP-39 wallet: the entropy is its master secret, which is the BIP32 seed (no BIP39 words).
  const slip39 = Boolean(opts.split) && opts.format === 'slip39';
  const card = slip39 ? walletCardOfSeed(entropy, false, net) : walletCard(phrase, passphrase, net);

  if (opts.split) {
    const { presentSplit } = await import('../shares/present.js');
    return presentSplit(entropy, { ...opts, split: opts.split, source, stats, walletCard: card }, ctx);
  }

  const overrides = stats?.biased ? ['--allow-biased-dice'] : [];
  const result: Result = {
    wordCount,
    entropySource: source,
    bitsCredited: { csprng: source === 'dice-only' ? 0 : bytes * 8, dice: stats?.bitsCredited ?? 0 },
    ...(stats ? { dice: { rolls: stats.rolls, bitsCredited: stats.bitsCredited, biased: stats.biased } } : {}),
    rngSelfTest: 'passed',
    fingerprint: card.fingerprint,
    walletCard: card,
  };
  if (opts.mnemonicOut) {
    writeFileAtomic(opts.mnemonicOut, phrase + '\n', { mode: 0o600 });
    result.mnemonicFile = opts.mnemonicOut;
  } else if (!ctx.globals.json || opts.reveal) {
    result.words = phrase.split(' ');
  }
  if (opts.card) {
    writeFileAtomic(opts.card, JSON.stringify(card, null, 2) + '\n');
    result.cardFile = opts.card;
  }
  if (opts.seedqr) {
    // CompactSeedQR (SeedSigner docs/seed_qr): the entropy's bytes, byte mode, error correction L.
    const { renderBinaryVerified, encodePng } = await import('../qr/render.js');
    const { image } = await renderBinaryVerified(entropy, 'L', 'the SeedQR');
    writeFileAtomic(opts.seedqr, await encodePng(image), { mode: 0o600 });
    result.seedqrFile = opts.seedqr;
  }
  if (opts.reveal && result.words) ctx.note('coldkit: --reveal: the recovery words are in this output; keep it off any networked machine');
  return {
    result,
    reveals: Boolean(result.words),
    journal: [
      {
        op: 'seed.new',
        data: {
          words: wordCount,
          entropySource: source,
          bitsCredited: result.bitsCredited,
          ...(stats ? { diceRolls: stats.rolls, diceBiased: stats.biased } : {}),
          rngSelfTest: 'passed',
          fingerprint: card.fingerprint,
          passphrase: card.passphrase,
          network: card.network,
          walletCard: { xpub: card.bip84.xpub, path: card.bip84.path, firstAddress: card.bip84.firstAddress, descriptorChecksum: descriptorChecksum(card.bip84.descriptor.split('#')[0]!) },
          wordsShown: Boolean(result.words),
          ...(result.mnemonicFile ? { mnemonicWrittenTo: result.mnemonicFile } : {}),
          ...(result.seedqrFile ? { seedqrWrittenTo: result.seedqrFile } : {}),
          overrides,
        },
      },
    ],
    human: (r) => {
      const out: string[] = [];
      if (r.words) {
        out.push(
          'RECOVERY WORDS — coldkit shows them because this command exists to show them.',
          'Write them down in order, on paper, now. Anyone who sees them controls the funds.',
          '',
          renderNumberedWords(r.words),
          '',
        );
      } else if (r.mnemonicFile) {
        out.push(`Recovery words written to ${r.mnemonicFile} (mode 0600); they are not shown.`, '');
      }
      out.push(
        `Entropy: ${r.entropySource}; bits credited: CSPRNG ${r.bitsCredited.csprng}, dice ${r.bitsCredited.dice}; RNG self-test passed.`,
        `Master fingerprint: ${r.fingerprint}`,
        renderWalletCard(r.walletCard),
      );
      if (r.cardFile) out.push(`Wallet card written to ${r.cardFile}`);
      if (r.seedqrFile) out.push(`CompactSeedQR written to ${r.seedqrFile} (mode 0600). It IS the seed, a secret like the words: print it for the backup, then delete the file.`);
      return out.join('\n');
    },
  };
};
export default action;
