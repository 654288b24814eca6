/** The signer's fee limits from `--max-fee-rate` (sat/vB) and `--max-fee-percent`, parsed strictly as decimals, and the overrides given. */
import { parseBtc, parseDecimal } from '../../core/amount.js';
import { InputError } from '../../core/errors.js';
import { PSBT_OVERRIDABLE, type FeeLimits } from '../../core/btc/sign-limits.js';
import type { psbtSign } from '../commands/psbt.js';
import type { OptionsOf } from '../options/spec.js';
import { allowedCodes } from '../overrides.js';

/** Options that shape the policy: the limits (their defaults are in psbt sign's table) and the overrides given. */
export type PolicyFlags = OptionsOf<typeof psbtSign>;

/** The fee limits (rate, share, absolute), the change index limit and the finding codes the operator allowed. */
export function policyFrom(o: PolicyFlags): { limits: FeeLimits; allow: Set<string> } {
  const maxFeeRateMsat = parseDecimal(o.maxFeeRate, 3, '--max-fee-rate');
  const maxFeePercentHundredths = parseDecimal(o.maxFeePercent, 2, '--max-fee-percent');
  if (maxFeePercentHundredths > 10000n) throw new InputError('must be at most 100', '--max-fee-percent');
  const maxFeeSat = parseBtc(o.maxFee, '--max-fee');
  const maxChangeIndex = Number(o.maxChangeIndex);
  if (!/^\d+$/.test(o.maxChangeIndex) || maxChangeIndex >= 0x80000000) throw new InputError('must be a whole number below 2^31', '--max-change-index');
  return { limits: { maxFeeRateMsat, maxFeePercentHundredths, maxFeeSat, maxChangeIndex }, allow: allowedCodes(o, PSBT_OVERRIDABLE) };
}
