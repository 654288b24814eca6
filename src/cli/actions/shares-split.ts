/** `coldkit shares split`: split an existing seed into T-of-N shares (v1 or SSKR). */
import { walletCard } from '../../core/hd/wallet-card.js';
import type { Action } from '../command.js';
import { btcNetwork } from '../network-option.js';
import { readMnemonic, readPassphrase } from '../secrets.js';
import { checkSplitRequest, runSplit } from '../shares/split-flow.js';
import type { sharesSplit } from '../commands/shares.js';

const action: Action<typeof sharesSplit> = async (opts, ctx) => {
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
