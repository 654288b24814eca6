/** The signer's fee limits from `--max-fee-rate` (sat/vB) and `--max-fee-percent`, parsed strictly as decimals. */
import { parseDecimal } from '../../core/amount.js';
import { InputError } from '../../core/errors.js';
import type { Override, SignPolicy } from '../../core/btc/policy.js';

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

/** Build the signing policy; defaults 500 sat/vB and 5%. */
export function policyFrom(o: PolicyFlags): SignPolicy {
  const maxFeeRateMsat = parseDecimal(o.maxFeeRate ?? '500', 3, '--max-fee-rate');
  const maxFeePercentHundredths = parseDecimal(o.maxFeePercent ?? '5', 2, '--max-fee-percent');
  if (maxFeePercentHundredths > 10000n) throw new InputError('must be at most 100', '--max-fee-percent');
  const allow = new Set<Override>();
  if (o.allowUnverifiedChange) allow.add('unverified-change');
  if (o.allowUnprovenAmounts) allow.add('unproven-amounts');
  if (o.allowHighFee) allow.add('high-fee');
  if (o.allowSighash) allow.add('sighash');
  if (o.allowNetworkMismatch) allow.add('network-mismatch');
  return { maxFeeRateMsat, maxFeePercentHundredths, allow };
}
