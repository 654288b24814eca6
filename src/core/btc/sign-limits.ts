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
  /**
   * Highest fee in sat, whatever the rate or share: a small share of a large amount is still a
   * fortune when the transaction is inflated (a 95 kB OP_RETURN keeps the rate low). Optional for
   * callers that predate it (default `DEFAULT_FEE_LIMITS.maxFeeSat`).
   */
  maxFeeSat?: bigint;
  /**
   * Highest index on the change chain an output may have and still be our change (a watch-only
   * wallet scans a gap limit of some tens; 2,000,000,000 would strand the coins). Optional
   * (default `DEFAULT_FEE_LIMITS.maxChangeIndex`).
   */
  maxChangeIndex?: number;
}

/** The limits applied unless told otherwise: 500 sat/vB, 5%, 0.01 BTC, change index 100,000. */
export const DEFAULT_FEE_LIMITS: Required<FeeLimits> = { maxFeeRateMsat: 500_000n, maxFeePercentHundredths: 500n, maxFeeSat: 1_000_000n, maxChangeIndex: 100_000 };

/** Finding codes an operator may override when signing a PSBT (the CLI's flag is `--allow-<code>`). */
export const PSBT_OVERRIDABLE = ['network-mismatch', 'unverified-change', 'change-outside-wallet', 'unproven-amounts', 'high-fee', 'sighash', 'op-return-size', 'dust-output', 'unregistered-vault', 'retired-key'] as const;
