/** The signer's fee limits from `--max-fee-rate` (sat/vB) and `--max-fee-percent`, parsed strictly as decimals, and the overrides given. */
import { parseDecimal } from '../../core/amount.js';
import { InputError } from '../../core/errors.js';
import { PSBT_OVERRIDABLE, type FeeLimits } from '../../core/btc/sign-limits.js';
import type { psbtSign } from '../commands/psbt.js';
import type { OptionsOf } from '../options/spec.js';
import { allowedCodes } from '../overrides.js';

/** Options that shape the policy: the limits (their defaults are in psbt sign's table) and the overrides given. */
export type PolicyFlags = OptionsOf<typeof psbtSign>;

/** The fee limits and the finding codes the operator allowed. */
export function policyFrom(o: PolicyFlags): { limits: FeeLimits; allow: Set<string> } {
  const maxFeeRateMsat = parseDecimal(o.maxFeeRate, 3, '--max-fee-rate');
  const maxFeePercentHundredths = parseDecimal(o.maxFeePercent, 2, '--max-fee-percent');
  if (maxFeePercentHundredths > 10000n) throw new InputError('must be at most 100', '--max-fee-percent');
  return { limits: { maxFeeRateMsat, maxFeePercentHundredths }, allow: allowedCodes(o, PSBT_OVERRIDABLE) };
}
