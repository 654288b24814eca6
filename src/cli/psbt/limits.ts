/** The signer's fee limits from `--max-fee-rate` (sat/vB) and `--max-fee-percent`, parsed strictly as decimals, and the overrides given. */
import { parseDecimal } from '../../core/amount.js';
import { InputError } from '../../core/errors.js';
import { DEFAULT_FEE_LIMITS, PSBT_OVERRIDABLE, type FeeLimits } from '../../core/btc/policy.js';
import { formatDecimal } from '../../core/amount.js';
import { allowedCodes } from '../overrides.js';

/** Options that shape the policy. */
export interface PolicyFlags {
  maxFeeRate?: string;
  maxFeePercent?: string;
  allowUnverifiedChange?: boolean;
  allowUnprovenAmounts?: boolean;
  allowHighFee?: boolean;
  allowSighash?: boolean;
  allowNetworkMismatch?: boolean;
}

/** The fee limits (defaults 500 sat/vB and 5%, src/core/btc/policy.ts) and the finding codes the operator allowed. */
export function policyFrom(o: PolicyFlags): { limits: FeeLimits; allow: Set<string> } {
  const maxFeeRateMsat = parseDecimal(o.maxFeeRate ?? formatDecimal(DEFAULT_FEE_LIMITS.maxFeeRateMsat, 3), 3, '--max-fee-rate');
  const maxFeePercentHundredths = parseDecimal(o.maxFeePercent ?? formatDecimal(DEFAULT_FEE_LIMITS.maxFeePercentHundredths, 2), 2, '--max-fee-percent');
  if (maxFeePercentHundredths > 10000n) throw new InputError('must be at most 100', '--max-fee-percent');
  return { limits: { maxFeeRateMsat, maxFeePercentHundredths }, allow: allowedCodes(o as Record<string, unknown>, PSBT_OVERRIDABLE) };
}
