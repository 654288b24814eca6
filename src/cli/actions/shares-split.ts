/**
 * `coldkit shares split`: split an existing seed into T-of-N shares (v1 or SSKR). Not SLIP-39: an
 * existing BIP39 wallet cannot become SLIP-39 shares of the same wallet (see
 * src/core/shares/slip39-scheme.ts); a new SLIP-39 wallet is `seed new --split T-of-N --format slip39`.
 */
import { InputError } from '../../core/errors.js';
import { walletCard } from '../../core/hd/wallet-card.js';
import type { Action } from '../command.js';
import { btcNetwork } from '../network-option.js';
import { readMnemonic, readPassphrase } from '../secrets.js';
import { checkSplitRequest, runSplit } from '../shares/split-flow.js';
import type { sharesSplit } from '../commands/shares.js';

const action: Action<typeof sharesSplit> = async (opts, ctx) => {
  if (opts.format === 'slip39') {
    throw new InputError(
      "an existing BIP39 wallet cannot become SLIP-39 shares of the same wallet: SLIP-39 shares hold the wallet's BIP32 seed, and a BIP39 wallet's seed is PBKDF2 of its words (512 bits, which no SLIP-39 wallet accepts). Make a new SLIP-39 wallet with `coldkit seed new --split T-of-N --format slip39` and move the funds, or split these words as v1 or SSKR",
      '--format',
    );
  }
  const plan = { threshold: opts.threshold, count: opts.shares, format: opts.format, labels: opts.labels, out: opts.out, confirm: opts.confirm, reveal: opts.reveal, thresholdFlag: '--threshold' };
  checkSplitRequest(plan, ctx);
  const m = await readMnemonic(opts, ctx);
  const passphrase = await readPassphrase(opts, ctx);
  const card = walletCard(m.phrase, passphrase, btcNetwork(ctx));
  const outcome = await runSplit(
{ ...plan, entropy: m.entropy, card }, ctx);
  m.entropy.fill(0);
  return outcome;
};
export default action;
