/**
 * What a caller of the PSBT signer may set, with the defaults every caller shares: the fee
 * limits (`psbt sign --max-fee-rate/--max-fee-percent` show them as their defaults, and
 * `psbt inspect`/`psbt create` review at them) and the finding codes an operator may override.
 * Light on purpose: the CLI's option table imports it, so `--help` loads no signer code.
 */

/** The signer's fee limits. */
export interface FeeLimits {
  /** Highest fee rate, in milli-sat per vB (500 sat/vB = 500000). */
  maxFeeRateMsat: bigint;
  /** Highest fee as hundredths of a percent of the amount sent (5% = 500). */
  maxFeePercentHundredths: bigint;
}

/** The limits applied unless told otherwise: 500 sat/vB and 5%. */
export const DEFAULT_FEE_LIMITS: FeeLimits = { maxFeeRateMsat: 500_000n, maxFeePercentHundredths: 500n };

/** Finding codes an operator may override when signing a PSBT (the CLI's flag is `--allow-<code>`). */
export const PSBT_OVERRIDABLE = ['network-mismatch', 'unverified-change', 'unproven-amounts', 'high-fee', 'sighash', 'unregistered-vault'] as const;
